import CYAML
import PolicyLanguage

/// Reads a YAML document with libyaml into JSON values that keep each node's line and column.
///
/// Plain scalars resolve as YAML's core schema does: `null`, `~` and the empty scalar are
/// null, `true` and `false` in any of their cases are Booleans, and numbers keep their text.
/// Quoted and block scalars are strings, so dates such as `2012-10-17` stay strings. Local
/// tags such as `!Ref` go to `tagged`, which returns the value they stand for. Texts that
/// nest too deep or whose aliases repeat too much are rejected before they are loaded (see
/// `YAMLSizeCheck`).
struct YAMLReader {
    let file: String
    /// Converts a node with a local tag; returns nil for a tag it does not know.
    let tagged: (_ tag: String, _ value: JSONValue) -> JSONValue?
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String, tagged: @escaping (_ tag: String, _ value: JSONValue) -> JSONValue?) {
        self.file = file
        self.tagged = tagged
    }

    /// Returns the first document of the text, or nil with a located diagnostic when the
    /// text is not YAML.
    mutating func read(_ bytes: [UInt8]) -> JSONValue? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) != 0 else {
            diagnostics.append(Diagnostic(.syntaxError, "libyaml could not start a parser", file: file))
            return nil
        }
        defer { yaml_parser_delete(&parser) }
        return bytes.withUnsafeBufferPointer { buffer -> JSONValue? in
            var sizeCheck = YAMLSizeCheck(file: file)
            if !YAMLSizeCheck.keepsToLimits(buffer), let tooLarge = sizeCheck.check(buffer) {
                diagnostics.append(tooLarge)
                return nil
            }
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            var document = yaml_document_t()
            guard yaml_parser_load(&parser, &document) != 0 else {
                reportParserError(parser, bytes: bytes)
                return nil
            }
            defer { yaml_document_delete(&document) }
            guard let root = yaml_document_get_root_node(&document) else {
                diagnostics.append(Diagnostic(.syntaxError, "the file holds no YAML document", file: file, location: SourceLocation(line: 1, column: 1, offset: 0)))
                return nil
            }
            let value = convert(root, in: &document)
            var next = yaml_document_t()
            if yaml_parser_load(&parser, &next) != 0 {
                if yaml_document_get_root_node(&next) != nil {
                    let mark = next.start_mark
                    diagnostics.append(Diagnostic(
                        .invalidDeployment, "the file holds more than one YAML document; only the first is read",
                        file: file, location: Self.location(mark)))
                }
                yaml_document_delete(&next)
            }
            return value
        }
    }

    mutating func reportParserError(_ parser: yaml_parser_t, bytes: [UInt8]) {
        // libyaml sets no problem text and no position when it runs out of memory.
        if parser.error == YAML_MEMORY_ERROR {
            diagnostics.append(Diagnostic(
                .syntaxError, "libyaml ran out of memory while loading the YAML document, which is too large",
                file: file, location: Self.location(parser.mark)))
            return
        }
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        let context = parser.context.map { String(cString: $0) }
        let message = Self.message(problem: problem, context: context, contextMark: parser.context_mark, problemMark: parser.problem_mark)
        // A reader error, such as invalid UTF-8, has a byte offset instead of a position.
        let location = parser.error == YAML_READER_ERROR
            ? Self.location(ofByte: min(parser.problem_offset, bytes.count), in: bytes)
            : Self.location(parser.problem_mark)
        diagnostics.append(Diagnostic(.syntaxError, "invalid YAML: \(message)", file: file, location: location))
    }

    /// Returns libyaml's problem with its context and where the context starts, such as
    /// "did not find expected ',' or ']' while parsing a flow sequence that starts at line 3,
    /// column 9". The problem mark is where libyaml noticed the error, often lines after the
    /// unclosed construct that caused it.
    static func message(problem: String, context: String?, contextMark: yaml_mark_t, problemMark: yaml_mark_t) -> String {
        guard let context else { return problem }
        let start = location(contextMark)
        let place = "line \(start.line), column \(start.column)"
        // The scanner and parser of libyaml 0.2.5 name the construct they were reading ("while
        // parsing a flow mapping"). Its composer names an earlier node instead ("found
        // duplicate anchor; first occurrence"), and the problem the node at the problem mark.
        guard context.hasPrefix("while ") else {
            return "\(context) at \(place), \(problem) here"
        }
        guard contextMark.index != problemMark.index else { return "\(problem) \(context)" }
        return "\(problem) \(context) that starts at \(place)"
    }

    /// Returns the line and column of the byte at `index` of UTF-8 text.
    static func location(ofByte index: Int, in bytes: [UInt8]) -> SourceLocation {
        let before = bytes[..<index]
        let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        let line = before.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        let column = bytes[lineStart..<index].reduce(1) { (0x80...0xBF).contains($1) ? $0 : $0 + 1 }
        return SourceLocation(line: line, column: column, offset: index)
    }

    static func location(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(line: Int(mark.line) + 1, column: Int(mark.column) + 1, offset: Int(mark.index))
    }

    mutating func convert(_ node: UnsafeMutablePointer<yaml_node_t>, in document: inout yaml_document_t) -> JSONValue {
        let location = Self.location(node.pointee.start_mark)
        let tag = node.pointee.tag.map { String(cString: $0) } ?? ""
        var value: JSONValue
        switch node.pointee.type {
        case YAML_SCALAR_NODE:
            let scalar = node.pointee.data.scalar
            let text = scalar.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: scalar.length), as: UTF8.self) } ?? ""
            let isPlain = scalar.style == YAML_PLAIN_SCALAR_STYLE
            value = JSONValue(isPlain && !tag.hasPrefix("!") ? Self.resolvePlain(text, tag: tag) : .string(text), location: location)
        case YAML_SEQUENCE_NODE:
            value = JSONValue(.array(sequence(node, in: &document)), location: location)
        case YAML_MAPPING_NODE:
            value = JSONValue(.object(mapping(node, in: &document)), location: location)
        default:
            value = JSONValue(.null, location: location)
        }
        if tag.hasPrefix("!"), !tag.hasPrefix("!!") {
            if let converted = tagged(tag, value) {
                return converted
            }
            diagnostics.append(
                Diagnostic(
                    .invalidDeployment, "unknown tag '\(tag)'", file: file, location: location,
                    help: "templates may use the short forms of CloudFormation functions, such as !Ref, !Sub and !GetAtt; expand the tags of other tools first"))
        }
        return value
    }

    mutating func sequence(_ node: UnsafeMutablePointer<yaml_node_t>, in document: inout yaml_document_t) -> [JSONValue] {
        let items = node.pointee.data.sequence.items
        guard let start = items.start, let top = items.top else { return [] }
        var elements: [JSONValue] = []
        for offset in 0..<(top - start) {
            if let child = yaml_document_get_node(&document, start[offset]) {
                elements.append(convert(child, in: &document))
            }
        }
        return elements
    }

    mutating func mapping(_ node: UnsafeMutablePointer<yaml_node_t>, in document: inout yaml_document_t) -> [JSONMember] {
        let pairs = node.pointee.data.mapping.pairs
        guard let start = pairs.start, let top = pairs.top else { return [] }
        var members: [JSONMember] = []
        var seen: Set<String> = []
        for offset in 0..<(top - start) {
            let pair = start[offset]
            guard let keyNode = yaml_document_get_node(&document, pair.key),
                let valueNode = yaml_document_get_node(&document, pair.value)
            else { continue }
            let key = convert(keyNode, in: &document)
            guard let keyText = Self.keyText(key) else {
                diagnostics.append(Diagnostic(.invalidDeployment, "a mapping key must be a scalar", file: file, location: key.location))
                continue
            }
            if !seen.insert(keyText).inserted {
                diagnostics.append(Diagnostic(.invalidDeployment, "duplicate key '\(keyText)'", file: file, location: key.location))
            }
            members.append(JSONMember(key: keyText, keyLocation: key.location, value: convert(valueNode, in: &document)))
        }
        return members
    }

    /// Returns the text of a scalar mapping key, or nil for a sequence, mapping or null key.
    static func keyText(_ key: JSONValue) -> String? {
        if let text = key.stringValue { return text }
        if let text = key.numberText { return text }
        if let flag = key.boolValue { return flag ? "true" : "false" }
        return nil
    }

    /// Resolves a plain scalar to null, a Boolean, a number or a string.
    static func resolvePlain(_ text: String, tag: String) -> JSONValue.Kind {
        if tag == "tag:yaml.org,2002:str" || tag.isEmpty || tag == "?" {
            switch text {
            case "", "~", "null", "Null", "NULL": return .null
            case "true", "True", "TRUE": return .bool(true)
            case "false", "False", "FALSE": return .bool(false)
            default: break
            }
            if isNumber(text) {
                return .number(text)
            }
        }
        return .string(text)
    }

    /// Whether a plain scalar is a decimal integer or floating-point number.
    static func isNumber(_ text: String) -> Bool {
        var characters = Substring(text)
        if characters.first == "-" || characters.first == "+" {
            characters = characters.dropFirst()
        }
        guard let first = characters.first, first.isASCII, first.isNumber || first == "." else { return false }
        var seenDigit = false
        var seenDot = false
        var seenExponent = false
        var previous: Character = " "
        for character in characters {
            let isExponentSign = (character == "-" || character == "+") && (previous == "e" || previous == "E")
            if character.isASCII, character.isNumber {
                seenDigit = true
            } else if character == ".", !seenDot, !seenExponent {
                seenDot = true
            } else if character == "e" || character == "E", seenDigit, !seenExponent {
                seenExponent = true
            } else if !isExponentSign {
                return false
            }
            previous = character
        }
        return seenDigit && previous.isNumber
    }
}
