import PolicyLanguage

/// A policy as a structure of statements and clauses, rendered to JSON for reading, so that
/// the generator can build it and the shrinker can take it apart.
public struct GeneratedPolicy: Sendable, Hashable, CustomStringConvertible {
    public var version: String
    public var statements: [GeneratedStatement]

    public init(version: String = "2012-10-17", statements: [GeneratedStatement]) {
        self.version = version
        self.statements = statements
    }

    /// The policy as JSON.
    public var description: String {
        "{\"Version\":\(JSONText.quoted(version)),\"Statement\":[" + statements.map(\.json).joined(separator: ",") + "]}"
    }

    /// The policy read as the engines read it; nil when it does not read without errors.
    public var document: PolicyDocument? {
        PolicyReader.read(text: description).document
    }
}

/// `Principal` or `NotPrincipal`: either `"*"` or a map from principal kinds to values.
public struct GeneratedPrincipal: Sendable, Hashable {
    public var isNegated: Bool
    /// Values by kind (`AWS`, `Service`, `Federated`, `CanonicalUser`); empty for `"*"`.
    public var entries: [GeneratedEntry]

    public init(isNegated: Bool = false, entries: [GeneratedEntry]) {
        self.isNegated = isNegated
        self.entries = entries
    }

    public struct GeneratedEntry: Sendable, Hashable {
        public var kind: String
        public var values: [String]

        public init(_ kind: String, _ values: [String]) {
            self.kind = kind
            self.values = values
        }
    }

    var json: String {
        let name = isNegated ? "NotPrincipal" : "Principal"
        guard !entries.isEmpty else { return "\"\(name)\":\"*\"" }
        let map = entries.map { "\(JSONText.quoted($0.kind)):\(JSONText.list($0.values))" }.joined(separator: ",")
        return "\"\(name)\":{\(map)}"
    }
}

/// `Action`, `NotAction`, `Resource` or `NotResource`: a list of patterns.
public struct GeneratedPatterns: Sendable, Hashable {
    public var isNegated: Bool
    public var patterns: [String]

    public init(isNegated: Bool = false, _ patterns: [String]) {
        self.isNegated = isNegated
        self.patterns = patterns
    }
}

/// One operator, key and values of a `Condition` block.
public struct GeneratedCondition: Sendable, Hashable {
    public var operatorName: String
    public var key: String
    public var values: [String]

    public init(_ operatorName: String, _ key: String, _ values: [String]) {
        self.operatorName = operatorName
        self.key = key
        self.values = values
    }
}

public struct GeneratedStatement: Sendable, Hashable {
    public var isAllow: Bool
    public var principal: GeneratedPrincipal?
    public var action: GeneratedPatterns
    public var resource: GeneratedPatterns?
    public var conditions: [GeneratedCondition]

    public init(isAllow: Bool, principal: GeneratedPrincipal?, action: GeneratedPatterns, resource: GeneratedPatterns?, conditions: [GeneratedCondition]) {
        self.isAllow = isAllow
        self.principal = principal
        self.action = action
        self.resource = resource
        self.conditions = conditions
    }

    var json: String {
        var parts = ["\"Effect\":\"\(isAllow ? "Allow" : "Deny")\""]
        if let principal { parts.append(principal.json) }
        parts.append("\"\(action.isNegated ? "NotAction" : "Action")\":\(JSONText.list(action.patterns))")
        if let resource {
            parts.append("\"\(resource.isNegated ? "NotResource" : "Resource")\":\(JSONText.list(resource.patterns))")
        }
        if !conditions.isEmpty {
            // One JSON object per operator, with its keys inside; clauses of the same operator
            // and key are merged by the reader's rules, so the generator keeps them distinct.
            var operators: [String] = []
            var byOperator: [String: [GeneratedCondition]] = [:]
            for condition in conditions {
                if byOperator[condition.operatorName] == nil { operators.append(condition.operatorName) }
                byOperator[condition.operatorName, default: []].append(condition)
            }
            let blocks = operators.map { name in
                let keys = (byOperator[name] ?? []).map { "\(JSONText.quoted($0.key)):\(JSONText.list($0.values))" }.joined(separator: ",")
                return "\(JSONText.quoted(name)):{\(keys)}"
            }
            parts.append("\"Condition\":{" + blocks.joined(separator: ",") + "}")
        }
        return "{" + parts.joined(separator: ",") + "}"
    }
}

enum JSONText {
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// One value as a string, several as a list.
    static func list(_ values: [String]) -> String {
        values.count == 1 ? quoted(values[0]) : "[" + values.map(quoted).joined(separator: ",") + "]"
    }
}
