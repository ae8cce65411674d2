import PolicyLanguage

/// A statement compiled into one predicate over requests.
struct CompiledStatement: Sendable {
    let effect: Effect
    let predicate: Predicate
    let policyIndex: Int
    let statementIndex: Int
    let sid: String?
    let location: SourceLocation?
}

/// Policies compiled for the engine: their Allow and Deny statements, and the reasons
/// some of their constraints are approximated.
struct CompiledPolicySet: Sendable {
    let allows: [CompiledStatement]
    let denies: [CompiledStatement]
    let approximations: [String]
    /// The lowercased keys of the variables that were approximated because no binding fixed them.
    let variableKeys: Set<String>

    /// The requests the policies allow: some Allow matches and no Deny does.
    var allowedPredicate: Predicate {
        .all([.any(allows.map(\.predicate)), .not(.any(denies.map(\.predicate)))])
    }
}

/// Compiles policy documents into predicates, statement by statement, with the semantics
/// of `PolicyEvaluator`: a statement matches when its principal, action, resource and
/// every condition clause match; a statement without a principal or a resource element
/// leaves that part of the request unconstrained.
struct PolicyCompiler {
    let catalog: ActionCatalog
    let limits: EngineLimits
    /// Values that variables take, by lowercased key; a bound variable is substituted
    /// exactly, for queries whose requests carry that value.
    var bindings: [String: String] = [:]

    func compile(_ policies: [PolicyDocument]) throws(CompilationError) -> CompiledPolicySet {
        var allows: [CompiledStatement] = []
        var denies: [CompiledStatement] = []
        var approximations: [String] = []
        var variableKeys: Set<String> = []
        let statementCount = policies.reduce(0) { $0 + $1.statements.count }
        if statementCount > limits.maximumStatements {
            throw CompilationError(reason: "the policies have \(statementCount) statements, more than the limit of \(limits.maximumStatements)", location: nil)
        }
        for (policyIndex, policy) in policies.enumerated() {
            for statement in policy.statements {
                let compiled = try compile(
                    statement, policy: policy, policyIndex: policyIndex, approximations: &approximations, variableKeys: &variableKeys)
                if compiled.effect == .allow {
                    allows.append(compiled)
                } else {
                    denies.append(compiled)
                }
            }
        }
        return CompiledPolicySet(allows: allows, denies: denies, approximations: approximations, variableKeys: variableKeys)
    }

    func compile(
        _ statement: Statement,
        policy: PolicyDocument,
        policyIndex: Int,
        approximations: inout [String],
        variableKeys: inout Set<String>
    ) throws(CompilationError) -> CompiledStatement {
        let place = [policy.source?.name, statement.location?.description].compactMap { $0 }.joined(separator: ":")
        guard !statement.hasReadErrors, let effect = statement.effect?.value, let action = statement.action else {
            throw CompilationError(reason: "statement \(statement.index) has errors and cannot be analyzed; run 'accessguard validate'", location: statement.location)
        }
        var parts: [Predicate] = []
        // An approximated resource element, with its exact form where its one variable key is absent.
        var approximatedResource: (predicate: Predicate, key: String, whenAbsent: Predicate)?
        do throws(AutomatonTooLarge) {
            if let principal = statement.principal {
                parts.append(try PrincipalCompiler.compile(principal))
            }
            parts.append(try actionPredicate(action))
            if let resource = statement.resource {
                let (predicate, approximation) = try resourcePredicate(resource, variables: policy.supportsPolicyVariables)
                if let approximation {
                    let patterns = resource.patterns.map(\.value).joined(separator: "\u{0}")
                    let name = "\(resource.elementName) variables=\(policy.supportsPolicyVariables) \(patterns)"
                    let keys = Set(approximation.variableKeys)
                    approximations.append("\(place): \(approximation.reason)")
                    variableKeys.formUnion(keys)
                    if keys.count == 1, let key = keys.first,
                       case (let exact, nil) = try resourcePredicate(resource, variables: policy.supportsPolicyVariables, absentKey: key) {
                        approximatedResource = (.approximated(name: name, predicate), key, exact)
                    } else {
                        parts.append(.approximated(name: name, predicate))
                    }
                } else {
                    parts.append(predicate)
                }
            }
        } catch {
            throw CompilationError(reason: "statement \(statement.index) needs an automaton of over \(error.states) states", location: statement.location)
        }
        let conditions = ConditionCompiler(catalog: catalog, variables: policy.supportsPolicyVariables, bindings: bindings)
        if let (predicate, key, whenAbsent) = approximatedResource {
            parts.append(try splitOnPresence(of: key, present: predicate, absent: whenAbsent, conditions: conditions))
        }
        for clause in statement.conditions {
            let predicate = try conditions.compile(clause)
            if let approximation = predicate.approximation {
                let values = clause.values.map(\.text).joined(separator: "\u{0}")
                let name = "\(clause.operatorName.value) \(clause.normalizedKey) variables=\(policy.supportsPolicyVariables) \(values)"
                let keys = conditions.unboundVariableKeys(clause)
                var whenAbsent = conditions
                whenAbsent.absentKey = keys.first
                if Set(keys).count == 1, case let exact = try whenAbsent.compile(clause), exact.approximation == nil, let key = keys.first {
                    parts.append(try splitOnPresence(of: key, present: .approximated(name: name, predicate), absent: exact, conditions: conditions))
                } else {
                    parts.append(.approximated(name: name, predicate))
                }
                approximations.append("\(place): \(approximation)")
                variableKeys.formUnion(keys)
            } else {
                parts.append(predicate)
            }
        }
        return CompiledStatement(
            effect: effect, predicate: .all(parts), policyIndex: policyIndex,
            statementIndex: statement.index, sid: statement.sid?.value, location: statement.location)
    }

