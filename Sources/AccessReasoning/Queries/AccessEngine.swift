import PolicyLanguage

/// The symbolic engine: decides, for all requests at once, which requests policies allow,
/// and proves every "yes" with a concrete request that the concrete evaluator confirms.
///
/// Policies compile to predicates over a request space of principals (by kind and
/// component), actions (the catalog plus names it lacks), resources and condition keys
/// (typed, single- or multivalued, possibly absent). The search splits that space into
/// product cells and returns the first cell left non-empty. The semantics are those of
/// `PolicyEvaluator`, exactly, except where a policy uses variables or compares a key with
/// an operator of another type: those parts are approximated toward more access, and a
/// witness the evaluator then rejects makes the answer `unknown` instead of an error.
public struct AccessEngine: Sendable {
    public let catalog: ActionCatalog
    public var limits: EngineLimits
    /// Rewrites each witness before it is checked; tests use it to prove that a wrong
    /// witness is caught.
    var witnessTransform: (@Sendable (Request) -> Request)?
    /// Compiled list constraints, shared by the copies of this engine.
    let leafPredicates = LeafPredicateCache()

    public init(catalog: ActionCatalog, limits: EngineLimits = .standard) {
        self.catalog = catalog
        self.limits = limits
    }

    /// Whether the policies allow any request satisfying `constraint`, with a witness when they do.
    public func allowed(_ policies: [PolicyDocument], within constraint: RequestConstraint = .any) throws(EngineInternalError) -> AccessAnswer {
        try prepare(policies).allowed(within: constraint)
    }

    /// Compares what two sets of policies allow, with a witness for each direction in which
    /// one allows a request the other does not (IAM Access Analyzer's CheckNoNewAccess, with
    /// counterexamples).
    public func compare(_ first: [PolicyDocument], _ second: [PolicyDocument]) throws(EngineInternalError) -> PolicyComparison {
        try withLimits { () throws(EngineInternalError) -> PolicyComparison in
            func only(_ allowing: [PolicyDocument], _ denying: [PolicyDocument]) -> Question {
                Question { bindings throws(CompilationError) in
                    let a = try compile(allowing, bindings: bindings)
                    let b = try compile(denying, bindings: bindings)
                    return Question.Compiled(
                        predicate: .all([a.allowedPredicate, .not(b.allowedPredicate)]),
                        approximations: a.approximations + b.approximations,
                        variableKeys: a.variableKeys.union(b.variableKeys))
                }
            }
            let onlyFirst = try find(only(first, second), allowedBy: first, deniedBy: second)
            let onlySecond = try find(only(second, first), allowedBy: second, deniedBy: first)
            return PolicyComparison(onlyFirst: onlyFirst, onlySecond: onlySecond)
        }
    }

    /// Whether the policies grant any of `actions` on any of `resources` (IAM Access Analyzer's
    /// CheckAccessNotGranted): with only actions, those actions on any resource; with only
    /// resources, any action on those resources; with both, the actions on the resources.
    public func accessNotGranted(_ policies: [PolicyDocument], actions: [String], resources: [String]) throws(EngineInternalError) -> AccessAnswer {
        var parts: [RequestConstraint] = []
        if !actions.isEmpty { parts.append(.actions(actions)) }
        if !resources.isEmpty { parts.append(.resources(resources)) }
        return try allowed(policies, within: .all(parts))
    }

    // MARK: - Internals

    /// Runs `body` with this engine's automaton size limit in force.
    func withLimits<Value>(_ body: () throws(EngineInternalError) -> Value) throws(EngineInternalError) -> Value {
        let result: Result<Value, EngineInternalError> = AutomatonLimit.$states.withValue(limits.maximumAutomatonStates) {
            do throws(EngineInternalError) {
                return .success(try body())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    func compile(_ policies: [PolicyDocument], bindings: [String: String]) throws(CompilationError) -> CompiledPolicySet {
        try PolicyCompiler(catalog: catalog, limits: limits, bindings: bindings).compile(policies)
    }

    func constraintPredicate(_ constraint: RequestConstraint) throws(CompilationError) -> Predicate {
        try constraint.predicate(catalog: catalog, cache: leafPredicates)
    }
}
