import Foundation
import Reporting
import Testing

/// A file named twice, in any way, is read and analyzed once, at its first occurrence.
struct RepeatedInputTests {
    static let template = Repository.path("Examples/cloudformation/orders-app.yaml")
    /// The summary of checking the template once.
    static let summary = "FAILED: 1 mandatory, 1 advisory, 0 suppressed violations over 7 resources with access configuration (pack aws-access-analyzer 1.0.0)\n"

    /// Returns a new directory holding the template as `app.yaml`, a symbolic link
    /// `link.yaml` to it, and a cloud assembly `cdk.out` whose one stack is the template.
    static func inputs() throws -> String {
        let text = try String(contentsOfFile: template, encoding: .utf8)
        let directory = (try temporaryFile(text, name: "app.yaml") as NSString).deletingLastPathComponent
        try FileManager.default.createSymbolicLink(atPath: directory + "/link.yaml", withDestinationPath: "app.yaml")
        try FileManager.default.createDirectory(atPath: directory + "/cdk.out", withIntermediateDirectories: false)
        try text.write(toFile: directory + "/cdk.out/Orders.template.yaml", atomically: false, encoding: .utf8)
        let manifest = #"{"version": "36.0.0", "artifacts": {"Orders": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "Orders.template.yaml"}}}}"#
        try manifest.write(toFile: directory + "/cdk.out/manifest.json", atomically: false, encoding: .utf8)
        return directory
    }

    /// Returns the files of the JSON report's resources, in order.
    static func resourceFiles(_ output: String) throws -> [String] {
        let report = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let resources = try #require(report["resources"] as? [[String: Any]])
        return resources.filter { $0["address"] as? String == "Storefront" }.compactMap { $0["file"] as? String }
    }

    /// Rows: the inputs, relative to the directory of `inputs()`, and the file the storefront is reported in.
    @Test(arguments: [
        (["app.yaml", "app.yaml"], "app.yaml"),
        (["app.yaml", "./app.yaml"], "app.yaml"),
        (["./app.yaml", "cdk.out/../app.yaml"], "./app.yaml"),
        (["app.yaml", "link.yaml"], "app.yaml"),
        (["cdk.out", "cdk.out/manifest.json"], "cdk.out/Orders.template.yaml"),
        (["cdk.out", "cdk.out/Orders.template.yaml"], "cdk.out/Orders.template.yaml"),
        (["cdk.out/Orders.template.yaml", "cdk.out"], "cdk.out/Orders.template.yaml"),
    ])
    func fileNamedTwiceIsCheckedOnce(names: [String], reported: String) throws {
        let directory = try Self.inputs()
        let paths = names.map { directory + "/" + $0 }
        let text = runCommand(["check"] + paths + ["--account", "111122223333"])
        #expect(text.exitCode == .checkFailed, "\(text.error)")
        #expect(text.output.hasSuffix(Self.summary), "\(text.output)")
        #expect(text.error.isEmpty, "\(text.error)")

        let json = runCommand(["check"] + paths + ["--account", "111122223333", "--format", "json"])
        #expect(try Self.resourceFiles(json.output) == [directory + "/" + reported])
    }

    @Test func firstOccurrenceKeepsItsPlace() throws {
        let directory = try Self.inputs()
        let copy = directory + "/copy.yaml"
        try FileManager.default.copyItem(atPath: directory + "/app.yaml", toPath: copy)
        let run = runCommand(["check", copy, directory + "/app.yaml", directory + "/./copy.yaml", "--account", "111122223333", "--format", "json"])
        #expect(try Self.resourceFiles(run.output) == [copy, directory + "/app.yaml"])
    }

    @Test func missingFileNamedTwiceIsReportedOnce() throws {
        let directory = try Self.inputs()
        let run = runCommand(["check", directory + "/plan.json", directory + "/./plan.json", "--account", "111122223333"])
        #expect(run.exitCode == .invalidInput)
        #expect(run.error == "\(directory)/plan.json: error: [UNREADABLE_INPUT] cannot read '\(directory)/plan.json': No such file or directory\n")
    }

    @Test func inspectListsAFileNamedTwiceOnce() throws {
        let directory = try Self.inputs()
        let run = runCommand(["inspect", directory + "/app.yaml", directory + "/link.yaml", "--account", "111122223333"])
        #expect(run.exitCode == .success, "\(run.error)")
        let headings = run.output.split(separator: "\n").filter { $0.hasSuffix(": cloudformation, 11 resources") }
        #expect(headings == ["\(directory)/app.yaml: cloudformation, 11 resources"], "\(run.output)")
    }
}
