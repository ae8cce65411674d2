#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Where a command writes and reads, injected so that tests can capture output.
public struct CommandIO {
    public var writeOutput: (String) -> Void
    public var writeError: (String) -> Void
    public var readStandardInput: () -> [UInt8]
    /// Whether standard output is a terminal, which enables colors.
    public var outputIsTerminal: Bool

    public init(
        writeOutput: @escaping (String) -> Void,
        writeError: @escaping (String) -> Void,
        readStandardInput: @escaping () -> [UInt8],
        outputIsTerminal: Bool = false
    ) {
        self.writeOutput = writeOutput
        self.writeError = writeError
        self.readStandardInput = readStandardInput
        self.outputIsTerminal = outputIsTerminal
    }

    /// The process's standard streams.
    public static var standard: CommandIO {
        CommandIO(
            writeOutput: { text in FileHandle.standardOutput.write(Data(text.utf8)) },
            writeError: { text in FileHandle.standardError.write(Data(text.utf8)) },
            readStandardInput: { [UInt8](FileHandle.standardInput.readDataToEndOfFile()) },
            outputIsTerminal: isatty(STDOUT_FILENO) == 1)
    }
}
