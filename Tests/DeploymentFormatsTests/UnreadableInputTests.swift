import DeploymentFormats
import Dispatch
import Foundation
import PolicyLanguage
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Paths that cannot be read as deployments are reported as UNREADABLE_INPUT, with the
/// operating system's reason.
struct UnreadableInputTests {
    static let template = #"{"Resources": {"Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "orders"}}}}"#

    /// Returns a new empty directory.
    static func directory() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("accessguard-unreadable-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    static func read(_ path: String) -> DeploymentReadResult {
        DeploymentReader.read(path: path, options: DeploymentReadOptions(settings: Deployments.settings))
    }

    /// Returns each diagnostic as "code file: message".
    static func described(_ result: DeploymentReadResult) -> [String] {
        result.allDiagnostics.map { "\($0.code) \($0.file ?? ""): \($0.message)" }
    }

    @Test func missingFileNamesTheReason() throws {
        let path = try Self.directory() + "/plan.json"
        let result = Self.read(path)
        #expect(result.deployments.isEmpty)
        #expect(Self.described(result) == ["UNREADABLE_INPUT \(path): cannot read '\(path)': No such file or directory"])
        #expect(result.allDiagnostics.map(\.severity) == [.error])
    }

    @Test func pathThroughAFileNamesTheReason() throws {
        let file = try Self.directory() + "/template.json"
        try Self.template.write(toFile: file, atomically: false, encoding: .utf8)
        let path = file + "/plan.json"
        #expect(Self.described(Self.read(path)) == ["UNREADABLE_INPUT \(path): cannot read '\(path)': Not a directory"])
    }

    @Test func symbolicLinkLoopNamesTheReason() throws {
        let directory = try Self.directory()
        try FileManager.default.createSymbolicLink(atPath: directory + "/a.json", withDestinationPath: "b.json")
        try FileManager.default.createSymbolicLink(atPath: directory + "/b.json", withDestinationPath: "a.json")
        let path = directory + "/a.json"
        #expect(Self.described(Self.read(path)) == ["UNREADABLE_INPUT \(path): cannot read '\(path)': Too many levels of symbolic links"])
    }

    @Test(.enabled(if: geteuid() != 0, "root reads files whatever their permissions"))
    func fileWithoutReadPermission() throws {
        let path = try Self.directory() + "/template.json"
        try Self.template.write(toFile: path, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o200], ofItemAtPath: path)
        #expect(Self.described(Self.read(path)) == ["UNREADABLE_INPUT \(path): cannot read '\(path)': Permission denied"])
    }

    @Test func permissionErrorNamesTheReason() {
        #expect(FileReadError(path: "template.json", code: EACCES).message == "cannot read 'template.json': Permission denied")
    }

    @Test func directoryWithoutManifestIsNoAssembly() throws {
        let directory = try Self.directory()
        try Self.template.write(toFile: directory + "/template.json", atomically: false, encoding: .utf8)
        let result = Self.read(directory)
        #expect(result.deployments.isEmpty)
        #expect(Self.described(result) == [
            "UNREADABLE_INPUT \(directory): cannot read '\(directory)': it is a directory without a manifest.json, so it is not a cdk.out cloud assembly"
        ])
        #expect(result.allDiagnostics.map(\.help) == ["give deployment files, or the cdk.out directory that 'cdk synth' writes"])
    }

    /// A shell's process substitution, `<(terraform show -json plan)`, passes a pipe.
    @Test func pipeIsReadToItsEnd() throws {
        let path = try Self.directory() + "/template.fifo"
        #expect(mkfifo(path, 0o600) == 0)
        let template = Self.template
        DispatchQueue.global().async {
            let descriptor = open(path, O_WRONLY)
            guard descriptor >= 0 else { return }
            let bytes = Array(template.utf8)
            _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            close(descriptor)
        }
        let result = Self.read(path)
        #expect(result.allDiagnostics.isEmpty, "\(Self.described(result))")
        #expect(result.deployments.flatMap(\.resources).map(\.address) == ["Bucket"])
    }
}
