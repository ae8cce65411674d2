import PolicyLanguage

/// Renders diagnostics for a terminal, one per block:
///
///     policy.json:4:17: error: [INVALID_EFFECT] 'allow' is not a valid 'Effect', expected 'Allow' or 'Deny'
///         "Effect": "allow",
///                   ^
///     help: values of 'Effect' are case-sensitive: write 'Allow'
///
/// The source line and caret appear when the text of the file is available.
public struct DiagnosticTextRenderer: Sendable {
    /// Whether to color severities with ANSI escapes; set it only for terminals.
    public var colors: Bool
    /// Source texts by file name, for quoting lines.
    public var sources: [String: SourceText]

    public init(colors: Bool = false, sources: [SourceText] = []) {
        self.colors = colors
        self.sources = Dictionary(sources.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func render(_ diagnostic: Diagnostic) -> String {
        var place = diagnostic.file ?? "<input>"
        if let location = diagnostic.location {
            place += ":\(location.line):\(location.column)"
        }
        var text = "\(place): \(label(diagnostic.severity)): [\(diagnostic.code)] \(diagnostic.message)\n"
        if let location = diagnostic.location, let file = diagnostic.file, let source = sources[file],
           let line = source.lineText(location.line) {
            let shown = line.replacingTabs()
            text += "    \(shown)\n"
            let caretColumn = min(max(location.column, 1), shown.unicodeScalars.count + 1)
            text += "    " + String(repeating: " ", count: caretColumn - 1) + "^\n"
        }
        if let help = diagnostic.help {
            text += "help: \(help)\n"
        }
        return text
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
