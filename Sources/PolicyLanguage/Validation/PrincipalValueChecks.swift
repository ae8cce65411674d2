extension Validation {
    /// Checks the format of every principal value by kind.
    mutating func checkPrincipalValues() {
        for statement in document.statements {
            guard let element = statement.principal else { continue }
            for entry in element.entries {
                checkPrincipalValue(entry)
            }
        }
    }

    private mutating func checkPrincipalValue(_ entry: PrincipalEntry) {
        guard let kind = entry.kind else { return }
        let value = entry.value
        if value.hasVariableMarker {
            report(.variableUnsupportedInElement, "policy variables are not supported in principals: '\(value)'", at: entry.location, entry.pointer)
            return
        }
        let hasWildcard = value.contains("*") || value.contains("?")
        if hasWildcard && !(kind == .aws && value == "*") {
            report(
                .unsupportedWildcardInPrincipal,
                "'\(value)' has a wildcard; principals match exactly, so only \"*\" alone names everyone",
                at: entry.location, entry.pointer,
                help: "use \"*\" with a condition on aws:PrincipalArn or aws:PrincipalAccount to match a pattern")
            return
        }
        if let problem = Validation.principalFormatProblem(kind: kind, value: value) {
            report(.invalidPrincipalFormat, problem, at: entry.location, entry.pointer)
        } else if kind == .service, let correction = servicePrincipalCorrection(value) {
            report(
                .unknownServicePrincipal, "'\(value)' names no AWS service",
                at: entry.location, entry.pointer, help: "did you mean '\(correction)'?")
        }
    }

    /// A likely intended service principal when `value`'s first label is one edit away from a
    /// service prefix of the catalog and is not a prefix itself, as in `lamda.amazonaws.com`.
    /// Service principals whose label is no service prefix (`ecs-tasks`, `edgelambda`) are
    /// further than one edit from any prefix, so they are left alone.
    private func servicePrincipalCorrection(_ value: String) -> String? {
        guard value.hasSuffix(".amazonaws.com") || value.hasSuffix(".amazonaws.com.cn"),
              let dot = value.firstIndex(of: ".") else { return nil }
        let label = String(value[..<dot])
        guard catalog.service(prefix: label) == nil else { return nil }
        guard let prefix = catalog.prefixOneEditAway(from: label) else { return nil }
        return prefix + value[dot...]
    }

    /// Describes why a principal value is malformed, or returns nil when it is well formed.
    static func principalFormatProblem(kind: PrincipalKind, value: String) -> String? {
        switch kind {
        case .aws:
            switch AWSPrincipalValue(value) {
            case .any, .uniqueID:
                return nil
            case .account(let account):
                return isAccountID(account) ? nil : "'\(value)' does not name a 12-digit account ID"
            case .arn(let arn):
                return awsPrincipalARNProblem(arn, text: value)
            case .unrecognized:
                if value.allSatisfy(\.isASCIIDigit) {
                    return "'\(value)' is not a 12-digit account ID (it has \(value.count) digits)"
                }
                return "'\(value)' is not an account ID, an IAM or STS principal ARN, or a unique ID"
            }
        case .service:
            if value.contains(" ") || !value.contains(".") {
                return "'\(value)' is not a service principal, expected a name such as 's3.amazonaws.com'"
            }
            return nil
        case .federated:
            if let arn = ARN(value) {
                let isProvider = arn.service == "iam" && (arn.resource.hasPrefix("saml-provider/") || arn.resource.hasPrefix("oidc-provider/"))
                return isProvider && isAccountID(arn.account) ? nil : "'\(value)' is not a SAML or OIDC provider ARN"
            }
            if value.contains(" ") || !value.contains(".") {
                return "'\(value)' is not an identity provider, expected a provider ARN or a name such as 'cognito-identity.amazonaws.com'"
            }
            return nil
        case .canonicalUser:
            let isHex = value.count == 64 && value.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) || ("A"..."F").contains($0) }
            return isHex ? nil : "'\(value)' is not a canonical user ID, expected 64 hexadecimal characters"
        }
    }

    static func isAccountID(_ text: String) -> Bool {
        text.count == 12 && text.allSatisfy(\.isASCIIDigit)
    }

    static let partitions: Set<String> = ["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"]

    private static func awsPrincipalARNProblem(_ arn: ARN, text: String) -> String? {
        guard partitions.contains(arn.partition) else {
            return "'\(arn.partition)' in '\(text)' is not an AWS partition"
        }
        guard arn.service == "iam" || arn.service == "sts" else {
            return "'\(text)' is not an account, user, role, role session or federated user ARN"
        }
        // CloudFront origin access identities are IAM users of the pseudo-account "cloudfront".
        if arn.service == "iam", arn.account == "cloudfront", arn.resource.hasPrefix("user/CloudFront Origin Access Identity ") {
            return nil
        }
        guard isAccountID(arn.account) else {
            return "'\(arn.account)' in '\(text)' is not a 12-digit account ID"
        }
        switch arn.service {
        case "iam" where arn.resource.hasPrefix("user/") || arn.resource.hasPrefix("role/"):
            return nil
        case "sts" where arn.resource.hasPrefix("assumed-role/") || arn.resource.hasPrefix("federated-user/"):
            return nil
        default:
            return "'\(text)' is not an account, user, role, role session or federated user ARN"
        }
    }

    /// Flags trust policies that let any user of an OpenID Connect provider assume the role.
    mutating func checkOIDCTrust() {
        guard type == .trust else { return }
        for statement in document.statements where statement.effect?.value == .allow {
            guard let principal = statement.principal, !principal.isNegated,
                  statementCovers(statement, action: "sts:AssumeRoleWithWebIdentity") else { continue }
            for entry in principal.entries where entry.kind == .federated {
                guard let provider = Validation.oidcProviderName(entry.value) else { continue }
                let isGitHub = provider == "token.actions.githubusercontent.com"
                let requiredClaims = isGitHub ? ["sub"] : ["aud", "sub"]
                let restricted = statement.conditions.contains { clause in
                    guard let conditionOperator = clause.conditionOperator, !conditionOperator.base.isNegated,
                          !conditionOperator.ifExists, conditionOperator.base != .null else { return false }
                    return requiredClaims.contains { CaseFolding.equalIgnoringCase(clause.key.value, "\(provider):\($0)") }
                }
                if !restricted {
                    let claims = requiredClaims.map { "'\(provider):\($0)'" }.joined(separator: " or ")
                    report(
                        .missingConditionKeyForOIDCPrincipal,
                        "any identity of '\(provider)' can assume this role, because no condition restricts \(claims)",
                        at: entry.location, entry.pointer,
                        help: isGitHub ? "add a StringLike condition on '\(provider):sub' naming your repository" : "add a condition on \(claims)")
                }
            }
        }
    }

    /// The provider name used in condition keys for a web identity principal, or nil for SAML providers.
    static func oidcProviderName(_ value: String) -> String? {
        if let arn = ARN(value) {
            guard arn.resource.hasPrefix("oidc-provider/") else { return nil }
            return String(arn.resource.dropFirst("oidc-provider/".count))
        }
        return value
    }
}
