/// Reads JSON text (RFC 8259) into `JSONValue`s that keep their source locations.
///
/// The parser is iterative, so deep nesting cannot exhaust the call stack;
/// nesting beyond `maximumDepth` is rejected with a located error because
/// deeply nested values would also be released recursively. A text of more
/// than `maximumValues` values is rejected too, because memory grows with the
/// number of values: `check` needed 9 GB for a deployment of 50 million zeros
/// in 100 MB. Strings are validated as UTF-8 and escapes are decoded,
/// including surrogate pairs.
/// Parsing stops at the first syntax error: what follows a syntax error has
/// no reliable structure.
public enum JSONParser {
    public static let defaultMaximumDepth = 512
    public static let defaultMaximumValues = 10_000_000

    /// Parses `text`, which must hold exactly one JSON value.
    public static func parse(_ text: String, maximumDepth: Int = defaultMaximumDepth) throws(JSONSyntaxError) -> JSONValue {
        try parse(utf8: Array(text.utf8), maximumDepth: maximumDepth)
    }

    /// Parses UTF-8 bytes, which must hold exactly one JSON value.
    /// Use `TextDecoding.utf8` first for input that may be UTF-16 or carry a byte order mark.
    public static func parse(
        utf8 bytes: [UInt8], maximumDepth: Int = defaultMaximumDepth, maximumValues: Int = defaultMaximumValues
    ) throws(JSONSyntaxError) -> JSONValue {
        let outcome: Result<JSONValue, JSONSyntaxError> = bytes.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(bytes: buffer, maximumDepth: maximumDepth, maximumValues: maximumValues)
            do throws(JSONSyntaxError) {
                return .success(try scanner.parseDocument())
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }
}

private enum Byte {
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let slash = UInt8(ascii: "/")
    static let comma = UInt8(ascii: ",")
    static let colon = UInt8(ascii: ":")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let minus = UInt8(ascii: "-")
    static let plus = UInt8(ascii: "+")
    static let dot = UInt8(ascii: ".")
    static let zero = UInt8(ascii: "0")
    static let nine = UInt8(ascii: "9")
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let apostrophe = UInt8(ascii: "'")
    static let asterisk = UInt8(ascii: "*")
}

/// A container whose elements are still being read. It is a struct mutated in place on the
/// parser's stack, so that appending to a long array does not copy it.
private struct OpenContainer {
    let location: SourceLocation
    let isObject: Bool
    var elements: [JSONValue] = []
    var members: [JSONMember] = []
    /// The name of the object member whose value is being read.
    var key = ""
    var keyLocation: SourceLocation
}

private struct JSONScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let maximumDepth: Int
    let maximumValues: Int
    var valueCount = 0
    var index = 0
    var line = 1
    var lineStart = 0
    /// UTF-8 continuation bytes passed on the current line; they do not count as columns.
    var continuationBytesOnLine = 0

    init(bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int, maximumValues: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
        self.maximumValues = maximumValues
    }

    var location: SourceLocation {
        SourceLocation(line: line, column: index - lineStart - continuationBytesOnLine + 1, offset: index)
    }

    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    func error(_ message: String, at location: SourceLocation? = nil) -> JSONSyntaxError {
        JSONSyntaxError(message: message, location: location ?? self.location)
    }

    mutating func skipWhitespace() throws(JSONSyntaxError) {
        while index < bytes.count {
            switch bytes[index] {
            case Byte.space, Byte.tab, Byte.carriageReturn:
                index += 1
            case Byte.newline:
                index += 1
                line += 1
                lineStart = index
                continuationBytesOnLine = 0
            case Byte.slash where index + 1 < bytes.count && (bytes[index + 1] == Byte.slash || bytes[index + 1] == Byte.asterisk):
                throw error("comments are not allowed in JSON")
            default:
                return
            }
        }
    }

    // MARK: - Document structure

    mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
        try skipWhitespace()
        guard current != nil else {
            throw error("empty input, expected a JSON value")
        }
        let value = try parseValueTree()
        try skipWhitespace()
        if index < bytes.count {
            throw error("unexpected \(describeCharacter()) after the end of the JSON value")
        }
        return value
    }

    /// Reads one complete value, keeping open arrays and objects on an explicit stack.
    mutating func parseValueTree() throws(JSONSyntaxError) -> JSONValue {
        var stack: [OpenContainer] = []

        readValue: while true {
            try skipWhitespace()
            let start = location
            var value: JSONValue
            valueCount += 1
            if valueCount > maximumValues {
                throw error("the JSON text has more than \(maximumValues) values, which is not supported")
            }

            switch current {
            case Byte.openBrace:
                try checkDepth(stack.count)
                index += 1
                try skipWhitespace()
                if current == Byte.closeBrace {
                    index += 1
                    value = JSONValue(.object([]), location: start)
                } else {
                    let (key, keyLocation) = try parseMemberName(afterComma: nil)
                    stack.append(OpenContainer(location: start, isObject: true, key: key, keyLocation: keyLocation))
                    continue readValue
                }
            case Byte.openBracket:
                try checkDepth(stack.count)
                index += 1
                try skipWhitespace()
                if current == Byte.closeBracket {
                    index += 1
                    value = JSONValue(.array([]), location: start)
                } else {
                    stack.append(OpenContainer(location: start, isObject: false, keyLocation: start))
                    continue readValue
                }
            default:
                value = try parseScalar()
            }

            // Attach the finished value to its container; close containers that end here.
            while !stack.isEmpty {
                try skipWhitespace()
                let top = stack.count - 1
                let location = stack[top].location
                if stack[top].isObject {
                    let member = JSONMember(key: stack[top].key, keyLocation: stack[top].keyLocation, value: value)
                    stack[top].members.append(member)
                    switch current {
                    case Byte.comma:
                        let commaLocation = self.location
                        index += 1
                        (stack[top].key, stack[top].keyLocation) = try parseMemberName(afterComma: commaLocation)
                        continue readValue
                    case Byte.closeBrace:
                        index += 1
                        value = JSONValue(.object(stack.removeLast().members), location: location)
                    case nil:
                        throw error("unexpected end of input, expected ',' or '}' to continue the object that starts at \(location)")
                    default:
                        throw error("expected ',' or '}' after an object member, found \(describeCharacter())")
                    }
                } else {
                    stack[top].elements.append(value)
                    switch current {
                    case Byte.comma:
                        let commaLocation = self.location
                        index += 1
                        try skipWhitespace()
                        if current == Byte.closeBracket {
                            throw error("trailing comma before ']'", at: commaLocation)
                        }
                        continue readValue
                    case Byte.closeBracket:
                        index += 1
                        value = JSONValue(.array(stack.removeLast().elements), location: location)
                    case nil:
                        throw error("unexpected end of input, expected ',' or ']' to continue the array that starts at \(location)")
                    default:
                        throw error("expected ',' or ']' after an array element, found \(describeCharacter())")
                    }
                }
            }
            return value
        }
    }

    func checkDepth(_ openContainers: Int) throws(JSONSyntaxError) {
        if openContainers >= maximumDepth {
            throw error("nesting deeper than \(maximumDepth) levels is not supported")
        }
    }

    /// Reads `"name"` and the colon after it; the cursor ends before the member's value.
    /// `afterComma` is the location of the comma before the name, if any, for reporting a trailing comma.
    mutating func parseMemberName(afterComma: SourceLocation?) throws(JSONSyntaxError) -> (String, SourceLocation) {
        try skipWhitespace()
        let keyLocation = location
        switch current {
        case Byte.quote:
            break
        case Byte.closeBrace where afterComma != nil:
            throw error("trailing comma before '}'", at: afterComma)
        case Byte.apostrophe:
            throw error("member names must be in double quotes, found a single quote")
        case nil:
            throw error("unexpected end of input, expected a member name in double quotes")
        default:
            throw error("expected a member name in double quotes, found \(describeCharacter())")
        }
        let key = try parseString()
        try skipWhitespace()
        guard current == Byte.colon else {
            if current == nil {
                throw error("unexpected end of input, expected ':' after member name \"\(key)\"")
            }
            throw error("expected ':' after member name \"\(key)\", found \(describeCharacter())")
        }
        index += 1
        return (key, keyLocation)
    }

    // MARK: - Scalars

    mutating func parseScalar() throws(JSONSyntaxError) -> JSONValue {
        let start = location
        guard let byte = current else {
            throw error("unexpected end of input, expected a JSON value")
        }
        switch byte {
        case Byte.quote:
            return JSONValue(.string(try parseString()), location: start)
        case Byte.minus, Byte.zero...Byte.nine:
            return JSONValue(.number(try parseNumber()), location: start)
        case Byte.apostrophe:
            throw error("strings must be in double quotes, found a single quote")
        case Byte.closeBracket, Byte.closeBrace, Byte.comma, Byte.colon:
            throw error("expected a JSON value, found \(describeCharacter())")
        default:
            return JSONValue(try parseLiteral(), location: start)
        }
    }

    mutating func parseLiteral() throws(JSONSyntaxError) -> JSONValue.Kind {
        let start = index
        let startLocation = location
        while index < bytes.count, isWordByte(bytes[index]) {
            index += 1
        }
        let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        switch word {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null": return .null
        case "":
            index = start
            throw error("expected a JSON value, found \(describeCharacter())", at: startLocation)
        case "True", "False", "TRUE", "FALSE", "None", "NULL", "Null":
            throw error("invalid literal '\(word)', JSON literals are true, false and null in lower case", at: startLocation)
        default:
            throw error("expected a JSON value, found '\(word)'", at: startLocation)
        }
    }

    func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             Byte.zero...Byte.nine, UInt8(ascii: "_"):
            return true
        default:
            return false
        }
    }

    mutating func parseNumber() throws(JSONSyntaxError) -> String {
        let start = index
        if current == Byte.minus {
            index += 1
        }
        guard let first = current, isDigit(first) else {
            throw error("expected a digit after '-'")
        }
        index += 1
        if first == Byte.zero, let next = current, isDigit(next) {
            throw error("numbers must not have leading zeros")
        }
        skipDigits()
        if current == Byte.dot {
            index += 1
            guard let next = current, isDigit(next) else {
                throw error("expected a digit after the decimal point")
            }
            skipDigits()
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == Byte.plus || current == Byte.minus {
                index += 1
            }
            guard let next = current, isDigit(next) else {
                throw error("expected a digit in the exponent")
            }
            skipDigits()
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    func isDigit(_ byte: UInt8) -> Bool { byte >= Byte.zero && byte <= Byte.nine }

    mutating func skipDigits() {
        while index < bytes.count, isDigit(bytes[index]) {
            index += 1
        }
    }

    /// Reads a string starting at its opening quote and returns its decoded value.
    mutating func parseString() throws(JSONSyntaxError) -> String {
        let start = location
        index += 1
        var segmentStart = index
        // The decoded bytes, used once the string has an escape. It is mutated in place:
        // copying it at each escape took a minute for a string of two million escapes.
        var decoded: [UInt8] = []
        var hasEscapes = false

        while true {
            guard index < bytes.count else {
                throw error("unterminated string", at: start)
            }
            let byte = bytes[index]
            switch byte {
            case Byte.quote:
                let tail = UnsafeBufferPointer(rebasing: bytes[segmentStart..<index])
                index += 1
                if hasEscapes {
                    decoded.append(contentsOf: tail)
                    return String(decoding: decoded, as: UTF8.self)
                }
                return String(decoding: tail, as: UTF8.self)
            case Byte.backslash:
                hasEscapes = true
                decoded.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segmentStart..<index]))
                try parseEscape(into: &decoded)
                segmentStart = index
            case Byte.newline:
                throw error("unterminated string: line break before the closing quote", at: start)
            case 0..<0x20:
                throw error("control character U+\(hex(byte, digits: 4)) must be escaped in a string")
            case 0x80...:
                try skipMultiByteCharacter()
            default:
                index += 1
            }
        }
    }

    mutating func parseEscape(into buffer: inout [UInt8]) throws(JSONSyntaxError) {
        let escapeLocation = location
        index += 1
        guard let byte = current else {
            throw error("unterminated string")
        }
        index += 1
        switch byte {
        case Byte.quote: buffer.append(Byte.quote)
        case Byte.backslash: buffer.append(Byte.backslash)
        case Byte.slash: buffer.append(Byte.slash)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(Byte.newline)
        case UInt8(ascii: "r"): buffer.append(Byte.carriageReturn)
        case UInt8(ascii: "t"): buffer.append(Byte.tab)
        case UInt8(ascii: "u"):
            var scalarValue = try parseHexQuad(escapeLocation)
            if (0xD800...0xDBFF).contains(scalarValue) {
                guard index + 1 < bytes.count, bytes[index] == Byte.backslash, bytes[index + 1] == UInt8(ascii: "u") else {
                    throw error("unpaired surrogate \\u\(hex(scalarValue, digits: 4)) in string", at: escapeLocation)
                }
                index += 2
                let low = try parseHexQuad(escapeLocation)
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw error("unpaired surrogate \\u\(hex(scalarValue, digits: 4)) in string", at: escapeLocation)
                }
                scalarValue = 0x10000 + ((scalarValue - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalarValue) {
                throw error("unpaired surrogate \\u\(hex(scalarValue, digits: 4)) in string", at: escapeLocation)
            }
            // Surrogates were handled above, so every value here is a valid scalar.
            buffer.appendUTF8(Unicode.Scalar(scalarValue) ?? "\u{FFFD}")
        default:
            throw error("invalid escape '\\\(describe(byte))' in string", at: escapeLocation)
        }
    }

    mutating func parseHexQuad(_ escapeLocation: SourceLocation) throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current, let digit = hexDigitValue(byte) else {
                throw error("invalid \\u escape: expected four hexadecimal digits", at: escapeLocation)
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    func hexDigitValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case Byte.zero...Byte.nine: return byte - Byte.zero
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// Steps over one UTF-8 encoded character of two to four bytes, rejecting invalid sequences.
    mutating func skipMultiByteCharacter() throws(JSONSyntaxError) {
        guard let length = validUTF8SequenceLength(at: index) else {
            throw error("invalid UTF-8 byte 0x\(hex(bytes[index], digits: 2)) in string")
        }
        index += length
        continuationBytesOnLine += length - 1
    }

    /// The length of the valid UTF-8 sequence of two to four bytes at `position`, or nil (RFC 3629, section 4).
    func validUTF8SequenceLength(at position: Int) -> Int? {
        let lead = bytes[position]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default: return nil
        }
        guard position + length <= bytes.count, secondRange.contains(bytes[position + 1]) else { return nil }
        for offset in 2..<length where !(0x80...0xBF).contains(bytes[position + offset]) {
            return nil
        }
        return length
    }

    // MARK: - Messages

    /// The character at the cursor, quoted, for messages.
    func describeCharacter() -> String {
        guard let byte = current else { return "end of input" }
        if byte >= 0x80 {
            if let length = validUTF8SequenceLength(at: index) {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<index + length]), as: UTF8.self)
                return "'\(text)'"
            }
            return "invalid UTF-8 byte 0x\(hex(byte, digits: 2))"
        }
        return "'\(describe(byte))'"
    }

    func describe(_ byte: UInt8) -> String {
        if byte >= 0x20 && byte < 0x7F {
            return String(UnicodeScalar(byte))
        }
        return "U+\(hex(byte, digits: 4))"
    }

    func hex<Value: BinaryInteger>(_ value: Value, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
