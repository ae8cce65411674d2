import AccessReasoning

/// A named, versioned set of policies that check a deployment.
public struct PolicyPack: Sendable {
    public let name: String
    public let version: String
    public let policies: [PackPolicy]

    public init(name: String, version: String, policies: [PackPolicy]) {
        self.name = name
        self.version = version
        self.policies = policies
    }

    public func policy(named name: String) -> PackPolicy? {
        policies.first { $0.name == name }
    }
}

/// One policy of a pack: what it checks, how it is enforced unless configured otherwise, and
/// the properties its configuration accepts.
public struct PackPolicy: Sendable {
    public let name: String
    public let description: String
    public let defaultLevel: EnforcementLevel
    public let properties: [PropertySchema]
    /// Returns the policy's violations on the analysed deployment, at `level`.
    let check: @Sendable (StackAnalysis, PolicySettings) throws(EngineInternalError) -> [Violation]

    public init(
        name: String, description: String, defaultLevel: EnforcementLevel, properties: [PropertySchema] = [],
        check: @escaping @Sendable (StackAnalysis, PolicySettings) throws(EngineInternalError) -> [Violation]
    ) {
        self.name = name
        self.description = description
        self.defaultLevel = defaultLevel
        self.properties = properties
        self.check = check
    }
}

/// A configuration property of a policy.
public struct PropertySchema: Sendable {
    public enum Kind: String, Sendable {
        case stringList = "array of strings"
        case string
    }

    public let name: String
    public let kind: Kind
    public let description: String

    public init(name: String, kind: Kind, description: String) {
        self.name = name
        self.kind = kind
        self.description = description
    }
}

/// The configuration one policy runs with.
public struct PolicySettings: Sendable {
    public var level: EnforcementLevel
    /// Whether the configuration file set the level, rather than the policy's default.
    public var levelIsConfigured: Bool
    public var strings: [String: [String]]

    public init(level: EnforcementLevel, levelIsConfigured: Bool = false, strings: [String: [String]] = [:]) {
        self.level = level
        self.levelIsConfigured = levelIsConfigured
        self.strings = strings
    }
}
