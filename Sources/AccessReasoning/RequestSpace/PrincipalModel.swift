import PolicyLanguage

/// The kinds of principal a request can come from, as the concrete evaluator knows them.
enum PrincipalKind: Int, CaseIterable, Sendable {
    case anonymous
    case accountRoot
    case roleSession
    case iamUser
    case federatedUser
    /// An AWS service acting for no resource: it carries no source keys.
    case service
    /// An AWS service acting for a resource whose ARN names its account, such as an SNS
    /// topic: `aws:SourceArn` carries the account that `aws:SourceAccount` names.
    case serviceForRegionalResource
    /// An AWS service acting for a resource whose ARN has an empty account field, such as
    /// an S3 bucket: `aws:SourceAccount` names the owner apart from the ARN.
    case serviceForGlobalResource
    case federatedProvider
    case canonicalUser

    /// AWS service principals, with or without a resource they act for.
    var isService: Bool {
        self == .service || self == .serviceForRegionalResource || self == .serviceForGlobalResource
    }

    /// Identities of an AWS account, which carry account, organization and tag keys.
    var isAccountIdentity: Bool {
        switch self {
        case .accountRoot, .iamUser, .roleSession, .federatedUser: return true
        default: return false
        }
    }

    /// The string parts a principal of this kind is made of.
    var components: [PrincipalComponent] {
        switch self {
        case .anonymous: return []
        case .accountRoot: return [.partition, .account]
        case .iamUser: return [.partition, .account, .path, .name, .uniqueID]
        case .roleSession: return [.partition, .account, .path, .name, .session, .uniqueID]
        case .federatedUser: return [.partition, .account, .federatedName]
        case .service: return [.serviceName]
        case .serviceForRegionalResource, .serviceForGlobalResource:
            return [.serviceName, .sourceAccount, .sourcePartition, .sourceService, .sourceRegion, .sourceResource]
        case .federatedProvider: return [.providerName]
        case .canonicalUser: return [.canonicalID]
        }
    }
}

/// One string part of a principal. A principal is a kind plus a value for each of the
/// kind's parts; every principal ARN and identifier is assembled from these parts.
enum PrincipalComponent: Int, CaseIterable, Sendable {
    case partition
    case account
    /// An IAM path: `/` or `/a/b/`.
    case path
    /// The user or role name, without its path.
    case name
    /// The role session name.
    case session
    /// The unique ID of the user (`AIDA…`) or role (`AROA…`).
    case uniqueID
    /// The name of a federated user session.
    case federatedName
    /// The service principal, such as `s3.amazonaws.com`.
    case serviceName
    /// The web identity or SAML provider.
    case providerName
    case canonicalID
    /// The account that owns the resource a service acts for (`aws:SourceAccount`).
    case sourceAccount
    /// The parts of the resource's ARN (`aws:SourceArn`) other than its account.
    case sourcePartition
    case sourceService
    case sourceRegion
    case sourceResource
}

/// One piece of a derived value: literal text or a principal component.
enum TemplatePiece: Sendable {
    case text(String)
    case component(PrincipalComponent)
}

/// The string languages each component ranges over, and how derived keys are assembled.
enum PrincipalModel {
    static let partitions = ["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"]

