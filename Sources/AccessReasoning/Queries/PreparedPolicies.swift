import PolicyLanguage

/// Policies compiled once for many `allowed` queries, as findings need: one query per
/// principal class, condition value and action.
public struct PreparedPolicies: Sendable {
    public let engine: AccessEngine
    public let documents: [PolicyDocument]
    /// The compiled policies, or the reason they cannot be compiled.
    let compiled: Result<CompiledPolicySet, CompilationError>

    init(engine: AccessEngine, documents: [PolicyDocument]) {
        self.engine = engine
        self.documents = documents
        compiled = engine.withAutomatonLimit { () -> Result<CompiledPolicySet, CompilationError> in
            do throws(CompilationError) {
                return .success(try engine.compile(documents, bindings: [:]))
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
            let question = Question { bindings throws(CompilationError) in
                let set = bindings.isEmpty ? try compiled.get() : try engine.compile(documents, bindings: bindings)
                return Question.Compiled(
                    predicate: .all([set.allowedPredicate, extra]),
                    approximations: set.approximations, variableKeys: set.variableKeys)
            }
            return try engine.find(question, allowedBy: documents, deniedBy: nil)
        }
    }
}

extension AccessEngine {
    /// Compiles policies once for many queries.
    public func prepare(_ policies: [PolicyDocument]) -> PreparedPolicies {
        PreparedPolicies(engine: self, documents: policies)
    }

    /// Runs `body` with this engine's automaton size limit in force.
    func withAutomatonLimit<Value>(_ body: () -> Value) -> Value {
        AutomatonLimit.$states.withValue(limits.maximumAutomatonStates) { body() }
    }
}
