extension PolicyReader {
    /// Reads a `Condition` block into one clause per operator and key.
    mutating func readCondition(_ value: JSONValue, pointer: JSONPointer) -> [ConditionClause] {
        guard let operators = value.objectMembers else {
            report(.invalidElementType, "expected an object of condition operators for 'Condition', found \(value.typeName)", at: value.location, pointer)
            return []
        }
        if operators.isEmpty {
            report(.emptyObjectCondition, "'Condition' is empty and restricts nothing", at: value.location, pointer, help: "remove the empty 'Condition'")
        }

        var clauses: [ConditionClause] = []
        var seenOperators: [String: JSONMember] = [:]
        for operatorMember in operators {
            if let first = seenOperators[operatorMember.key] {
                reportDuplicate(operatorMember, first: first, pointer: pointer)
                continue
            }
            seenOperators[operatorMember.key] = operatorMember
            clauses += readOperatorBlock(operatorMember, pointer: pointer.appending(operatorMember.key))
        }
        return clauses
    }

    mutating func readOperatorBlock(_ member: JSONMember, pointer: JSONPointer) -> [ConditionClause] {
        let operatorName = Located(member.key, location: member.keyLocation, pointer: pointer)
        let conditionOperator = ConditionOperator(name: member.key)
        if conditionOperator == nil {
            report(
                .unknownConditionOperator, "'\(member.key)' is not a condition operator",
                at: member.keyLocation, pointer,
                help: Suggestions.closest(to: member.key, among: ConditionOperator.allCanonicalNames).map { "did you mean '\($0)'?" })
        }
        guard let keys = member.value.objectMembers else {
            report(.invalidElementType, "expected an object of condition keys for '\(member.key)', found \(member.value.typeName)", at: member.value.location, pointer)
            return []
        }

        var clauses: [ConditionClause] = []
        var seenKeys: [JSONMember] = []
        for keyMember in keys {
            let keyPointer = pointer.appending(keyMember.key)
            if let first = seenKeys.first(where: { $0.key == keyMember.key }) {
                reportDuplicate(keyMember, first: first, pointer: pointer)
                continue
            }
            if let first = seenKeys.first(where: { CaseFolding.equalIgnoringCase($0.key, keyMember.key) }) {
                report(
                    .duplicateKeysWithDifferentCase,
                    "condition key '\(keyMember.key)' repeats '\(first.key)' with different case; key names are case-insensitive",
                    at: keyMember.keyLocation, keyPointer,
                    help: "merge the two entries")
            }
            seenKeys.append(keyMember)
            let key = Located(keyMember.key, location: keyMember.keyLocation, pointer: keyPointer)
            guard let values = readConditionValues(keyMember.value, key: keyMember.key, pointer: keyPointer) else {
                continue
            }
            clauses.append(ConditionClause(operatorName: operatorName, conditionOperator: conditionOperator, key: key, values: values))
        }
        return clauses
    }

    mutating func readConditionValues(_ value: JSONValue, key: String, pointer: JSONPointer) -> [ConditionValue]? {
        if let single = conditionValue(value, pointer: pointer) {
            return [single]
        }
        guard let elements = value.arrayElements else {
            report(.invalidElementType, "expected a string, number, boolean or an array of them for condition key '\(key)', found \(value.typeName)", at: value.location, pointer)
            return nil
        }
        if elements.isEmpty {
            report(.emptyArrayCondition, "condition key '\(key)' has no values", at: value.location, pointer, help: "list at least one value or remove the key")
        }
        var values: [ConditionValue] = []
        for (index, element) in elements.enumerated() {
            if let item = conditionValue(element, pointer: pointer.appending(index)) {
                values.append(item)
            } else {
                report(.invalidElementType, "expected a string, number or boolean in the values of '\(key)', found \(element.typeName)", at: element.location, pointer.appending(index))
            }
        }
        return values
    }

    func conditionValue(_ value: JSONValue, pointer: JSONPointer) -> ConditionValue? {
        switch value.kind {
        case .string(let text):
            return ConditionValue(text: text, jsonType: .string, location: value.location, pointer: pointer)
        case .number(let text):
            return ConditionValue(text: text, jsonType: .number, location: value.location, pointer: pointer)
        case .bool(let flag):
            return ConditionValue(text: flag ? "true" : "false", jsonType: .boolean, location: value.location, pointer: pointer)
        default:
            return nil
        }
    }
}
