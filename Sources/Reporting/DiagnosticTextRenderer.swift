import PolicyLanguage

/// Renders diagnostics for a terminal, one per block:
///
///     policy.json:4:17: error: [INVALID_EFFECT] 'allow' is not a valid 'Effect', expected 'Allow' or 'Deny'
///         "Effect": "allow",
///                   ^
///     help: values of 'Effect' are case-sensitive: write 'Allow'
///
/// The source line and caret appear when the text of the file is available; a line longer
/// than `excerptWidth` characters, as in minified JSON, is cut to a window around the column.
public struct DiagnosticTextRenderer: Sendable {
    /// Whether to color severities with ANSI escapes; set it only for terminals.
    public var colors: Bool
    /// Source texts by file name, for quoting lines.
    public var sources: [String: SourceText]
    /// The byte offset where each line starts, by file name.
    private let lineStarts: [String: [Int]]
    public static let excerptWidth = 120

    public init(colors: Bool = false, sources: [SourceText] = []) {
        self.colors = colors
        self.sources = Dictionary(sources.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var starts: [String: [Int]] = [:]
        for (name, source) in self.sources {
            var offsets = [0]
            for (offset, byte) in source.utf8.enumerated() where byte == UInt8(ascii: "\n") {
                offsets.append(offset + 1)
            }
            starts[name] = offsets
        }
        lineStarts = starts
    }

    /// The part of the location's line around it, at most a few hundred bytes either side
    /// so that a minified file of one huge line stays cheap, and the location's column in it.
    func window(_ location: SourceLocation, of file: String) -> (text: String, column: Int, cutBefore: Bool, cutAfter: Bool)? {
        let number = location.line
        guard let source = sources[file], let starts = lineStarts[file], number >= 1, number <= starts.count else { return nil }
        let bytes = source.utf8
        let lineStart = starts[number - 1]
        var lineEnd = number < starts.count ? starts[number] - 1 : bytes.count
        if lineEnd > lineStart, bytes[lineEnd - 1] == UInt8(ascii: "\r") {
            lineEnd -= 1
        }
        let offset = min(max(location.offset, lineStart), lineEnd)
        let reach = 4 * Self.excerptWidth
        var start = max(lineStart, offset - reach)
        while start > lineStart, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        var end = min(lineEnd, offset + reach)
        while end < lineEnd, bytes[end] & 0xC0 == 0x80 { end += 1 }
        let column = String(decoding: bytes[start..<offset], as: UTF8.self).unicodeScalars.count + 1
        let text = String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
        return (text, column, start > lineStart, end < lineEnd)
    }

    public func render(_ diagnostic: Diagnostic) -> String {
        var place = TerminalText.escapingControls(diagnostic.file ?? (diagnostic.location == nil ? "" : "<input>"), keepingLayout: false)
        if let location = diagnostic.location {
            place += ":\(location.line):\(location.column)"
        }
        // A diagnostic about no input, such as a missing option, starts with its severity.
        let prefix = place.isEmpty ? "" : "\(place): "
        let message = TerminalText.escapingControls(diagnostic.message, keepingLayout: false)
        var text = "\(prefix)\(label(diagnostic.severity)): [\(diagnostic.code)] \(message)\n"
        if let location = diagnostic.location, let file = diagnostic.file, let line = window(location, of: file) {
            let (shown, caretColumn) = Self.excerpt(
                TerminalText.escapingControls(line.text.replacingTabs(), keepingLayout: false), column: line.column, cutBefore: line.cutBefore, cutAfter: line.cutAfter)
            text += "    \(shown)\n"
            text += "    " + String(repeating: " ", count: caretColumn - 1) + "^\n"
        }
        if let help = diagnostic.help {
            text += "help: \(TerminalText.escapingControls(help, keepingLayout: false))\n"
        }
        return text
    }

    /// The line, cut to `excerptWidth` characters around `column` when longer, with `…`
    /// where text is left out, and the caret's column within what is shown. `cutBefore` and
    /// `cutAfter` say that `line` is already a window of a longer line.
    static func excerpt(_ line: String, column: Int, cutBefore: Bool = false, cutAfter: Bool = false) -> (String, Int) {
        let scalars = Array(line.unicodeScalars)
        let caret = min(max(column, 1), scalars.count + 1)
        var start = 0
        var end = scalars.count
        if scalars.count > excerptWidth {
            start = max(0, min(caret - 1 - excerptWidth / 2, scalars.count - excerptWidth))
            end = min(scalars.count, start + excerptWidth)
        }
        var shown = String(String.UnicodeScalarView(scalars[start..<end]))
        var shownCaret = caret - start
        if start > 0 || cutBefore {
            shown = "…" + shown
            shownCaret += 1
        }
        if end < scalars.count || cutAfter {
            shown += "…"
        }
        return (shown, shownCaret)
    }

    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(render).joined()
    }

    func label(_ severity: DiagnosticSeverity) -> String {
        let name: String
        let color: String
        switch severity {
        case .error: (name, color) = ("error", "\u{1B}[31m")
        case .securityWarning: (name, color) = ("security warning", "\u{1B}[35m")
        case .warning: (name, color) = ("warning", "\u{1B}[33m")
        case .suggestion: (name, color) = ("suggestion", "\u{1B}[36m")
        }
        return colors ? color + name + "\u{1B}[0m" : name
    }
}

extension String {
    /// Tabs become single spaces so that the caret under a quoted line stays aligned.
    func replacingTabs() -> String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\t" ? " " : $0 }))
    }
}
