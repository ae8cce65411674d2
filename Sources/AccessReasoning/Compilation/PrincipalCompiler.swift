import PolicyLanguage

/// Compiles `Principal` and `NotPrincipal` into predicates over the principal's kind and
/// components, with the semantics of `PrincipalMatching`: a principal is a chain of
/// identities (account, then user or role, then role session), `Principal` matches when
/// some listed value names some identity of the chain, and `NotPrincipal` matches when some
/// identity of the chain is named by no listed value.
enum PrincipalCompiler {
    /// The identities of a principal's chain, by kind.
    enum Identity: CaseIterable {
        case anonymous, account, user, role, session, federatedUser, service, federatedProvider, canonicalUser

        static func chain(_ kind: PrincipalKind) -> [Identity] {
            switch kind {
            case .anonymous: return [.anonymous]
            case .accountRoot: return [.account]
            case .iamUser: return [.account, .user]
            case .roleSession: return [.account, .role, .session]
            case .federatedUser: return [.account, .federatedUser]
            case .service, .serviceForRegionalResource, .serviceForGlobalResource: return [.service]
            case .federatedProvider: return [.federatedProvider]
            case .canonicalUser: return [.canonicalUser]
            }
        }
    }

    static func compile(_ element: PrincipalElement) throws(AutomatonTooLarge) -> Predicate {
        if !element.isNegated {
            var alternatives: [Predicate] = []
            for entry in element.entries {
                for identity in Identity.allCases {
                    alternatives.append(try names(entry, identity))
                }
            }
            return .any(alternatives)
        }
        var perKind: [Predicate] = []
        for kind in PrincipalKind.allCases {
            var unnamed: [Predicate] = []
            for identity in Identity.chain(kind) {
                var namers: [Predicate] = []
                for entry in element.entries {
                    namers.append(try names(entry, identity))
                }
                unnamed.append(.not(.any(namers)))
            }
            perKind.append(.all([.kinds([kind]), .any(unnamed)]))
        }
        return .any(perKind)
    }

    /// The principals whose `identity` the value names, as a predicate; false when it names
    /// no identity of that sort.
    static func names(_ entry: PrincipalEntry, _ identity: Identity) throws(AutomatonTooLarge) -> Predicate {
        if entry.isWildcard {
            return .kinds(kinds(of: identity))
        }
        guard let kind = entry.kind else { return .alwaysFalse }
        switch (kind, identity) {
        case (.service, .service):
            return .all([.kinds(kinds(of: .service)), .component(.serviceName, try .caseInsensitive(entry.value))])
        case (.federated, .federatedProvider):
            return .all([.kinds([.federatedProvider]), .component(.providerName, .literal(entry.value))])
        case (.canonicalUser, .canonicalUser):
            return .all([.kinds([.canonicalUser]), .component(.canonicalID, try .caseInsensitive(entry.value))])
        case (.aws, _):
            return try awsNames(AWSPrincipalValue(entry.value), identity)
        default:
            return .alwaysFalse
        }
    }

    static func kinds(of identity: Identity) -> Set<PrincipalKind> {
        Set(PrincipalKind.allCases.filter { Identity.chain($0).contains(identity) })
    }

    static func awsNames(_ value: AWSPrincipalValue, _ identity: Identity) throws(AutomatonTooLarge) -> Predicate {
        switch (value, identity) {
        case (.any, _):
            return .kinds(kinds(of: identity))
        case (.account(let account), .account):
            return .all([.kinds(kinds(of: .account)), .component(.account, .literal(account))])
        case (.uniqueID(let id), .user):
            return .all([.kinds([.iamUser]), .component(.uniqueID, .literal(id))])
        case (.uniqueID(let id), .role):
            return .all([.kinds([.roleSession]), .component(.uniqueID, .literal(id))])
        case (.arn(let arn), _):
            return try arnNames(arn, identity)
        default:
            return .alwaysFalse
        }
    }

    /// A principal ARN names an identity when partition, service, region and account are
    /// equal and the resource part is equal ignoring case, as `PrincipalMatching.sameIAMName` compares.
    static func arnNames(_ arn: ARN, _ identity: Identity) throws(AutomatonTooLarge) -> Predicate {
        guard arn.region.isEmpty else { return .alwaysFalse }
        let common: [Predicate] = [.component(.partition, .literal(arn.partition)), .component(.account, .literal(arn.account))]
        let resource = arn.resource
        switch (arn.service, identity) {
        case ("iam", .user) where hasPrefixIgnoringCase(resource, "user/"):
            guard let (path, name) = splitPath(String(resource.dropFirst(4))) else { return .alwaysFalse }
            return .all([.kinds([.iamUser])] + common + [
                .component(.path, try .caseInsensitive(path)),
                .component(.name, try .caseInsensitive(name)),
            ])
        case ("iam", .role) where hasPrefixIgnoringCase(resource, "role/"):
            guard let (path, name) = splitPath(String(resource.dropFirst(4))) else { return .alwaysFalse }
            return .all([.kinds([.roleSession])] + common + [
                .component(.path, try .caseInsensitive(path)),
                .component(.name, try .caseInsensitive(name)),
            ])
        case ("sts", .session) where hasPrefixIgnoringCase(resource, "assumed-role/"):
            let parts = resource.dropFirst("assumed-role/".count).split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2 else { return .alwaysFalse }
            return .all([.kinds([.roleSession])] + common + [
                .component(.name, try .caseInsensitive(String(parts[0]))),
                .component(.session, try .caseInsensitive(String(parts[1]))),
            ])
        case ("sts", .federatedUser) where hasPrefixIgnoringCase(resource, "federated-user/"):
            let name = String(resource.dropFirst("federated-user/".count))
            return .all([.kinds([.federatedUser])] + common + [
                .component(.federatedName, try .caseInsensitive(name)),
            ])
        default:
            return .alwaysFalse
        }
    }

    static func hasPrefixIgnoringCase(_ text: String, _ prefix: String) -> Bool {
        CaseFolding.equalIgnoringCase(String(text.prefix(prefix.count)), prefix)
    }

    /// Splits `/path/name` into the path with its slashes and the name after the last slash.
    static func splitPath(_ text: String) -> (String, String)? {
        guard text.hasPrefix("/"), let slash = text.lastIndex(of: "/") else { return nil }
        return (String(text[...slash]), String(text[text.index(after: slash)...]))
    }
}
