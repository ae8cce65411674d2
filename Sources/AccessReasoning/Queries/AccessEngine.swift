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

    public init(catalog: ActionCatalog, limits: EngineLimits = .standard) {
        self.catalog = catalog
        self.limits = limits
    }

    /// Whether the policies allow any request satisfying `constraint`, with a witness when they do.
    public func allowed(_ policies: [PolicyDocument], within constraint: RequestConstraint = .any) throws(EngineInternalError) -> AccessAnswer {
        try withLimits { () throws(EngineInternalError) -> AccessAnswer in
            let compiled: CompiledPolicySet
            let extra: Predicate
            do throws(CompilationError) {
                compiled = try compile(policies)
                extra = try constraintPredicate(constraint)
            } catch {
                return .unknown(error.description)
            }
            return try find(
                .all([compiled.allowedPredicate, extra]), approximations: compiled.approximations,
                allowedBy: policies, deniedBy: nil)
        }
    }

    /// Compares what two sets of policies allow, with a witness for each direction in which
    /// one allows a request the other does not (IAM Access Analyzer's CheckNoNewAccess, with
    /// counterexamples).
    public func compare(_ first: [PolicyDocument], _ second: [PolicyDocument]) throws(EngineInternalError) -> PolicyComparison {
        try withLimits { () throws(EngineInternalError) -> PolicyComparison in
            let a: CompiledPolicySet
            let b: CompiledPolicySet
            do throws(CompilationError) {
                a = try compile(first)
                b = try compile(second)
            } catch {
                return PolicyComparison(onlyFirst: .unknown(error.description), onlySecond: .unknown(error.description))
            }
            let onlyFirst = try find(
                .all([a.allowedPredicate, .not(b.allowedPredicate)]), approximations: a.approximations + b.approximations,
                allowedBy: first, deniedBy: second)
            let onlySecond = try find(
                .all([b.allowedPredicate, .not(a.allowedPredicate)]), approximations: a.approximations + b.approximations,
                allowedBy: second, deniedBy: first)
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

    func compile(_ policies: [PolicyDocument]) throws(CompilationError) -> CompiledPolicySet {
        try PolicyCompiler(catalog: catalog, limits: limits).compile(policies)
    }

    func constraintPredicate(_ constraint: RequestConstraint) throws(CompilationError) -> Predicate {
        try constraint.predicate(catalog: catalog)
    }

    /// Searches for a request satisfying `predicate`, and checks it with the concrete
    /// evaluator: allowed by `allowedBy` and, when given, not allowed by `deniedBy`.
    func find(
        _ predicate: Predicate,
        approximations: [String],
        allowedBy: [PolicyDocument],
        deniedBy: [PolicyDocument]?
    ) throws(EngineInternalError) -> AccessAnswer {
        var search = Search(limits: limits)
        let cell: RequestCell?
        let built: Request
        do throws(SearchLimitReached) {
            let universe: [RequestCell]
            do throws(AutomatonTooLarge) {
                universe = try RequestCell.universe(catalog: catalog)
            } catch {
                return .unknown("the request space needs an automaton of over \(error.states) states")
            }
            cell = try search.firstCell(in: universe, satisfying: predicate)
            guard let cell else { return .noAccess }
            do throws(AutomatonTooLarge) {
                built = try WitnessBuilder.request(from: cell)
            } catch {
                throw SearchLimitReached(reason: "building the witness needs an automaton of over \(error.states) states")
            }
        } catch {
            return .unknown(error.reason)
        }

        let request = witnessTransform?(built) ?? built
        return try confirm(request, allowedBy: allowedBy, deniedBy: deniedBy, approximations: approximations)
    }

    func confirm(
        _ request: Request,
        allowedBy: [PolicyDocument],
        deniedBy: [PolicyDocument]?,
        approximations: [String]
    ) throws(EngineInternalError) -> AccessAnswer {
        let allowing: EvaluationResult
        let denying: EvaluationResult?
        do throws(PolicyEvaluationError) {
            allowing = try PolicyEvaluator.evaluate(request, policies: allowedBy)
            denying = try deniedBy.map { policies throws(PolicyEvaluationError) in try PolicyEvaluator.evaluate(request, policies: policies) }
        } catch {
            return .unknown(error.description)
        }
        let confirmed = allowing.decision == .allowed && (denying.map { $0.decision != .allowed } ?? true)
        if confirmed {
            return .access(Witness(request: request, evaluation: allowing))
        }
        let evaluatorAnswer = "the evaluator decides \(allowing.decision.rawValue)" + (denying.map { " and \($0.decision.rawValue) on the other policies" } ?? "")
        if !approximations.isEmpty {
            return .unknown("the engine's candidate request \(request) is not confirmed (\(evaluatorAnswer)) because \(approximations.joined(separator: "; "))")
        }
        throw EngineInternalError(description: "internal error: the engine found the request \(request) with context \(request.context.sortedEntries.map { "\($0.key)=\($0.values)" }), but \(evaluatorAnswer)")
    }
}
