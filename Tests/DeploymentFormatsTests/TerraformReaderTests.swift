import DeploymentFormats
import PolicyLanguage
import Testing

struct TerraformReaderTests {
    static let plan = #"""
        {"format_version": "1.2", "terraform_version": "1.9.0",
         "planned_values": {"root_module": {"resources": [
           {"address": "aws_sqs_queue.jobs", "mode": "managed", "type": "aws_sqs_queue", "name": "jobs", "values": {"name": "jobs"}, "sensitive_values": {}}],
           "child_modules": [{"address": "module.data", "resources": [
             {"address": "module.data.aws_s3_bucket.this[0]", "mode": "managed", "type": "aws_s3_bucket", "name": "this", "index": 0, "values": {"bucket": "data"}}]}]}},
         "resource_changes": [
           {"address": "aws_sqs_queue.jobs", "type": "aws_sqs_queue", "change": {"actions": ["update"],
             "after": {"name": "jobs", "tags": {"team": "x"}, "kms_master_key_id": "alias/key"},
             "after_unknown": {"arn": true, "tags": {"team": false}}, "after_sensitive": {"kms_master_key_id": true}}},
           {"address": "data.aws_iam_policy_document.jobs", "mode": "data", "type": "aws_iam_policy_document", "change": {"actions": ["read"], "after": {}, "after_unknown": {"json": true}}},
           {"address": "aws_sqs_queue.gone", "type": "aws_sqs_queue", "change": {"actions": ["delete"], "before": {"name": "gone"}, "after": null}}],
         "prior_state": {"format_version": "1.0", "values": {"root_module": {"resources": [
           {"address": "aws_sqs_queue.jobs", "mode": "managed", "type": "aws_sqs_queue", "name": "jobs", "values": {"name": "jobs", "policy": ""}},
           {"address": "aws_sqs_queue.gone", "mode": "managed", "type": "aws_sqs_queue", "name": "gone", "values": {"name": "gone"}}]}}},
         "configuration": {"root_module": {
           "resources": [{"address": "aws_sqs_queue.jobs", "expressions": {"name": {"constant_value": "jobs"}, "policy": {"references": ["data.aws_iam_policy_document.jobs.json", "data.aws_iam_policy_document.jobs"]}}}],
           "module_calls": {"data": {"module": {"resources": [{"address": "aws_s3_bucket.this", "expressions": {"bucket": {"references": ["var.name"]}}}]}}}}}}
        """#

    @Test func planValuesMasksAndReferences() throws {
        let result = Deployments.read(Self.plan)
        #expect(result.allDiagnostics.isEmpty)
        let deployment = try #require(result.deployments.first)
        #expect(deployment.format == .terraformPlan)
        #expect(deployment.resources.map(\.address) == ["aws_sqs_queue.jobs", "module.data.aws_s3_bucket.this[0]", "data.aws_iam_policy_document.jobs"])
        let queue = deployment.resources[0]
        #expect(queue.properties["arn"]?.unknownReason == "known only after apply")
        #expect(queue.properties["kmsMasterKeyId"]?.unknownReason == "a sensitive value")
        #expect(queue.properties["tags"]?["team"]?.stringValue == "x")
        #expect(queue.referencedAddresses("policy") == ["data.aws_iam_policy_document.jobs"])
        #expect(queue.configures("policy"))
        #expect(!queue.configures("tags"))
        let bucket = deployment.resources[1]
        #expect(bucket.configures("bucket"), "child module configuration applies to indexed instances")
        #expect(deployment.baseline?.map(\.address) == ["aws_sqs_queue.jobs", "aws_sqs_queue.gone"])
    }

    struct PriorStateCase: Sendable, CustomTestStringConvertible {
        let name: String
        /// The baseline's addresses, or nil when the plan gives no baseline.
        let baseline: [String]?
        let changes: String

        var testDescription: String { name }
    }

    static let withoutPriorState: [PriorStateCase] = [
        PriorStateCase(
            name: "only creates", baseline: [],
            changes: #"[{"address": "aws_sqs_queue.q", "mode": "managed", "type": "aws_sqs_queue", "change": {"actions": ["create"], "after": {"name": "q"}}},"#
                + #"{"address": "data.aws_iam_policy_document.p", "mode": "data", "type": "aws_iam_policy_document", "change": {"actions": ["read"], "after": {}}}]"#),
        PriorStateCase(name: "no changes", baseline: [], changes: "[]"),
        PriorStateCase(
            name: "an update", baseline: nil,
            changes: #"[{"address": "aws_sqs_queue.q", "mode": "managed", "type": "aws_sqs_queue", "change": {"actions": ["update"], "after": {"name": "q"}}}]"#),
        PriorStateCase(
            name: "a replacement", baseline: nil,
            changes: #"[{"address": "aws_sqs_queue.q", "mode": "managed", "type": "aws_sqs_queue", "change": {"actions": ["delete", "create"], "after": {"name": "q"}}}]"#),
    ]

    /// A plan without `prior_state` has an empty baseline when it creates every managed
    /// resource, as the first plan of a stack does, and no baseline otherwise.
    @Test(arguments: withoutPriorState) func baselineWithoutPriorState(row: PriorStateCase) throws {
        let text = #"{"format_version": "1.2", "planned_values": {"root_module": {}}, "resource_changes": "# + row.changes + "}"
        let result = Deployments.read(text)
        #expect(result.allDiagnostics.isEmpty)
        let deployment = try #require(result.deployments.first)
        #expect(deployment.baseline?.map(\.address) == row.baseline)
    }

    @Test func stateWithoutPlan() throws {
        let deployment = try #require(Deployments.read(Deployments.terraformState(Deployments.terraformResource("aws_sns_topic.t", #"{"name": "t"}"#))).deployments.first)
        #expect(deployment.format == .terraformState)
        #expect(deployment.resources.first?.configuredProperties == nil)
    }

    @Test(arguments: ["0.1", "0.2", "1.0", "1.2"])
    func acceptedFormatVersions(version: String) {
        let result = Deployments.read(#"{"format_version": "\#(version)", "values": {"root_module": {}}}"#)
        #expect(result.allDiagnostics.isEmpty)
    }

    @Test func laterMajorVersionIsRejected() throws {
        let result = Deployments.read(#"{"format_version": "2.0", "planned_values": {}}"#)
        let diagnostic = try #require(result.allDiagnostics.first)
        #expect(diagnostic.code == "UNSUPPORTED_FORMAT_VERSION")
        #expect(diagnostic.message == "Terraform JSON format 2.0 is not supported; expected 0.1, 0.2 or 1.x")
        #expect(diagnostic.severity == .error)
    }

    /// `terraform show -json` output redirected by PowerShell is UTF-16 with a byte order mark.
    @Test func utf16Plan() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in Deployments.terraformState(Deployments.terraformResource("aws_sns_topic.t", #"{"name": "t"}"#)).utf16 {
            bytes.append(UInt8(unit & 0xFF))
            bytes.append(UInt8(unit >> 8))
        }
        let result = DeploymentReader.read(bytes: bytes, name: "plan.json", options: DeploymentReadOptions(settings: Deployments.settings))
        #expect(result.allDiagnostics.isEmpty)
        #expect(result.deployments.first?.resources.count == 1)
    }
}
