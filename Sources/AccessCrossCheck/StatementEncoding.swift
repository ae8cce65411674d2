import PolicyLanguage

extension QueryEncoder {
    /// The requests the policies allow: some `Allow` statement matches and no `Deny` does.
    func allowed(_ policies: [PolicyDocument]) throws -> SMTTerm {
        var allows: [SMTTerm] = []
        var denies: [SMTTerm] = []
        for policy in policies {
            for statement in policy.statements {
                guard !statement.hasReadErrors, let effect = statement.effect?.value, statement.action != nil else {
                    throw EncodingGap(description: "\(statement.label) has errors and cannot be evaluated")
                }
                let matched = try matches(statement, variables: policy.supportsPolicyVariables)
                if effect == .allow {
                    allows.append(matched)
                } else {
                    denies.append(matched)
                }
            }
        }
        return smt.and([smt.or(allows), smt.not(smt.or(denies))])
    }

    /// Whether a statement matches: its principal, action, resource and every condition clause.
    /// A statement without `Principal` matches every principal, one without `Resource` every resource.
    func matches(_ statement: Statement, variables: Bool) throws -> SMTTerm {
        var parts: [SMTTerm] = []
        if let principal = statement.principal {
            parts.append(try principalMatches(principal))
        }
        if let action = statement.action {
            parts.append(try actionMatches(action.patterns.map(\.value), negated: action.isNegated))
        }
        if let resource = statement.resource {
            parts.append(try resourceMatches(resource, variables: variables))
        }
        for clause in statement.conditions {
            parts.append(try self.clause(clause, variables: variables))
        }
        return smt.and(parts)
    }

    /// Action patterns are globs compared with the lowercased action.
    func actionMatches(_ patterns: [String], negated: Bool) throws -> SMTTerm {
        var alternatives: [SMTTerm] = []
        for pattern in patterns {
            let glob = Glob(pattern: CaseFolding.lowercased(pattern))
            alternatives.append(try regex.globMatches(action, glob.tokens))
        }
        let anyMatch = smt.or(alternatives)
        return negated ? smt.not(anyMatch) : anyMatch
    }

    /// Resource patterns are ARN patterns, with policy variables where the policy's version
    /// substitutes them.
    func resourceMatches(_ element: ResourceElement, variables: Bool) throws -> SMTTerm {
        var alternatives: [SMTTerm] = []
        for pattern in element.patterns {
            let template = PolicyTemplate(pattern.value, wildcards: true, variables: variables)
            guard let glob = try resolve(template) else { continue }
            alternatives.append(try regex.arnMatches(resource, glob))
        }
        let anyMatch = smt.or(alternatives)
        return element.isNegated ? smt.not(anyMatch) : anyMatch
    }
}
