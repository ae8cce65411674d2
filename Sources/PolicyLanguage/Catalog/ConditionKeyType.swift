/// The kind of values a condition key carries, which decides the operators that fit it.
public enum ConditionValueType: String, CaseIterable, Sendable {
    case string = "String"
    case arn = "ARN"
    case numeric = "Numeric"
    case date = "Date"
    case bool = "Bool"
    case ipAddress = "IPAddress"
    case binary = "Binary"
}

/// The type of a condition key: its value type and whether a request can carry several values.
public struct ConditionKeyType: Hashable, Sendable, CustomStringConvertible {
    public var valueType: ConditionValueType
    public var isMultiValued: Bool

    public init(_ valueType: ConditionValueType, multiValued: Bool = false) {
        self.valueType = valueType
        self.isMultiValued = multiValued
    }

    /// Reads the type names of the Service Authorization Reference (`String`, `ArrayOfARN`, …).
    public init?(referenceName: some StringProtocol) {
        var name = Substring(referenceName)
        let multiValued = name.hasPrefix("ArrayOf")
        if multiValued {
            name = name.dropFirst("ArrayOf".count)
        }
        let valueType: ConditionValueType
        switch name {
        case "String": valueType = .string
        case "ARN", "Arn": valueType = .arn
        case "Numeric", "Long", "Integer": valueType = .numeric
        case "Date": valueType = .date
        case "Bool", "Boolean": valueType = .bool
        case "IPAddress", "IpAddress": valueType = .ipAddress
        case "Binary": valueType = .binary
        default: return nil
        }
        self.init(valueType, multiValued: multiValued)
    }

    public var description: String {
        isMultiValued ? "ArrayOf\(valueType.rawValue)" : valueType.rawValue
    }
}

/// A condition key known to the catalog: global (`aws:…`) or defined by a service.
public struct ConditionKeyDefinition: Hashable, Sendable {
    /// The name as AWS documents it, such as `aws:SourceVpc` or `aws:ResourceTag/${TagKey}`.
    public var name: String
    public var type: ConditionKeyType

    public init(name: String, type: ConditionKeyType) {
        self.name = name
        self.type = type
    }

    /// Whether the name contains a placeholder such as `${TagKey}` or `<key>`,
    /// so that it stands for a family of keys.
    public var isTemplate: Bool {
        let bytes = name.utf8
        let hasVariable = zip(bytes, bytes.dropFirst()).contains { $0 == UInt8(ascii: "$") && $1 == UInt8(ascii: "{") }
        return hasVariable || bytes.contains(UInt8(ascii: "<")) || bytes.last == UInt8(ascii: "/")
    }
}
