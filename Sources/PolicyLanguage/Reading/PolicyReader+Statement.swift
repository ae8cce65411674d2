extension PolicyReader {
    static let statementElements = [
        "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition",
    ]

    mutating func readStatement(_ value: JSONValue, index: Int, pointer: JSONPointer) -> Statement {
        // Only the diagnostics added from here on are looked at, so that a policy of many
        // statements is read in linear time.
        let diagnosticsBefore = diagnostics.count
        guard let members = value.objectMembers else {
            report(.invalidElementType, "expected an object for a statement, found \(value.typeName)", at: value.location, pointer)
            return Statement(index: index, location: value.location, pointer: pointer, effect: nil, action: nil, hasReadErrors: true)
        }
        let elements = readElements(members, allowed: Self.statementElements, context: "statement", pointer: pointer)

        var sid: Located<String>?
        if let member = elements["Sid"] {
            sid = readString(member.value, element: "Sid", pointer: pointer.appending("Sid"))
            if let sid, sid.value.isEmpty {
                report(.emptySidValue, "'Sid' is empty", at: sid.location, sid.pointer, help: "remove the empty 'Sid' or give the statement a name")
            }
        }

        let effect = readEffect(elements["Effect"], statement: value, pointer: pointer)
        let principal = readPrincipalElement(elements, pointer: pointer)
        let action = readActionElement(elements, statement: value, pointer: pointer)
        let resource = readResourceElement(elements, pointer: pointer)

        var conditions: [ConditionClause] = []
        if let member = elements["Condition"] {
            conditions = readCondition(member.value, pointer: pointer.appending("Condition"))
        }

        return Statement(
            index: index,
            location: value.location,
            pointer: pointer,
            sid: sid,
            effect: effect,
            principal: principal,
            action: action,
            resource: resource,
            conditions: conditions,
            hasReadErrors: diagnostics[diagnosticsBefore...].contains { $0.severity == .error })
    }

    mutating func readEffect(_ member: JSONMember?, statement: JSONValue, pointer: JSONPointer) -> Located<Effect>? {
        guard let member else {
            report(.missingEffect, "the statement has no 'Effect'", at: statement.location, pointer, help: "add \"Effect\": \"Allow\" or \"Effect\": \"Deny\"")
            return nil
        }
        let effectPointer = pointer.appending("Effect")
        guard let text = member.value.stringValue else {
            report(.invalidElementType, "expected \"Allow\" or \"Deny\" for 'Effect', found \(member.value.typeName)", at: member.value.location, effectPointer)
            return nil
        }
        guard let effect = Effect(rawValue: text) else {
            let caseMatch = Effect.allCases.first { CaseFolding.equalIgnoringCase($0.rawValue, text) }
            report(
                .invalidEffect, "'\(text)' is not a valid 'Effect', expected 'Allow' or 'Deny'",
                at: member.value.location, effectPointer,
                help: caseMatch.map { "values of 'Effect' are case-sensitive: write '\($0.rawValue)'" })
            return nil
        }
        return Located(effect, location: member.value.location, pointer: effectPointer)
    }

    mutating func readActionElement(_ elements: [String: JSONMember], statement: JSONValue, pointer: JSONPointer) -> ActionElement? {
        let positive = elements["Action"]
        let negative = elements["NotAction"]
        if positive != nil, let negative {
            report(.unsupportedElementCombination, "a statement cannot have both 'Action' and 'NotAction'", at: negative.keyLocation, pointer.appending("NotAction"))
        }
        guard let member = positive ?? negative else {
            report(.missingAction, "the statement has no 'Action' or 'NotAction'", at: statement.location, pointer)
            return nil
        }
        let isNegated = positive == nil
        let elementPointer = pointer.appending(member.key)
        guard let patterns = readStringList(member.value, element: member.key, pointer: elementPointer) else {
            return nil
        }
        if case .array(let items) = member.value.kind, items.isEmpty {
            report(
                .emptyArrayAction,
                isNegated ? "'NotAction' is empty, so the statement applies to every action" : "'Action' is empty, so the statement applies to no action",
                at: member.value.location, elementPointer)
        }
        return ActionElement(isNegated: isNegated, patterns: patterns, location: member.value.location, pointer: elementPointer)
    }

    mutating func readResourceElement(_ elements: [String: JSONMember], pointer: JSONPointer) -> ResourceElement? {
        let positive = elements["Resource"]
        let negative = elements["NotResource"]
        if positive != nil, let negative {
            report(.unsupportedElementCombination, "a statement cannot have both 'Resource' and 'NotResource'", at: negative.keyLocation, pointer.appending("NotResource"))
        }
        guard let member = positive ?? negative else {
            return nil
        }
        let isNegated = positive == nil
        let elementPointer = pointer.appending(member.key)
        guard let patterns = readStringList(member.value, element: member.key, pointer: elementPointer) else {
            return nil
        }
        if case .array(let items) = member.value.kind, items.isEmpty {
            report(
                .emptyArrayResource,
                isNegated ? "'NotResource' is empty, so the statement applies to every resource" : "'Resource' is empty, so the statement applies to no resource",
                at: member.value.location, elementPointer)
        }
        return ResourceElement(isNegated: isNegated, patterns: patterns, location: member.value.location, pointer: elementPointer)
    }
}
