/// One operator-and-key test of a `Condition` block, such as
/// `"StringEquals": {"aws:SourceVpc": ["vpc-1", "vpc-2"]}`.
///
/// A statement's clauses all have to hold; the values of one clause are alternatives
/// for positive operators and must all fail to match for negated ones.
public struct ConditionClause: Sendable {
    /// The operator name as written, with its location.
    public var operatorName: Located<String>
    /// The parsed operator; nil when the name is not an IAM operator.
    public var conditionOperator: ConditionOperator?
    /// The condition key as written, with its location.
    public var key: Located<String>
    public var values: [ConditionValue]

    public init(operatorName: Located<String>, conditionOperator: ConditionOperator?, key: Located<String>, values: [ConditionValue]) {
        self.operatorName = operatorName
        self.conditionOperator = conditionOperator
        self.key = key
        self.values = values
    }

    /// The key lowercased: condition-key names are case-insensitive.
    public var normalizedKey: String { CaseFolding.lowercased(key.value) }
}

/// One value of a condition clause, with the JSON type it was written as.
public struct ConditionValue: Hashable, Sendable {
    public enum JSONType: String, Sendable {
        case string, number, boolean
    }

    /// The value as text: strings as written, numbers as their literal, booleans as `true`/`false`.
    public var text: String
    public var jsonType: JSONType
    public var location: SourceLocation?
    public var pointer: JSONPointer

    public init(text: String, jsonType: JSONType = .string, location: SourceLocation? = nil, pointer: JSONPointer = .root) {
        self.text = text
        self.jsonType = jsonType
        self.location = location
        self.pointer = pointer
    }

    public static func == (lhs: ConditionValue, rhs: ConditionValue) -> Bool {
        lhs.text.hasSameScalars(as: rhs.text) && lhs.jsonType == rhs.jsonType
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(Array(text.utf8))
        hasher.combine(jsonType)
    }
}
