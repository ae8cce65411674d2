/// `Principal` or `NotPrincipal`.
public struct PrincipalElement: Sendable {
    /// True for `NotPrincipal`.
    public var isNegated: Bool
    public var entries: [PrincipalEntry]
    public var location: SourceLocation?
    public var pointer: JSONPointer

    public init(isNegated: Bool, entries: [PrincipalEntry], location: SourceLocation? = nil, pointer: JSONPointer) {
        self.isNegated = isNegated
        self.entries = entries
        self.location = location
        self.pointer = pointer
    }

    public var elementName: String { isNegated ? "NotPrincipal" : "Principal" }
}

/// The kind of principal that a principal value names: the key of the `Principal` map.
public enum PrincipalKind: String, CaseIterable, Hashable, Sendable {
    case aws = "AWS"
    case service = "Service"
    case federated = "Federated"
    case canonicalUser = "CanonicalUser"
}

/// One principal value: `"*"` for the whole element, or one string of the `Principal` map.
public struct PrincipalEntry: Hashable, Sendable {
    /// nil for `"Principal": "*"`, which names every principal.
    public var kind: PrincipalKind?
    public var value: String
    public var location: SourceLocation?
    public var pointer: JSONPointer

    public init(kind: PrincipalKind?, value: String, location: SourceLocation? = nil, pointer: JSONPointer) {
        self.kind = kind
        self.value = value
        self.location = location
        self.pointer = pointer
    }

    /// Whether the entry names every principal: `"*"` or `{"AWS": "*"}`.
    /// AWS documents the two forms as equivalent, anonymous callers included.
    public var isWildcard: Bool {
        value == "*" && (kind == nil || kind == .aws)
    }

    /// The entry as a principal map fragment, such as `{"AWS":"444455556666"}`.
    public var displayText: String {
        guard let kind else { return "\"*\"" }
        return "{\"\(kind.rawValue)\":\"\(value)\"}"
    }

    public static func == (lhs: PrincipalEntry, rhs: PrincipalEntry) -> Bool {
        lhs.kind == rhs.kind && lhs.value == rhs.value
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(value)
    }
}
