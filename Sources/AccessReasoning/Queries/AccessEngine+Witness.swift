import PolicyLanguage

/// The predicate of one direction of a query, built from the policies compiled with given
/// variable bindings.
struct Question {
    struct Compiled {
        let predicate: Predicate
        let approximations: [String]
        /// The lowercased keys of the variables left unbound and approximated.
        let variableKeys: Set<String>
    }

    let build: ([String: String]) throws(CompilationError) -> Compiled

    init(_ build: @escaping ([String: String]) throws(CompilationError) -> Compiled) {
        self.build = build
    }
}

extension AccessEngine {
    /// The outcome of one search and its evaluator check.
    enum Attempt {
        case noAccess
        case access(Witness)
        case undecided(String)
        /// The search found a request that the evaluator does not confirm, because of
        /// approximations, which the message names.
        case unconfirmed(Request, String)
    }

    /// Searches for a request the question's predicate accepts and checks it with the
    /// concrete evaluator: allowed by `allowedBy` and, when given, not allowed by `deniedBy`.
    ///
    /// When approximated policy variables make the evaluator reject the request, the search
    /// runs again with those variables bound to values and the requests restricted to carry
    /// them. There the policies compile exactly, so a request found is a real witness.
    func find(_ question: Question, allowedBy: [PolicyDocument], deniedBy: [PolicyDocument]?) throws(EngineInternalError) -> AccessAnswer {
        let compiled: Question.Compiled
        do throws(CompilationError) {
            compiled = try question.build([:])
        } catch {
            return .unknown(error.description)
        }
        let first = try attempt(compiled.predicate, approximations: compiled.approximations, allowedBy: allowedBy, deniedBy: deniedBy)
        switch first {
        case .noAccess:
            return .noAccess
        case .access(let witness):
            return .access(witness)
        case .undecided(let reason):
            return .unknown(reason)
        case .unconfirmed(let candidate, let reason):
            for bindings in candidateBindings(compiled.variableKeys, from: candidate) {
                if let witness = try attemptBound(question, bindings, allowedBy: allowedBy, deniedBy: deniedBy) {
                    return .access(witness)
                }
            }
            return .unknown(reason)
        }
    }

    /// Searches again with the variables bound; returns a confirmed witness or nil.
    func attemptBound(_ question: Question, _ bindings: [String: String], allowedBy: [PolicyDocument], deniedBy: [PolicyDocument]?) throws(EngineInternalError) -> Witness? {
        let compiled: Question.Compiled
        let carried: Predicate
        do throws(CompilationError) {
            compiled = try question.build(bindings)
            let constraints = bindings.sorted { $0.key < $1.key }.map { key, value in
                RequestConstraint.condition(operator: "StringEquals", key: key, values: [value])
            }
            carried = try constraintPredicate(.all(constraints))
        } catch {
            return nil
        }
        let result = try attempt(
            .all([compiled.predicate, carried]), approximations: compiled.approximations,
            allowedBy: allowedBy, deniedBy: deniedBy)
        if case .access(let witness) = result {
            return witness
        }
        return nil
    }

    /// Value choices for the variables: the candidate request's own value where it has a
    /// single one, else plain names, and an account-shaped number for keys holding IDs.
    func candidateBindings(_ keys: Set<String>, from candidate: Request) -> [[String: String]] {
        // A multivalued key never substitutes into a variable, so binding it cannot help.
        let bindable = keys.filter { key in
            !(catalog.conditionKey(named: key)?.type.isMultiValued ?? false)
        }.sorted()
        guard !bindable.isEmpty, bindable.count == keys.count else { return [] }
        let context = candidate.effectiveContext
        var choices: [[String: String]] = []
        for fallback in ["example", "111122223333"] {
            var bindings: [String: String] = [:]
            for key in bindable {
                if let entry = context.entry(for: key), !entry.isMultiValued, entry.values.count == 1 {
                    bindings[key] = entry.values[0]
                } else {
                    bindings[key] = fallback
                }
            }
            if !choices.contains(bindings) {
                choices.append(bindings)
            }
        }
        return choices
    }

