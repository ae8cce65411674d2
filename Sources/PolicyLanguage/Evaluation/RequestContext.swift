/// The condition keys of a request and their values.
///
/// Key names are case-insensitive. Values are text, as AWS passes them; each operator
/// reads them as its type (number, date, IP address, …), and a value that does not
/// read as that type matches nothing. A multivalued key may hold no values; it then
/// counts as absent, as an empty `aws:TagKeys` does.
public struct RequestContext: Hashable, Sendable {
    public struct Entry: Hashable, Sendable {
        /// The key as given, such as `aws:SourceVpc`.
        public var key: String
        public var values: [String]
        /// Whether the key is multivalued (a set of values) rather than single-valued.
        public var isMultiValued: Bool

        public init(key: String, values: [String], isMultiValued: Bool) {
            self.key = key
            self.values = values
            self.isMultiValued = isMultiValued
        }
    }

    private var entries: [String: Entry] = [:]

    public init() {}

    /// Sets a single-valued key, replacing any earlier value.
    public mutating func set(_ key: String, _ value: String) {
        entries[CaseFolding.lowercased(key)] = Entry(key: key, values: [value], isMultiValued: false)
    }

    /// Sets a multivalued key to a set of values, replacing any earlier values.
    public mutating func set(_ key: String, values: [String]) {
        entries[CaseFolding.lowercased(key)] = Entry(key: key, values: values, isMultiValued: true)
    }

    public mutating func remove(_ key: String) {
        entries[CaseFolding.lowercased(key)] = nil
    }

    /// The entry for `key`, or nil when the request does not carry it or carries no values.
    public func entry(for key: String) -> Entry? {
        entry(forLowercasedKey: CaseFolding.lowercased(key))
    }

    func entry(forLowercasedKey key: String) -> Entry? {
        guard let entry = entries[key], !entry.values.isEmpty else { return nil }
        return entry
    }

    public func contains(_ key: String) -> Bool {
        entry(for: key) != nil
    }

    /// All entries sorted by key, for output.
    public var sortedEntries: [Entry] {
        entries.values.sorted { CaseFolding.lowercased($0.key) < CaseFolding.lowercased($1.key) }
    }

    /// Adds the entries of `other` whose keys this context does not have.
    public func merging(defaults other: RequestContext) -> RequestContext {
        var merged = self
        for (key, entry) in other.entries where merged.entries[key] == nil {
            merged.entries[key] = entry
        }
        return merged
    }
}
