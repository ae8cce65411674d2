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
                    element.patterns.filter { !$0.value.hasVariableMarker }, code: .redundantResource, noun: "resource",
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

    /// Statements can only cover each other when they share effect, principals and
    /// conditions, so the pairwise comparison runs within groups of that shape, and exact
    /// repeats are found by hashing before any pair is compared.
    private mutating func checkRedundantStatements() {
        var groups: [StatementShape: [Statement]] = [:]
        var order: [StatementShape] = []
        for statement in document.statements {
            guard let shape = StatementShape(statement) else { continue }
            if groups[shape] == nil { order.append(shape) }
            groups[shape, default: []].append(statement)
        }
        for shape in order {
            guard let members = groups[shape], members.count > 1 else { continue }
            var representatives: [Statement] = []
            var firstBySignature: [StatementSignature: Statement] = [:]
            for statement in members {
                let signature = StatementSignature(statement)
                if let first = firstBySignature[signature] {
                    reportRedundant(statement, coveredBy: first)
                } else {
                    firstBySignature[signature] = statement
                    representatives.append(statement)
                }
            }
            let prepared = representatives.map(PreparedStatement.init)
            for candidate in prepared {
                let covering = prepared.first { other in
                    other.statement.index != candidate.statement.index && candidate.isCovered(by: other)
                        && (!other.isCovered(by: candidate) || other.statement.index < candidate.statement.index)
                }
                if let covering {
                    reportRedundant(candidate.statement, coveredBy: covering.statement)
                }
            }
        }
    }

    private mutating func reportRedundant(_ statement: Statement, coveredBy covering: Statement) {
        report(
            .redundantStatement,
            "\(statement.label) is already covered by \(covering.label), which has the same effect, principal and conditions",
            at: statement.location, statement.pointer, help: "remove \(statement.label)")
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
        lhs.count == rhs.count && ClauseKey.set(lhs) == ClauseKey.set(rhs)
    }
}

/// A condition clause compared by meaning: operator, lowercased key and set of values.
struct ClauseKey: Hashable {
    let operatorName: String
    let key: String
    let values: Set<ConditionValue>

    static func set(_ clauses: [ConditionClause]) -> Set<ClauseKey> {
        Set(clauses.map { ClauseKey(operatorName: $0.conditionOperator?.canonicalName ?? $0.operatorName.value, key: $0.normalizedKey, values: Set($0.values)) })
    }
}

/// What two statements must share for one to cover the other: effect, principals,
/// conditions, and which of the action and resource elements they use.
struct StatementShape: Hashable {
    let effect: Effect
    let principalNegated: Bool?
    let principals: Set<PrincipalEntry>
    let conditions: Set<ClauseKey>
    let conditionCount: Int
    let hasResource: Bool

    /// nil for statements that cannot cover or be covered: read errors, no effect, or negated elements.
    init?(_ statement: Statement) {
        guard let effect = statement.effect?.value, !statement.hasReadErrors,
              let action = statement.action, !action.isNegated, !(statement.resource?.isNegated ?? false) else { return nil }
        self.effect = effect
        principalNegated = statement.principal?.isNegated
        principals = Set(statement.principal?.entries ?? [])
        conditions = ClauseKey.set(statement.conditions)
        conditionCount = statement.conditions.count
        hasResource = statement.resource != nil
    }
}

/// A statement's actions and resources as written, lowercased where IAM ignores case, to
/// find exact repeats without comparing pairs.
struct StatementSignature: Hashable {
    let actions: Set<[UInt8]>
    let resources: Set<[UInt8]>

    init(_ statement: Statement) {
        actions = Set(statement.action?.patterns.map { Array(CaseFolding.lowercased($0.value).utf8) } ?? [])
        resources = Set(statement.resource?.patterns.map { Array($0.value.utf8) } ?? [])
    }
}

/// A statement's action and resource patterns as globs, built once for pairwise comparison
/// within a group of statements of the same shape.
struct PreparedStatement {
    /// A pattern with the literal text before its first wildcard.
    struct Pattern {
        let glob: Glob
        let literalPrefix: [Glob.Token]

        init(_ glob: Glob) {
            self.glob = glob
            literalPrefix = Array(glob.tokens.prefix { if case .scalar = $0 { return true } else { return false } })
        }

        /// A pattern covers this one only if its literal prefix starts this one's, since a
        /// wildcard inside the other's prefix produces strings outside it.
        func mayBeCovered(by other: Pattern) -> Bool {
            literalPrefix.starts(with: other.literalPrefix)
        }
    }

    let statement: Statement
    let actions: [Pattern]
    let resources: [Pattern]?

    init(_ statement: Statement) {
        self.statement = statement
        actions = statement.action?.patterns.map { Pattern(Glob(pattern: CaseFolding.lowercased($0.value))) } ?? []
        resources = statement.resource?.patterns.map { Pattern(Glob(pattern: $0.value)) }
    }

    /// Whether `other`, of the same shape, matches every request this statement matches:
    /// each action and each resource is covered by one of `other`'s.
    func isCovered(by other: PreparedStatement) -> Bool {
        let actionsCovered = actions.allSatisfy { pattern in
            other.actions.contains { pattern.mayBeCovered(by: $0) && pattern.glob.isCovered(by: $0.glob) }
        }
        guard actionsCovered else { return false }
        guard let resources, let otherResources = other.resources else {
            return resources == nil && other.resources == nil
        }
        return resources.allSatisfy { pattern in
            otherResources.contains { $0.glob.matchesEverything || (pattern.mayBeCovered(by: $0) && ARNMatching.isCovered(pattern.glob, by: $0.glob)) }
        }
    }
}