    func attempt(_ predicate: Predicate, approximations: [String], allowedBy: [PolicyDocument], deniedBy: [PolicyDocument]?) throws(EngineInternalError) -> Attempt {
        var search = Search(limits: limits)
        let built: Request
        do throws(SearchLimitReached) {
            let universe: [RequestCell]
            do throws(AutomatonTooLarge) {
                universe = Self.searchOrder(try RequestCell.universe(catalog: catalog), allowedBy: allowedBy)
            } catch {
                return .undecided("the request space needs an automaton of over \(error.states) states")
            }
            guard let cell = try search.firstCell(in: universe, satisfying: predicate) else { return .noAccess }
            do throws(AutomatonTooLarge) {
                built = try WitnessBuilder.request(from: cell, hints: WitnessHints(allowedBy + (deniedBy ?? [])))
            } catch {
                throw SearchLimitReached(reason: "building the witness needs an automaton of over \(error.states) states")
            }
        } catch {
            return .undecided(error.reason)
        }
        let request = witnessTransform?(built) ?? built
        return try confirm(request, allowedBy: allowedBy, deniedBy: deniedBy, approximations: approximations)
    }

    /// Orders the principal kinds for the search, which shapes the witness: policies without
    /// a `Principal` element are identity policies, whose callers are role sessions and users,
    /// so those kinds come first for them.
    static func searchOrder(_ cells: [RequestCell], allowedBy: [PolicyDocument]) -> [RequestCell] {
        let namesPrincipals = allowedBy.contains { $0.statements.contains { $0.principal != nil } }
        guard !namesPrincipals else { return cells }
        let preferred: [PrincipalKind] = [.roleSession, .iamUser, .federatedUser, .accountRoot]
        let first = preferred.compactMap { kind in cells.first { $0.kind == kind } }
        return first + cells.filter { !preferred.contains($0.kind) }
    }

    func confirm(
        _ request: Request,
        allowedBy: [PolicyDocument],
        deniedBy: [PolicyDocument]?,
        approximations: [String]
    ) throws(EngineInternalError) -> Attempt {
        let allowing: EvaluationResult
        let denying: EvaluationResult?
        do throws(PolicyEvaluationError) {
            allowing = try PolicyEvaluator.evaluate(request, policies: allowedBy)
            denying = try deniedBy.map { policies throws(PolicyEvaluationError) in try PolicyEvaluator.evaluate(request, policies: policies) }
        } catch {
            return .undecided(error.description)
        }
        let confirmed = allowing.decision == .allowed && (denying.map { $0.decision != .allowed } ?? true)
        if confirmed {
            return .access(Witness(request: request, evaluation: allowing))
        }
        var disagreements: [String] = []
        if allowing.decision != .allowed {
            disagreements.append("the policies that should allow it decide \(allowing.decision.rawValue)")
        }
        if let denying, denying.decision == .allowed {
            disagreements.append("the policies that should not allow it decide Allow")
        }
        let context = request.context.sortedEntries.map { "\($0.key)=\($0.isMultiValued ? "[\($0.values.joined(separator: ", "))]" : $0.values.joined())" }
        let candidate = "\(request)" + (context.isEmpty ? "" : " with context \(context.joined(separator: ", "))")
        if !approximations.isEmpty {
            var seen: Set<String> = []
            let reasons = approximations.filter { seen.insert($0).inserted }
            return .unconfirmed(request, "the candidate request \(candidate) is not confirmed: \(disagreements.joined(separator: " and ")); approximated: \(reasons.joined(separator: "; "))")
        }
        throw EngineInternalError(description: "internal error: the engine found the request \(candidate), but \(disagreements.joined(separator: " and "))")
    }
}