    func actionPredicate(_ element: ActionElement) throws(AutomatonTooLarge) -> Predicate {
        let matched = try ActionSet.matchingAny(element.patterns.map(\.value), catalog: catalog)
        return .action(element.isNegated ? matched.complement : matched)
    }

    /// The resources an element matches: the union of its ARN patterns, or its complement
    /// for `NotResource`. Patterns with unbound policy variables are approximated: a variable
    /// stands for any text in the upper bound, and matches nothing in the lower bound. With
    /// `absentKey`, that key's variables take their defaults or make their pattern match nothing.
    func resourcePredicate(
        _ element: ResourceElement,
        variables: Bool,
        absentKey: String? = nil
    ) throws(AutomatonTooLarge) -> (Predicate, (reason: String, variableKeys: [String])?) {
        // Patterns that resolve match exactly; unresolved variables widen only the upper bound.
        var exact: [Glob] = []
        var widened: [Glob] = []
        var variableKeys: [String] = []
        var approximatedPatterns: [String] = []
        for pattern in element.patterns {
            let template = PolicyTemplate(pattern.value, wildcards: true, variables: variables)
            switch ValueMatching.resolve(template, bindings: bindings, absentKey: absentKey) {
            case .resolved(let resolved):
                exact.append(template.hasVariables ? resolved : Glob(tokens: template.parts.flatMap(ValueMatching.tokens(of:))))
            case .matchesNothing:
                continue
            case .unresolved:
                widened.append(Glob(tokens: template.parts.flatMap(ValueMatching.tokens(of:))))
                variableKeys += template.variableKeys.filter { bindings[$0] == nil && $0 != absentKey }
                approximatedPatterns.append("'\(pattern.value)'")
            }
        }
        var lower = try StringSet.arnPatterns(exact)
        var upper = widened.isEmpty ? lower : try StringSet.arnPatterns(exact + widened)
        if element.isNegated {
            (lower, upper) = (upper.complement, lower.complement)
        }
        guard !variableKeys.isEmpty else { return (.resource(lower: lower, upper: upper), nil) }
        let reason = "the policy variables of \(approximatedPatterns.joined(separator: ", ")) in '\(element.elementName)'"
        return (.resource(lower: lower, upper: upper), (reason, variableKeys))
    }

    /// Returns a part that is exact wherever the one variable key it depends on is absent:
    /// the approximated form where the key is present, the exact one where it is not.
    func splitOnPresence(of key: String, present: Predicate, absent: Predicate, conditions: ConditionCompiler) throws(CompilationError) -> Predicate {
        let clause = ConditionClause(
            operatorName: Located("Null"), conditionOperator: ConditionOperator(name: "Null"),
            key: Located(key), values: [ConditionValue(text: "false")])
        let isPresent = try conditions.compile(clause)
        return .any([.all([isPresent, present]), .all([.not(isPresent), absent])])
    }
}

extension Predicate {
    /// The approximation reason of a compiled condition, if any.
    var approximation: String? {
        switch self {
        case .key(let atom): return atom.requirement.approximation
        case .derived(let atom): return atom.requirement.approximation
        default: return nil
        }
    }
}

extension ActionSet {
    func union(_ other: ActionSet) throws(AutomatonTooLarge) -> ActionSet {
        try complement.intersection(other.complement).complement
    }
}
