import PolicyLanguage

/// Counts of diagnostics by severity.
public struct DiagnosticSummary: Equatable, Sendable {
    public var errors = 0
    public var securityWarnings = 0
    public var warnings = 0
    public var suggestions = 0

    public init(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics {
            switch diagnostic.severity {
            case .error: errors += 1
            case .securityWarning: securityWarnings += 1
            case .warning: warnings += 1
            case .suggestion: suggestions += 1
            }
        }
    }

    /// "2 errors, 1 security warning, 0 warnings, 0 suggestions".
    public var text: String {
        [
            Self.count(errors, "error"),
            Self.count(securityWarnings, "security warning"),
            Self.count(warnings, "warning"),
            Self.count(suggestions, "suggestion"),
        ].joined(separator: ", ")
    }

    static func count(_ value: Int, _ noun: String) -> String {
        "\(value) \(noun)\(value == 1 ? "" : "s")"
    }
}
