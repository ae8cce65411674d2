/// Reduces a failing generated policy to a small one that still fails: it drops statements,
/// condition clauses, values and principal entries, and replaces elements with `*`, keeping
/// each change after which the predicate still holds, until no change keeps it.
public enum PolicyShrinker {
    /// Returns the smallest policy found for which `fails` holds; `policy` itself must fail.
    /// `maximumChecks` bounds how many times `fails` runs.
    public static func shrink(
        _ policy: GeneratedPolicy, maximumChecks: Int = 2_000, while fails: (GeneratedPolicy) -> Bool
    ) -> GeneratedPolicy {
        var current = policy
        var checks = 0
        var improved = true
        while improved && checks < maximumChecks {
            improved = false
            for candidate in simplifications(of: current) where candidate != current {
                checks += 1
                if fails(candidate) {
                    current = candidate
                    improved = true
                    break
                }
                if checks >= maximumChecks { break }
            }
        }
        return current
    }

    /// Policies one step simpler than `policy`, the largest steps first.
    static func simplifications(of policy: GeneratedPolicy) -> [GeneratedPolicy] {
        var result: [GeneratedPolicy] = []
        func with(_ index: Int, _ change: (inout GeneratedStatement) -> Void) -> GeneratedPolicy {
            var copy = policy
            change(&copy.statements[index])
            return copy
        }
        if policy.statements.count > 1 {
            for index in policy.statements.indices {
                var copy = policy
                copy.statements.remove(at: index)
                result.append(copy)
            }
        }
        for (index, statement) in policy.statements.enumerated() {
            for clause in statement.conditions.indices {
                result.append(with(index) { $0.conditions.remove(at: clause) })
                for value in statement.conditions[clause].values.indices where statement.conditions[clause].values.count > 1 {
                    result.append(with(index) { $0.conditions[clause].values.remove(at: value) })
                }
            }
            if let principal = statement.principal {
                result.append(with(index) { $0.principal = nil })
                if !principal.entries.isEmpty {
                    result.append(with(index) { $0.principal = GeneratedPrincipal(isNegated: principal.isNegated, entries: []) })
                }
                for entry in principal.entries.indices {
                    if principal.entries.count > 1 {
                        result.append(with(index) { $0.principal?.entries.remove(at: entry) })
                    }
                    for value in principal.entries[entry].values.indices where principal.entries[entry].values.count > 1 {
                        result.append(with(index) { $0.principal?.entries[entry].values.remove(at: value) })
                    }
                }
            }
            if statement.action.patterns != ["*"] || statement.action.isNegated {
                result.append(with(index) { $0.action = GeneratedPatterns(["*"]) })
            }
            for pattern in statement.action.patterns.indices where statement.action.patterns.count > 1 {
                result.append(with(index) { $0.action.patterns.remove(at: pattern) })
            }
            if let resource = statement.resource {
                result.append(with(index) { $0.resource = nil })
                for pattern in resource.patterns.indices where resource.patterns.count > 1 {
                    result.append(with(index) { $0.resource?.patterns.remove(at: pattern) })
                }
            }
        }
        return result
    }
}
