import Foundation
import SharedMaterialSupport

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
}
