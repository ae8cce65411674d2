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
            for patterns in [statement.action?.patterns, statement.resource?.patterns] {
                hasher.combine(patterns?.count ?? -1)
                for pattern in patterns ?? [] {
                    hasher.combine(pattern.value)
                }
            }
        }
        return hasher.finalize()
    }
}

extension Statement {
    func hasSameContent(as other: Statement) -> Bool {
        guard index == other.index, sid?.value == other.sid?.value, effect?.value == other.effect?.value,
              hasReadErrors == other.hasReadErrors else { return false }
        guard principal?.isNegated == other.principal?.isNegated,
              Self.same(principal?.entries, other.principal?.entries, by: { $0.kind == $1.kind && $0.value == $1.value }) else { return false }
        guard action?.isNegated == other.action?.isNegated, Self.same(action?.patterns, other.action?.patterns, by: { $0.value == $1.value }),
              resource?.isNegated == other.resource?.isNegated, Self.same(resource?.patterns, other.resource?.patterns, by: { $0.value == $1.value })
        else { return false }
        return conditions.elementsEqual(other.conditions) { clause, otherClause in
            clause.operatorName.value == otherClause.operatorName.value
                && (clause.conditionOperator == nil) == (otherClause.conditionOperator == nil)
                && clause.key.value == otherClause.key.value
                && clause.values.elementsEqual(otherClause.values) { $0.text == $1.text && $0.jsonType == $1.jsonType }
        }
    }

    /// Returns whether two optional lists are both absent, or both present with pairwise equal elements.
    private static func same<Element>(_ lhs: [Element]?, _ rhs: [Element]?, by equal: (Element, Element) -> Bool) -> Bool {
        switch (lhs, rhs) {
        case (nil, nil): return true
        case let (left?, right?): return left.elementsEqual(right, by: equal)
        default: return false
        }
    }
}
