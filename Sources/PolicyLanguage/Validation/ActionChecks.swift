extension Validation {
    /// Checks every action pattern against the catalog: its format, service prefix and
    /// action name, and wildcards in the service prefix.
    mutating func checkActions() {
        for statement in document.statements {
            guard let element = statement.action else { continue }
            for (pattern, expansion) in zip(element.patterns, expansions[statement.index]) {
                checkAction(pattern, expansion: expansion)
            }
        }
    }

    private mutating func checkAction(_ pattern: Located<String>, expansion: ActionExpansion) {
        let text = pattern.value
        // Variables in actions are reported by the variable checks.
        if text == "*" || text.hasVariableMarker { return }
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex, colon != text.index(before: text.endIndex) else {
            report(
                .invalidActionFormat, "'\(text)' is not an action, expected 'service:ActionName' or '*'",
                at: pattern.location, pattern.pointer)
            return
        }
        let prefix = String(text[..<colon])
        let name = String(text[text.index(after: colon)...])
        if prefix.contains("*") || prefix.contains("?") {
            report(
                .wildcardInServiceName, "the service prefix of '\(text)' has a wildcard, which IAM does not support in actions",
                at: pattern.location, pattern.pointer, help: "list the services explicitly")
            if expansion.matchesNoKnownAction {
                report(.actionMatchesNoKnownAction, "'\(text)' matches no known action", at: pattern.location, pattern.pointer)
            }
            return
        }
        guard let service = catalog.service(prefix: prefix) else {
            report(
                .unknownService, "'\(prefix)' is not a known service prefix",
                at: pattern.location, pattern.pointer,
                help: Suggestions.closest(to: prefix, among: catalog.servicePrefixes).map { "did you mean '\($0)'?" })
            return
        }
        guard expansion.matchesNoKnownAction else { return }
        if expansion.hasWildcard {
            report(
                .actionMatchesNoKnownAction, "'\(text)' matches no known action of \(service.name); it can only match actions added later",
                at: pattern.location, pattern.pointer)
        } else {
            report(
                .unknownAction, "'\(name)' is not an action of \(service.name) ('\(service.prefix)')",
                at: pattern.location, pattern.pointer,
                help: Suggestions.closest(to: name, among: service.actions.map(\.name)).map { "did you mean '\(service.prefix):\($0)'?" })
        }
    }

    /// Flags identity-policy statements that let the principal pass any role to a service.
    mutating func checkPassRole() {
        guard type == .identity else { return }
        for statement in document.statements where statement.effect?.value == .allow {
            guard statementCovers(statement, action: "iam:PassRole"), let resource = statement.resource else { continue }
            if resource.isNegated {
                report(
                    .passRoleWithNotResource,
                    "\(statement.label) allows iam:PassRole for every role except those in 'NotResource'",
                    at: resource.location, resource.pointer,
                    help: "list the roles that may be passed in 'Resource'")
            } else if let star = resource.patterns.first(where: { $0.value == "*" }) {
                report(
                    .passRoleWithStarInResource,
                    "\(statement.label) allows iam:PassRole on every role, so the principal can give any role's permissions to a service",
                    at: star.location, star.pointer,
                    help: "list the roles that may be passed, and restrict iam:PassedToService")
            }
        }
    }
}
