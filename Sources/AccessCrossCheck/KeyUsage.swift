import AccessReasoning
import PolicyLanguage

/// How the clauses of one query use each condition key, which decides the key's type, whether
/// it holds several values, and how many values the encoding gives it.
struct KeyUsage {
    struct Entry {
        /// The key as first written, for the witness.
        var displayName: String
        /// The value types of the operators that compare its values (ARN counted as string).
        var operatorTypes: Set<ConditionValueType> = []
        /// Whether a clause uses `ForAllValues:` or `ForAnyValue:` on it.
        var isQualified = false
        /// The clauses that test its values; `Null` tests presence only and does not count.
        var valueClauses = 0
    }

    private(set) var entries: [String: Entry] = [:]
    /// Every number written in a condition value, for the scale of numeric keys.
    private(set) var numbers: [DecimalNumber] = []

    mutating func record(key: String, operatorName: String) {
        let lowered = CaseFolding.lowercased(key)
        var entry = entries[lowered] ?? Entry(displayName: key)
        if let conditionOperator = ConditionOperator(name: operatorName), conditionOperator.base != .null {
            entry.valueClauses += 1
            if conditionOperator.qualifier != nil { entry.isQualified = true }
            if let type = conditionOperator.base.valueType {
                entry.operatorTypes.insert(type == .arn ? .string : type)
            }
        }
        entries[lowered] = entry
    }

    mutating func record(_ clause: ConditionClause) {
        record(key: clause.key.value, operatorName: clause.operatorName.value)
        for value in clause.values {
            if let number = DecimalNumber(value.text) { numbers.append(number) }
        }
    }

    mutating func record(_ policies: [PolicyDocument]) {
        for policy in policies {
            for statement in policy.statements {
                for clause in statement.conditions { record(clause) }
            }
        }
    }

    mutating func record(_ constraint: RequestConstraint) {
        switch constraint {
        case .condition(let operatorName, let key, let values):
            record(key: key, operatorName: operatorName)
            for value in values {
                if let number = DecimalNumber(value) { numbers.append(number) }
            }
        case .keyAbsent(let key):
            if entries[CaseFolding.lowercased(key)] == nil {
                entries[CaseFolding.lowercased(key)] = Entry(displayName: key)
            }
        case .all(let parts), .either(let parts):
            for part in parts { record(part) }
        case .not(let inner):
            record(inner)
        default:
            break
        }
    }
}

/// The type of a condition key's values in the encoding.
enum KeyDomain: Equatable {
    case string, numeric, date, ipAddress, bool, binary

    init(_ type: ConditionValueType) {
        switch type {
        case .string, .arn: self = .string
        case .numeric: self = .numeric
        case .date: self = .date
        case .ipAddress: self = .ipAddress
        case .bool: self = .bool
        case .binary: self = .binary
        }
    }
}
