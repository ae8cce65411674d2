/// A JSON value with the location where it starts in its source.
///
/// Objects keep their members in source order, duplicates included, so that
/// readers can report duplicate names instead of silently keeping one.
/// Numbers keep their source text, so `28800` and `"28800"` stay distinguishable
/// and no precision is lost.
public struct JSONValue: Sendable {
    public enum Kind: Sendable {
        case object([JSONMember])
        case array([JSONValue])
        case string(String)
        case number(String)
        case bool(Bool)
        case null
    }

    public var kind: Kind
    /// Where the value starts; nil for values built in code.
    public var location: SourceLocation?

    public init(_ kind: Kind, location: SourceLocation? = nil) {
        self.kind = kind
        self.location = location
    }

    public static func string(_ value: String) -> JSONValue { JSONValue(.string(value)) }
    public static func number(_ text: String) -> JSONValue { JSONValue(.number(text)) }
    public static func number(_ value: Int) -> JSONValue { JSONValue(.number(String(value))) }
    public static func bool(_ value: Bool) -> JSONValue { JSONValue(.bool(value)) }
    public static let null = JSONValue(.null)

    public static func array(_ elements: [JSONValue]) -> JSONValue { JSONValue(.array(elements)) }

    /// An object built in code, with members in the given order.
    public static func object(_ members: KeyValuePairs<String, JSONValue>) -> JSONValue {
        JSONValue(.object(members.map { JSONMember(key: $0.key, value: $0.value) }))
    }

    public static func object(_ members: [(String, JSONValue)]) -> JSONValue {
        JSONValue(.object(members.map { JSONMember(key: $0.0, value: $0.1) }))
    }

    public var stringValue: String? {
        if case .string(let value) = kind { return value }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let value) = kind { return value }
        return nil
    }

    public var arrayElements: [JSONValue]? {
        if case .array(let elements) = kind { return elements }
        return nil
    }

    public var objectMembers: [JSONMember]? {
        if case .object(let members) = kind { return members }
        return nil
    }

    /// The first member named `key` when this value is an object.
    public subscript(key: String) -> JSONValue? {
        objectMembers?.first { $0.key == key }?.value
    }

    /// The JSON type name used in messages: object, array, string, number, boolean or null.
    public var typeName: String {
        switch kind {
        case .object: return "object"
        case .array: return "array"
        case .string: return "string"
        case .number: return "number"
        case .bool: return "boolean"
        case .null: return "null"
        }
    }
}

/// One `"name": value` pair of a JSON object.
public struct JSONMember: Sendable {
    public var key: String
    /// Where the member name starts; nil for members built in code.
    public var keyLocation: SourceLocation?
    public var value: JSONValue

    public init(key: String, keyLocation: SourceLocation? = nil, value: JSONValue) {
        self.key = key
        self.keyLocation = keyLocation
        self.value = value
    }
}
