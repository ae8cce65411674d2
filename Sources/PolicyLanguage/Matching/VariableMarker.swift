extension StringProtocol {
    /// Whether the text contains `${`, which may start a policy variable. A byte scan: the
    /// plain `contains` resolves to Foundation's locale-aware search, which is far slower.
    public var hasVariableMarker: Bool {
        var afterDollar = false
        for byte in utf8 {
            if afterDollar && byte == UInt8(ascii: "{") { return true }
            afterDollar = byte == UInt8(ascii: "$")
        }
        return false
    }
}
