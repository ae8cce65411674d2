/// Identifiers derived from text, the same on every run and machine: two 64-bit FNV-1a
/// hashes with different offsets, written like a UUID.
enum StableID {
    static func make(from text: String) -> String {
        let first = fnv1a(text, offset: 0xcbf2_9ce4_8422_2325)
        let second = fnv1a(text, offset: 0x6c62_272e_07bb_0142)
        let hex = hexDigits(first) + hexDigits(second)
        let characters = Array(hex)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(characters[$0]) }.joined(separator: "-")
    }

    static func fnv1a(_ text: String, offset: UInt64) -> UInt64 {
        var hash = offset
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }

    static func hexDigits(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
