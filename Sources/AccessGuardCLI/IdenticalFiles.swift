import DeploymentFormats
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import PolicyLanguage

/// Reads deployment files on all cores, and files with the same contents once, because a
/// repository often has copies of one template, which read to the same deployment under
/// another name.
enum IdenticalFiles {
    /// The size and hash of a file's bytes, which equal files share.
    struct Fingerprint: Hashable {
        let count: Int
        let hash: Int
    }

    /// Returns `read` of each path, in order. A file with the bytes of an earlier one takes
    /// that file's deployments under its own name when they read without a diagnostic and
    /// name no other file. Otherwise it is read as well.
    static func readAll(_ paths: [String], read: @Sendable (String) -> DeploymentReadResult) -> [DeploymentReadResult] {
        let fingerprints = paths.concurrentMap { path in path == "-" ? nil : fingerprint(of: path) }
        var firstWithFingerprint: [Fingerprint: Int] = [:]
        var original: [Int?] = []
        for fingerprint in fingerprints {
            guard let fingerprint else {
                original.append(nil)
                continue
            }
            if let first = firstWithFingerprint[fingerprint] {
                original.append(first)
            } else {
                firstWithFingerprint[fingerprint] = original.count
                original.append(nil)
            }
        }

        let firsts = paths.indices.filter { original[$0] == nil }
        var results = [DeploymentReadResult?](repeating: nil, count: paths.count)
        for (index, result) in zip(firsts, firsts.map { paths[$0] }.concurrentMap(read)) {
            results[index] = result
        }
        let copies = paths.indices.filter { original[$0] != nil }
        let readFirsts = results
        let originals = original
        let copiedFirsts = Set(copies.map { original[$0]! })
        let firstContents = Dictionary(uniqueKeysWithValues: zip(copiedFirsts, copiedFirsts.map { paths[$0] }.concurrentMap { try? FileContents.bytes(of: $0) }))
        let copied = copies.concurrentMap { index -> DeploymentReadResult in
            let first = originals[index]!
            guard let result = readFirsts[first], let moved = moved(result, from: paths[first], to: paths[index]),
                  let expected = firstContents[first] ?? nil, (try? FileContents.bytes(of: paths[index])) == expected else {
                return read(paths[index])
            }
            return moved
        }
        for (index, result) in zip(copies, copied) {
            results[index] = result
        }
        return results.map { $0! }
    }

    /// Returns the fingerprint of a regular file, read in chunks of 64 KiB. A file read whole
    /// would be freed before it is read again to be parsed. glibc, having given back a block
    /// that large, then keeps the next ones in its heap, which raised the peak memory of a
    /// 27 MB plan by 12 MB.
    static func fingerprint(of path: String) -> Fingerprint? {
        var hasher = Hasher()
        var count = 0
        guard readChunks(of: path, { chunk in
            count += chunk.count
            hasher.combine(bytes: chunk)
        }) else { return nil }
        return Fingerprint(count: count, hash: hasher.finalize())
    }

    /// Passes the bytes of a regular file to `body` in chunks of at most 64 KiB, and returns
    /// false for a directory or a file that cannot be read. It uses POSIX calls because
    /// Foundation's file handles cost a large share of reading a small template.
    static func readChunks(of path: String, _ body: (UnsafeRawBufferPointer) -> Void) -> Bool {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return false }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let read = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if read < 0 { return false }
            if read == 0 { return true }
            buffer.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0.prefix(read))) }
        }
    }


    /// Returns the result read from one file as read from another file with the same bytes,
    /// or nil when it has diagnostics or names other files, as a CDK manifest does.
    static func moved(_ result: DeploymentReadResult, from old: String, to new: String) -> DeploymentReadResult? {
        guard result.allDiagnostics.isEmpty, result.sources.isEmpty else { return nil }
        var moved = result
        for index in moved.deployments.indices {
            let deployment = moved.deployments[index]
            let resources = deployment.resources + (deployment.baseline ?? [])
            guard deployment.file == old, resources.allSatisfy({ $0.file == old }) else { return nil }
            moved.deployments[index].file = new
            for resource in moved.deployments[index].resources.indices {
                moved.deployments[index].resources[resource].file = new
            }
            for resource in (moved.deployments[index].baseline ?? []).indices {
                moved.deployments[index].baseline![resource].file = new
            }
        }
        return moved
    }
}
