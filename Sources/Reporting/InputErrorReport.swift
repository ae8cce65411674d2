import PolicyLanguage
import PolicyPacks

/// The report of a check that stopped before the analysis because an input, the configuration
/// or the baseline cannot be used, in each format of `accessguard check`. A CI job that uploads
/// the report then finds a file that names the problems instead of no file.
public enum InputErrorReport {
    /// The `error` of the JSON report.
    static let notChecked = "the inputs have errors, so the deployment was not checked"

    /// JSON: the pack, the error and every diagnostic in the form of the full report's
    /// `diagnostics`.
    public static func json(_ pack: PolicyPack, diagnostics: [Diagnostic]) -> JSONValue {
        .object([
            ("pack", .object([("name", .string(pack.name)), ("version", .string(pack.version))])),
            ("error", .string(notChecked)),
            ("diagnostics", .array(diagnostics.map(DiagnosticJSON.value))),
        ])
    }

    /// SARIF 2.1.0: a run whose invocation did not succeed, with one tool execution
    /// notification per diagnostic and an empty `results` array. The array is kept because
    /// GitHub code scanning rejects a run without one; the failed invocation tells consumers
    /// that the analysis did not run.
    public static func sarif(_ pack: PolicyPack, diagnostics: [Diagnostic], toolVersion: String) -> JSONValue {
        let notifications: [JSONValue] = diagnostics.map { diagnostic in
            var members: [(String, JSONValue)] = [
                ("level", .string(sarifLevel(diagnostic.severity))),
                ("message", .object([("text", .string(diagnostic.message))])),
                ("descriptor", .object([("id", .string(diagnostic.code))])),
            ]
            if let file = diagnostic.file {
                let location = JSONValue.object([("physicalLocation", SARIFReport.physicalLocation(file: file, at: diagnostic.location))])
                members.append(("locations", .array([location])))
            }
            return .object(members)
        }
        return SARIFReport.log(run: [
            ("tool", SARIFReport.tool(pack, version: toolVersion)),
            ("invocations", .array([.object([
                ("executionSuccessful", .bool(false)),
                ("exitCode", .number(Int(ExitCode.invalidInput.rawValue))),
                ("toolExecutionNotifications", .array(notifications)),
            ])])),
            ("results", .array([])),
        ])
    }

    /// Returns the SARIF notification level of a severity: error, warning for both kinds of
    /// warning, and note for a suggestion.
    static func sarifLevel(_ severity: DiagnosticSeverity) -> String {
        switch severity {
        case .error: return "error"
        case .securityWarning, .warning: return "warning"
        case .suggestion: return "note"
        }
    }

    /// JUnit XML: one test suite `inputs` with one test case per diagnostic, in error for
    /// errors and passed with a system-out note for the others.
    public static func junit(_ pack: PolicyPack, diagnostics: [Diagnostic]) -> String {
        var cases = ""
        var errors = 0
        for diagnostic in diagnostics {
            cases += JUnitReport.testCaseStart(classname: "inputs", name: testCaseName(diagnostic), file: diagnostic.file, location: diagnostic.location)
            if diagnostic.severity == .error {
                errors += 1
                cases += "      <error type=\"\(JUnitReport.escape(diagnostic.code))\" message=\"\(JUnitReport.escape(diagnostic.message))\"/>\n"
            } else {
                cases += "      <system-out>\(JUnitReport.escape(DiagnosticTextRenderer().render(diagnostic)))</system-out>\n"
            }
            cases += "    </testcase>\n"
        }
        let counts = "tests=\"\(diagnostics.count)\" failures=\"0\" errors=\"\(errors)\""
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"\(JUnitReport.escape(pack.name))\" \(counts)>\n"
            + "  <testsuite name=\"inputs\" \(counts)>\n\(cases)  </testsuite>\n"
            + "</testsuites>\n"
    }

    /// Returns the test case name: the diagnostic's `file:line:column`, or its code when it
    /// names no file.
    static func testCaseName(_ diagnostic: Diagnostic) -> String {
        guard let file = diagnostic.file else { return diagnostic.code }
        guard let location = diagnostic.location else { return file }
        return "\(file):\(location.line):\(location.column)"
    }
}
