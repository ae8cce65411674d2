import Foundation

/// Locates the read-only shared material (acceptance cases and the third-party corpus)
/// that sits next to the repository. Tests that need it are disabled with a message when
/// it is absent; set ACCESSGUARD_SHARED to use another folder.
public enum SharedMaterial {
    public static let directory: URL? = {
        if let override = ProcessInfo.processInfo.environment["ACCESSGUARD_SHARED"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        let repository = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // SharedMaterialSupport
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()
        let shared = repository.deletingLastPathComponent().appendingPathComponent("shared")
        return FileManager.default.fileExists(atPath: shared.path) ? shared : nil
    }()

    public static var corpus: URL? {
        directory.map { $0.appendingPathComponent("corpus") }.flatMap { FileManager.default.fileExists(atPath: $0.path) ? $0 : nil }
    }

    public static var cases: URL? {
        directory.map { $0.appendingPathComponent("cases") }.flatMap { FileManager.default.fileExists(atPath: $0.path) ? $0 : nil }
    }

    public static let absenceMessage = "shared material not found next to the repository (../shared); set ACCESSGUARD_SHARED to its path"

    /// Every regular file under `folder` whose name ends with `suffix`, sorted by path.
    public static func files(under folder: URL, suffix: String) -> [URL] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        var result: [URL] = []
        for case let url as URL in enumerator where url.lastPathComponent.hasSuffix(suffix) {
            result.append(url)
        }
        return result.sorted { $0.path < $1.path }
    }

    /// The formats of the corpus manifest's rows that are deployment files.
    public static let deploymentFormats = [
        "Terraform plan JSON", "CloudFormation YAML", "CloudFormation JSON", "Pulumi stack export", "Pulumi engine event log",
        "Pulumi checkpoint file", "CDK cloud-assembly manifest.json",
    ]

    /// Returns the deployment files that the corpus manifest lists, as paths relative to the
    /// corpus; empty when the corpus is absent.
    ///
    /// The manifest has a section per source folder (a heading with the folder in backquotes)
    /// and a table row per file, whose first cell is the path and third the format.
    public static func deploymentFiles() throws -> [String] {
        guard let corpus else { return [] }
        let text = try String(contentsOf: corpus.appendingPathComponent("MANIFEST.md"), encoding: .utf8)
        var folder: String?
        var files: [String] = []
        for line in text.split(separator: "\n") {
            if line.hasPrefix("## `"), let name = line.split(separator: "`").dropFirst().first {
                folder = String(name)
                continue
            }
            guard line.hasPrefix("| `"), let folder else { continue }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count > 3, let path = cells[1].split(separator: "`").first,
                deploymentFormats.contains(where: { cells[3].hasPrefix($0) })
            else { continue }
            files.append(folder + String(path))
        }
        return files
    }
}
