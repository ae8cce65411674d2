/// How serious a diagnostic is, in the four levels IAM Access Analyzer uses for policy validation.
public enum DiagnosticSeverity: String, CaseIterable, Comparable, Sendable {
    /// The policy is invalid or cannot be read; AWS would reject it or it cannot be analyzed.
    case error = "ERROR"
    /// The policy grants more than it seems to, or grants in a risky way.
    case securityWarning = "SECURITY_WARNING"
    /// The policy is valid but likely not what its author meant.
    case warning = "WARNING"
    /// The policy works, and could be written more clearly.
    case suggestion = "SUGGESTION"

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    /// More severe levels sort first.
    public static func < (lhs: DiagnosticSeverity, rhs: DiagnosticSeverity) -> Bool { lhs.rank < rhs.rank }
}

/// A located problem found while reading or validating an input.
public struct Diagnostic: Hashable, Sendable {
    public var severity: DiagnosticSeverity
    /// A stable identifier of the kind of problem, such as `MISSING_EFFECT`.
    public var code: String
    /// What is wrong and, where it fits in a sentence, what to do.
    public var message: String
    /// The file path or input label, such as `<stdin>`.
    public var file: String?
    public var location: SourceLocation?
    public var pointer: JSONPointer?
    /// A separate hint, such as "did you mean 's3:GetObject'?".
    public var help: String?

    public init(
        severity: DiagnosticSeverity,
        code: String,
        message: String,
        file: String? = nil,
        location: SourceLocation? = nil,
        pointer: JSONPointer? = nil,
        help: String? = nil
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.file = file
        self.location = location
        self.pointer = pointer
        self.help = help
    }
}

extension Array where Element == Diagnostic {
    /// Diagnostics in a stable order: by file, position, severity and code.
    public func sortedForOutput() -> [Diagnostic] {
        enumerated().sorted { lhs, rhs in
            let (a, b) = (lhs.element, rhs.element)
            if a.file != b.file { return (a.file ?? "") < (b.file ?? "") }
            let aOffset = a.location?.offset ?? -1
            let bOffset = b.location?.offset ?? -1
            if aOffset != bOffset { return aOffset < bOffset }
            if a.severity != b.severity { return a.severity < b.severity }
            if a.code != b.code { return a.code < b.code }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }

    public var containsErrors: Bool { contains { $0.severity == .error } }
}

extension Diagnostic {
    /// A diagnostic for a known issue code, at the code's usual severity unless `severity` is given.
    public init(
        _ code: IssueCode,
        _ message: String,
        severity: DiagnosticSeverity? = nil,
        file: String? = nil,
        location: SourceLocation? = nil,
        pointer: JSONPointer? = nil,
        help: String? = nil
    ) {
        self.init(
            severity: severity ?? code.severity,
            code: code.rawValue,
            message: message,
            file: file,
            location: location,
            pointer: pointer,
            help: help)
    }
}
