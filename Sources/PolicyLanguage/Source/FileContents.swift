#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file that the operating system could not open or read.
public struct FileReadError: Error, Sendable {
    public let path: String
    /// The `errno` value of the failed call, such as `ENOENT`.
    public let code: Int32

    public init(path: String, code: Int32) {
        self.path = path
        self.code = code
    }

    /// The operating system's description of `code`, such as "No such file or directory".
    public var reason: String {
        String(cString: strerror(code))
    }

    /// The error message, such as "cannot read 'plan.json': No such file or directory".
    public var message: String {
        "cannot read '\(path)': \(reason)"
    }
}

/// File reading with POSIX calls, so that a failure carries the operating system's reason,
/// which Foundation's `FileManager.contents(atPath:)` drops.
public enum FileContents {
    /// Returns whether `path` names a directory, following symbolic links.
    public static func isDirectory(_ path: String) throws(FileReadError) -> Bool {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw FileReadError(path: path, code: errno)
        }
        return (status.st_mode & S_IFMT) == S_IFDIR
    }

    /// Returns every byte of the file at `path`. A pipe, such as the `/dev/fd/63` of a shell's
    /// process substitution, is read to its end.
    public static func bytes(of path: String) throws(FileReadError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw FileReadError(path: path, code: errno)
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw FileReadError(path: path, code: errno)
        }

        var bytes: [UInt8] = []
        if (status.st_mode & S_IFMT) == S_IFREG {
            bytes.reserveCapacity(Int(status.st_size))
        }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { buffer in
                read(descriptor, buffer.baseAddress, buffer.count)
            }
            if count == 0 {
                return bytes
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileReadError(path: path, code: errno)
            }
            bytes.append(contentsOf: chunk[..<count])
        }
    }
}
