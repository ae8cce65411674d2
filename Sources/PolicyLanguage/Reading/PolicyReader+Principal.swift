extension PolicyReader {
    mutating func readPrincipalElement(_ elements: [String: JSONMember], pointer: JSONPointer) -> PrincipalElement? {
        let positive = elements["Principal"]
        let negative = elements["NotPrincipal"]
        if positive != nil, let negative {
            report(.unsupportedElementCombination, "a statement cannot have both 'Principal' and 'NotPrincipal'", at: negative.keyLocation, pointer.appending("NotPrincipal"))
        }
        guard let member = positive ?? negative else {
            return nil
        }
        let isNegated = positive == nil
        let elementPointer = pointer.appending(member.key)
        let value = member.value

        switch value.kind {
        case .string(let text):
            guard text == "*" else {
                report(
                    .invalidElementType,
                    "expected \"*\" or an object of AWS, Service, Federated or CanonicalUser values for '\(member.key)', found the string '\(text)'",
                    at: value.location, elementPointer,
                    help: "write {\"AWS\": \"\(text)\"} for an account, user or role")
                return nil
            }
            let entry = PrincipalEntry(kind: nil, value: "*", location: value.location, pointer: elementPointer)
            return PrincipalElement(isNegated: isNegated, entries: [entry], location: value.location, pointer: elementPointer)
        case .object(let members):
            if members.isEmpty {
                report(.emptyObjectPrincipal, "'\(member.key)' is an empty object and names no principal", at: value.location, elementPointer)
            }
            var entries: [PrincipalEntry] = []
            var seen: [String: JSONMember] = [:]
            for principalMember in members {
                if let first = seen[principalMember.key] {
                    reportDuplicate(principalMember, first: first, pointer: elementPointer)
                    continue
                }
                seen[principalMember.key] = principalMember
                let kindPointer = elementPointer.appending(principalMember.key)
                guard let kind = PrincipalKind(rawValue: principalMember.key) else {
                    report(
                        .invalidPrincipalKey,
                        "'\(principalMember.key)' is not a principal type, expected AWS, Service, Federated or CanonicalUser",
                        at: principalMember.keyLocation, kindPointer,
                        help: Suggestions.closest(to: principalMember.key, among: PrincipalKind.allCases.map(\.rawValue)).map { "did you mean '\($0)'?" })
                    continue
                }
                guard let values = readStringList(principalMember.value, element: "\(member.key).\(kind.rawValue)", pointer: kindPointer) else {
                    continue
                }
                if values.isEmpty {
                    report(.emptyArrayPrincipal, "'\(member.key)' lists no \(kind.rawValue) principal", at: principalMember.value.location, kindPointer)
                }
                entries += values.map { PrincipalEntry(kind: kind, value: $0.value, location: $0.location, pointer: $0.pointer) }
            }
            return PrincipalElement(isNegated: isNegated, entries: entries, location: value.location, pointer: elementPointer)
        default:
            report(
                .invalidElementType,
                "expected \"*\" or an object of AWS, Service, Federated or CanonicalUser values for '\(member.key)', found \(value.typeName)",
                at: value.location, elementPointer)
            return nil
        }
    }
}
