extension JSONValue {
    /// Serializes the value as JSON text, keeping member order.
    ///
    /// With `indent` set, objects and arrays span several lines indented by that
    /// many spaces per level, and empty containers stay on one line.
    public func serialized(indent: Int? = nil) -> String {
        String(decoding: serializedUTF8(indent: indent), as: UTF8.self)
    }

    /// Serializes the value as the UTF-8 bytes of its JSON text, as `serialized` does.
    public func serializedUTF8(indent: Int? = nil) -> [UInt8] {
        var output: [UInt8] = []
        write(to: &output, indent: indent, level: 0)
        return output
    }

    private func write(to output: inout [UInt8], indent: Int?, level: Int) {
        switch kind {
        case .null:
            output += "null".utf8
        case .bool(let value):
            output += (value ? "true" : "false").utf8
        case .number(let text):
            output += text.utf8
        case .string(let value):
            JSONValue.writeString(value, to: &output)
        case .array(let elements):
            if elements.isEmpty {
                output += "[]".utf8
                return
            }
            output.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                JSONValue.writeLineBreak(to: &output, indent: indent, level: level + 1)
                element.write(to: &output, indent: indent, level: level + 1)
            }
            JSONValue.writeLineBreak(to: &output, indent: indent, level: level)
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty {
                output += "{}".utf8
                return
            }
            output.append(UInt8(ascii: "{"))
            for (position, member) in members.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                JSONValue.writeLineBreak(to: &output, indent: indent, level: level + 1)
                JSONValue.writeString(member.key, to: &output)
                output += (indent == nil ? ":" : ": ").utf8
                member.value.write(to: &output, indent: indent, level: level + 1)
            }
            JSONValue.writeLineBreak(to: &output, indent: indent, level: level)
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func writeLineBreak(to output: inout [UInt8], indent: Int?, level: Int) {
        guard let indent else { return }
        output.append(UInt8(ascii: "\n"))
        var remaining = indent * level
        while remaining > 0 {
            let count = min(remaining, spaces.count)
            output.append(contentsOf: spaces[..<count])
            remaining -= count
        }
    }

    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)

    /// Writes a string literal, escaping quotes, backslashes and control characters. Works on
    /// UTF-8 bytes: every byte that needs escaping is ASCII, and the bytes of other scalars
    /// are copied as they are.
    static func writeString(_ value: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        // Most strings need no escape and are copied whole.
        let copied = value.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard !bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 == 0x7F }) else { return false }
            output.append(contentsOf: bytes)
            return true
        }
        if copied == true {
            output.append(UInt8(ascii: "\""))
            return
        }
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output += "\\\"".utf8
            case UInt8(ascii: "\\"): output += "\\\\".utf8
            case UInt8(ascii: "\n"): output += "\\n".utf8
            case UInt8(ascii: "\r"): output += "\\r".utf8
            case UInt8(ascii: "\t"): output += "\\t".utf8
            case 0x08: output += "\\b".utf8
            case 0x0C: output += "\\f".utf8
            case 0..<0x20, 0x7F:
                let hex = String(byte, radix: 16, uppercase: true)
                output += "\\u".utf8
                output += String(repeating: "0", count: 4 - hex.count).utf8
                output += hex.utf8
            default:
                output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
