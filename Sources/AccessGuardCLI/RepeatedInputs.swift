import DeploymentFormats
import Foundation
import PolicyLanguage
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Inputs that name a file given already: the same path again, the path written another way
/// (`./a.yaml`, `dir/../a.yaml`, a symbolic link), or a template that a `cdk.out` directory
/// given as well reads. Each file is read and analyzed once, at its first occurrence, so that
/// its violations are not reported twice.
enum RepeatedInputs {
    /// Returns `paths` without those that resolve to the file of an earlier one, in their
    /// order. A directory counts as its `manifest.json`, which reads the same cloud assembly.
    static func removingRepeats(_ paths: [String]) -> [String] {
        var seen: Set<String> = []
        return paths.filter { path in
            guard path != "-" else { return true }
            var key = resolved(path)
            if (try? FileContents.isDirectory(path)) == true {
                key = (key as NSString).appendingPathComponent("manifest.json")
            }
            return seen.insert(key).inserted
        }
    }

    /// Returns `results` without the deployments and diagnostics of files that an earlier
    /// result read, such as a template that a `cdk.out` given before it read too.
    static func removingRepeatedFiles(_ results: [DeploymentReadResult]) -> [DeploymentReadResult] {
        guard results.count > 1 else { return results }
        // A result names its file on every deployment and diagnostic, so each path is resolved once.
        var resolvedPaths: [String: String] = [:]
        func resolvedOnce(_ path: String) -> String {
            if let known = resolvedPaths[path] { return known }
            let real = resolved(path)
            resolvedPaths[path] = real
            return real
        }

        var readBefore: Set<String> = []
        var unique: [DeploymentReadResult] = []
        for result in results {
            var unread = result
            unread.deployments.removeAll { readBefore.contains(resolvedOnce($0.file)) }
            unread.diagnostics.removeAll { diagnostic in
                diagnostic.file.map { readBefore.contains(resolvedOnce($0)) } ?? false
            }
            unique.append(unread)
            readBefore.formUnion(result.deployments.map { resolvedOnce($0.file) })
            readBefore.formUnion(result.allDiagnostics.compactMap(\.file).map(resolvedOnce))
        }
        return unique
    }

    /// Returns the path with symbolic links, `.` and `..` resolved, as `realpath(3)` does,
    /// or the absolute form of the path when it does not exist. Standard input keeps its name.
    static func resolved(_ path: String) -> String {
        guard path != InputFiles.standardInputName else { return path }
        guard let real = realpath(path, nil) else {
            return URL(fileURLWithPath: path).standardizedFileURL.path
        }
        defer { free(real) }
        return String(cString: real)
    }
}
