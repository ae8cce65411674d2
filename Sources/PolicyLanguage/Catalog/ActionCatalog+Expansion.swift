/// The known actions that one action pattern of a policy matches.
public struct ActionExpansion: Sendable {
    /// The pattern as written in the policy.
    public let pattern: String
    /// The catalog actions the pattern matches, in catalog order.
    public let actions: [ActionDefinition]
    /// Whether the pattern has `*` or `?` anywhere.
    public let hasWildcard: Bool
    /// Whether the service prefix names a service of the catalog; always true for `*`.
    public let serviceIsKnown: Bool

    public var matchesNoKnownAction: Bool { actions.isEmpty }

    /// Whether actions that are not in the catalog could match: AWS adds actions over
    /// time, so any wildcard pattern may match future ones, and a name that the catalog
    /// lacks may be newer than the catalog.
    public var mayMatchActionsOutsideCatalog: Bool { hasWildcard || actions.isEmpty }
}

extension ActionCatalog {
    /// Expands an action pattern such as `s3:Get*`, `*` or `s3:*Object*`, ignoring case.
    ///
    /// A pattern without `:` other than `*` matches nothing. Wildcards in the service
    /// prefix are matched against every service, although IAM rejects such patterns.
    public func expand(_ pattern: String) -> ActionExpansion {
        let glob = Glob(pattern: CaseFolding.lowercased(pattern))
        if glob.matchesEverything {
            return ActionExpansion(pattern: pattern, actions: allActions, hasWildcard: true, serviceIsKnown: true)
        }
        guard let colon = pattern.firstIndex(of: ":") else {
            return ActionExpansion(pattern: pattern, actions: [], hasWildcard: glob.hasWildcards, serviceIsKnown: false)
        }

        let prefixText = String(pattern[..<colon])
        let prefixGlob = Glob(pattern: CaseFolding.lowercased(prefixText))
        if !prefixGlob.hasWildcards {
            guard let service = service(prefix: prefixText) else {
                return ActionExpansion(pattern: pattern, actions: [], hasWildcard: glob.hasWildcards, serviceIsKnown: false)
            }
            let nameText = String(pattern[pattern.index(after: colon)...])
            let nameGlob = Glob(pattern: CaseFolding.lowercased(nameText))
            let matches: [ActionDefinition]
            if nameGlob.hasWildcards {
                matches = service.actions.filter { nameGlob.matches(CaseFolding.lowercased($0.name)) }
            } else {
                matches = service.action(named: nameText).map { [$0] } ?? []
            }
            return ActionExpansion(pattern: pattern, actions: matches, hasWildcard: nameGlob.hasWildcards, serviceIsKnown: true)
        }

        let matches = allActions.filter { glob.matches(CaseFolding.lowercased($0.fullName)) }
        let anyService = services.contains { prefixGlob.matches(CaseFolding.lowercased($0.prefix)) }
        return ActionExpansion(pattern: pattern, actions: matches, hasWildcard: true, serviceIsKnown: anyService)
    }
}
