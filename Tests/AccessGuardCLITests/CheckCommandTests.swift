import Foundation
import Reporting
import Testing

/// `accessguard check` on the shipped examples: exit codes, the text shape and the report formats.
struct CheckCommandTests {
    static let template = Repository.path("Examples/cloudformation/orders-app.yaml")

    @Test func publicStorefrontFailsTheCheck() {
        let run = runCommand(["check", Self.template, "--account", "111122223333"])
        #expect(run.exitCode == .checkFailed, "\(run.error)")
        #expect(run.output.contains("Storefront (AWS::S3::Bucket) at \(Self.template):11:3\n"), "\(run.output)")
        #expect(run.output.contains(#"  mandatory: [no-public-access] {"AWS":"*"} has s3:GetObject access to AWS::S3::Bucket arn:aws:s3:::orders-storefront-111122223333 (public) (finding "#))
        #expect(run.output.contains("    granted by \(Self.template):29:13 statement 'PublicRead' (POLICY)\n"))
        #expect(run.output.contains(#"  advisory: [no-external-access] {"AWS":"444455556666"} has s3:GetObject access"#))
        #expect(run.output.hasSuffix("FAILED: 1 mandatory, 1 advisory, 0 suppressed violations over 7 resources with access configuration (pack aws-access-analyzer 1.0.0)\n"))
    }

    @Test func suppressedStorefrontPasses() throws {
        let config = try temporaryFile(
            #"{"suppressions": [{"resources": ["arn:aws:s3:::orders-storefront-*"], "isPublic": true, "reason": "the storefront is a public website"}]}"#,
            name: "accessguard.json")
        let run = runCommand(["check", Self.template, "--account", "111122223333", "--config", config])
        #expect(run.exitCode == .success, "\(run.output)")
        #expect(run.output.contains("PASSED: 0 mandatory, 1 advisory, 1 suppressed violation over"))
    }

    @Test func outputOverAnInputIsRefused() throws {
        let text = try String(contentsOfFile: Self.template, encoding: .utf8)
        let copy = try temporaryFile(text, name: "template.yaml")
        let run = runCommand(["check", copy, "--account", "111122223333", "--format", "json", "--output", copy])
        #expect(run.exitCode == .invalidInput)
        #expect(run.error.hasPrefix("error: --output '\(copy)' names the input '\(copy)'; write the report to another file\n"), "\(run.error)")
        #expect(try String(contentsOfFile: copy, encoding: .utf8) == text)
    }

    @Test func unwritableOutputNamesTheReason() {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("accessguard-missing-\(UUID().uuidString)/report.sarif").path
        let run = runCommand(["check", Self.template, "--account", "111122223333", "--format", "sarif", "--output", path])
        #expect(run.exitCode == .invalidInput)
        #expect(run.error == "error: cannot write '\(path)': No such file or directory\n")
        #expect(run.output.hasPrefix("FAILED: 1 mandatory, 1 advisory"), "the check's result is still shown")
    }

