import PolicyLanguage
import Reporting

/// `accessguard validate`: checks policy documents and reports located findings.
enum ValidateCommand: Subcommand {
    static let spec = CommandSpec(
        name: "validate",
        abstract: "Check IAM policy documents for errors, security warnings, warnings and suggestions.",
        discussion: """
            Reads each POLICY (a file, or - for standard input) and reports every problem with its
            file, line and column: invalid JSON or structure, unknown actions and condition keys,
            values of the wrong type, malformed ARNs and principals, risky grants and redundancy.
            The policy type decides which elements a statement needs; 'auto' infers it from the
            document (principals and sts:AssumeRole* actions mean a trust policy).

            Exit status: 0 when no finding reaches the --fail-on level, 1 when one does, 2 when a
            policy cannot be read as JSON or a file cannot be opened. Every readable file is
            validated even when another cannot be read.
            """,
        positionals: [PositionalSpec(name: "POLICY", help: "A policy file, or - for standard input.", isVariadic: true, isRequired: false)],
        options: [
            .value("--policy-text", "JSON", help: "Validate this policy text instead of a file."),
            .value("--policy-type", "TYPE", help: "The kind of policy. Default: auto.", allowed: ["auto", "identity", "resource", "trust"]),
            .value("--format", "FORMAT", help: "Output format. Default: text.", allowed: ["text", "json"]),
            .value(
                "--fail-on", "LEVEL", help: "The least severe finding that fails the check. Default: security-warning.",
                allowed: ["error", "security-warning", "warning", "suggestion", "none"]),
        ],
        examples: [
            "accessguard validate Examples/policies/public-bucket-policy.json",
            "accessguard validate --policy-type identity --format json policy.json",
            "cat policy.json | accessguard validate -",
        ])

    struct FileResult {
        let name: String
        let source: SourceText?
        let policyType: PolicyType?
        let diagnostics: [Diagnostic]
        var readable: Bool { policyType != nil }
    }

    static func run(_ arguments: ParsedArguments, io: CommandIO) -> ExitCode {
        guard let catalog = AccessGuardCommand.loadCatalog(io: io) else { return .invalidInput }
        var inputs: [(name: String, bytes: [UInt8])] = []
        if let text = arguments.value("--policy-text") {
            inputs.append(("<policy-text>", Array(text.utf8)))
        }
        if arguments.positionals.filter({ $0 == "-" }).count > 1 {
            AccessGuardCommand.reportUsage(UsageError(message: "standard input (-) can be read only once"), io: io)
            return .invalidInput
        }
        var unreadable = false
        for path in arguments.positionals {
            do {
                inputs.append(try InputFiles.read(path, io: io))
            } catch {
                io.writeError("error: \(error.message)\n")
                unreadable = true
            }
        }
        guard !inputs.isEmpty || unreadable else {
            AccessGuardCommand.reportUsage(
                UsageError(message: "missing POLICY", help: "give a policy file, - for standard input, or --policy-text"), io: io)
            return .invalidInput
        }

        let requestedType = arguments.value("--policy-type").flatMap(PolicyType.init(rawValue:))
        let results = inputs.map { validate(name: $0.name, bytes: $0.bytes, requestedType: requestedType, catalog: catalog) }

        if arguments.value("--format") == "json" {
            io.writeOutput(renderJSON(results))
        } else {
            io.writeOutput(renderText(results, colors: io.outputIsTerminal))
        }

        if unreadable || results.contains(where: { !$0.readable }) {
            return .invalidInput
        }
        let threshold = failThreshold(arguments.value("--fail-on") ?? "security-warning")
        let failing = results.flatMap(\.diagnostics).contains { diagnostic in
            threshold.map { diagnostic.severity <= $0 } ?? false
        }
        return failing ? .checkFailed : .success
    }

    static func validate(name: String, bytes: [UInt8], requestedType: PolicyType?, catalog: ActionCatalog) -> FileResult {
        let read = PolicyReader.read(bytes: bytes, name: name)
        guard let document = read.document else {
            return FileResult(name: name, source: read.source, policyType: nil, diagnostics: read.diagnostics)
        }
        let type = requestedType ?? PolicyType.detect(document)
        let findings = PolicyValidator.validate(document, as: type, catalog: catalog)
        return FileResult(
            name: name, source: document.source, policyType: type,
            diagnostics: (read.diagnostics + findings).sortedForOutput())
    }

    static func failThreshold(_ level: String) -> DiagnosticSeverity? {
        switch level {
        case "error": return .error
        case "security-warning": return .securityWarning
        case "warning": return .warning
        case "suggestion": return .suggestion
        default: return nil
        }
    }

    static func renderText(_ results: [FileResult], colors: Bool) -> String {
        let renderer = DiagnosticTextRenderer(colors: colors, sources: results.compactMap(\.source))
        var text = ""
        for result in results {
            text += renderer.render(result.diagnostics)
            let kind = result.policyType.map { "\($0.rawValue) policy" } ?? "not a readable policy"
            text += "\(result.name): \(kind): \(DiagnosticSummary(result.diagnostics).text)\n"
        }
        return text
    }

    static func renderJSON(_ results: [FileResult]) -> String {
        let files = results.map { result -> JSONValue in
            .object([
                ("file", .string(result.name)),
                ("policyType", result.policyType.map { .string($0.rawValue) } ?? .null),
                ("findings", .array(result.diagnostics.map(DiagnosticJSON.value))),
                ("summary", DiagnosticJSON.summary(DiagnosticSummary(result.diagnostics))),
            ])
        }
        let all = results.flatMap(\.diagnostics)
        let report = JSONValue.object([
            ("files", .array(files)),
            ("summary", DiagnosticJSON.summary(DiagnosticSummary(all))),
        ])
        return report.serialized(indent: 2) + "\n"
    }
}
