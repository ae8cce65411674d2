import PolicyLanguage

/// Compiles condition clauses into predicates, with the semantics of `ConditionEvaluation`:
/// positive operators hold when some value matches and negated ones when none does; an
/// absent key satisfies negated operators, `…IfExists`, `ForAllValues` and `Null: true`;
/// `ForAllValues` needs every present value to satisfy the operator and `ForAnyValue` one.
struct ConditionCompiler {
    let catalog: ActionCatalog
    /// Whether the policy substitutes `${…}` variables (version 2012-10-17).
    let variables: Bool
    /// Values that variables take, by lowercased key, for queries that fix those keys.
    var bindings: [String: String] = [:]
    /// A lowercased key taken as absent from the request, so that its variables take their
    /// defaults or make their values match nothing.
    var absentKey: String?

    /// Returns the lowercased keys of the variables in a clause's values that no binding fixes.
    func unboundVariableKeys(_ clause: ConditionClause) -> [String] {
        guard variables, let base = clause.conditionOperator?.base.positive, base.supportsPolicyVariables else { return [] }
        return clause.values.flatMap { value in
            PolicyTemplate(value.text, wildcards: base.usesWildcards, variables: true).variableKeys.filter { bindings[$0] == nil }
        }
    }

    func compile(_ clause: ConditionClause) throws(CompilationError) -> Predicate {
        guard let conditionOperator = clause.conditionOperator else {
            throw CompilationError(reason: "'\(clause.operatorName.value)' is not a condition operator", location: clause.operatorName.location)
        }
        let key = clause.normalizedKey
        if let derived = DerivedKey(key: key) {
            let domain: ConditionValueType = derived == .isAWSService ? .bool : .string
            let requirement = try requirement(clause, conditionOperator, domain: domain, isMultiValued: false)
            return .derived(DerivedAtom(key: derived, requirement: requirement))
        }
        let (domain, isMultiValued) = keyType(clause, conditionOperator)
        let requirement = try requirement(clause, conditionOperator, domain: domain, isMultiValued: isMultiValued)
        return .key(KeyAtom(key: key, displayName: clause.key.value, valueType: domain, isMultiValued: isMultiValued, requirement: requirement))
    }

    /// The key's documented type; for keys the catalog lacks, the operator's type, and
    /// multivalued when a set qualifier is used on it.
    func keyType(_ clause: ConditionClause, _ conditionOperator: ConditionOperator) -> (ConditionValueType, Bool) {
        if let definition = catalog.conditionKey(named: clause.key.value) {
            let type = definition.type.valueType == .arn ? ConditionValueType.string : definition.type.valueType
            return (type, definition.type.isMultiValued)
        }
        let type = conditionOperator.base.valueType.map { $0 == .arn ? ConditionValueType.string : $0 } ?? .string
        return (type, conditionOperator.qualifier != nil)
    }

    func requirement(
        _ clause: ConditionClause,
        _ conditionOperator: ConditionOperator,
        domain: ConditionValueType,
        isMultiValued: Bool
    ) throws(CompilationError) -> KeyRequirement {
        let base = conditionOperator.base
        if base == .null {
            let absentHolds = clause.values.contains { ConditionEvaluation.parseBool($0.text) == true }
            let presentHolds = clause.values.contains { ConditionEvaluation.parseBool($0.text) == false }
            return KeyRequirement(holdsWhenAbsent: absentHolds, present: presentHolds ? .always : .never, approximation: nil)
        }

        // The values a single request value must be in to satisfy the operator.
        var lower = ValueSet.empty(like: .universe(domain))
        var upper = lower
        var approximations: [String] = []
        do throws(AutomatonTooLarge) {
            for value in clause.values {
                let match = try ValueMatching.match(
                    base.positive, policyValue: value.text, domain: domain, variables: variables,
                    bindings: bindings, absentKey: absentKey)
                lower = try lower.union(match.lower)
                upper = try upper.union(match.upper)
                if let reason = match.approximation { approximations.append(reason) }
            }
        } catch {
            throw CompilationError(reason: "the condition on '\(clause.key.value)' needs an automaton of over \(error.states) states", location: clause.key.location)
        }
        if base.isNegated {
            (lower, upper) = (upper.complement, lower.complement)
        }

        let holdsWhenAbsent: Bool
        let present: KeyRequirement.Present
        switch conditionOperator.qualifier {
        case .forAllValues:
            holdsWhenAbsent = true
            present = .subset(lower: lower, upper: upper)
        case .forAnyValue:
            holdsWhenAbsent = conditionOperator.ifExists
            present = .intersects(lower: lower, upper: upper)
        case nil:
            holdsWhenAbsent = conditionOperator.ifExists || base.isNegated
            // Several values without a qualifier: any must match a positive operator, all a negated one.
            present = base.isNegated || !isMultiValued ? .subset(lower: lower, upper: upper) : .intersects(lower: lower, upper: upper)
        }
        var seen: Set<String> = []
        let distinct = approximations.filter { seen.insert($0).inserted }
        let approximation = distinct.isEmpty ? nil : distinct.joined(separator: "; ")
        return KeyRequirement(holdsWhenAbsent: holdsWhenAbsent, present: present, approximation: approximation)
    }
}

/// A policy that the engine cannot compile, with the place and the reason.
public struct CompilationError: Error, Sendable, CustomStringConvertible {
    public var reason: String
    public var location: SourceLocation?

    public var description: String {
        (location.map { "\($0): " } ?? "") + reason
    }
}
