import Foundation
import Testing

/// A copy of the executable without its resource folder, as an incomplete install leaves it:
/// it reports the missing catalog instead of stopping, and a symbolic link to the built
/// executable finds the folder next to the link's target.
@Suite(.enabled(if: BuiltExecutable.url != nil, "the accessguard executable was not built next to the tests"))
struct InstalledCopyTests {
    /// Returns a new empty folder, removed by the caller.
    static func emptyFolder() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("accessguard-install-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func copyWithoutResourcesReportsCatalog() throws {
        let executable = try #require(BuiltExecutable.url)
        let directory = try Self.emptyFolder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let copy = directory.appendingPathComponent("accessguard")
        try FileManager.default.copyItem(at: executable, to: copy)

        let run = try BuiltExecutable.run(copy, ["validate", "-"], input: "{}")
        #expect(run.status == 2)
        #expect(run.error == "error: the bundled action catalog was not found next to the executable; set ACCESSGUARD_ACTION_CATALOG to the path of action-catalog.txt\n")
    }

    @Test func symbolicLinkFindsResources() throws {
        let executable = try #require(BuiltExecutable.url)
        let directory = try Self.emptyFolder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let link = directory.appendingPathComponent("accessguard")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: executable)

        let run = try BuiltExecutable.run(link, ["--version"])
        #expect(run.status == 0)
        #expect(run.output.contains("action catalog: "))
    }
}
