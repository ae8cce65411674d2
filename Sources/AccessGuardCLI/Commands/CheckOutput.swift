#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import PolicyLanguage
import PolicyPacks
import Reporting

extension CheckCommand {
    /// Writes the report of a check that input errors stopped, and returns exit code 2. The
    /// report goes to --output in every format, and otherwise to standard output for json,
    /// sarif and junit. The text report is the text already written to standard error, which
    /// standard output does not repeat.
    static func reportInputErrors(_ problems: [Diagnostic], text: String, arguments: ParsedArguments, io: CommandIO) -> ExitCode {
        let pack = AccessAnalyzerPack.pack
        let format = arguments.value("--format") ?? "text"
        var output: [UInt8]
        switch format {
        case "json": output = InputErrorReport.json(pack, diagnostics: problems).serializedUTF8(indent: 2)
        case "sarif": output = InputErrorReport.sarif(pack, diagnostics: problems, toolVersion: AccessGuardCommand.version).serializedUTF8(indent: 2)
        case "junit": output = Array(InputErrorReport.junit(pack, diagnostics: problems).utf8)
        default: output = Array(text.utf8)
        }
        if format == "json" || format == "sarif" {
            output.append(UInt8(ascii: "\n"))
        }
        if let path = arguments.value("--output") {
            _ = write(output, to: path, io: io)
        } else if format != "text" {
            io.writeOutput(String(decoding: output, as: UTF8.self))
        }
        return .invalidInput
    }

    /// Writes `output` to the file at `path` without copying it. Returns false after reporting
    /// why the file cannot be written, with the operating system's reason.
    static func write(_ output: [UInt8], to path: String, io: CommandIO) -> Bool {
        func failed() -> Bool {
            io.writeError("error: cannot write '\(path)': \(String(cString: strerror(errno)))\n")
            return false
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return failed() }
        defer { close(descriptor) }
        var written = 0
        while written < output.count {
            let count = output.withUnsafeBytes { buffer in
                systemWrite(descriptor, buffer.baseAddress! + written, buffer.count - written)
            }
            if count < 0 {
                if errno == EINTR { continue }
                return failed()
            }
            written += count
        }
        return true
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif
