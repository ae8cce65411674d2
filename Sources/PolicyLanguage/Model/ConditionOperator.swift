/// A condition operator such as `StringLike`, `ForAnyValue:StringEqualsIfExists` or `Null`.
///
/// IAM rejects operator names spelled in another case (`Invalid Condition type`). The
/// reader still recognizes them without regard to case, so that such a policy can be
/// evaluated by its evident meaning, and validation reports the spelling as an error;
/// `canonicalName` gives the spelling of the IAM reference.
public struct ConditionOperator: Hashable, Sendable, CustomStringConvertible {
    /// The comparison itself, without `IfExists` or a set qualifier.
    public enum Base: String, CaseIterable, Sendable {
        case stringEquals = "StringEquals"
        case stringNotEquals = "StringNotEquals"
        case stringEqualsIgnoreCase = "StringEqualsIgnoreCase"
        case stringNotEqualsIgnoreCase = "StringNotEqualsIgnoreCase"
        case stringLike = "StringLike"
        case stringNotLike = "StringNotLike"
        case numericEquals = "NumericEquals"
        case numericNotEquals = "NumericNotEquals"
        case numericLessThan = "NumericLessThan"
        case numericLessThanEquals = "NumericLessThanEquals"
        case numericGreaterThan = "NumericGreaterThan"
        case numericGreaterThanEquals = "NumericGreaterThanEquals"
        case dateEquals = "DateEquals"
        case dateNotEquals = "DateNotEquals"
        case dateLessThan = "DateLessThan"
        case dateLessThanEquals = "DateLessThanEquals"
        case dateGreaterThan = "DateGreaterThan"
        case dateGreaterThanEquals = "DateGreaterThanEquals"
        case bool = "Bool"
        case binaryEquals = "BinaryEquals"
        case ipAddress = "IpAddress"
        case notIpAddress = "NotIpAddress"
        case arnEquals = "ArnEquals"
        case arnLike = "ArnLike"
        case arnNotEquals = "ArnNotEquals"
        case arnNotLike = "ArnNotLike"
        case null = "Null"

        /// The value type the operator compares; nil for `Null`, which tests presence only.
        public var valueType: ConditionValueType? {
            switch self {
            case .stringEquals, .stringNotEquals, .stringEqualsIgnoreCase, .stringNotEqualsIgnoreCase,
                 .stringLike, .stringNotLike:
                return .string
            case .numericEquals, .numericNotEquals, .numericLessThan, .numericLessThanEquals,
                 .numericGreaterThan, .numericGreaterThanEquals:
                return .numeric
            case .dateEquals, .dateNotEquals, .dateLessThan, .dateLessThanEquals,
                 .dateGreaterThan, .dateGreaterThanEquals:
                return .date
            case .bool: return .bool
            case .binaryEquals: return .binary
            case .ipAddress, .notIpAddress: return .ipAddress
            case .arnEquals, .arnLike, .arnNotEquals, .arnNotLike: return .arn
            case .null: return nil
            }
        }

        /// Whether the operator is the negation of a positive operator: it holds when no
        /// policy value matches, and also when the key is absent from the request.
        public var isNegated: Bool {
            switch self {
            case .stringNotEquals, .stringNotEqualsIgnoreCase, .stringNotLike, .numericNotEquals,
                 .dateNotEquals, .notIpAddress, .arnNotEquals, .arnNotLike:
                return true
            default:
                return false
            }
        }

        /// The positive operator this one negates, or itself when it is positive.
        public var positive: Base {
            switch self {
            case .stringNotEquals: return .stringEquals
            case .stringNotEqualsIgnoreCase: return .stringEqualsIgnoreCase
            case .stringNotLike: return .stringLike
            case .numericNotEquals: return .numericEquals
            case .dateNotEquals: return .dateEquals
            case .notIpAddress: return .ipAddress
            case .arnNotEquals: return .arnEquals
            case .arnNotLike: return .arnLike
            default: return self
            }
        }

        /// Whether `*` and `?` in policy values are wildcards.
        public var usesWildcards: Bool {
            switch positive {
            case .stringLike, .arnEquals, .arnLike: return true
            default: return false
            }
        }

        /// Whether `${…}` policy variables in values are substituted (IAM reference:
        /// string, Boolean and ARN operators support them).
        public var supportsPolicyVariables: Bool {
            switch valueType {
            case .string, .arn, .bool: return true
            default: return false
            }
        }
    }

    /// `ForAllValues:` or `ForAnyValue:`, which compare a multivalued key value by value.
    public enum SetQualifier: String, CaseIterable, Sendable {
        case forAllValues = "ForAllValues"
        case forAnyValue = "ForAnyValue"
    }

    public var base: Base
    public var ifExists: Bool
    public var qualifier: SetQualifier?

    public init(_ base: Base, ifExists: Bool = false, qualifier: SetQualifier? = nil) {
        self.base = base
        self.ifExists = ifExists
        self.qualifier = qualifier
    }

    /// Parses an operator name, ignoring case; nil when the name is not an IAM operator.
    public init?(name: String) {
        var rest = Substring(name)
        var qualifier: SetQualifier?
        if let colon = rest.firstIndex(of: ":") {
            let prefix = rest[..<colon]
            guard let match = SetQualifier.allCases.first(where: { CaseFolding.equalIgnoringCase($0.rawValue, String(prefix)) }) else {
                return nil
            }
            qualifier = match
            rest = rest[rest.index(after: colon)...]
        }
        var ifExists = false
        let suffix = "IfExists"
        if rest.count > suffix.count, CaseFolding.equalIgnoringCase(String(rest.suffix(suffix.count)), suffix) {
            ifExists = true
            rest = rest.dropLast(suffix.count)
        }
        guard let base = Base.allCases.first(where: { CaseFolding.equalIgnoringCase($0.rawValue, String(rest)) }) else {
            return nil
        }
        self.init(base, ifExists: ifExists, qualifier: qualifier)
    }

    /// The name as the IAM reference spells it.
    public var canonicalName: String {
        var name = base.rawValue
        if ifExists { name += "IfExists" }
        if let qualifier { name = qualifier.rawValue + ":" + name }
        return name
    }

    public var description: String { canonicalName }

    /// Every operator name the IAM reference defines, for suggestions.
    public static var allCanonicalNames: [String] {
        var names: [String] = []
        for qualifier in [nil] + SetQualifier.allCases.map(Optional.some) {
            for base in Base.allCases {
                for ifExists in base == .null ? [false] : [false, true] {
                    names.append(ConditionOperator(base, ifExists: ifExists, qualifier: qualifier).canonicalName)
                }
            }
        }
        return names
    }
}
