/// An IAM policy document: identity, resource or trust policy.
///
/// Documents come from `PolicyReader`, which keeps every element's location. A document
/// may be incomplete when its text has errors; such documents can be validated but not
/// evaluated (`PolicyEvaluator` rejects them).
public struct PolicyDocument: Sendable {
    /// The text the document was read from, for quoting in diagnostics.
    public var source: SourceText?
    /// Where the document's object starts, and its path within the file.
    public var location: SourceLocation?
    public var pointer: JSONPointer
    /// The `Version` element; nil when it is missing or invalid.
    public var version: Located<PolicyVersion>?
    public var id: Located<String>?
    public var statements: [Statement]

    public init(
        source: SourceText? = nil,
        location: SourceLocation? = nil,
        pointer: JSONPointer = .root,
        version: Located<PolicyVersion>?,
        id: Located<String>? = nil,
        statements: [Statement]
    ) {
        self.source = source
        self.location = location
        self.pointer = pointer
        self.version = version
        self.id = id
        self.statements = statements
    }

    /// Whether `${…}` policy variables are substituted: only with `Version` 2012-10-17.
    public var supportsPolicyVariables: Bool {
        version?.value.supportsPolicyVariables ?? false
    }

    /// Whether any statement names a principal, as resource and trust policies do.
    public var hasPrincipals: Bool {
        statements.contains { $0.principal != nil }
    }
}

/// One statement of a policy.
public struct Statement: Sendable {
    /// The position of the statement in the document, from 0.
    public var index: Int
    public var location: SourceLocation?
    public var pointer: JSONPointer
    public var sid: Located<String>?
    /// nil when `Effect` is missing or invalid.
    public var effect: Located<Effect>?
    /// `Principal` or `NotPrincipal`; nil when the statement has neither.
    public var principal: PrincipalElement?
    /// `Action` or `NotAction`; nil when the statement has neither.
    public var action: ActionElement?
    /// `Resource` or `NotResource`; nil when the statement has neither.
    public var resource: ResourceElement?
    /// The `Condition` block as one clause per operator and key, in document order.
    public var conditions: [ConditionClause]
    /// Whether reading found an error inside this statement, such as an unknown operator.
    public var hasReadErrors: Bool

    public init(
        index: Int,
        location: SourceLocation? = nil,
        pointer: JSONPointer,
        sid: Located<String>? = nil,
        effect: Located<Effect>?,
        principal: PrincipalElement? = nil,
        action: ActionElement?,
        resource: ResourceElement? = nil,
        conditions: [ConditionClause] = [],
        hasReadErrors: Bool = false
    ) {
        self.index = index
        self.location = location
        self.pointer = pointer
        self.sid = sid
        self.effect = effect
        self.principal = principal
        self.action = action
        self.resource = resource
        self.conditions = conditions
        self.hasReadErrors = hasReadErrors
    }

    /// The statement's name for messages: its Sid, or its position when it has none.
    public var label: String {
        if let sid = sid?.value, !sid.isEmpty {
            return "statement '\(sid)'"
        }
        return "statement \(index)"
    }
}

/// `Action` or `NotAction`: action patterns such as `s3:Get*`.
public struct ActionElement: Sendable {
    /// True for `NotAction`.
    public var isNegated: Bool
    public var patterns: [Located<String>]
    public var location: SourceLocation?
    public var pointer: JSONPointer

    public init(isNegated: Bool, patterns: [Located<String>], location: SourceLocation? = nil, pointer: JSONPointer) {
        self.isNegated = isNegated
        self.patterns = patterns
        self.location = location
        self.pointer = pointer
    }

    public var elementName: String { isNegated ? "NotAction" : "Action" }
}

/// `Resource` or `NotResource`: ARN patterns, or `*`.
public struct ResourceElement: Sendable {
    /// True for `NotResource`.
    public var isNegated: Bool
    public var patterns: [Located<String>]
    public var location: SourceLocation?
    public var pointer: JSONPointer

    public init(isNegated: Bool, patterns: [Located<String>], location: SourceLocation? = nil, pointer: JSONPointer) {
        self.isNegated = isNegated
        self.patterns = patterns
        self.location = location
        self.pointer = pointer
    }

    public var elementName: String { isNegated ? "NotResource" : "Resource" }
}
