import DeploymentFormats
import Foundation
import PolicyLanguage
import Testing

/// `cdk.out` directories whose manifests name files outside the assembly or name each other.
struct CDKAssemblyReaderTests {
    static let template = #"{"Resources": {"Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "orders"}}}}"#

    /// Writes `files` (path relative to a new directory, text) and returns the directory.
    static func assembly(_ files: [(String, String)]) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("accessguard-cdk-\(UUID().uuidString)")
        for (path, text) in files {
            let url = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return directory
    }

    static func read(_ directory: URL) -> DeploymentReadResult {
        DeploymentReader.read(path: directory.path, options: DeploymentReadOptions(settings: Deployments.settings))
    }

    static func stack(_ name: String, templateFile: String) -> String {
        #""\#(name)": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "\#(templateFile)"}}"#
    }

    static func nested(_ name: String, directory: String) -> String {
        #""\#(name)": {"type": "cdk:cloud-assembly", "properties": {"directoryName": "\#(directory)"}}"#
    }

    @Test func stackInsideTheAssemblyIsRead() throws {
        let directory = try Self.assembly([
            ("manifest.json", #"{"version": "36.0.0", "artifacts": {\#(Self.stack("Stack", templateFile: "Stack.template.json"))}}"#),
            ("Stack.template.json", Self.template),
        ])
        let result = Self.read(directory)
        #expect(result.allDiagnostics.isEmpty, "\(result.allDiagnostics)")
        #expect(result.deployments.flatMap(\.resources).map(\.address) == ["Bucket"])
    }

    @Test(arguments: ["../outside.template.json", "/etc/hostname", "inner/../../outside.template.json"])
    func templateOutsideTheAssemblyIsNotRead(templateFile: String) throws {
        let parent = try Self.assembly([
            ("outside.template.json", Self.template),
            ("cdk.out/manifest.json", #"{"version": "36.0.0", "artifacts": {\#(Self.stack("Stack", templateFile: templateFile))}}"#),
        ])
        let directory = parent.appendingPathComponent("cdk.out")
        let result = Self.read(directory)
        #expect(result.deployments.isEmpty)
        #expect(result.sources.isEmpty, "no file outside the assembly may be quoted")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.code == "INVALID_DEPLOYMENT")
        #expect(diagnostic.message == "the stack 'Stack' names the template '\(templateFile)', which is outside the cloud assembly \(directory.resolvingSymlinksInPath().path)")
        #expect(diagnostic.location?.line == 1)
    }

    @Test func templateLinkedFromOutsideIsNotRead() throws {
        let parent = try Self.assembly([
            ("outside.template.json", Self.template),
            ("cdk.out/manifest.json", #"{"version": "36.0.0", "artifacts": {\#(Self.stack("Stack", templateFile: "link.json"))}}"#),
        ])
        try FileManager.default.createSymbolicLink(
            atPath: parent.appendingPathComponent("cdk.out/link.json").path,
            withDestinationPath: parent.appendingPathComponent("outside.template.json").path)
        let result = Self.read(parent.appendingPathComponent("cdk.out"))
        #expect(result.deployments.isEmpty)
        #expect(result.diagnostics.map(\.code) == ["INVALID_DEPLOYMENT"])
    }

    /// A template named "." was read as the assembly itself, again and again until the stack
    /// overflowed.
    @Test(arguments: [".", "inner"])
    func templateThatIsADirectoryIsNotRead(templateFile: String) throws {
        let directory = try Self.assembly([
            ("manifest.json", #"{"version": "36.0.0", "artifacts": {\#(Self.stack("Stack", templateFile: templateFile))}}"#),
            ("inner/manifest.json", #"{"version": "36.0.0", "artifacts": {}}"#),
        ])
        let result = Self.read(directory)
        #expect(result.deployments.isEmpty)
        #expect(result.diagnostics.map(\.message) == ["the stack 'Stack' names the template '\(templateFile)', which is a directory"])
    }

    /// Four nested assemblies that each name the assembly itself would be read 4^16 times if
    /// nothing stopped them.
    @Test func assembliesNamingEachOtherAreReadOnce() throws {
        let selfReferences = (0..<4).map { Self.nested("Stage\($0)", directory: ".") }.joined(separator: ", ")
        let directory = try Self.assembly([
            ("manifest.json", #"{"version": "36.0.0", "artifacts": {\#(selfReferences), "Inner": {"type": "cdk:cloud-assembly", "properties": {"directoryName": "inner"}}}}"#),
            ("inner/manifest.json", #"{"version": "36.0.0", "artifacts": {\#(Self.nested("Up", directory: "..")), \#(Self.stack("Stack", templateFile: "Stack.template.json"))}}"#),
            ("inner/Stack.template.json", Self.template),
        ])
        let result = Self.read(directory)
        #expect(result.deployments.flatMap(\.resources).map(\.address) == ["Bucket"])
        let messages = result.diagnostics.map(\.message)
        #expect(messages.count == 5, "\(messages)")
        #expect(messages.first == "the nested assembly 'Stage0' names the directory '.', which is already read as an assembly")
        #expect(messages.last == "the nested assembly 'Up' names the directory '..', which is already read as an assembly")
    }
}
