/// The policy language version named by a document's `Version` element.
public enum PolicyVersion: String, CaseIterable, Sendable {
    case v2012_10_17 = "2012-10-17"
    case v2008_10_17 = "2008-10-17"

    /// Whether `${…}` policy variables are substituted. In version 2008-10-17, and in
    /// documents without a `Version`, AWS treats them as literal text.
    public var supportsPolicyVariables: Bool { self == .v2012_10_17 }
}

/// Whether a statement allows or denies what it matches.
public enum Effect: String, CaseIterable, Sendable {
    case allow = "Allow"
    case deny = "Deny"
}
