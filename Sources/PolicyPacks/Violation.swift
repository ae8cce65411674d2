import AccessReasoning
import PolicyLanguage

/// A policy's verdict on one resource, or on the deployment when it names no resource.
public struct Violation: Sendable {
    /// The name of the pack policy, such as `no-public-access`.
    public var policy: String
    public var level: EnforcementLevel
    public var message: String
    /// The resource's address: Pulumi URN, Terraform address or CloudFormation logical ID.
    public var address: String?
    /// The resource's type as the deployment names it, such as `aws:s3/bucketV2:BucketV2`.
    public var type: String?
    /// The resource's ARN, when known.
    public var resource: String?
    public var file: String?
    public var location: SourceLocation?
    /// The finding behind the violation, if any.
    public var finding: Finding?
    /// A request that proves the violation, when it is about access.
    public var witness: Witness?
    /// The statements, lines or values the violation points at, for reports.
    public var details: [String]

    public init(
        policy: String, level: EnforcementLevel, message: String, address: String? = nil, type: String? = nil, resource: String? = nil,
        file: String? = nil, location: SourceLocation? = nil, finding: Finding? = nil, witness: Witness? = nil, details: [String] = []
    ) {
        self.policy = policy
        self.level = level
        self.message = message
        self.address = address
        self.type = type
        self.resource = resource
        self.file = file
        self.location = location
        self.finding = finding
        self.witness = witness
        self.details = details
    }
}
