import PolicyLanguage

/// The values a condition key may take in a request, typed by the key.
///
/// Each case is a set over the canonical text forms the concrete evaluator reads: strings
/// as given, numbers as `DecimalNumber`, dates as instants at nanosecond resolution, IP
/// addresses by family, Booleans, and binary values as bytes (written as base64).
enum ValueSet: Sendable {
    case strings(StringSet)
    case numbers(DenseIntervalSet<DecimalNumber>)
    case dates(DiscreteIntervalSet<Int128>)
    case addresses(ipv4: DiscreteIntervalSet<UInt32>, ipv6: DiscreteIntervalSet<UInt128>)
    case booleans(BooleanSet)
    case binary(BinarySet)

    /// Every value of a type.
    static func universe(_ type: ConditionValueType) -> ValueSet {
        switch type {
        case .string, .arn: return .strings(.all)
        case .numeric: return .numbers(.all)
        case .date: return .dates(.all(DateNanoseconds.universe))
        case .ipAddress: return .addresses(ipv4: .all(0...UInt32.max), ipv6: .all(0...UInt128.max))
        case .bool: return .booleans(.all)
        case .binary: return .binary(.all)
        }
    }

    static func empty(like other: ValueSet) -> ValueSet {
        switch other {
        case .strings: return .strings(.empty)
        case .numbers: return .numbers(DenseIntervalSet([]))
        case .dates: return .dates(DiscreteIntervalSet(universe: DateNanoseconds.universe))
        case .addresses: return .addresses(ipv4: DiscreteIntervalSet(universe: 0...UInt32.max), ipv6: DiscreteIntervalSet(universe: 0...UInt128.max))
        case .booleans: return .booleans(.none)
        case .binary: return .binary(.finite([]))
        }
    }

    var isEmpty: Bool {
        switch self {
        case .strings(let set): return set.isEmpty
        case .numbers(let set): return set.isEmpty
        case .dates(let set): return set.isEmpty
        case .addresses(let v4, let v6): return v4.isEmpty && v6.isEmpty
        case .booleans(let set): return set.isEmpty
        case .binary(let set): return set.isEmpty
        }
    }

    var complement: ValueSet {
        switch self {
        case .strings(let set): return .strings(set.complement)
        case .numbers(let set): return .numbers(set.complement)
        case .dates(let set): return .dates(set.complement)
        case .addresses(let v4, let v6): return .addresses(ipv4: v4.complement, ipv6: v6.complement)
        case .booleans(let set): return .booleans(set.complement)
        case .binary(let set): return .binary(set.complement)
        }
    }

    /// The intersection of two sets of the same type.
    func intersection(_ other: ValueSet) throws(AutomatonTooLarge) -> ValueSet {
        switch (self, other) {
        case (.strings(let a), .strings(let b)): return .strings(try a.intersection(b))
        case (.numbers(let a), .numbers(let b)): return .numbers(a.intersection(b))
        case (.dates(let a), .dates(let b)): return .dates(a.intersection(b))
        case (.addresses(let a4, let a6), .addresses(let b4, let b6)): return .addresses(ipv4: a4.intersection(b4), ipv6: a6.intersection(b6))
        case (.booleans(let a), .booleans(let b)): return .booleans(a.intersection(b))
        case (.binary(let a), .binary(let b)): return .binary(a.intersection(b))
        default:
            preconditionFailure("intersection of value sets of different types: \(self.typeName) and \(other.typeName)")
        }
    }

    func union(_ other: ValueSet) throws(AutomatonTooLarge) -> ValueSet {
        try complement.intersection(other.complement).complement
    }

    var typeName: String {
        switch self {
        case .strings: return "string"
        case .numbers: return "number"
        case .dates: return "date"
        case .addresses: return "IP address"
        case .booleans: return "Boolean"
        case .binary: return "binary"
        }
    }

    /// Whether the set contains the value a request carries as `text`, read as the set's
    /// type; text that does not read as that type is not a member.
    func contains(text: String) -> Bool {
        switch self {
        case .strings(let set):
            return set.contains(text)
        case .numbers(let set):
            return DecimalNumber(text).map(set.contains) ?? false
        case .dates(let set):
            return PolicyDate(text).map { set.contains(DateNanoseconds.nanoseconds($0)) } ?? false
        case .addresses(let v4, let v6):
            guard let address = IPAddress(text) else { return false }
            if address.family == .ipv4 {
                return v4.contains(UInt32(address.low))
            }
            return v6.contains(UInt128(address.high) << 64 | UInt128(address.low))
        case .booleans(let set):
            return ConditionEvaluation.parseBool(text).map(set.contains) ?? false
        case .binary(let set):
            return Base64.decode(text).map(set.contains) ?? false
        }
    }

