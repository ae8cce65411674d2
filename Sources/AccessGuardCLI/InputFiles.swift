import PolicyLanguage

/// An input file that could not be read.
struct InputError: Error, Sendable {
    let message: String
}

/// Reads command inputs: a file path, or `-` for standard input.
enum InputFiles {
    /// The display name used in diagnostics for standard input.
    static let standardInputName = "<stdin>"

    static func read(_ path: String, io: CommandIO) throws(InputError) -> (name: String, bytes: [UInt8]) {
        if path == "-" {
            return (standardInputName, io.readStandardInput())
        }
        do throws(FileReadError) {
            if try !FileContents.isDirectory(path) {
                return (path, try FileContents.bytes(of: path))
            }
        } catch {
            throw InputError(message: error.message)
        }
        throw InputError(message: "cannot read '\(path)': it is a directory, expected a file")
    }
}
