/// The kind of policy a document is, which decides the elements it must and must not have.
public enum PolicyType: String, CaseIterable, Sendable {
    /// Attached to a user, group or role; names no principal.
    case identity
    /// Attached to a resource such as a bucket, queue or key; names principals.
    case resource
    /// A role's trust policy (assume-role policy document); names who may assume the role.
    case trust

    /// Guesses the type from the document: no principals means an identity policy; principals
    /// with only `sts:AssumeRole*`, `sts:TagSession`, `sts:SetSourceIdentity` and `sts:SetContext`
    /// actions mean a trust policy; any other principal use means a resource policy.
    public static func detect(_ document: PolicyDocument) -> PolicyType {
        guard document.hasPrincipals else { return .identity }
        let trustActions = ["sts:assumerole", "sts:assumerolewithsaml", "sts:assumerolewithwebidentity",
                            "sts:tagsession", "sts:setsourceidentity", "sts:setcontext"]
        let patterns = document.statements.flatMap { statement -> [String] in
            guard let action = statement.action, !action.isNegated else { return ["*"] }
            return action.patterns.map { CaseFolding.lowercased($0.value) }
        }
        let onlyTrustActions = !patterns.isEmpty && patterns.allSatisfy { pattern in
            pattern.hasPrefix("sts:") && trustActions.contains { Glob(pattern: pattern).matches($0) }
        }
        return onlyTrustActions ? .trust : .resource
    }
}
