import Foundation

@testable import AccessGuardCLI
import Reporting

/// The output of one in-process run of `accessguard`.
struct CommandRun {
    let exitCode: ExitCode
    let output: String
    let error: String
}

/// Collects what a command writes; a class so that the IO closures can append to it.
final class OutputCapture: @unchecked Sendable {
    // Only used from the test's own thread, one command run at a time.
    var output = ""
    var error = ""
}

/// Runs `accessguard` in process with `arguments`, feeding `standardInput` to `-`.
func runCommand(_ arguments: [String], standardInput: String = "") -> CommandRun {
    let capture = OutputCapture()
    let io = CommandIO(
        writeOutput: { capture.output += $0 },
        writeError: { capture.error += $0 },
        readStandardInput: { Array(standardInput.utf8) })
    let code = AccessGuardCommand.run(arguments, io: io)
    return CommandRun(exitCode: code, output: capture.output, error: capture.error)
}

/// Paths inside the repository, for the shipped examples.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    static func path(_ relative: String) -> String {
        root.appendingPathComponent(relative).path
    }
}

/// Writes `text` to a new temporary file and returns its path.
func temporaryFile(_ text: String, name: String = "policy.json") throws -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("accessguard-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let url = directory.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
}
