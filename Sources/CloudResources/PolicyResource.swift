import PolicyLanguage

/// A resource whose access is granted by its resource policy alone: an IAM role's trust
/// policy, an SQS queue, SNS topic, Secrets Manager secret, ECR repository, EFS file
/// system, DynamoDB table or stream, Glacier vault or S3 directory bucket.
public struct PolicyResourceConfiguration: Sendable {
    public var arn: String
    public var type: ResourceType
    public var ownerAccount: String
    public var policy: PolicyDocument?
    public var unknowns: [String]

    public init(arn: String, type: ResourceType, ownerAccount: String, policy: PolicyDocument?, unknowns: [String] = []) {
        self.arn = arn
        self.type = type
        self.ownerAccount = ownerAccount
        self.policy = policy
        self.unknowns = unknowns
    }

    public func access(catalog: ActionCatalog) -> ResourceAccess {
        let documents = policy.map { [AccessDocument(document: $0, sourceType: .policy)] } ?? []
        var access = type.access(arn: arn, ownerAccount: ownerAccount, documents: documents, unknowns: unknowns, catalog: catalog)
        // Only signed requests can assume a role, and a service needs the role passed to it.
        access.excludesAnonymousCallers = type.name == "AWS::IAM::Role"
        access.servicePrincipalsAreInternal = type.name == "AWS::IAM::Role"
        return access
    }
}