    /// A member in the text form a request carries, preferring readable values.
    var witness: String? {
        switch self {
        case .strings(let set):
            return set.witness
        case .numbers(let set):
            return set.witness()?.description
        case .dates(let set):
            // Whole seconds read better than the nanosecond just past a bound.
            return set.witness(preferring: DateNanoseconds.preferred, step: 1_000_000_000).map { DateNanoseconds.date($0).description }
        case .addresses(let v4, let v6):
            if let value = v4.witness(preferring: [0xCB00_7101, 0xC633_6401]) {  // 203.0.113.1, 198.51.100.1
                return IPAddress(family: .ipv4, high: 0, low: UInt64(value)).description
            }
            return v6.witness(preferring: [0x2001_0DB8 << 96 | 1]).map {
                IPAddress(family: .ipv6, high: UInt64($0 >> 64), low: UInt64($0 & UInt128(UInt64.max))).description
            }
        case .booleans(let set):
            return set.witness
        case .binary(let set):
            return set.witness
        }
    }

    /// A second member different from `other`, when the set has one; for multivalued witnesses.
    func witness(differentFrom other: String) throws(AutomatonTooLarge) -> String? {
        switch self {
        case .strings(let set):
            return try set.intersection(StringSet.literal(other).complement).witness
        default:
            return nil
        }
    }
}

/// Instants as nanoseconds since the epoch, within years 1 to 9999.
enum DateNanoseconds {
    static let universe: ClosedRange<Int128> = Int128(-62_135_596_800) * 1_000_000_000...Int128(253_402_300_799) * 1_000_000_000 + 999_999_999

    /// Readable witnesses, tried first: 2024-01-01T00:00:00Z and the epoch.
    static let preferred: [Int128] = [Int128(1_704_067_200) * 1_000_000_000, 0]

    static func nanoseconds(_ date: PolicyDate) -> Int128 {
        Int128(date.seconds) * 1_000_000_000 + Int128(date.nanoseconds)
    }

    static func date(_ value: Int128) -> PolicyDate {
        var seconds = value / 1_000_000_000
        var nanos = value % 1_000_000_000
        if nanos < 0 {
            nanos += 1_000_000_000
            seconds -= 1
        }
        return PolicyDate(seconds: Int64(seconds), nanoseconds: Int32(nanos))
    }
}

/// A subset of {false, true}.
struct BooleanSet: Hashable, Sendable {
    var containsFalse: Bool
    var containsTrue: Bool

    static let all = BooleanSet(containsFalse: true, containsTrue: true)
    static let none = BooleanSet(containsFalse: false, containsTrue: false)

    static func only(_ value: Bool) -> BooleanSet {
        BooleanSet(containsFalse: !value, containsTrue: value)
    }

    var isEmpty: Bool { !containsFalse && !containsTrue }
    var complement: BooleanSet { BooleanSet(containsFalse: !containsFalse, containsTrue: !containsTrue) }

    func intersection(_ other: BooleanSet) -> BooleanSet {
        BooleanSet(containsFalse: containsFalse && other.containsFalse, containsTrue: containsTrue && other.containsTrue)
    }

    func contains(_ value: Bool) -> Bool { value ? containsTrue : containsFalse }

    var witness: String? {
        if containsTrue { return "true" }
        if containsFalse { return "false" }
        return nil
    }
}

/// A finite or cofinite set of byte strings, for `BinaryEquals`.
enum BinarySet: Hashable, Sendable {
    case finite(Set<[UInt8]>)
    case cofinite(Set<[UInt8]>)

    static let all = BinarySet.cofinite([])

    var isEmpty: Bool {
        if case .finite(let members) = self { return members.isEmpty }
        return false
    }

    var complement: BinarySet {
        switch self {
        case .finite(let members): return .cofinite(members)
        case .cofinite(let excluded): return .finite(excluded)
        }
    }

    func contains(_ value: [UInt8]) -> Bool {
        switch self {
        case .finite(let members): return members.contains(value)
        case .cofinite(let excluded): return !excluded.contains(value)
        }
    }

    func intersection(_ other: BinarySet) -> BinarySet {
        switch (self, other) {
        case (.finite(let a), _): return .finite(a.filter(other.contains))
        case (_, .finite(let b)): return .finite(b.filter(self.contains))
        case (.cofinite(let a), .cofinite(let b)): return .cofinite(a.union(b))
        }
    }

    /// A member as base64 text.
    var witness: String? {
        switch self {
        case .finite(let members):
            return members.min { $0.lexicographicallyPrecedes($1) }.map(Base64Encoding.encode)
        case .cofinite(let excluded):
            var candidate: [UInt8] = [0x61]
            while excluded.contains(candidate) {
                candidate = candidate.last == 0xFF ? candidate + [0x61] : Array(candidate.dropLast()) + [candidate[candidate.count - 1] + 1]
            }
            return Base64Encoding.encode(candidate)
        }
    }
}

/// Base64 encoding (RFC 4648, with padding).
enum Base64Encoding {
    static func encode(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var output = ""
        var index = 0
        while index < bytes.count {
            let chunk = Array(bytes[index..<min(index + 3, bytes.count)])
            let value = (UInt32(chunk[0]) << 16) | (UInt32(chunk.count > 1 ? chunk[1] : 0) << 8) | UInt32(chunk.count > 2 ? chunk[2] : 0)
            output.append(alphabet[Int((value >> 18) & 63)])
            output.append(alphabet[Int((value >> 12) & 63)])
            output.append(chunk.count > 1 ? alphabet[Int((value >> 6) & 63)] : "=")
            output.append(chunk.count > 2 ? alphabet[Int(value & 63)] : "=")
            index += 3
        }
        return output
    }
}
