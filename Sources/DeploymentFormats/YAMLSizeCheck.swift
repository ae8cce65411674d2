import CYAML
import PolicyLanguage

/// Checks the size of a YAML text, its nesting depth and how much its aliases repeat, from
/// libyaml's events, before the document is loaded.
///
/// They are checked ahead of loading because loading cannot be stopped midway. The time
/// libyaml 0.2.5 takes to load grows with the square of the flow nesting depth (23 s for
/// 100,000 levels), and a few kilobytes of anchors and aliases can expand to billions of
/// nodes ("billion laughs").
/// An alias is measured by the size of the node it names, aliases inside that node included.
struct YAMLSizeCheck {
    /// The maximum nesting depth of collections, aliased collections included.
    static let maximumDepth = 512
    /// The maximum number of nodes that aliases may add to the document.
    static let maximumAliasedNodes = 1_000_000
    /// The maximum number of bytes of scalar text that aliases may add to the document.
    static let maximumAliasedBytes = 16 * 1024 * 1024
    /// The maximum number of nodes written in the text, as for JSON values: libyaml needs
    /// more than 2 GB to load 50 million, and then fails without saying why.
    static let maximumNodes = JSONParser.defaultMaximumValues

    /// The size of a node with everything its aliases stand for.
    struct Size {
        var nodes = 1
        var bytes = 0
        /// The number of collection levels in the node: 0 for a scalar.
        var height = 0
    }

    /// A collection whose end event has not come yet.
    struct OpenCollection {
        let anchor: String?
        var size = Size()
        var deepestChild = 0
    }

    let file: String
    private var anchors: [String: Size] = [:]
    private var open: [OpenCollection] = []
    private var aliasedNodes = 0
    private var aliasedBytes = 0
    private var writtenNodes = 0

    init(file: String) {
        self.file = file
    }

    /// Returns whether the bytes alone show that the text keeps to every limit, so that the
    /// events need not be parsed twice.
    ///
    /// Each collection has an indicator byte of its own (`[`, `{`, `-`, `:` or `?`), so a
    /// text with at most `maximumDepth` of them cannot nest deeper. Without `&` it defines no
    /// anchor, so its aliases add nothing. A node takes at least one byte, or follows a key or
    /// an indicator that does, so 1 MiB has at most about two million nodes, fewer than
    /// `maximumNodes`.
    static func keepsToLimits(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard buffer.count <= 1 << 20 else { return false }
        var indicators = 0
        for byte in buffer {
            switch byte {
            case UInt8(ascii: "&"):
                return false
            case UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "-"), UInt8(ascii: ":"), UInt8(ascii: "?"):
                indicators += 1
            default:
                break
            }
        }
        return indicators <= maximumDepth
    }

    /// Returns the diagnostic of the first limit that the text exceeds, or nil when it keeps
    /// to them or has a syntax error, which loading then reports.
    mutating func check(_ buffer: UnsafeBufferPointer<UInt8>) -> Diagnostic? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) != 0 else { return nil }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) != 0 else { return nil }
            defer { yaml_event_delete(&event) }
            if event.type == YAML_STREAM_END_EVENT {
                return nil
            }
            if let diagnostic = handle(event) {
                return diagnostic
            }
        }
    }

    private mutating func handle(_ event: yaml_event_t) -> Diagnostic? {
        let location = YAMLReader.location(event.start_mark)
        if [YAML_SCALAR_EVENT, YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT, YAML_ALIAS_EVENT].contains(event.type) {
            writtenNodes += 1
            if writtenNodes > Self.maximumNodes {
                return Diagnostic(
                    .syntaxError, "the YAML document has more than \(Self.maximumNodes) nodes, which is not supported",
                    file: file, location: location)
            }
        }
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            anchors = [:]
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            add(Size(nodes: 1, bytes: scalar.length, height: 0), anchor: scalar.anchor)
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            let anchor = event.type == YAML_SEQUENCE_START_EVENT ? event.data.sequence_start.anchor : event.data.mapping_start.anchor
            open.append(OpenCollection(anchor: anchor.map { String(cString: $0) }))
            if open.count > Self.maximumDepth {
                return tooDeep(at: location)
            }
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard var collection = open.popLast() else { return nil }
            collection.size.height = collection.deepestChild + 1
            add(collection.size, anchor: nil)
            if let anchor = collection.anchor {
                anchors[anchor] = collection.size
            }
        case YAML_ALIAS_EVENT:
            guard let name = event.data.alias.anchor.map({ String(cString: $0) }) else { return nil }
            if open.contains(where: { $0.anchor == name }) {
                return Diagnostic(
                    .syntaxError, "the alias '*\(name)' is inside the collection it names; recursive YAML structures are not supported",
                    file: file, location: location)
            }
            // An undefined alias is a syntax error that loading reports.
            guard let size = anchors[name] else { return nil }
            aliasedNodes += size.nodes
            aliasedBytes += size.bytes
            if aliasedNodes > Self.maximumAliasedNodes {
                return tooLarge("more than \(Self.maximumAliasedNodes) nodes", at: location)
            }
            if aliasedBytes > Self.maximumAliasedBytes {
                return tooLarge("more than \(Self.maximumAliasedBytes) bytes of text", at: location)
            }
            if open.count + size.height > Self.maximumDepth {
                return tooDeep(at: location)
            }
            add(size, anchor: nil)
        default:
            break
        }
        return nil
    }

    /// Adds a finished node to the collection that contains it.
    private mutating func add(_ size: Size, anchor: UnsafeMutablePointer<UInt8>?) {
        if let anchor {
            anchors[String(cString: anchor)] = size
        }
        guard !open.isEmpty else { return }
        open[open.count - 1].size.nodes += size.nodes
        open[open.count - 1].size.bytes += size.bytes
        open[open.count - 1].deepestChild = max(open[open.count - 1].deepestChild, size.height)
    }

    private func tooDeep(at location: SourceLocation) -> Diagnostic {
        Diagnostic(
            .syntaxError, "the YAML document nests collections deeper than \(Self.maximumDepth) levels, which is not supported",
            file: file, location: location)
    }

    private func tooLarge(_ amount: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(
            .syntaxError, "aliases repeat \(amount) of the YAML document, which is not supported (a limit against alias bombs)",
            file: file, location: location, help: "write the repeated values out, or use fewer and smaller aliases")
    }
}