    /// The values a component can take for a kind.
    static func universe(_ component: PrincipalComponent, kind: PrincipalKind) throws(AutomatonTooLarge) -> StringSet {
        let noSeparator = ScalarSet.allExcept(["/", ":"])
        switch component {
        case .partition:
            return .literals(partitions)
        case .sourceAccount:
            return .regular(try Automaton.repetition(of: ScalarSet(ranges: [0x30...0x39]), minimum: 12, maximum: 12))
        case .sourcePartition:
            return .literals(partitions)
        case .sourceService:
            return .regular(try Automaton.repetition(of: ScalarSet.allExcept([":"]), minimum: 1, maximum: nil))
        case .sourceRegion:
            // A global resource's ARN has an empty region too.
            let region = try Automaton.repetition(of: ScalarSet.allExcept([":"]), minimum: kind == .serviceForGlobalResource ? 0 : 1, maximum: nil)
            return .regular(region)
        case .sourceResource:
            return .regular(try Automaton.repetition(of: .all, minimum: 1, maximum: nil))
        case .account:
            // CloudFront origin access identities are users of the pseudo-account "cloudfront".
            let digits = try Automaton.repetition(of: ScalarSet(ranges: [0x30...0x39]), minimum: 12, maximum: 12)
            return .regular(try Automaton.product(digits, Automaton.literal("cloudfront"), .union))
        case .path:
            let segment = try Automaton.concatenation([
                Automaton.repetition(of: noSeparator, minimum: 1, maximum: nil),
                Automaton.literal("/"),
            ])
            let repeated = try Automaton.concatenation([Automaton.literal("/"), segment.star()])
            return .regular(repeated)
        case .name, .session, .federatedName:
            return .regular(try Automaton.repetition(of: noSeparator, minimum: 1, maximum: nil))
        case .uniqueID:
            let prefix = kind == .roleSession ? "AROA" : "AIDA"
            let tail = try Automaton.repetition(of: ScalarSet(ranges: [0x30...0x39, 0x41...0x5A]), minimum: 1, maximum: nil)
            return .regular(try Automaton.concatenation([Automaton.literal(prefix), tail]))
        case .serviceName:
            return .regular(try Automaton.repetition(of: ScalarSet.allExcept([":"]), minimum: 1, maximum: nil))
        case .providerName, .canonicalID:
            return .regular(try Automaton.repetition(of: .all, minimum: 1, maximum: nil))
        }
    }

    /// Twelve decimal digits, the form of an account ID.
    static let twelveDigits: Automaton = {
        // Thirteen states cannot exceed the state limit.
        (try? Automaton.repetition(of: ScalarSet(ranges: [0x30...0x39]), minimum: 12, maximum: 12)) ?? .constant(true)
    }()

    /// Sublanguages that witnesses prefer, best first, when the component's set meets them.
    static func preferred(_ component: PrincipalComponent) -> [StringSet] {
        switch component {
        case .account, .sourceAccount:
            // Account IDs that the AWS documentation uses in its examples read as examples.
            return [.literal("111122223333"), .literal("444455556666"), .regular(twelveDigits)]
        case .partition, .sourcePartition:
            return [.literal("aws")]
        case .serviceName:
            return [.literal("example.amazonaws.com")]
        default:
            return []
        }
    }

    /// How a principal-derived condition key is assembled for a kind; nil when principals
    /// of that kind do not carry the key.
    static func template(_ key: DerivedKey, kind: PrincipalKind) -> [TemplatePiece]? {
        switch (key, kind) {
        case (.principalARN, .accountRoot):
            return [.text("arn:"), .component(.partition), .text(":iam::"), .component(.account), .text(":root")]
        case (.principalARN, .iamUser):
            return [.text("arn:"), .component(.partition), .text(":iam::"), .component(.account), .text(":user"), .component(.path), .component(.name)]
        case (.principalARN, .roleSession):
            return [.text("arn:"), .component(.partition), .text(":iam::"), .component(.account), .text(":role"), .component(.path), .component(.name)]
        case (.principalARN, .federatedUser):
            return [.text("arn:"), .component(.partition), .text(":sts::"), .component(.account), .text(":federated-user/"), .component(.federatedName)]
        case (.principalAccount, _) where kind.isAccountIdentity, (.callerAccount, _) where kind.isAccountIdentity:
            return [.component(.account)]
        case (.userID, .anonymous):
            return [.text("anonymous")]
        case (.userID, .accountRoot):
            return [.component(.account)]
        case (.userID, .iamUser):
            return [.component(.uniqueID)]
        case (.userID, .roleSession):
            return [.component(.uniqueID), .text(":"), .component(.session)]
        case (.userID, .federatedUser):
            return [.component(.account), .text(":"), .component(.federatedName)]
        case (.userName, .iamUser):
            return [.component(.name)]
        case (.principalType, .anonymous):
            return [.text("Anonymous")]
        case (.principalType, .accountRoot):
            return [.text("Account")]
        case (.principalType, .iamUser):
            return [.text("User")]
        case (.principalType, .roleSession):
            return [.text("AssumedRole")]
        case (.principalType, .federatedUser):
            return [.text("FederatedUser")]
        case (.isAWSService, _) where kind.isAccountIdentity:
            return [.text("false")]
        case (.isAWSService, _) where kind.isService:
            return [.text("true")]
        case (.serviceName, _) where kind.isService:
            return [.component(.serviceName)]
        case (.sourceAccount, .serviceForRegionalResource), (.sourceAccount, .serviceForGlobalResource),
             (.sourceOwner, .serviceForRegionalResource), (.sourceOwner, .serviceForGlobalResource):
            return [.component(.sourceAccount)]
        case (.sourceARN, .serviceForRegionalResource):
            return [.text("arn:"), .component(.sourcePartition), .text(":"), .component(.sourceService), .text(":"),
                    .component(.sourceRegion), .text(":"), .component(.sourceAccount), .text(":"), .component(.sourceResource)]
        case (.sourceARN, .serviceForGlobalResource):
            return [.text("arn:"), .component(.sourcePartition), .text(":"), .component(.sourceService), .text(":"),
                    .component(.sourceRegion), .text("::"), .component(.sourceResource)]
        case (.federatedProvider, .federatedProvider):
            return [.component(.providerName)]
        default:
            return nil
        }
    }
}

