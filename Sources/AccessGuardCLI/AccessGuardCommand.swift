import PolicyLanguage
import Reporting

/// A subcommand of `accessguard`: its specification and how it runs.
protocol Subcommand: Sendable {
    static var spec: CommandSpec { get }
    static func run(_ arguments: ParsedArguments, io: CommandIO) -> ExitCode
}

/// The `accessguard` command line: dispatches to subcommands and reports usage errors.
public enum AccessGuardCommand {
    public static let version = "0.1.0"

    static let subcommands: [any Subcommand.Type] = [
        ValidateCommand.self,
        AnalyzeCommand.self,
        SimulateCommand.self,
        CompareCommand.self,
        InspectCommand.self,
        CheckCommand.self,
        ActionsCommand.self,
    ]

    /// Runs the command line `arguments` (without the program name) and returns the exit code.
    public static func run(_ arguments: [String], io: CommandIO) -> ExitCode {
        guard let first = arguments.first else {
            io.writeError(overview)
            return .invalidInput
        }
        switch first {
        case "-h", "--help", "help":
            if first == "help", arguments.count > 1 {
                return run([arguments[1], "--help"], io: io)
            }
            io.writeOutput(overview)
            return .success
        case "--version":
            io.writeOutput("accessguard \(version)\n")
            guard let catalog = loadCatalog(io: io) else { return .invalidInput }
            let count = catalog.metadata["actions"] ?? "?"
            let source = catalog.metadata["source"] ?? "unknown source"
            let updated = catalog.metadata["source-updated"].map { ", data of \($0)" } ?? ""
            io.writeOutput("action catalog: \(count) actions from \(source)\(updated)\n")
            return .success
        default:
            break
        }

        guard let subcommand = subcommands.first(where: { $0.spec.name == first }) else {
            let names = subcommands.map { $0.spec.name }
            let hint = Suggestions.closest(to: first, among: names).map { "did you mean '\($0)'?" }
                ?? "run 'accessguard --help' to list the subcommands"
            reportUsage(UsageError(message: "unknown subcommand '\(first)'", help: hint), io: io)
            return .invalidInput
        }

        do {
            switch try ArgumentParser.parse(Array(arguments.dropFirst()), for: subcommand.spec) {
            case .help:
                io.writeOutput(subcommand.spec.helpText)
                return .success
            case .arguments(let parsed):
                return subcommand.run(parsed, io: io)
            }
        } catch {
            reportUsage(error, io: io)
            return .invalidInput
        }
    }

    static func reportUsage(_ error: UsageError, io: CommandIO) {
        var text = ""
        for problem in [error] + error.others {
            text += "error: \(problem.message)\n"
            if let help = problem.help {
                text += "help: \(help)\n"
            }
        }
        io.writeError(text)
    }

    static var overview: String {
        var text = """
            OVERVIEW: AccessGuard finds which principals outside your accounts can reach the AWS
            resources a deployment creates, before it is deployed, and proves each finding with a
            concrete request.

            USAGE: accessguard <subcommand> [options]

            SUBCOMMANDS:

            """
        for subcommand in subcommands {
            text += CommandSpec.helpRow(subcommand.spec.name, subcommand.spec.abstract)
        }
        text += """

            Run 'accessguard <subcommand> --help' for the options of a subcommand.
            Exit codes: 0 success, 1 the check failed, 2 invalid input or usage, 3 internal error.

            """
        return text
    }

    /// Loads the bundled catalog or reports why it cannot be loaded.
    static func loadCatalog(io: CommandIO) -> ActionCatalog? {
        do {
            return try ActionCatalog.bundled()
        } catch {
            io.writeError("error: \(error.description)\n")
            return nil
        }
    }
}
