import Foundation

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
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(message: "cannot read '\(path)': no such file")
        }
        if isDirectory.boolValue {
            throw InputError(message: "cannot read '\(path)': it is a directory, expected a file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(message: "cannot read '\(path)': permission denied or not a regular file")
        }
        return (path, [UInt8](data))
    }
}
