import PolicyLanguage

/// A pack's configuration file, in the shape of Pulumi's `--policy-pack-config`: `all` and
/// one entry per policy, each an enforcement level or an object with `enforcementLevel` and
/// the policy's properties, plus AccessGuard's `suppressions`.
///
/// ```json
/// {"all": "advisory",
///  "no-public-access": "mandatory",
///  "access-not-granted": {"enforcementLevel": "mandatory", "actions": ["kms:Decrypt"]},
///  "suppressions": [{"resource": "arn:aws:s3:::public-site", "isPublic": true, "reason": "static website"}]}
/// ```
public struct PackConfiguration: Sendable {
    /// The level for every policy that has no level of its own.
    public var allLevel: EnforcementLevel?
    public var entries: [String: PolicySettings] = [:]
    public var suppressions: [Suppression] = []

    public init(allLevel: EnforcementLevel? = nil, entries: [String: PolicySettings] = [:], suppressions: [Suppression] = []) {
        self.allLevel = allLevel
        self.entries = entries
        self.suppressions = suppressions
    }

    /// Returns the settings a policy runs with: its own entry, else `all`, else its default level.
    public func settings(for policy: PackPolicy) -> PolicySettings {
        var settings = entries[policy.name] ?? PolicySettings(level: policy.defaultLevel)
        if !settings.levelIsConfigured, let allLevel {
            settings.level = allLevel
            settings.levelIsConfigured = true
        }
        return settings
    }

    /// Reads a configuration for `pack`; every problem is reported, each with its location.
    public static func read(_ root: JSONValue, file: String, pack: PolicyPack) -> (PackConfiguration, [Diagnostic]) {
        var reader = ConfigurationReader(file: file, pack: pack)
        let configuration = reader.read(root)
        return (configuration, reader.diagnostics.sortedForOutput())
    }

    /// Reads a configuration from JSON text.
    public static func read(text: String, file: String, pack: PolicyPack) -> (PackConfiguration, [Diagnostic]) {
        do {
            return read(try JSONParser.parse(text), file: file, pack: pack)
        } catch {
            let diagnostic = Diagnostic(
                severity: .error, code: "INVALID_CONFIGURATION", message: "invalid JSON: \(error.message)", file: file, location: error.location)
            return (PackConfiguration(), [diagnostic])
        }
    }
}

/// Reads the configuration file and collects its problems.
struct ConfigurationReader {
    let file: String
    let pack: PolicyPack
    var diagnostics: [Diagnostic] = []

    mutating func problem(_ message: String, at location: SourceLocation?, help: String? = nil) {
        diagnostics.append(Diagnostic(severity: .error, code: "INVALID_CONFIGURATION", message: message, file: file, location: location, help: help))
    }

    mutating func read(_ root: JSONValue) -> PackConfiguration {
        var configuration = PackConfiguration()
        guard let members = root.objectMembers else {
            problem("the configuration must be a JSON object, found \(root.typeName)", at: root.location)
            return configuration
        }
        let names = pack.policies.map(\.name)
        for member in members {
            switch member.key {
            case "all":
                configuration.allLevel = allLevel(member.value)
            case "suppressions":
                configuration.suppressions = suppressions(member.value)
            default:
                guard let policy = pack.policy(named: member.key) else {
                    let closest = Suggestions.closest(to: member.key, among: names + ["all", "suppressions"])
                    problem(
                        "unknown policy '\(member.key)' in pack '\(pack.name)'", at: member.keyLocation,
                        help: closest.map { "did you mean '\($0)'?" } ?? "the policies are: \(names.joined(separator: ", "))")
                    continue
                }
                if let settings = settings(member.value, policy: policy) {
                    configuration.entries[policy.name] = settings
                }
            }
        }
        return configuration
    }

    mutating func level(_ value: JSONValue) -> EnforcementLevel? {
        guard let text = value.stringValue else {
            problem("an enforcement level must be a string, found \(value.typeName)", at: value.location, help: levelHelp)
            return nil
        }
        guard let level = EnforcementLevel(rawValue: text) else {
            problem("invalid enforcement level '\(text)'", at: value.location, help: levelHelp)
            return nil
        }
        return level
    }

    var levelHelp: String { "expected one of: " + EnforcementLevel.allCases.map(\.rawValue).joined(separator: ", ") }

    mutating func allLevel(_ value: JSONValue) -> EnforcementLevel? {
        if value.objectMembers != nil {
            for member in value.objectMembers ?? [] where member.key != "enforcementLevel" {
                problem("'all' accepts only 'enforcementLevel', found '\(member.key)'", at: member.keyLocation)
            }
            return value["enforcementLevel"].flatMap { level($0) }
        }
        return level(value)
    }

    mutating func settings(_ value: JSONValue, policy: PackPolicy) -> PolicySettings? {
        guard let members = value.objectMembers else {
            return level(value).map { PolicySettings(level: $0, levelIsConfigured: true) }
        }
        var settings = PolicySettings(level: policy.defaultLevel)
        for member in members {
            if member.key == "enforcementLevel" {
                if let level = level(member.value) {
                    settings.level = level
                    settings.levelIsConfigured = true
                }
                continue
            }
            guard let property = policy.properties.first(where: { $0.name == member.key }) else {
                let known = ["enforcementLevel"] + policy.properties.map(\.name)
                let closest = Suggestions.closest(to: member.key, among: known)
                problem(
                    "unknown property '\(member.key)' of policy '\(policy.name)'", at: member.keyLocation,
                    help: closest.map { "did you mean '\($0)'?" } ?? "the policy accepts: \(known.joined(separator: ", "))")
                continue
            }
            if let strings = strings(member.value, property: property, policy: policy) {
                settings.strings[property.name] = strings
            }
        }
        return settings
    }

    mutating func strings(_ value: JSONValue, property: PropertySchema, policy: PackPolicy) -> [String]? {
        switch property.kind {
        case .string:
            guard let text = value.stringValue else {
                problem("'\(property.name)' of policy '\(policy.name)' must be a string, found \(value.typeName)", at: value.location)
                return nil
            }
            return [text]
        case .stringList:
            guard let elements = value.arrayElements else {
                problem("'\(property.name)' of policy '\(policy.name)' must be an array of strings, found \(value.typeName)", at: value.location)
                return nil
            }
            var result: [String] = []
            for element in elements {
                if let text = element.stringValue {
                    result.append(text)
                } else {
                    problem("'\(property.name)' of policy '\(policy.name)' must hold strings, found \(element.typeName)", at: element.location)
                }
            }
            return result
        }
    }

    mutating func suppressions(_ value: JSONValue) -> [Suppression] {
        guard let elements = value.arrayElements else {
            problem("'suppressions' must be an array of objects, found \(value.typeName)", at: value.location)
            return []
        }
        return elements.compactMap { suppression($0) }
    }
}
