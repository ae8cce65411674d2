import PolicyLanguage

/// One permission of a Lambda function or layer version (`AddPermission`,
/// `AWS::Lambda::Permission`, `aws_lambda_permission`).
public struct LambdaPermission: Sendable {
    public var statementID: String?
    public var action: String
    /// An account ID, a principal ARN, a service principal, or `*`.
    public var principal: String
    public var sourceARN: String?
    public var sourceAccount: String?
    public var principalOrgID: String?
    public var eventSourceToken: String?
    /// For `lambda:InvokeFunctionUrl`: `NONE` or `AWS_IAM`.
    public var functionURLAuthType: String?
    /// The version or alias the permission is for; nil for the unqualified function.
    public var qualifier: String?
    public var location: SourceLocation?

    public init(
        statementID: String? = nil, action: String, principal: String, sourceARN: String? = nil, sourceAccount: String? = nil,
        principalOrgID: String? = nil, eventSourceToken: String? = nil, functionURLAuthType: String? = nil, qualifier: String? = nil,
        location: SourceLocation? = nil
    ) {
        self.statementID = statementID
        self.action = action
        self.principal = principal
        self.sourceARN = sourceARN
        self.sourceAccount = sourceAccount
        self.principalOrgID = principalOrgID
        self.eventSourceToken = eventSourceToken
        self.functionURLAuthType = functionURLAuthType
        self.qualifier = qualifier
        self.location = location
    }

    /// Returns the statement Lambda adds to the function's policy for the permission.
    func statement(resource: String) -> GrantStatement {
        let granted: GrantStatement.Principal
        if principal == "*" {
            granted = .anyone
        } else if principal.hasSuffix(".amazonaws.com") || principal.hasSuffix(".amazonaws.com.cn") {
            granted = .service(principal)
        } else {
            granted = .aws(principal)
        }
        var conditions: [(operatorName: String, key: String, values: [String])] = []
        if let sourceARN { conditions.append(("ArnLike", "AWS:SourceArn", [sourceARN])) }
        if let sourceAccount { conditions.append(("StringEquals", "AWS:SourceAccount", [sourceAccount])) }
        if let principalOrgID { conditions.append(("StringEquals", "aws:PrincipalOrgID", [principalOrgID])) }
        if let eventSourceToken { conditions.append(("StringEquals", "lambda:EventSourceToken", [eventSourceToken])) }
        if let functionURLAuthType { conditions.append(("StringEquals", "lambda:FunctionUrlAuthType", [functionURLAuthType])) }
        return GrantStatement(
            sid: statementID, principals: [granted], actions: [action], resources: [resource], conditions: conditions, location: location)
    }
}

/// A Lambda function or layer version: every permission merged into one resource policy,
/// as Lambda keeps them.
public struct LambdaConfiguration: Sendable {
    public var arn: String
    public var type: ResourceType
    /// A policy given whole, such as one read from `GetPolicy`, before the permissions.
    public var policy: PolicyDocument?
    public var permissions: [LambdaPermission]
    public var unknowns: [String]

    public init(arn: String, isLayerVersion: Bool = false, policy: PolicyDocument? = nil, permissions: [LambdaPermission], unknowns: [String] = []) {
        self.arn = arn
        type = ResourceType.named(isLayerVersion ? "AWS::Lambda::LayerVersion" : "AWS::Lambda::Function")!
        self.policy = policy
        self.permissions = permissions
        self.unknowns = unknowns
    }

    public func access(catalog: ActionCatalog) -> ResourceAccess {
        var documents: [AccessDocument] = []
        if let policy {
            documents.append(AccessDocument(document: policy, sourceType: .policy))
        }
        if !permissions.isEmpty {
            let statements = permissions.map { $0.statement(resource: $0.qualifier.map { "\(arn):\($0)" } ?? arn) }
            documents.append(AccessDocument(document: SyntheticPolicy.document(statements, name: "permissions of \(arn)"), sourceType: .policy))
        }
        return type.access(arn: arn, ownerAccount: ARN(arn)?.account ?? "", documents: documents, unknowns: unknowns, catalog: catalog)
    }
}
