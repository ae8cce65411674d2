/// The known actions that one action pattern of a policy matches.
public struct ActionExpansion: Sendable {
    /// The pattern as written in the policy.
    public let pattern: String
    /// Whether the pattern has `*` or `?` anywhere.
    public let hasWildcard: Bool
    /// Whether the service prefix names a service of the catalog; always true for `*`.
    public let serviceIsKnown: Bool
    /// Whether the pattern matches every action, as `*` does.
    public let matchesEveryAction: Bool
    /// The matched actions, except for patterns that match every action.
    private let matchedActions: [ActionDefinition]
    private let catalog: ActionCatalog

    init(pattern: String, actions: [ActionDefinition], hasWildcard: Bool, serviceIsKnown: Bool, catalog: ActionCatalog) {
        self.pattern = pattern
        self.matchedActions = actions
        self.hasWildcard = hasWildcard
        self.serviceIsKnown = serviceIsKnown
        self.matchesEveryAction = false
        self.catalog = catalog
    }

    init(everyActionOf catalog: ActionCatalog, pattern: String) {
        self.pattern = pattern
        self.matchedActions = []
        self.hasWildcard = true
        self.serviceIsKnown = true
        self.matchesEveryAction = true
        self.catalog = catalog
    }

    /// The catalog actions the pattern matches, in catalog order. For a pattern that matches
    /// every action, this reads the whole catalog; check `matchesEveryAction` first where
    /// that is enough.
    public var actions: [ActionDefinition] {
        matchesEveryAction ? catalog.allActions : matchedActions
    }

    public var matchesNoKnownAction: Bool { !matchesEveryAction && matchedActions.isEmpty }

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
            return ActionExpansion(everyActionOf: self, pattern: pattern)
        }
        guard let colon = pattern.firstIndex(of: ":") else {
            return ActionExpansion(pattern: pattern, actions: [], hasWildcard: glob.hasWildcards, serviceIsKnown: false, catalog: self)
        }

        let prefixText = String(pattern[..<colon])
        let prefixGlob = Glob(pattern: CaseFolding.lowercased(prefixText))
        if !prefixGlob.hasWildcards {
            guard let service = service(prefix: prefixText) else {
                return ActionExpansion(pattern: pattern, actions: [], hasWildcard: glob.hasWildcards, serviceIsKnown: false, catalog: self)
            }
            let nameText = String(pattern[pattern.index(after: colon)...])
            let nameGlob = Glob(pattern: CaseFolding.lowercased(nameText))
            let matches: [ActionDefinition]
            if nameGlob.matchesEverything {
                matches = service.actions
            } else if nameGlob.hasWildcards {
                matches = zip(service.actions, service.lowercaseActionNames).filter { nameGlob.matches($0.1) }.map(\.0)
            } else {
                matches = service.action(named: nameText).map { [$0] } ?? []
            }
            return ActionExpansion(pattern: pattern, actions: matches, hasWildcard: nameGlob.hasWildcards, serviceIsKnown: true, catalog: self)
        }

        let matches = allActions.filter { glob.matches(CaseFolding.lowercased($0.fullName)) }
        let anyService = servicePrefixes.contains { prefixGlob.matches(CaseFolding.lowercased($0)) }
        return ActionExpansion(pattern: pattern, actions: matches, hasWildcard: true, serviceIsKnown: anyService, catalog: self)
    }
}