    @Test func timeLimitLeavesResourcesUndecided() {
        // Reading the template takes longer than a microsecond, so no analysis starts in time.
        let run = runCommand(["check", Self.template, "--account", "111122223333", "--timeout", "0.000001"])
        #expect(run.exitCode == .checkFailed, "\(run.error)")
        #expect(run.output.contains(
            "  mandatory: [undecidable-access] the access to AWS::S3::Bucket arn:aws:s3:::orders-storefront-111122223333 cannot be decided before deployment: not analyzed: the check's time limit of 0.000001 s (--timeout) was reached before its analysis started\n"),
            "\(run.output)")
        #expect(!run.output.contains("[no-public-access]"))
    }

    @Test(arguments: ["0", "-1", "86401", "soon"])
    func invalidTimeoutIsAUsageError(value: String) {
        let run = runCommand(["check", Self.template, "--timeout", value])
        #expect(run.exitCode == .invalidInput)
        #expect(run.error.contains("invalid --timeout '\(value)'"), "\(run.error)")
    }

    @Test func invalidConfigurationIsAnInputError() throws {
        let config = try temporaryFile(#"{"no-public-access": "strict"}"#, name: "accessguard.json")
        let run = runCommand(["check", Self.template, "--config", config])
        #expect(run.exitCode == .invalidInput)
        #expect(run.error.contains("\(config):1:22: error: [INVALID_CONFIGURATION] invalid enforcement level 'strict'"), "\(run.error)")
        #expect(run.output.isEmpty)
    }

    @Test func unreadableDeploymentIsAnInputError() throws {
        let broken = try temporaryFile("Resources:\n  A: [\n", name: "broken.yaml")
        let run = runCommand(["check", broken])
        #expect(run.exitCode == .invalidInput)
        #expect(run.error.contains("DEPLOYMENT_SYNTAX_ERROR"), "\(run.error)")
    }

    @Test func previewAgainstItsPriorState() {
        let preview = Repository.path("Examples/pulumi/orders-preview.json")
        let run = runCommand(["check", preview, "--account", "111122223333", "--region", "eu-west-1", "--baseline", "prior", "--format", "json"])
        #expect(run.exitCode == .checkFailed)
        let policies = Self.violations(run.output).map { "\($0["policy"] as? String ?? "") \($0["address"] as? String ?? "")" }
        #expect(policies.contains("no-new-external-access urn:pulumi:prod::orders::aws:s3/bucketV2:BucketV2::documents"), "\(policies)")
        #expect(policies.contains("undecidable-access urn:pulumi:prod::orders::aws:sns/topic:Topic::order-events"), "\(policies)")
        #expect(!policies.contains("no-new-external-access urn:pulumi:prod::orders::aws:s3/bucketV2:BucketV2::storefront"), "\(policies)")
    }

    @Test func terraformPlanPasses() {
        let run = runCommand(["check", Repository.path("Examples/terraform/orders-plan.json"), "--account", "111122223333", "--region", "eu-west-1"])
        #expect(run.exitCode == .success, "\(run.output)")
        #expect(run.output.contains("PASSED: 0 mandatory, 1 advisory"))
    }

    @Test func sarifHasOneRulePerPolicyAndLocatedResults() throws {
        let run = runCommand(["check", Self.template, "--account", "111122223333", "--format", "sarif"])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        #expect(root["version"] as? String == "2.1.0")
        let runs = try #require(root["runs"] as? [[String: Any]])
        let driver = try #require((runs.first?["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect((driver["rules"] as? [[String: Any]])?.count == 7)
        let results = try #require(runs.first?["results"] as? [[String: Any]])
        #expect(results.map { $0["ruleId"] as? String } == ["no-public-access", "no-external-access"])
        #expect(results.map { $0["level"] as? String } == ["error", "warning"])
        let location = try #require((results.first?["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect((location["region"] as? [String: Any])?["startLine"] as? Int == 11)
    }

    @Test func junitFailsTheMandatorySuite() {
        let run = runCommand(["check", Self.template, "--account", "111122223333", "--format", "junit"])
        #expect(run.output.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"aws-access-analyzer\" tests=\"7\" failures=\"1\""), "\(run.output)")
        #expect(run.output.contains("<testsuite name=\"no-public-access\" tests=\"1\" failures=\"1\" errors=\"0\">"))
        #expect(run.output.contains("<failure type=\"mandatory\" message=\"{&quot;AWS&quot;:&quot;*&quot;} has s3:GetObject"))
    }

    /// A bucket whose name is computed during the deployment cannot be matched with the ARNs
    /// its policy names, so its access is undecided rather than clean.
    @Test func unknownBucketNameWithPolicyIsUndecidable() {
        let unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
        let bucket = "urn:pulumi:dev::app::aws:s3/bucket:Bucket::data"
        let policy = #"{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::data-1a2b/*\"}]}"#
        let input = """
            {"resources": [
              {"type": "aws:s3/bucket:Bucket", "urn": "\(bucket)", "name": "data", "properties": {"bucket": "\(unknown)"}},
              {"type": "aws:s3/bucketPolicy:BucketPolicy", "urn": "urn:pulumi:dev::app::aws:s3/bucketPolicy:BucketPolicy::p", "name": "p",
               "properties": {"bucket": "\(unknown)", "policy": "\(policy)"}, "propertyDependencies": {"bucket": ["\(bucket)"]}}]}
            """
        let run = runCommand(["check", "-", "--account", "111122223333", "--format", "json"], standardInput: input)
        #expect(run.exitCode == .checkFailed, "\(run.error)")
        #expect(Self.violations(run.output).map { $0["policy"] as? String } == ["undecidable-access"])
    }

    static func violations(_ output: String) -> [[String: Any]] {
        guard let root = try? JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any] else { return [] }
        return root["violations"] as? [[String: Any]] ?? []
    }
}
