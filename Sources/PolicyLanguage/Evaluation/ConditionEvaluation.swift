/// The semantics of one condition clause for one request, as the IAM User Guide
/// describes condition operators.
///
/// - Positive operators hold when some policy value matches; negated operators
///   (`StringNotEquals`, `NotIpAddress`, …) hold when no policy value matches.
/// - A key absent from the request makes positive operators false and negated ones
///   true; `…IfExists` makes any operator true; `Null` tests presence alone.
/// - `ForAllValues:` holds when every request value satisfies the operator, and so
///   when the key is absent; `ForAnyValue:` when at least one does, never when absent.
/// - Policy values that do not read as the operator's type, and values whose policy
///   variables cannot be substituted, match nothing.
package enum ConditionEvaluation {
    static func holds(_ clause: ConditionClause, context: RequestContext, variables: Bool) -> Bool {
        guard let conditionOperator = clause.conditionOperator else {
            // The evaluator rejects documents with unknown operators before evaluating.
            return false
        }
        let base = conditionOperator.base
        let entry = context.entry(forLowercasedKey: clause.normalizedKey)

        if base == .null {
            let isAbsent = entry == nil
            return clause.values.contains { parseBool($0.text) == isAbsent }
        }

        guard let entry else {
            if conditionOperator.ifExists { return true }
            switch conditionOperator.qualifier {
            case .forAllValues: return true
            case .forAnyValue: return false
            case nil: return base.isNegated
            }
        }

        let patterns = clause.values.map { compile($0.text, base: base, variables: variables, context: context) }
        let satisfies: (String) -> Bool = { requestValue in
            let anyMatch = patterns.contains { pattern in
                guard let pattern else { return false }
                return matches(base.positive, requestValue: requestValue, pattern: pattern)
            }
            return base.isNegated ? !anyMatch : anyMatch
        }

        switch conditionOperator.qualifier {
        case .forAllValues:
            return entry.values.allSatisfy(satisfies)
        case .forAnyValue:
            return entry.values.contains(where: satisfies)
        case nil:
            // NOTE: a multivalued key without a set qualifier is read as ForAnyValue for
            // positive operators and ForAllValues for negated ones; IAM documents neither.
            return base.isNegated ? entry.values.allSatisfy(satisfies) : entry.values.contains(where: satisfies)
        }
    }

    /// A policy value prepared for comparison, with policy variables substituted.
    enum Pattern {
        case glob(Glob)
        case text(String)
    }

    static func compile(_ text: String, base: ConditionOperator.Base, variables: Bool, context: RequestContext) -> Pattern? {
        let substitutes = variables && base.supportsPolicyVariables
        guard substitutes || base.usesWildcards else {
            return .text(text)
        }
        let template = PolicyTemplate(text, wildcards: base.usesWildcards, variables: substitutes)
        guard let glob = template.resolve(in: context) else { return nil }
        return base.usesWildcards ? .glob(glob) : .text(glob.description)
    }

    static func matches(_ base: ConditionOperator.Base, requestValue: String, pattern: Pattern) -> Bool {
        switch (base, pattern) {
        case (.stringLike, .glob(let glob)):
            return glob.matches(requestValue)
        case (.arnEquals, .glob(let glob)), (.arnLike, .glob(let glob)):
            return ARNMatching.matches(pattern: glob, value: requestValue)
        case (_, .text(let text)):
            return matchesText(base, requestValue: requestValue, policyValue: text)
        default:
            return false
        }
    }

    /// Returns whether a policy value reads as the type of a typed operator, as `matchesText`
    /// parses it. The other operators read any text.
    package static func readsAsOperand(_ base: ConditionOperator.Base, _ text: String) -> Bool {
        switch base {
        case .numericEquals, .numericLessThan, .numericLessThanEquals, .numericGreaterThan, .numericGreaterThanEquals:
            return DecimalNumber(text) != nil
        case .dateEquals, .dateLessThan, .dateLessThanEquals, .dateGreaterThan, .dateGreaterThanEquals:
            return PolicyDate(text) != nil
        case .binaryEquals:
            return Base64.decode(text) != nil
        case .ipAddress:
            return CIDRBlock(text) != nil
        default:
            return true
        }
    }

    static func matchesText(_ base: ConditionOperator.Base, requestValue: String, policyValue: String) -> Bool {
        switch base {
        case .stringEquals:
            return requestValue.hasSameScalars(as: policyValue)
        case .stringEqualsIgnoreCase:
            return CaseFolding.equalIgnoringCase(requestValue, policyValue)
        case .numericEquals, .numericLessThan, .numericLessThanEquals, .numericGreaterThan, .numericGreaterThanEquals:
            guard let request = DecimalNumber(requestValue), let policy = DecimalNumber(policyValue) else { return false }
            return compare(base, request, policy)
        case .dateEquals, .dateLessThan, .dateLessThanEquals, .dateGreaterThan, .dateGreaterThanEquals:
            guard let request = PolicyDate(requestValue), let policy = PolicyDate(policyValue) else { return false }
            return compare(base, request, policy)
        case .bool:
            guard let request = parseBool(requestValue), let policy = parseBool(policyValue) else { return false }
            return request == policy
        case .binaryEquals:
            guard let request = Base64.decode(requestValue), let policy = Base64.decode(policyValue) else { return false }
            return request == policy
        case .ipAddress:
            guard let address = IPAddress(requestValue), let block = CIDRBlock(policyValue) else { return false }
            return block.contains(address)
        default:
            return false
        }
    }

    /// Applies an ordering operator as "request value OP policy value".
    static func compare<Value: Comparable>(_ base: ConditionOperator.Base, _ request: Value, _ policy: Value) -> Bool {
        switch base {
        case .numericEquals, .dateEquals: return request == policy
        case .numericLessThan, .dateLessThan: return request < policy
        case .numericLessThanEquals, .dateLessThanEquals: return request <= policy
        case .numericGreaterThan, .dateGreaterThan: return request > policy
        case .numericGreaterThanEquals, .dateGreaterThanEquals: return request >= policy
        default: return false
        }
    }

    /// Reads `true` or `false` in any case.
    // NOTE: IAM's handling of `True` or `FALSE` is not documented; they are read as booleans here.
    package static func parseBool(_ text: String) -> Bool? {
        switch CaseFolding.lowercased(text) {
        case "true": return true
        case "false": return false
        default: return nil
        }
    }
}
