extension Validation {
    /// Checks which elements a statement must and must not have for the policy type,
    /// `Allow` with `NotPrincipal`, and statement ids.
    mutating func checkStatementStructure() {
        var sids: [String: Statement] = [:]
        for statement in document.statements {
            checkPrincipalPresence(statement)
            checkResourcePresence(statement)
            if let sid = statement.sid, !sid.value.isEmpty {
                if let first = sids[sid.value] {
                    report(
                        .duplicateSid, "Sid '\(sid.value)' is also used by statement \(first.index); statement ids must be unique",
                        at: sid.location, sid.pointer)
                } else {
                    sids[sid.value] = statement
                }
                if type == .identity, !sid.value.unicodeScalars.allSatisfy(Validation.isAlphanumeric) {
                    report(
                        .unsupportedSid, "Sid '\(sid.value)' has characters other than letters and digits, which identity policies reject",
                        at: sid.location, sid.pointer)
                }
            }
        }
    }

    static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    private mutating func checkPrincipalPresence(_ statement: Statement) {
        switch (type, statement.principal) {
        case (.identity, let principal?):
            report(
                .unsupportedPrincipal, "identity policies cannot have '\(principal.elementName)'; the principal is whoever the policy is attached to",
                at: principal.location, principal.pointer,
                help: "remove '\(principal.elementName)', or validate with --policy-type resource")
        case (.resource, nil), (.trust, nil):
            report(
                .missingPrincipal, "\(statement.label) has no 'Principal', which \(type.rawValue) policies require",
                at: statement.location, statement.pointer)
        case (.trust, let principal?) where principal.isNegated:
            report(.unsupportedNotPrincipal, "role trust policies cannot have 'NotPrincipal'", at: principal.location, principal.pointer)
        default:
            break
        }
        if let principal = statement.principal, principal.isNegated, statement.effect?.value == .allow {
            report(
                .allowWithNotPrincipal,
                "'Allow' with 'NotPrincipal' grants access to every principal not listed, anonymous callers included",
                at: principal.location, principal.pointer,
                help: "name the principals in 'Principal', or use 'Deny' with a condition on aws:PrincipalArn")
        }
    }

    private mutating func checkResourcePresence(_ statement: Statement) {
        switch (type, statement.resource) {
        case (.identity, nil):
            report(.missingResource, "\(statement.label) has no 'Resource' or 'NotResource'", at: statement.location, statement.pointer)
        case (.resource, nil):
            report(
                .missingResource,
                "\(statement.label) has no 'Resource' or 'NotResource'; only some services, such as Amazon ECR, accept that in resource policies",
                severity: .warning, at: statement.location, statement.pointer)
        case (.trust, let resource?):
            report(
                .unsupportedResourceInTrustPolicy, "role trust policies cannot have '\(resource.elementName)'; the resource is the role",
                at: resource.location, resource.pointer)
        default:
            break
        }
    }
}
