import PolicyLanguage
import Reporting

/// Reads the policy files of a command that decides requests. Every file is read and every
/// problem reported before the command gives up, so that one run shows them all.
struct PolicyInputs {
    let catalog: ActionCatalog
    let io: CommandIO
    /// Whether problems also go to standard output as JSON, for `--format json`.
    let json: Bool

    /// Returns the document of each path, in order, or nil after reporting why some path
    /// cannot be used; `consequence` completes "the policies have errors, so …". Validation
    /// errors, which AWS would reject, are reported as a warning when the documents are
    /// otherwise complete.
    func load(_ paths: [String], consequence: String) -> [PolicyDocument]? {
        if paths.filter({ $0 == "-" }).count > 1 {
            AccessGuardCommand.reportUsage(UsageError(message: "standard input (-) can be read only once"), io: io)
            return nil
        }
        var documents: [PolicyDocument] = []
        var problems: [Diagnostic] = []
        var rejected: [Diagnostic] = []
        var sources: [SourceText] = []
        var unreadable: [String] = []
        for path in paths {
            let input: (name: String, bytes: [UInt8])
            do {
                input = try InputFiles.read(path, io: io)
            } catch {
                io.writeError("error: \(error.message)\n")
                unreadable.append(error.message)
                continue
            }
            let read = PolicyReader.read(bytes: input.bytes, name: input.name)
            if let source = read.source { sources.append(source) }
            let validation = read.document.map { document in
                PolicyValidator.validate(document, as: PolicyType.detect(document), catalog: catalog).filter { $0.severity == .error }
            } ?? []
            if let document = read.document, read.isComplete {
                documents.append(document)
                rejected += validation
            } else {
                problems += read.diagnostics.filter { $0.severity == .error } + validation
            }
        }

        if !problems.isEmpty || !unreadable.isEmpty {
            let sorted = problems.sortedForOutput()
            io.writeError(DiagnosticTextRenderer(sources: sources).render(sorted))
            let message = problems.isEmpty
                ? "the input cannot be read, so \(consequence)"
                : "the policies have errors, so \(consequence); run 'accessguard validate' for all findings"
            if !problems.isEmpty {
                io.writeError("error: \(message)\n")
            }
            if json {
                io.writeOutput(JSONValue.object([
                    ("error", .string(message)),
                    ("unreadable", .array(unreadable.map(JSONValue.string))),
                    ("diagnostics", .array(sorted.map(DiagnosticJSON.value))),
                ]).serialized(indent: 2) + "\n")
            }
            return nil
        }
        if !rejected.isEmpty {
            io.writeError(DiagnosticTextRenderer(sources: sources).render(rejected.sortedForOutput()))
            let count = DiagnosticSummary(rejected).errors
            io.writeError("warning: AWS would reject these policies (\(count) validation error\(count == 1 ? "" : "s")); the decision follows their evident meaning\n")
        }
        return documents
    }
}
