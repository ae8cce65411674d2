import PolicyLanguage

/// A grant that is not written as a policy (an ACL grant, a KMS grant, a Lambda permission,
/// a share attribute), written as the policy statement that grants the same access.
public struct GrantStatement: Sendable {
    public enum Principal: Sendable, Hashable {
        /// Every principal, anonymous callers included.
        case anyone
        case aws(String)
        case service(String)
        case federated(String)
        case canonicalUser(String)
    }

    public var sid: String?
    public var effect: Effect
    public var principals: [Principal]
    public var actions: [String]
    public var resources: [String]
    /// Condition clauses as written in a policy: operator, key and values.
    public var conditions: [(operatorName: String, key: String, values: [String])]
    /// The grant's place in the deployment, if known.
    public var location: SourceLocation?

    public init(
        sid: String? = nil, effect: Effect = .allow, principals: [Principal], actions: [String], resources: [String],
        conditions: [(operatorName: String, key: String, values: [String])] = [], location: SourceLocation? = nil
    ) {
        self.sid = sid
        self.effect = effect
        self.principals = principals
        self.actions = actions
        self.resources = resources
        self.conditions = conditions
        self.location = location
    }
}

/// Builds policy documents from grant statements.
public enum SyntheticPolicy {
    /// Returns a document of the statements, named `name` (the file or setting they come
    /// from), with policy variables off so that values are taken literally.
    public static func document(_ statements: [GrantStatement], name: String) -> PolicyDocument {
        let built = statements.enumerated().map { index, grant in
            Statement(
                index: index,
                location: grant.location,
                pointer: .root,
                sid: grant.sid.map { Located($0) },
                effect: Located(grant.effect),
                principal: PrincipalElement(isNegated: false, entries: grant.principals.map(entry), pointer: .root),
                action: ActionElement(isNegated: false, patterns: grant.actions.map { Located($0) }, pointer: .root),
                resource: ResourceElement(isNegated: false, patterns: grant.resources.map { Located($0) }, pointer: .root),
                conditions: grant.conditions.map { condition in
                    ConditionClause(
                        operatorName: Located(condition.operatorName),
                        conditionOperator: ConditionOperator(name: condition.operatorName),
                        key: Located(condition.key),
                        values: condition.values.map { ConditionValue(text: $0) })
                })
        }
        return PolicyDocument(
            source: SourceText(name: name, utf8: []), version: Located(PolicyVersion.v2008_10_17), statements: built)
    }

    static func entry(_ principal: GrantStatement.Principal) -> PrincipalEntry {
        switch principal {
        case .anyone: return PrincipalEntry(kind: nil, value: "*", pointer: .root)
        case .aws(let value): return PrincipalEntry(kind: .aws, value: value, pointer: .root)
        case .service(let value): return PrincipalEntry(kind: .service, value: value, pointer: .root)
        case .federated(let value): return PrincipalEntry(kind: .federated, value: value, pointer: .root)
        case .canonicalUser(let value): return PrincipalEntry(kind: .canonicalUser, value: value, pointer: .root)
        }
    }
}
