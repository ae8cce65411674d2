import CloudResources
import PolicyLanguage

/// A statement that grants the access of a finding, with where it is written.
public struct FindingSource: Sendable, Hashable {
    public var type: AccessSourceType
    public var detail: String?
    public var file: String?
    public var statementIndex: Int
    public var statementID: String?
    public var location: SourceLocation?

    public static func == (lhs: FindingSource, rhs: FindingSource) -> Bool {
        lhs.type == rhs.type && lhs.detail == rhs.detail && lhs.file == rhs.file
            && lhs.statementIndex == rhs.statementIndex && lhs.statementID == rhs.statementID
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(type)
        hasher.combine(detail)
        hasher.combine(file)
        hasher.combine(statementIndex)
        hasher.combine(statementID)
    }
}

/// A principal as a finding names it: one key of a policy's `Principal` map and its value,
/// such as `AWS` and `*`, or `Federated` and `accounts.google.com`.
public struct FindingPrincipal: Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Comparable {
        case aws = "AWS"
        case federated = "Federated"
        case service = "Service"
        case canonicalUser = "CanonicalUser"

        public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public var kind: Kind
    public var value: String

    public init(_ kind: Kind, _ value: String) {
        self.kind = kind
        self.value = value
    }

    public var isAnyPrincipal: Bool { kind == .aws && value == "*" }

    public var description: String { "{\"\(kind.rawValue)\":\"\(value)\"}" }

    public static func < (lhs: FindingPrincipal, rhs: FindingPrincipal) -> Bool {
        (lhs.kind, lhs.value) < (rhs.kind, rhs.value)
    }
}

/// Access that principals outside the zone of trust have to a resource, as IAM Access
/// Analyzer reports it, with a request that proves it.
public struct Finding: Sendable {
    /// Derived from the finding's content, so that it is the same on every run.
    public var id: String
    public var resource: String
    public var resourceType: String
    public var resourceOwnerAccount: String
    public var principal: FindingPrincipal
    /// The catalog actions granted on the resource, sorted, then the patterns that also
    /// grant actions AWS may add later.
    public var action: [String]
    public var accessLevels: [String]
    /// The condition keys that restrict the access, with the values that admit it.
    public var condition: [String: [String]]
    public var isPublic: Bool
    public var sources: [FindingSource]
    /// A request the concrete evaluator allows.
    public var witness: Witness
    /// The requests the finding reports, as a constraint, for checking that findings cover
    /// every external request.
    public var requests: RequestConstraint
}

/// The findings of one resource, or why they cannot be known.
public struct ResourceFindings: Sendable {
    public enum Status: String, Sendable {
        case analyzed
        /// The access could not be decided; `reason` names what was not known.
        case unknown
    }

    public var resource: String
    public var resourceType: String
    public var status: Status
    public var reason: String?
    public var findings: [Finding]
    /// Settings that make AWS reject the configuration at deploy time, such as Block Public
    /// Access refusing a public bucket policy, each with the source it rejects.
    public var rejections: [String]
    /// The configuration the findings were computed from, when settings such as
    /// `RestrictPublicBuckets` confined the resource's own. It is nil when the findings come
    /// from the resource's configuration as it is, or the access was not decided.
    public var effectiveAccess: ResourceAccess?

    public init(resource: String, resourceType: String, status: Status, reason: String? = nil, findings: [Finding] = [], rejections: [String] = []) {
        self.resource = resource
        self.resourceType = resourceType
        self.status = status
        self.reason = reason
        self.findings = findings
        self.rejections = rejections
    }
}
