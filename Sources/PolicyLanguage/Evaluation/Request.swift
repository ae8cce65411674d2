/// One request to evaluate: who calls which action on which resource, in which context.
public struct Request: Hashable, Sendable, CustomStringConvertible {
    public var principal: RequestPrincipal
    /// The action as `service:Name`; compared without regard to case.
    public var action: String
    /// The resource ARN.
    public var resource: String
    /// The condition keys given for the request. Keys that AWS derives from the principal
    /// (`aws:PrincipalArn`, `aws:PrincipalAccount`, …) are added by `effectiveContext`
    /// unless given here.
    public var context: RequestContext

    public init(principal: RequestPrincipal, action: String, resource: String, context: RequestContext = RequestContext()) {
        self.principal = principal
        self.action = action
        self.resource = resource
        self.context = context
    }

    /// Whether the action belongs to AWS KMS, whose requests carry `kms:CallerAccount`.
    public var isKMSAction: Bool {
        guard let colon = action.firstIndex(of: ":") else { return false }
        return CaseFolding.lowercased(String(action[..<colon])) == "kms"
    }

    /// The context with the keys AWS derives from the principal added where not given.
    public var effectiveContext: RequestContext {
        context.merging(defaults: principalContext)
    }

    /// The keys AWS sets from the principal, per the IAM User Guide's global condition keys.
    /// Organization and tag keys exist only for identities of an AWS account.
    public var principalContext: RequestContext {
        var derived = RequestContext()
        let principal = self.principal
        if let arn = principal.principalARN {
            derived.set("aws:PrincipalArn", arn)
        }
        if let account = principal.account {
            derived.set("aws:PrincipalAccount", account)
            // AWS KMS names the caller's account in its own key, on its own requests.
            if isKMSAction {
                derived.set("kms:CallerAccount", account)
            }
        }
        if principal.isAccountIdentity {
            if let organization = principal.organizationID {
                derived.set("aws:PrincipalOrgID", organization)
            }
            if !principal.organizationPaths.isEmpty {
                derived.set("aws:PrincipalOrgPaths", values: principal.organizationPaths)
            }
        }
        // Users and sessions carry tags; the root user does not.
        if principal.isAccountIdentity, !principal.isAccountRoot {
            for (key, value) in principal.tags {
                derived.set("aws:PrincipalTag/\(key)", value)
            }
        }
        switch principal.identity {
        case .anonymous:
            derived.set("aws:PrincipalType", "Anonymous")
            derived.set("aws:userid", "anonymous")
        case .accountRoot(let account):
            derived.set("aws:PrincipalType", "Account")
            derived.set("aws:userid", account)
            derived.set("aws:PrincipalIsAWSService", "false")
        case .iamUser(let arn):
            derived.set("aws:PrincipalType", "User")
            if let id = principal.effectiveUniqueID { derived.set("aws:userid", id) }
            if let name = ARN(arn)?.resource.split(separator: "/").last {
                derived.set("aws:username", String(name))
            }
            derived.set("aws:PrincipalIsAWSService", "false")
        case .roleSession(_, let sessionName):
            derived.set("aws:PrincipalType", "AssumedRole")
            if let id = principal.effectiveUniqueID { derived.set("aws:userid", "\(id):\(sessionName)") }
            derived.set("aws:PrincipalIsAWSService", "false")
        case .federatedUser(let arn):
            derived.set("aws:PrincipalType", "FederatedUser")
            if let account = principal.account, let name = ARN(arn)?.resource.split(separator: "/").last {
                derived.set("aws:userid", "\(account):\(name)")
            }
            derived.set("aws:PrincipalIsAWSService", "false")
        case .service(let name):
            derived.set("aws:PrincipalIsAWSService", "true")
            derived.set("aws:PrincipalServiceName", name)
        case .federatedProvider(let name):
            derived.set("aws:FederatedProvider", name)
        case .canonicalUser:
            break
        }
        return derived
    }

    public var description: String {
        "\(principal) \(action) \(resource)"
    }
}
