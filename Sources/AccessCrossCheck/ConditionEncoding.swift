import PolicyLanguage

extension QueryEncoder {
    /// Whether a request satisfies one condition clause, as `ConditionEvaluation.holds`
    /// decides it:
    ///
    /// - `Null` tests presence alone: a value `true` holds for an absent key, `false` for a
    ///   present one.
    /// - An absent key satisfies `…IfExists`, `ForAllValues:` and negated operators, and no other.
    /// - A present value satisfies a positive operator when some policy value matches it, and
    ///   a negated one when none does. `ForAllValues:` needs every value of the key to
    ///   satisfy it, `ForAnyValue:` one; without a qualifier a multivalued key is read as
    ///   `ForAnyValue:` for positive operators and `ForAllValues:` for negated ones.
    func clause(_ clause: ConditionClause, variables: Bool) throws -> SMTTerm {
        guard let conditionOperator = clause.conditionOperator else {
            throw EncodingGap(description: "'\(clause.operatorName.value)' is not a condition operator")
        }
        let key = try self.key(clause.key.value)
        let base = conditionOperator.base
        if base == .null {
            return smt.or(clause.values.map { value in
                switch ConditionEvaluation.parseBool(value.text) {
                case true?: return smt.not(key.present)
                case false?: return key.present
                case nil: return smt.bool(false)
                }
            })
        }

        let holdsWhenAbsent: Bool
        if conditionOperator.ifExists {
            holdsWhenAbsent = true
        } else {
            switch conditionOperator.qualifier {
            case .forAllValues: holdsWhenAbsent = true
            case .forAnyValue: holdsWhenAbsent = false
            case nil: holdsWhenAbsent = base.isNegated
            }
        }

        var prepared: [PreparedValue] = []
        for value in clause.values {
            prepared.append(try prepare(value.text, base: base, variables: variables))
        }
        var satisfied: [SMTTerm] = []
        for slot in key.values.indices {
            var matched: [SMTTerm] = []
            for value in prepared {
                matched.append(try matches(base.positive, value, key: key, slot: slot))
            }
            let anyMatch = smt.or(matched)
            satisfied.append(base.isNegated ? smt.not(anyMatch) : anyMatch)
        }
        let everyValue: Bool
        switch conditionOperator.qualifier {
        case .forAllValues: everyValue = true
        case .forAnyValue: everyValue = false
        case nil: everyValue = base.isNegated
        }
        let whenPresent = everyValue ? smt.and(satisfied) : smt.or(satisfied)
        return smt.or([
            smt.and([key.present, whenPresent]),
            smt.and([smt.not(key.present), smt.bool(holdsWhenAbsent)]),
        ])
    }
}
