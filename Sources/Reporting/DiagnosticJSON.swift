import PolicyLanguage

/// JSON forms of diagnostics, with the field names of IAM Access Analyzer's `ValidatePolicy`
/// findings where they exist (`findingType`, `issueCode`).
public enum DiagnosticJSON {
    public static func value(_ diagnostic: Diagnostic) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("findingType", .string(diagnostic.severity.rawValue)),
            ("issueCode", .string(diagnostic.code)),
            ("message", .string(diagnostic.message)),
        ]
        if let help = diagnostic.help {
            members.append(("help", .string(help)))
        }
        var location: [(String, JSONValue)] = []
        if let file = diagnostic.file {
            location.append(("file", .string(file)))
        }
        if let position = diagnostic.location {
            location.append(("line", .number(position.line)))
            location.append(("column", .number(position.column)))
        }
        if let pointer = diagnostic.pointer {
            location.append(("pointer", .string(pointer.description)))
            location.append(("path", .array(pointer.pathValues)))
        }
        members.append(("location", .object(location)))
        return .object(members)
    }

    public static func summary(_ summary: DiagnosticSummary) -> JSONValue {
        .object([
            ("errors", .number(summary.errors)),
            ("securityWarnings", .number(summary.securityWarnings)),
            ("warnings", .number(summary.warnings)),
            ("suggestions", .number(summary.suggestions)),
        ])
    }
}
