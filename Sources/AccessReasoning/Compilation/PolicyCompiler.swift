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

    func compile(_ policies: [PolicyDocument]) throws(CompilationError) -> CompiledPolicySet {
        var allows: [CompiledStatement] = []
        var denies: [CompiledStatement] = []
        var approximations: [String] = []
        let statementCount = policies.reduce(0) { $0 + $1.statements.count }
        if statementCount > limits.maximumStatements {
            throw CompilationError(reason: "the policies have \(statementCount) statements, more than the limit of \(limits.maximumStatements)", location: nil)
        }
        for (policyIndex, policy) in policies.enumerated() {
            for statement in policy.statements {
                let compiled = try compile(statement, policy: policy, policyIndex: policyIndex, approximations: &approximations)
                if compiled.effect == .allow {
                    allows.append(compiled)
                } else {
                    denies.append(compiled)
                }
            }
        }
        return CompiledPolicySet(allows: allows, denies: denies, approximations: approximations)
    }

    func compile(
        _ statement: Statement,
        policy: PolicyDocument,
        policyIndex: Int,
        approximations: inout [String]
    ) throws(CompilationError) -> CompiledStatement {
        let place = [policy.source?.name, statement.location?.description].compactMap { $0 }.joined(separator: ":")
        guard !statement.hasReadErrors, let effect = statement.effect?.value, let action = statement.action else {
            throw CompilationError(reason: "statement \(statement.index) has errors and cannot be analyzed; run 'accessguard validate'", location: statement.location)
        }
        var parts: [Predicate] = []
        do throws(AutomatonTooLarge) {
            if let principal = statement.principal {
                parts.append(try PrincipalCompiler.compile(principal))
            }
            parts.append(try actionPredicate(action))
            if let resource = statement.resource {
                let (predicate, approximation) = try resourcePredicate(resource, variables: policy.supportsPolicyVariables)
                parts.append(predicate)
                if let approximation { approximations.append("\(place): \(approximation)") }
            }
        } catch {
            throw CompilationError(reason: "statement \(statement.index) needs an automaton of over \(error.states) states", location: statement.location)
        }
        let conditions = ConditionCompiler(catalog: catalog, variables: policy.supportsPolicyVariables)
        for clause in statement.conditions {
            let predicate = try conditions.compile(clause)
            parts.append(predicate)
            if let approximation = predicate.approximation {
                approximations.append("\(place): \(approximation)")
            }
        }
        return CompiledStatement(
            effect: effect, predicate: .all(parts), policyIndex: policyIndex,
            statementIndex: statement.index, sid: statement.sid?.value, location: statement.location)
    }

    func actionPredicate(_ element: ActionElement) throws(AutomatonTooLarge) -> Predicate {
        var union: ActionSet?
        for pattern in element.patterns {
            let set = try ActionSet.matching(pattern.value, catalog: catalog)
            if let previous = union {
                union = try previous.union(set)
            } else {
                union = set
            }
        }
        let matched = union ?? ActionSet.all(catalog).complement
        return .action(element.isNegated ? matched.complement : matched)
    }

    /// The resources an element matches: the union of its ARN patterns, or its complement
    /// for `NotResource`. Patterns with policy variables are approximated: a variable
    /// stands for any text in the upper bound, and matches nothing in the lower bound.
    func resourcePredicate(_ element: ResourceElement, variables: Bool) throws(AutomatonTooLarge) -> (Predicate, String?) {
        var lower = StringSet.empty
        var upper = StringSet.empty
        var variableKeys: [String] = []
        for pattern in element.patterns {
            let template = PolicyTemplate(pattern.value, wildcards: true, variables: variables)
            let glob = Glob(tokens: template.parts.flatMap(ValueMatching.tokens(of:)))
            let matched = try StringSet.arnPattern(glob)
            upper = try upper.union(matched)
            if template.hasVariables {
                variableKeys += template.variableKeys
            } else {
                lower = try lower.union(matched)
            }
        }
        if element.isNegated {
            (lower, upper) = (upper.complement, lower.complement)
        }
        let approximation = variableKeys.isEmpty ? nil : "the policy variables \(variableKeys.map { "${\($0)}" }.joined(separator: ", ")) in '\(element.elementName)' are approximated"
        return (.resource(lower: lower, upper: upper), approximation)
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
