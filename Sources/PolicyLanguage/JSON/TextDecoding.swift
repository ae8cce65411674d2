/// Converts raw input bytes to the UTF-8 text that the readers parse.
///
/// Accepted: UTF-8 with or without a byte order mark, and UTF-16 in either
/// byte order, with a byte order mark or, for JSON, recognized from the
/// zero bytes of its first ASCII character (RFC 4627, section 3).
/// UTF-32 is rejected with an error.
public enum TextDecoding {
    public enum Encoding: String, Sendable {
        case utf8 = "UTF-8"
        case utf16LittleEndian = "UTF-16LE"
        case utf16BigEndian = "UTF-16BE"
    }

    /// Returns the input as UTF-8 without a byte order mark, and the encoding it was found in.
    public static func utf8(from bytes: [UInt8]) throws(JSONSyntaxError) -> (utf8: [UInt8], encoding: Encoding) {
        let start = SourceLocation(line: 1, column: 1, offset: 0)
        if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) {
            throw JSONSyntaxError(message: "UTF-32 input is not supported, convert it to UTF-8", location: start)
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return (Array(bytes.dropFirst(3)), .utf8)
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            return (try transcodeUTF16(bytes.dropFirst(2), bigEndian: false), .utf16LittleEndian)
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return (try transcodeUTF16(bytes.dropFirst(2), bigEndian: true), .utf16BigEndian)
        }
        if bytes.count >= 4, bytes[0] == 0, bytes[1] == 0 {
            throw JSONSyntaxError(message: "UTF-32 input is not supported, convert it to UTF-8", location: start)
        }
        if bytes.count >= 2, bytes[0] == 0, bytes[1] != 0 {
            return (try transcodeUTF16(bytes[...], bigEndian: true), .utf16BigEndian)
        }
        if bytes.count >= 2, bytes[0] != 0, bytes[1] == 0 {
            return (try transcodeUTF16(bytes[...], bigEndian: false), .utf16LittleEndian)
        }
        return (bytes, .utf8)
    }

    private static func transcodeUTF16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) throws(JSONSyntaxError) -> [UInt8] {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            let first = UInt16(bytes[index])
            let second = UInt16(bytes[index + 1])
            units.append(bigEndian ? first << 8 | second : second << 8 | first)
            index += 2
        }
        if index < bytes.endIndex {
            throw JSONSyntaxError(
                message: "UTF-16 input has an odd number of bytes",
                location: SourceLocation(line: 1, column: 1, offset: 0))
        }

        var output: [UInt8] = []
        output.reserveCapacity(units.count)
        var line = 1
        var column = 1
        var decoder = UTF16()
        var iterator = units.makeIterator()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                output.appendUTF8(scalar)
                if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            case .emptyInput:
                return output
            case .error:
                throw JSONSyntaxError(
                    message: "invalid UTF-16: unpaired surrogate",
                    location: SourceLocation(line: line, column: column, offset: output.count))
            }
        }
    }
}
