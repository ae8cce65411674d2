import PolicyLanguage

/// One identity of a principal's chain, as `PrincipalMatching` checks it: the account, then
/// the user or role, then the role session.
private enum ChainLink {
    case anonymous
    case account
    /// An IAM user, role, role session or federated user, by the service and resource part of its ARN.
    case named(service: String, resource: [SMTTerm], uniqueID: Bool)
    case service
    case federatedProvider
    case canonicalUser
}

extension QueryEncoder {
    private func chain(_ principalCase: PrincipalCase) throws -> [ChainLink] {
        let p = principal
        func text(_ value: String) throws -> SMTTerm { try smt.string(value) }
        switch principalCase {
        case .anonymous:
            return [.anonymous]
        case .accountRoot:
            return [.account]
        case .iamUser:
            return [.account, .named(service: "iam", resource: [try text("user"), try p.path, try p.name], uniqueID: true)]
        case .roleSession:
            return [
                .account,
                .named(service: "iam", resource: [try text("role"), try p.path, try p.name], uniqueID: true),
                .named(service: "sts", resource: [try text("assumed-role/"), try p.name, try text("/"), try p.session], uniqueID: false),
            ]
        case .federatedUser:
            return [.account, .named(service: "sts", resource: [try text("federated-user/"), try p.federatedName], uniqueID: false)]
        case .service, .serviceForRegionalResource, .serviceForGlobalResource:
            return [.service]
        case .federatedProvider:
            return [.federatedProvider]
        case .canonicalUser:
            return [.canonicalUser]
        }
    }

    /// Whether a `Principal` element matches: some listed value names some identity of the
    /// principal's chain. `NotPrincipal` matches when some identity is named by no value.
    func principalMatches(_ element: PrincipalElement) throws -> SMTTerm {
        var alternatives: [SMTTerm] = []
        for principalCase in PrincipalCase.allCases {
            var links: [SMTTerm] = []
            for link in try chain(principalCase) {
                var named: [SMTTerm] = []
                for entry in element.entries {
                    named.append(try names(entry, link))
                }
                links.append(element.isNegated ? smt.not(smt.or(named)) : smt.or(named))
            }
            alternatives.append(smt.and([principal.isCase(smt, principalCase), smt.or(links)]))
        }
        return smt.or(alternatives)
    }

    /// Whether one principal value names one identity, as `PrincipalMatching.entryNames` decides.
    private func names(_ entry: PrincipalEntry, _ link: ChainLink) throws -> SMTTerm {
        if entry.isWildcard {
            return smt.bool(true)
        }
        switch (entry.kind, link) {
        case (.service?, .service):
            return try regex.equalsIgnoringCase(try principal.serviceName, entry.value)
        case (.federated?, .federatedProvider):
            return smt.equal(try principal.providerName, try smt.string(entry.value))
        case (.canonicalUser?, .canonicalUser):
            return try regex.equalsIgnoringCase(try principal.canonicalID, entry.value)
        case (.aws?, _):
            return try awsValueNames(AWSPrincipalValue(entry.value), link)
        default:
            return smt.bool(false)
        }
    }

    private func awsValueNames(_ value: AWSPrincipalValue, _ link: ChainLink) throws -> SMTTerm {
        switch (value, link) {
        case (.any, _):
            return smt.bool(true)
        case (.account(let account), .account):
            return smt.equal(try principal.account, try smt.string(account))
        case (.uniqueID(let id), .named(_, _, true)):
            return smt.equal(try principal.uniqueID, try smt.string(id))
        case (.arn(let arn), .named(let service, let resource, _)):
            // `PrincipalMatching.sameIAMName`: the resource part ignores case, the others do not.
            guard arn.service == service, arn.region.isEmpty else { return smt.bool(false) }
            return smt.and([
                smt.equal(try principal.partition, try smt.string(arn.partition)),
                smt.equal(try principal.account, try smt.string(arn.account)),
                try regex.equalsIgnoringCase(smt.concat(resource), arn.resource),
            ])
        default:
            return smt.bool(false)
        }
    }
}
