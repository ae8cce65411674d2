import PolicyLanguage

/// Policies compiled once for many `allowed` queries, as findings need: one query per
/// principal class, condition value and action.
public struct PreparedPolicies: Sendable {
    public let engine: AccessEngine
    public let documents: [PolicyDocument]
    /// Values of policy variables that every query's requests carry, such as the resource's
    /// own account for `${aws:ResourceAccount}`, by lowercased key.
    let bindings: [String: String]
    /// The compiled policies, or the reason they cannot be compiled.
    let compiled: Result<CompiledPolicySet, CompilationError>

    init(engine: AccessEngine, documents: [PolicyDocument], bindings: [String: String] = [:]) {
        self.engine = engine
        self.documents = documents
        self.bindings = bindings
        compiled = engine.withAutomatonLimit { () -> Result<CompiledPolicySet, CompilationError> in
            do throws(CompilationError) {
                return .success(try engine.compile(documents, bindings: bindings))
            } catch {
                return .failure(error)
            }
        }
    }

    /// Returns whether the policies allow any request satisfying `constraint`, with a witness
    /// when they do.
    public func allowed(within constraint: RequestConstraint = .any) throws(EngineInternalError) -> AccessAnswer {
        try engine.withLimits { () throws(EngineInternalError) -> AccessAnswer in
            let extra: Predicate
            do throws(CompilationError) {
                extra = try engine.constraintPredicate(constraint)
            } catch {
                return .unknown(error.description)
            }
            let fixed = self.bindings
            let question = Question { bindings throws(CompilationError) in
                let set = bindings.isEmpty ? try compiled.get() : try engine.compile(documents, bindings: fixed.merging(bindings) { first, _ in first })
                return Question.Compiled(
                    predicate: .all([set.allowedPredicate, extra]),
                    approximations: set.approximations, variableKeys: set.variableKeys)
            }
            return try engine.find(question, allowedBy: documents, deniedBy: nil)
        }
    }
}

extension AccessEngine {
    /// Compiles policies once for many queries. `bindings` fixes policy variables whose keys
    /// every query's requests carry with those values.
    public func prepare(_ policies: [PolicyDocument], bindings: [String: String] = [:]) -> PreparedPolicies {
        PreparedPolicies(engine: self, documents: policies, bindings: bindings)
    }

    /// Runs `body` with this engine's automaton size limit in force.
    func withAutomatonLimit<Value>(_ body: () -> Value) -> Value {
        AutomatonLimit.$states.withValue(limits.maximumAutomatonStates) { body() }
    }
}
