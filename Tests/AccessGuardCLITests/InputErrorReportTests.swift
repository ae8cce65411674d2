import Foundation
import Reporting
import Testing

/// A check stopped by an input that cannot be read still writes its report in the chosen
/// format, naming the problems, so a CI job that uploads the report finds it.
struct InputErrorReportTests {
    /// A bucket policy whose action list is never closed.
    static let unclosedList = """
        Resources:
          Policy:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: orders
              PolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal: "*"
                    Action: [s3:GetObject, s3:PutObject
                    Resource: "*"

        """
    static let message = "invalid YAML: did not find expected ',' or ']' while parsing a flow sequence that starts at line 10, column 21"

    /// Returns the template and the path of a report beside it, which does not exist yet.
    static func inputs(report: String) throws -> (template: String, report: String) {
        let template = try temporaryFile(unclosedList, name: "template.yaml")
        return (template, (template as NSString).deletingLastPathComponent + "/" + report)
    }

    static func jsonObject(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func sarifReportNamesTheSyntaxError() throws {
        let (template, report) = try Self.inputs(report: "report.sarif")
        let run = runCommand(["check", template, "--account", "111122223333", "--format", "sarif", "--output", report])
        #expect(run.exitCode == .invalidInput)
        #expect(run.error.hasPrefix("\(template):11:21: error: [DEPLOYMENT_SYNTAX_ERROR] \(Self.message)\n"), "\(run.error)")
        #expect(run.output.isEmpty)

        let root = try Self.jsonObject(try String(contentsOfFile: report, encoding: .utf8))
        #expect(root["version"] as? String == "2.1.0")
        let runs = try #require(root["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        #expect((runs[0]["results"] as? [Any])?.isEmpty == true)
        let driver = try #require((runs[0]["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "AccessGuard")
        let invocations = try #require(runs[0]["invocations"] as? [[String: Any]])
        #expect(invocations.count == 1)
        #expect(invocations[0]["executionSuccessful"] as? Bool == false)
        #expect(invocations[0]["exitCode"] as? Int == 2)

        let notifications = try #require(invocations[0]["toolExecutionNotifications"] as? [[String: Any]])
        #expect(notifications.count == 1)
        let notification = try #require(notifications.first)
        #expect(notification["level"] as? String == "error")
        #expect((notification["message"] as? [String: Any])?["text"] as? String == Self.message)
        #expect((notification["descriptor"] as? [String: Any])?["id"] as? String == "DEPLOYMENT_SYNTAX_ERROR")
        let locations = try #require(notification["locations"] as? [[String: Any]])
        let physical = try #require(locations.first?["physicalLocation"] as? [String: Any])
        #expect((physical["artifactLocation"] as? [String: Any])?["uri"] as? String == "file://" + template)
        let region = try #require(physical["region"] as? [String: Any])
        #expect(region["startLine"] as? Int == 11)
        #expect(region["startColumn"] as? Int == 21)
    }

    @Test func sarifReportNamesTheMissingFile() throws {
        let (missing, report) = try Self.inputs(report: "report.sarif")
        try FileManager.default.removeItem(atPath: missing)
        let run = runCommand(["check", missing, "--account", "111122223333", "--format", "sarif", "--output", report])
        #expect(run.exitCode == .invalidInput)

        let root = try Self.jsonObject(try String(contentsOfFile: report, encoding: .utf8))
        let invocation = try #require(((root["runs"] as? [[String: Any]])?.first?["invocations"] as? [[String: Any]])?.first)
        let notification = try #require((invocation["toolExecutionNotifications"] as? [[String: Any]])?.first)
        #expect((notification["message"] as? [String: Any])?["text"] as? String == "cannot read '\(missing)': No such file or directory")
        #expect((notification["descriptor"] as? [String: Any])?["id"] as? String == "UNREADABLE_INPUT")
        let physical = try #require((notification["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect((physical["artifactLocation"] as? [String: Any])?["uri"] as? String == "file://" + missing)
        #expect(physical["region"] == nil)
    }

    @Test func jsonReportListsTheDiagnostics() throws {
        let (template, report) = try Self.inputs(report: "report.json")
        let run = runCommand(["check", template, "--account", "111122223333", "--format", "json", "--output", report])
        #expect(run.exitCode == .invalidInput)

        let root = try Self.jsonObject(try String(contentsOfFile: report, encoding: .utf8))
        #expect(root["error"] as? String == "the inputs have errors, so the deployment was not checked")
        #expect((root["pack"] as? [String: Any])?["name"] as? String == "aws-access-analyzer")
        let diagnostics = try #require(root["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?["findingType"] as? String == "ERROR")
        #expect(diagnostics.first?["issueCode"] as? String == "DEPLOYMENT_SYNTAX_ERROR")
        #expect(diagnostics.first?["message"] as? String == Self.message)
        let location = try #require(diagnostics.first?["location"] as? [String: Any])
        #expect(location["file"] as? String == template)
        #expect(location["line"] as? Int == 11)
        #expect(location["column"] as? Int == 21)
    }

    @Test func junitReportHasOneErrorPerProblem() throws {
        let (template, report) = try Self.inputs(report: "report.xml")
        let run = runCommand(["check", template, "--account", "111122223333", "--format", "junit", "--output", report])
        #expect(run.exitCode == .invalidInput)
        let escaped = Self.message.replacingOccurrences(of: "'", with: "&apos;")
        #expect(try String(contentsOfFile: report, encoding: .utf8) == """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuites name="aws-access-analyzer" tests="1" failures="0" errors="1">
              <testsuite name="inputs" tests="1" failures="0" errors="1">
                <testcase classname="inputs" name="\(template):11:21" file="\(template)" line="11">
                  <error type="DEPLOYMENT_SYNTAX_ERROR" message="\(escaped)"/>
                </testcase>
              </testsuite>
            </testsuites>

            """)
    }

    @Test func textReportRepeatsStandardError() throws {
        let (template, report) = try Self.inputs(report: "report.txt")
        let run = runCommand(["check", template, "--account", "111122223333", "--output", report])
        #expect(run.exitCode == .invalidInput)
        #expect(run.error.hasPrefix("\(template):11:21: error: [DEPLOYMENT_SYNTAX_ERROR] \(Self.message)\n"), "\(run.error)")
        #expect(try String(contentsOfFile: report, encoding: .utf8) == run.error)
        #expect(run.output.isEmpty)
    }

    /// Without --output, a machine-readable report goes to standard output, as a full report
    /// would. A text report would only repeat standard error there.
    @Test func reportWithoutOutputGoesToStandardOutput() throws {
        let (template, _) = try Self.inputs(report: "unused")
        let sarif = runCommand(["check", template, "--account", "111122223333", "--format", "sarif"])
        #expect(sarif.exitCode == .invalidInput)
        let root = try Self.jsonObject(sarif.output)
        let invocation = try #require(((root["runs"] as? [[String: Any]])?.first?["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == false)

        let text = runCommand(["check", template, "--account", "111122223333"])
        #expect(text.exitCode == .invalidInput)
        #expect(text.output.isEmpty)
        #expect(text.error == sarif.error)
    }

    @Test func unwritableReportIsReported() throws {
        let (template, report) = try Self.inputs(report: "missing-directory/report.sarif")
        let run = runCommand(["check", template, "--account", "111122223333", "--format", "sarif", "--output", report])
        #expect(run.exitCode == .invalidInput)
        #expect(run.error.contains("error: cannot write '\(report)'"), "\(run.error)")
    }
}
