import PolicyLanguage

/// The kind of configuration that grants access to a resource, as IAM Access Analyzer names
/// its sources.
public enum AccessSourceType: String, Sendable, Hashable, Comparable {
    case policy = "POLICY"
    case bucketACL = "BUCKET_ACL"
    case s3AccessPoint = "S3_ACCESS_POINT"
    case s3AccessPointAccount = "S3_ACCESS_POINT_ACCOUNT"
    case kmsGrant = "KMS_GRANT"
    case lambdaPermission = "LAMBDA_PERMISSION"
    case shareAttribute = "SHARE_ATTRIBUTE"

    public static func < (lhs: AccessSourceType, rhs: AccessSourceType) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}

/// One configuration document that grants access to a resource: a resource policy, or a
/// grant of another kind (an ACL, a KMS grant, a share attribute) written as policy
/// statements, so that it is decided the same way.
public struct AccessDocument: Sendable {
    public var document: PolicyDocument
    public var sourceType: AccessSourceType
    /// The source's identity, such as an access point ARN or a grant ID.
    public var detail: String?

    public init(document: PolicyDocument, sourceType: AccessSourceType, detail: String? = nil) {
        self.document = document
        self.sourceType = sourceType
        self.detail = detail
    }
}

/// A resource and everything that grants access to it, combined the way AWS combines it.
public struct ResourceAccess: Sendable {
    public var resource: String
    public var resourceType: String
    public var ownerAccount: String
    /// ARN patterns that requests to the resource name, such as a bucket and its objects.
    public var requestResources: [String]
    /// The catalog actions that apply to the resource.
    public var actions: [String]
    /// The service prefixes of the resource, whose actions AWS may add later.
    public var services: [String]
    public var documents: [AccessDocument]
    /// S3's `RestrictPublicBuckets`: when the `POLICY` documents are public, only the owner
    /// account and AWS service principals keep the access they grant.
    public var restrictsPublicPolicy = false
    /// The reasons AWS rejects a public grant of a source type at deploy time, such as Block
    /// Public Access refusing a public bucket policy, as sentences for the report.
    public var rejectsPublic: [AccessSourceType: String] = [:]
    /// The reasons AWS rejects the configuration at deploy time whatever its access, such as
    /// an ACL on a bucket whose ACLs are disabled.
    public var rejections: [String] = []
    /// The reason access can never be public here, such as an access point that only accepts
    /// requests from one VPC; nil when it can be.
    public var neverPublicBecause: String?
    /// Whether anonymous callers can never use the resource's actions, as for roles, which
    /// only signed requests may assume.
    public var excludesAnonymousCallers = false
    /// Whether AWS service principals act only for the owner, as for roles, which a service
    /// assumes only after an identity of the owner account passes the role to it.
    public var servicePrincipalsAreInternal = false
    /// Parts of the configuration that are not known, such as a policy computed at deploy
    /// time; any one makes the result unknown.
    public var unknowns: [String] = []

    public init(
        resource: String, resourceType: String, ownerAccount: String, requestResources: [String],
        actions: [String], services: [String], documents: [AccessDocument]
    ) {
        self.resource = resource
        self.resourceType = resourceType
        self.ownerAccount = ownerAccount
        self.requestResources = requestResources
        self.actions = actions
        self.services = services
        self.documents = documents
    }
}
