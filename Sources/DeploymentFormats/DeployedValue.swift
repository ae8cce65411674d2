import PolicyLanguage

/// A value read from a deployment: JSON-like, plus values that are not known before the
/// deployment runs, each with the place it was read from.
public struct DeployedValue: Sendable {
    public enum Kind: Sendable {
        case object([(key: String, value: DeployedValue)])
        case array([DeployedValue])
        case string(String)
        case number(String)
        case bool(Bool)
        case null
        /// A value computed at deploy time, a secret, or an unresolvable reference; the reason
        /// says which.
        case unknown(String)
        /// A string with known and unknown parts, such as an ARN built from a parameter
        /// without a default.
        case partial([StringPart])
    }

    public enum StringPart: Sendable {
        case text(String)
        case unknown(String)
    }

    public var kind: Kind
    public var location: SourceLocation?

    public init(_ kind: Kind, location: SourceLocation? = nil) {
        self.kind = kind
        self.location = location
    }

    public static func string(_ text: String, at location: SourceLocation? = nil) -> DeployedValue {
        DeployedValue(.string(text), location: location)
    }

    public static func unknown(_ reason: String, at location: SourceLocation? = nil) -> DeployedValue {
        DeployedValue(.unknown(reason), location: location)
    }

    /// Converts a parsed JSON value, keeping locations.
    public init(json: JSONValue) {
        location = json.location
        switch json.kind {
        case .object(let members): kind = .object(members.map { ($0.key, DeployedValue(json: $0.value)) })
        case .array(let elements): kind = .array(elements.map(DeployedValue.init(json:)))
        case .string(let text): kind = .string(text)
        case .number(let text): kind = .number(text)
        case .bool(let value): kind = .bool(value)
        case .null: kind = .null
        }
    }

    // MARK: - Reading

    public var stringValue: String? {
        switch kind {
        case .string(let text): return text
        case .number(let text): return text
        case .bool(let value): return value ? "true" : "false"
        default: return nil
        }
    }

    public var boolValue: Bool? {
        switch kind {
        case .bool(let value): return value
        case .string(let text): return ConditionEvaluation.parseBool(text)
        default: return nil
        }
    }

    public var arrayElements: [DeployedValue]? {
        if case .array(let elements) = kind { return elements }
        return nil
    }

    public var objectMembers: [(key: String, value: DeployedValue)]? {
        if case .object(let members) = kind { return members }
        return nil
    }

    public var isNull: Bool {
        if case .null = kind { return true }
        return false
    }

    /// The reason the value, or some part of it, is not known; nil when it is fully known.
    public var unknownReason: String? {
        switch kind {
        case .unknown(let reason): return reason
        case .partial(let parts):
            for case .unknown(let reason) in parts { return reason }
            return nil
        case .object(let members):
            return members.lazy.compactMap(\.value.unknownReason).first
        case .array(let elements):
            return elements.lazy.compactMap(\.unknownReason).first
        default:
            return nil
        }
    }

    /// The member whose name equals one of `names`, ignoring case, `_` and `-`, so that one
    /// lookup serves Pulumi's camelCase, Terraform's snake_case and CloudFormation's PascalCase.
    public subscript(names: String...) -> DeployedValue? {
        member(names)
    }

    public func member(_ names: [String]) -> DeployedValue? {
        guard let members = objectMembers else { return nil }
        var normalizedNames: [[Unicode.Scalar]]?
        return members.first { member in
            names.indices.contains { index in
                if let matches = Self.asciiKey(member.key, matches: names[index]) {
                    return matches
                }
                if normalizedNames == nil {
                    normalizedNames = names.map { Array(Self.normalizedKey($0).unicodeScalars) }
                }
                return Self.key(member.key, matches: normalizedNames![index])
            }
        }?.value
    }

    /// Returns whether `key` and `name` normalize to the same text, comparing their UTF-8
    /// bytes without building either, or nil when a non-ASCII byte needs Unicode case folding.
    static func asciiKey(_ key: String, matches name: String) -> Bool? {
        var keyBytes = key.utf8.makeIterator()
        var nameBytes = name.utf8.makeIterator()
        while true {
            let keyByte = nextNormalized(&keyBytes)
            let nameByte = nextNormalized(&nameBytes)
            if keyByte == 0xFF || nameByte == 0xFF { return nil }
            if keyByte != nameByte { return false }
            if keyByte == nil { return true }
        }
    }

    /// Returns the next byte lowercased, skipping `_` and `-`: nil at the end, 0xFF for a
    /// non-ASCII byte.
    private static func nextNormalized(_ bytes: inout String.UTF8View.Iterator) -> UInt8? {
        while let byte = bytes.next() {
            if byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") { continue }
            if byte >= 0x80 { return 0xFF }
            return byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 0x20 : byte
        }
        return nil
    }

    /// Returns whether `key` normalizes to `normalized` (see `normalizedKey`), without building
    /// the normalized text.
    static func key(_ key: String, matches normalized: [Unicode.Scalar]) -> Bool {
        var position = 0
        for scalar in key.unicodeScalars where scalar != "_" && scalar != "-" {
            guard position < normalized.count, CaseFolding.lowercase(scalar) == normalized[position] else { return false }
            position += 1
        }
        return position == normalized.count
    }

    static func normalizedKey(_ key: String) -> String {
        var result = ""
        for scalar in key.unicodeScalars where scalar != "_" && scalar != "-" {
            result.unicodeScalars.append(CaseFolding.lowercase(scalar))
        }
        return result
    }

    /// Terraform wraps single nested blocks in one-element arrays; this reads through them.
    public var single: DeployedValue {
        if case .array(let elements) = kind, elements.count == 1, elements[0].objectMembers != nil {
            return elements[0]
        }
        return self
    }

    /// The value as JSON, or nil when some part of it is not known.
    public func json() -> JSONValue? {
        switch kind {
        case .object(let members):
            var converted: [JSONMember] = []
            for member in members {
                guard let value = member.value.json() else { return nil }
                // Deployed values keep no locations of member names, so a member is located
                // where its value starts, for messages about the member.
                converted.append(JSONMember(key: member.key, keyLocation: value.location, value: value))
            }
            return JSONValue(.object(converted), location: location)
        case .array(let elements):
            var converted: [JSONValue] = []
            for element in elements {
                guard let value = element.json() else { return nil }
                converted.append(value)
            }
            return JSONValue(.array(converted), location: location)
        case .string(let text): return JSONValue(.string(text), location: location)
        case .number(let text): return JSONValue(.number(text), location: location)
        case .bool(let value): return JSONValue(.bool(value), location: location)
        case .null: return JSONValue(.null, location: location)
        case .unknown, .partial: return nil
        }
    }
}
