import PolicyLanguage

/// A class of principals that findings are reported for. Classes are mined from the
/// principals the policies name and run from the most general to the most specific, as IAM
/// Access Analyzer stratifies its findings: any principal, each named account, each named
/// user or role, each named federated provider, canonical user and service.
struct FindingClass: Sendable {
    let principal: FindingPrincipal
    /// The principals of the class, as a constraint on requests.
    let constraint: RequestConstraint
    /// The principals of the class and of every class it contains, for coverage.
    let whole: RequestConstraint
}

enum FindingClasses {
    /// Returns the classes for the policies, leaving out accounts of the zone of trust.
    static func classes(in documents: [PolicyDocument], zone: ZoneOfTrust) -> [FindingClass] {
        let named = namedPrincipals(in: documents)
        let trusted = Set(zone.accounts)
        var classes: [FindingClass] = []

        // Any principal: the principals that none of the named values names.
        let everyNamed = named.map { RequestConstraint.principalNamed($0) }
        classes.append(FindingClass(
            principal: FindingPrincipal(.aws, "*"),
            constraint: .not(.either(everyNamed)),
            whole: .any))

        let accounts = named.compactMap { entry -> String? in
            guard entry.kind == .aws, case .account(let account) = AWSPrincipalValue(entry.value) else { return nil }
            return account
        }
        let arns = named.filter { entry in
            guard entry.kind == .aws, case .arn = AWSPrincipalValue(entry.value) else { return false }
            return true
        }
        var seenAccounts: Set<String> = []
        for account in accounts where !trusted.contains(account) && seenAccounts.insert(account).inserted {
            let entry = PrincipalEntry(kind: .aws, value: account, pointer: .root)
            let inAccount = arns.filter { arn in
                if case .arn(let parsed) = AWSPrincipalValue(arn.value) { return parsed.account == account }
                return false
            }
            classes.append(FindingClass(
                principal: FindingPrincipal(.aws, account),
                constraint: .all([.principalNamed(entry), .not(.either(inAccount.map { .principalNamed($0) }))]),
                whole: .principalNamed(entry)))
        }
        for entry in arns {
            guard case .arn(let arn) = AWSPrincipalValue(entry.value), !trusted.contains(arn.account) else { continue }
            classes.append(FindingClass(principal: FindingPrincipal(.aws, entry.value), constraint: .principalNamed(entry), whole: .principalNamed(entry)))
        }
        for entry in named {
            let kind: FindingPrincipal.Kind
            switch entry.kind {
            case .federated?: kind = .federated
            case .service?: kind = .service
            case .canonicalUser?: kind = .canonicalUser
            default: continue
            }
            classes.append(FindingClass(principal: FindingPrincipal(kind, entry.value), constraint: .principalNamed(entry), whole: .principalNamed(entry)))
        }
        return classes
    }

    /// Returns the distinct specific principal values the policies name: in `Principal`
    /// elements, and as values of conditions on the principal's account or ARN.
    static func namedPrincipals(in documents: [PolicyDocument]) -> [PrincipalEntry] {
        var seen: Set<String> = []
        var entries: [PrincipalEntry] = []
        func add(_ kind: PolicyLanguage.PrincipalKind, _ value: String) {
            let key = "\(kind.rawValue) \(kind == .aws ? value : CaseFolding.lowercased(value))"
            guard value != "*", !value.hasVariableMarker, seen.insert(key).inserted else { return }
            entries.append(PrincipalEntry(kind: kind, value: value, pointer: .root))
        }
        for document in documents {
            for statement in document.statements {
                for entry in statement.principal?.entries ?? [] where !entry.isWildcard {
                    guard let kind = entry.kind else { continue }
                    if kind == .aws, case .unrecognized = AWSPrincipalValue(entry.value) { continue }
                    add(kind, entry.value)
                }
                for clause in statement.conditions {
                    let key = clause.normalizedKey
                    guard ["aws:principalaccount", "aws:principalarn", "kms:calleraccount"].contains(key) else { continue }
                    for value in clause.values where !value.text.contains("*") && !value.text.contains("?") {
                        switch AWSPrincipalValue(value.text) {
                        case .account, .arn: add(.aws, value.text)
                        default: break
                        }
                    }
                }
            }
        }
        return entries
    }
}
