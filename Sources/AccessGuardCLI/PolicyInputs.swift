import PolicyLanguage
import Reporting

/// Reads the policy files of a command that decides requests. Every file is read and every
/// problem reported before the command gives up, so that one run shows them all.
enum PolicyInputs {
    /// Returns the document of each path, in order, or nil after reporting why some path
    /// cannot be used; `consequence` completes "the policies have errors, so …". Validation
    /// errors, which AWS would reject, are reported as a warning.
    static func load(_ paths: [String], catalog: ActionCatalog, io: CommandIO, consequence: String) -> [PolicyDocument]? {
        if paths.filter({ $0 == "-" }).count > 1 {
            AccessGuardCommand.reportUsage(UsageError(message: "standard input (-) can be read only once"), io: io)
            return nil
        }
        var documents: [PolicyDocument] = []
        var problems: [Diagnostic] = []
        var sources: [SourceText] = []
        var unreadable = false
        for path in paths {
            let input: (name: String, bytes: [UInt8])
            do {
                input = try InputFiles.read(path, io: io)
            } catch {
                io.writeError("error: \(error.message)\n")
                unreadable = true
                continue
            }
            let read = PolicyReader.read(bytes: input.bytes, name: input.name)
            if let source = read.document?.source { sources.append(source) }
            problems += read.diagnostics.filter { $0.severity == .error }
            if let document = read.document, read.isComplete {
                documents.append(document)
            }
        }
        if !problems.isEmpty {
            io.writeError(DiagnosticTextRenderer(sources: sources).render(problems))
            io.writeError("error: the policies have errors, so \(consequence); run 'accessguard validate' for all findings\n")
            return nil
        }
        if unreadable {
            return nil
        }

        let rejected = documents.flatMap { PolicyValidator.validate($0, as: PolicyType.detect($0), catalog: catalog) }
            .filter { $0.severity == .error }
        if !rejected.isEmpty {
            io.writeError(DiagnosticTextRenderer(sources: sources).render(rejected.sortedForOutput()))
            io.writeError("warning: AWS would reject these policies (\(DiagnosticSummary(rejected).errors) validation errors); the decision follows their evident meaning\n")
        }
        return documents
    }
}
