/// An IPv4 or IPv6 address, stored as a 128-bit number.
public struct IPAddress: Hashable, Comparable, Sendable, CustomStringConvertible {
    public enum Family: Sendable {
        case ipv4, ipv6

        public var bitWidth: Int { self == .ipv4 ? 32 : 128 }
    }

    public let family: Family
    /// The address bits, right-aligned: IPv4 uses the low 32 bits.
    public let high: UInt64
    public let low: UInt64

    public init(family: Family, high: UInt64, low: UInt64) {
        self.family = family
        self.high = high
        self.low = low
    }

    /// Parses dotted-quad IPv4 or RFC 4291 IPv6 text (with `::` and an optional IPv4 tail).
    public init?(_ text: some StringProtocol) {
        if text.contains(":") {
            guard let (high, low) = IPAddress.parseIPv6(Substring(text)) else { return nil }
            self.init(family: .ipv6, high: high, low: low)
        } else {
            guard let value = IPAddress.parseIPv4(Substring(text)) else { return nil }
            self.init(family: .ipv4, high: 0, low: UInt64(value))
        }
    }

    static func parseIPv4(_ text: Substring) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCIIDigit), let octet = UInt32(part), octet <= 255 else {
                return nil
            }
            value = value << 8 | octet
        }
        return value
    }

    static func parseIPv6(_ text: Substring) -> (UInt64, UInt64)? {
        var groups: [UInt16] = []
        var tail = text
        var ipv4Tail: UInt32?
        if let lastColon = text.lastIndex(of: ":"), text[text.index(after: lastColon)...].contains(".") {
            guard let value = parseIPv4(text[text.index(after: lastColon)...]) else { return nil }
            ipv4Tail = value
            tail = text[...lastColon]
            // Keep "::" intact when the IPv4 part follows it directly; drop a single trailing colon.
            if !tail.hasSuffix("::") {
                tail = tail.dropLast()
            }
        }
        var halves: [String] = []
        var rest = tail
        while let range = rest.firstRange(of: "::") {
            halves.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        halves.append(String(rest))
        guard halves.count <= 2 else { return nil }

        func readGroups(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            var result: [UInt16] = []
            for group in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard (1...4).contains(group.count), let value = UInt16(group, radix: 16) else { return nil }
                result.append(value)
            }
            return result
        }

        guard let head = readGroups(halves[0]) else { return nil }
        let tailGroups: [UInt16]
        if halves.count == 2 {
            guard let parsed = readGroups(halves[1]) else { return nil }
            tailGroups = parsed
        } else {
            tailGroups = []
        }
        var ipv4Groups: [UInt16] = []
        if let ipv4Tail {
            ipv4Groups = [UInt16(ipv4Tail >> 16), UInt16(ipv4Tail & 0xFFFF)]
        }
        let explicitCount = head.count + tailGroups.count + ipv4Groups.count
        if halves.count == 2 {
            guard explicitCount <= 7 else { return nil }
            groups = head + Array(repeating: 0, count: 8 - explicitCount) + tailGroups + ipv4Groups
        } else {
            guard explicitCount == 8 else { return nil }
            groups = head + ipv4Groups
        }
        var high: UInt64 = 0
        var low: UInt64 = 0
        for group in groups[0..<4] { high = high << 16 | UInt64(group) }
        for group in groups[4..<8] { low = low << 16 | UInt64(group) }
        return (high, low)
    }

    public static func < (lhs: IPAddress, rhs: IPAddress) -> Bool {
        (lhs.high, lhs.low) < (rhs.high, rhs.low)
    }

    public var description: String {
        switch family {
        case .ipv4:
            return (0..<4).map { String((low >> (24 - 8 * $0)) & 0xFF) }.joined(separator: ".")
        case .ipv6:
            let groups = (0..<8).map { index -> UInt16 in
                let word = index < 4 ? high : low
                return UInt16((word >> (48 - 16 * UInt64(index % 4))) & 0xFFFF)
            }
            return IPAddress.compressedIPv6(groups)
        }
    }

    /// RFC 5952 text: lowercase, leading zeros dropped, the longest run of zero groups as `::`.
    static func compressedIPv6(_ groups: [UInt16]) -> String {
        var bestStart = -1
        var bestLength = 0
        var index = 0
        while index < 8 {
            if groups[index] == 0 {
                var end = index
                while end < 8 && groups[end] == 0 { end += 1 }
                if end - index > bestLength && end - index >= 2 {
                    bestStart = index
                    bestLength = end - index
                }
                index = end
            } else {
                index += 1
            }
        }
        let text = groups.map { String($0, radix: 16) }
        if bestStart < 0 {
            return text.joined(separator: ":")
        }
        let head = text[..<bestStart].joined(separator: ":")
        let tail = text[(bestStart + bestLength)...].joined(separator: ":")
        return head + "::" + tail
    }
}

/// An address range written as an address with an optional `/prefix` length.
///
/// A bare address is a range of one address. Host bits set beyond the prefix are
/// ignored, as a network mask would (`hasHostBits` reports them).
public struct CIDRBlock: Hashable, Sendable, CustomStringConvertible {
    public let address: IPAddress
    public let prefixLength: Int

    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let address = IPAddress(parts[0]) else { return nil }
        let width = address.family.bitWidth
        var prefix = width
        if parts.count == 2 {
            guard !parts[1].isEmpty, parts[1].count <= 3, parts[1].allSatisfy(\.isASCIIDigit),
                  let value = Int(parts[1]), value <= width else { return nil }
            prefix = value
        }
        self.address = address
        self.prefixLength = prefix
    }

    public init(address: IPAddress, prefixLength: Int) {
        self.address = address
        self.prefixLength = prefixLength
    }

    /// The mask over the 128-bit value for this family and prefix.
    private var mask: (UInt64, UInt64) {
        let width = address.family.bitWidth
        let hostBits = width - prefixLength
        if address.family == .ipv4 {
            let low: UInt64 = hostBits >= 32 ? 0 : (UInt64(0xFFFF_FFFF) >> UInt64(hostBits)) << UInt64(hostBits)
            return (0, low)
        }
        func maskWord(_ bits: Int) -> UInt64 {
            if bits <= 0 { return 0 }
            if bits >= 64 { return UInt64.max }
            return UInt64.max << UInt64(64 - bits)
        }
        return (maskWord(prefixLength), maskWord(prefixLength - 64))
    }

    public var firstAddress: IPAddress {
        let (maskHigh, maskLow) = mask
        return IPAddress(family: address.family, high: address.high & maskHigh, low: address.low & maskLow)
    }

    public var lastAddress: IPAddress {
        let (maskHigh, maskLow) = mask
        let familyLow: UInt64 = address.family == .ipv4 ? 0xFFFF_FFFF : UInt64.max
        let familyHigh: UInt64 = address.family == .ipv4 ? 0 : UInt64.max
        return IPAddress(
            family: address.family,
            high: (address.high & maskHigh) | (~maskHigh & familyHigh),
            low: (address.low & maskLow) | (~maskLow & familyLow))
    }

    /// Whether the written address has bits set beyond the prefix, as in `10.0.0.1/8`.
    public var hasHostBits: Bool { firstAddress != address }

    public func contains(_ candidate: IPAddress) -> Bool {
        guard candidate.family == address.family else { return false }
        return firstAddress <= candidate && candidate <= lastAddress
    }

    public var description: String { "\(firstAddress)/\(prefixLength)" }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
