extension PolicyDocument {
    /// Returns whether the two documents have the same content, whatever the files,
    /// locations and JSON pointers they were read with. Documents with the same content
    /// allow and deny the same requests, and their statements and clauses come in the same
    /// order.
    // NOTE: A stored property added to the document, a statement or an element has to join
    // this comparison when it changes what a policy means. A test counts the stored properties.
    public func hasSameContent(as other: PolicyDocument) -> Bool {
        guard version?.value == other.version?.value, id?.value == other.id?.value,
              statements.count == other.statements.count else { return false }
        return zip(statements, other.statements).allSatisfy { $0.hasSameContent(as: $1) }
    }

    /// A hash that documents with the same content share, from their statements' effects,
    /// actions and resources.
    public var contentHash: Int {
        var hasher = Hasher()
        hasher.combine(statements.count)
        for statement in statements {
            hasher.combine(statement.effect?.value == .allow)
            hasher.combine(statement.action?.patterns.map(\.value))
            hasher.combine(statement.resource?.patterns.map(\.value))
        }
        return hasher.finalize()
    }
}

extension Statement {
    func hasSameContent(as other: Statement) -> Bool {
        guard index == other.index, sid?.value == other.sid?.value, effect?.value == other.effect?.value,
              hasReadErrors == other.hasReadErrors else { return false }
        guard principal?.isNegated == other.principal?.isNegated,
              principal?.entries.map(\.kind) == other.principal?.entries.map(\.kind),
              principal?.entries.map(\.value) == other.principal?.entries.map(\.value) else { return false }
        guard action?.isNegated == other.action?.isNegated, action?.patterns.map(\.value) == other.action?.patterns.map(\.value),
              resource?.isNegated == other.resource?.isNegated, resource?.patterns.map(\.value) == other.resource?.patterns.map(\.value)
        else { return false }
        guard conditions.count == other.conditions.count else { return false }
        return zip(conditions, other.conditions).allSatisfy { clause, otherClause in
            clause.operatorName.value == otherClause.operatorName.value
                && (clause.conditionOperator == nil) == (otherClause.conditionOperator == nil)
                && clause.key.value == otherClause.key.value
                && clause.values.map(\.text) == otherClause.values.map(\.text)
                && clause.values.map(\.jsonType) == otherClause.values.map(\.jsonType)
        }
    }
}
