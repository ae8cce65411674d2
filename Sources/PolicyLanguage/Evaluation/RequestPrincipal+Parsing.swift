extension RequestPrincipal.Identity {
    /// The forms `parsing` accepts, for error messages.
    public static let acceptedForms = """
        anonymous, an account ID, arn:aws:iam::ACCOUNT:root, an IAM user or role ARN, \
        an assumed-role or federated-user ARN, service:NAME (or a name ending in .amazonaws.com), \
        federated:PROVIDER (or a SAML or OIDC provider ARN), canonical:ID
        """

    /// Reads a principal written on the command line. A role ARN stands for a session of
    /// that role named `sessionName`; an assumed-role ARN gives the session name itself
    /// (its role is taken to have no path).
    public init?(parsing text: String, sessionName: String = "session") {
        if text == "anonymous" {
            self = .anonymous
            return
        }
        if text.count == 12, text.allSatisfy(\.isASCIIDigit) {
            self = .accountRoot(account: text)
            return
        }
        for (prefix, make) in [
            ("service:", { Self.service(name: $0) }),
            ("federated:", { Self.federatedProvider(name: $0) }),
            ("canonical:", { Self.canonicalUser(id: $0) }),
        ] as [(String, (String) -> Self)] where text.hasPrefix(prefix) {
            let rest = String(text.dropFirst(prefix.count))
            guard !rest.isEmpty else { return nil }
            self = make(rest)
            return
        }
        if let arn = ARN(text) {
            guard let identity = Self.identity(arn, text: text, sessionName: sessionName) else { return nil }
            self = identity
            return
        }
        if text.hasSuffix(".amazonaws.com") || text.hasSuffix(".amazonaws.com.cn") {
            self = .service(name: text)
            return
        }
        return nil
    }

    private static func identity(_ arn: ARN, text: String, sessionName: String) -> Self? {
        switch arn.service {
        case "iam":
            if arn.resource == "root" { return .accountRoot(account: arn.account) }
            if arn.resource.hasPrefix("user/") { return .iamUser(arn: text) }
            if arn.resource.hasPrefix("role/") { return .roleSession(roleARN: text, sessionName: sessionName) }
            if arn.resource.hasPrefix("saml-provider/") || arn.resource.hasPrefix("oidc-provider/") {
                return .federatedProvider(name: text)
            }
            return nil
        case "sts":
            let parts = arn.resource.split(separator: "/", omittingEmptySubsequences: false)
            if parts.first == "assumed-role", parts.count == 3, !parts[1].isEmpty, !parts[2].isEmpty {
                let roleARN = "arn:\(arn.partition):iam::\(arn.account):role/\(parts[1])"
                return .roleSession(roleARN: roleARN, sessionName: String(parts[2]))
            }
            if parts.first == "federated-user", parts.count == 2, !parts[1].isEmpty {
                return .federatedUser(arn: text)
            }
            return nil
        default:
            return nil
        }
    }
}
