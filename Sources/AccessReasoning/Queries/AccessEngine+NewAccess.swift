import PolicyLanguage

extension AccessEngine {
    /// Decides whether `new` allows a request satisfying `constraint` that `old` denies, with a
    /// confirmed witness when it does. `bindings` fixes policy variables whose keys every
    /// request carries with those values.
    public func newAccess(
        from old: [PolicyDocument], to new: [PolicyDocument], within constraint: RequestConstraint, bindings: [String: String] = [:]
    ) throws(EngineInternalError) -> AccessAnswer {
        try withLimits { () throws(EngineInternalError) -> AccessAnswer in
            let extra: Predicate
            do throws(CompilationError) {
                extra = try constraintPredicate(constraint)
            } catch {
                return .unknown(error.description)
            }
            let question = Question { bound throws(CompilationError) in
                let merged = bindings.merging(bound) { fixed, _ in fixed }
                let allowing = try compile(new, bindings: merged)
                let denying = try compile(old, bindings: merged)
                return Question.Compiled(
                    predicate: .all([allowing.allowedPredicate, .not(denying.allowedPredicate), extra]),
                    approximations: allowing.approximations + denying.approximations,
                    variableKeys: allowing.variableKeys.union(denying.variableKeys))
            }
            return try find(question, allowedBy: new, deniedBy: old)
        }
    }
}