/// Condition keys whose values AWS derives from the principal.
enum DerivedKey: CaseIterable, Sendable {
    case principalARN
    case principalAccount
    /// `kms:CallerAccount`: the caller's account, on AWS KMS requests only.
    case callerAccount
    case userID
    case userName
    case principalType
    case isAWSService
    case serviceName
    case federatedProvider
    case sourceAccount
    case sourceOwner
    case sourceARN

    /// Whether a principal of a kind that carries the key may also send requests without it.
    /// AWS services set the source keys when they act for a resource, but not every service
    /// sets every one of them.
    var mayBeAbsent: Bool {
        switch self {
        case .sourceAccount, .sourceOwner, .sourceARN: return true
        default: return false
        }
    }

    /// The derived key a condition key names, if any.
    init?(key: String) {
        switch key {
        case "aws:principalarn": self = .principalARN
        case "aws:principalaccount": self = .principalAccount
        case "kms:calleraccount": self = .callerAccount
        case "aws:userid": self = .userID
        case "aws:username": self = .userName
        case "aws:principaltype": self = .principalType
        case "aws:principalisawsservice": self = .isAWSService
        case "aws:principalservicename": self = .serviceName
        case "aws:federatedprovider": self = .federatedProvider
        case "aws:sourceaccount": self = .sourceAccount
        case "aws:sourceowner": self = .sourceOwner
        case "aws:sourcearn": self = .sourceARN
        default: return nil
        }
    }
}

/// The principal kinds that may carry a condition key which AWS sets only for some
/// principals; nil for keys any request may carry.
enum KeyPresence {
    static let accountIdentities = Set(PrincipalKind.allCases.filter(\.isAccountIdentity))
    static let services = Set(PrincipalKind.allCases.filter(\.isService))

    static func kinds(for key: String) -> Set<PrincipalKind>? {
        switch key {
        case "aws:principalorgid", "aws:principalorgpaths":
            return accountIdentities
        // Users and sessions carry tags; the root user does not.
        case _ where key.hasPrefix("aws:principaltag/"):
            return accountIdentities.subtracting([.accountRoot])
        // AWS sets the source organization keys only when a service acts for a resource.
        case "aws:sourceorgid", "aws:sourceorgpaths":
            return [.serviceForRegionalResource, .serviceForGlobalResource]
        case "aws:principalservicenameslist":
            return services
        // Claims of web identity and SAML providers come only with federated sessions.
        case _ where key.hasPrefix("saml:"):
            return [.federatedProvider]
        case _ where key.prefix(while: { $0 != ":" }).contains("."):
            return [.federatedProvider]
        default:
            return nil
        }
    }
}
