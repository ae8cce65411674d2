extension Validation {
    /// Finds actions, resources and principals that another value of the same element
    /// already covers, and statements that another statement already covers.
    mutating func checkRedundancy() {
        for statement in document.statements {
            if let element = statement.action {
                reportCoveredValues(
                    element.patterns, code: .redundantAction, noun: "action",
                    glob: { Glob(pattern: CaseFolding.lowercased($0)) },
                    covers: { $0.isCovered(by: $1) })
            }
            if let element = statement.resource {
                reportCoveredValues(
                    element.patterns.filter { !$0.value.contains("${") }, code: .redundantResource, noun: "resource",
                    glob: { Glob(pattern: $0) },
                    covers: { ARNMatching.isCovered($0, by: $1) })
            }
            if let element = statement.principal, !element.isNegated {
                checkRedundantPrincipals(element)
            }
        }
        checkRedundantStatements()
    }

    /// Reports each value that another value of the list covers; of two equivalent values, the later one.
    private mutating func reportCoveredValues(
        _ values: [Located<String>],
        code: IssueCode,
        noun: String,
        glob: (String) -> Glob,
        covers: (Glob, Glob) -> Bool
    ) {
        let globs = values.map { glob($0.value) }
        for (index, value) in values.enumerated() {
            let coveringIndex = globs.indices.first { other in
                guard other != index, covers(globs[index], globs[other]) else { return false }
                // Of two equivalent values, only the later one is redundant.
                return !covers(globs[other], globs[index]) || other < index
            }
            if let coveringIndex {
                let covering = values[coveringIndex].value
                let message = covering == value.value
                    ? "the \(noun) '\(value.value)' is listed more than once"
                    : "the \(noun) '\(value.value)' is already covered by '\(covering)'"
                report(code, message, at: value.location, value.pointer, help: "remove '\(value.value)'")
            }
        }
    }

    private mutating func checkRedundantPrincipals(_ element: PrincipalElement) {
        for (index, entry) in element.entries.enumerated() {
            let covering = element.entries.enumerated().first { other in
                other.offset != index && Validation.principalEntry(entry, isCoveredBy: other.element)
                    && (!Validation.principalEntry(other.element, isCoveredBy: entry) || other.offset < index)
            }
            if let covering {
                report(
                    .redundantPrincipal, "the principal \(entry.displayText) is already covered by \(covering.element.displayText)",
                    at: entry.location, entry.pointer, help: "remove \(entry.displayText)")
            }
        }
    }

    /// Whether `other` names every principal that `entry` names, in a positive `Principal` element.
    static func principalEntry(_ entry: PrincipalEntry, isCoveredBy other: PrincipalEntry) -> Bool {
        if other.isWildcard { return true }
        if entry == other { return true }
        guard entry.kind == .aws, other.kind == .aws else { return false }
        switch (AWSPrincipalValue(entry.value), AWSPrincipalValue(other.value)) {
        case (.account(let a), .account(let b)):
            return a == b
        case (.arn(let arn), .account(let account)):
            return arn.account == account
        default:
            return false
        }
    }

    private mutating func checkRedundantStatements() {
        let statements = document.statements
        for statement in statements {
            let covering = statements.first { other in
                other.index != statement.index && Validation.statement(statement, isCoveredBy: other)
                    && (!Validation.statement(other, isCoveredBy: statement) || other.index < statement.index)
            }
            if let covering {
                report(
                    .redundantStatement,
                    "\(statement.label) is already covered by \(covering.label), which has the same effect, principal and conditions",
                    at: statement.location, statement.pointer, help: "remove \(statement.label)")
            }
        }
    }

    /// Whether `other` matches every request that `statement` matches, judged from their
    /// elements: same effect, principals and conditions, and actions and resources that cover.
    static func statement(_ statement: Statement, isCoveredBy other: Statement) -> Bool {
        guard let effect = statement.effect?.value, effect == other.effect?.value,
              !statement.hasReadErrors, !other.hasReadErrors else { return false }
        guard samePrincipals(statement.principal, other.principal), sameConditions(statement.conditions, other.conditions) else {
            return false
        }
        guard let actions = statement.action, let otherActions = other.action,
              !actions.isNegated, !otherActions.isNegated else { return false }
        let actionsCovered = actions.patterns.allSatisfy { pattern in
            let glob = Glob(pattern: CaseFolding.lowercased(pattern.value))
            return otherActions.patterns.contains { glob.isCovered(by: Glob(pattern: CaseFolding.lowercased($0.value))) }
        }
        guard actionsCovered else { return false }
        switch (statement.resource, other.resource) {
        case (nil, nil):
            return true
        case (let resources?, let otherResources?) where !resources.isNegated && !otherResources.isNegated:
            return resources.patterns.allSatisfy { pattern in
                otherResources.patterns.contains { ARNMatching.isCovered(Glob(pattern: pattern.value), by: Glob(pattern: $0.value)) }
            }
        default:
            return false
        }
    }

    static func samePrincipals(_ lhs: PrincipalElement?, _ rhs: PrincipalElement?) -> Bool {
        switch (lhs, rhs) {
        case (nil, nil):
            return true
        case (let lhs?, let rhs?):
            return lhs.isNegated == rhs.isNegated && Set(lhs.entries) == Set(rhs.entries)
        default:
            return false
        }
    }

    static func sameConditions(_ lhs: [ConditionClause], _ rhs: [ConditionClause]) -> Bool {
        struct ClauseKey: Hashable {
            let operatorName: String
            let key: String
            let values: Set<ConditionValue>
        }
        func keys(_ clauses: [ConditionClause]) -> Set<ClauseKey> {
            Set(clauses.map { ClauseKey(operatorName: $0.conditionOperator?.canonicalName ?? $0.operatorName.value, key: $0.normalizedKey, values: Set($0.values)) })
        }
        return lhs.count == rhs.count && keys(lhs) == keys(rhs)
    }
}
