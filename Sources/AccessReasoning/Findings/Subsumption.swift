import PolicyLanguage

/// Drops findings that another finding already reports: one whose principals, actions and
/// admitted condition values all lie within the other's.
enum Subsumption {
    /// Returns the findings no other one covers. Of two that cover each other, the first
    /// stays; findings come from the most general principal class to the most specific.
    static func minimal(_ findings: [Finding]) -> [Finding] {
        findings.enumerated().filter { index, finding in
            !findings.enumerated().contains { otherIndex, other in
                guard otherIndex != index, covers(other, finding) else { return false }
                return !covers(finding, other) || otherIndex < index
            }
        }.map(\.element)
    }

    /// Returns whether `general` reports every request that `specific` does.
    static func covers(_ general: Finding, _ specific: Finding) -> Bool {
        guard principalCovers(general.principal, specific.principal) else { return false }
        guard Set(general.action).isSuperset(of: specific.action) else { return false }
        return general.condition.allSatisfy { key, values in
            guard let narrower = specific.condition[key] else { return false }
            return Set(values).isSuperset(of: narrower)
        }
    }

    /// Returns whether every principal `specific` names is among those `general` names.
    static func principalCovers(_ general: FindingPrincipal, _ specific: FindingPrincipal) -> Bool {
        if general == specific || general.isAnyPrincipal { return true }
        guard general.kind == .aws, specific.kind == .aws, case .account(let account) = AWSPrincipalValue(general.value),
              let arn = ARN(specific.value) else { return false }
        return arn.account == account
    }
}
