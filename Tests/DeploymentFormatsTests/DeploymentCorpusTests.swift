import CloudResources
import DeploymentFormats
import Foundation
import PolicyLanguage
import SharedMaterialSupport
import Testing

/// Every deployment file of the third-party corpus, read and linked as a user's CI would.
@Suite(.enabled(if: SharedMaterial.corpus != nil, Comment(rawValue: SharedMaterial.absenceMessage)))
struct DeploymentCorpusTests {
    /// Files whose errors are right: the input itself is not a deployment CloudFormation or
    /// the CDK would accept.
    static let expectedErrors: [String: String] = [
        // A preprocessor tag of the Rain tool, which CloudFormation rejects.
        "aws-cloudformation-templates/CloudFormation/StackSets/log-setup-management.yaml": "unknown tag '!Rain::Embed'",
        // The manifest names a test stack whose template the corpus does not carry.
        "aws-solutions-constructs/aws-sns-sqs/test/newInterface/integ.snssqs-no-arguments.js.snapshot/manifest.json":
            "names the template 'snssqsnoargumentsIntegDefaultTestDeployAssert1DEEABA5.template.json', which is not in",
        // cfn-lint's example of three dependency cycles, each reported.
        "cfn-lint/test/fixtures/templates/bad/resources_circular_dependency.yaml": "circular dependency between resources",
    ]

    static let settings = DeploymentSettings(account: "111122223333", region: "us-east-1")

    static func link(_ relativePath: String) throws -> (linked: LinkedDeployment, diagnostics: [Diagnostic]) {
        let corpus = try #require(SharedMaterial.corpus)
        let path = corpus.appendingPathComponent(relativePath).path
        let result = DeploymentReader.read(path: path, options: DeploymentReadOptions(settings: settings))
        let linked = Linker.link(result.deployments, settings: settings, catalog: Deployments.catalog)
        return (linked, result.allDiagnostics + linked.diagnostics)
    }

    @Test func manifestListsTheDeploymentFiles() throws {
        let files = try SharedMaterial.deploymentFiles()
        // Terraform plans, CloudFormation JSON and YAML (SAM and CDK output included), Pulumi
        // exports, checkpoints and event logs, and a CDK manifest.
        #expect(files.count >= 90, "only \(files.count) deployment files found in MANIFEST.md")
    }

    @Test func everyDeploymentFileReads() throws {
        for file in try SharedMaterial.deploymentFiles() {
            let (linked, diagnostics) = try Self.link(file)
            let errors = diagnostics.filter { $0.severity == .error }
            if let expected = Self.expectedErrors[file] {
                #expect(!errors.isEmpty, "\(file): no error")
                #expect(errors.allSatisfy { $0.message.contains(expected) }, "\(file): \(errors.map(\.message))")
            } else {
                #expect(errors.isEmpty, "\(file): \(errors.map { "\($0.location.map { "\($0.line):\($0.column)" } ?? "") \($0.message)" })")
            }
            for diagnostic in diagnostics where diagnostic.file != nil {
                #expect(diagnostic.location != nil, "\(file): \(diagnostic.code) has no line and column: \(diagnostic.message)")
            }
            #expect(
                !linked.resources.isEmpty || !linked.notEvaluated.isEmpty || Self.withoutAccessResources.contains(file),
                "\(file): no resource with access configuration and nothing listed as not evaluated")
        }
    }

    /// Deployment files whose resources configure no resource-based access: no resources, or
    /// identity policies only.
    static let withoutAccessResources: Set<String> = [
        "terraform-iam-policy-validator/iam_check/test/iam_policy/test_plan.json",
        "checkov/tests/terraform/runner/resources/plan_root_module_resources_no_values/tfplan_route53.json",
        "terraform-compliance/tests/functional/test_issue-174/plan.out.json",
        "terraform-compliance/tests/functional/test_issue-255/plan.out.json",
        "terraform-compliance/tests/functional/test_issue-307/plan.out.json",
        "pulumi/pkg/backend/display/testdata/not-truncated/up.json",
        "pulumi/pkg/resource/stack/testdata/checkpoint-v3.json",
        "checkov/tests/cloudformation/checks/resource/aws/example_IAMRoleAllowAssumeFromAccount/UNKNOWN.yml",
        "cfn-lint/test/fixtures/templates/good/resources/properties/hard_coded_arn_properties_cdk.yaml",
    ]

    /// The plan checkov's tests save as UTF-16 reads like any other.
    @Test func utf16PlanReads() throws {
        let (linked, diagnostics) = try Self.link("checkov/tests/terraform/runner/resources/plan_with_utf_16_encoding/tfplan.json")
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        #expect(!linked.resources.isEmpty)
    }

    /// The public-access plan of the Terraform policy validator: the supported types link, the
    /// rest are listed by address.
    @Test func terraformPublicAccessPlan() throws {
        let (linked, _) = try Self.link("terraform-iam-policy-validator/iam_check/test/public_access/test_plan.json")
        #expect(
            linked.notEvaluated.map(\.address).sorted() == [
                "aws_api_gateway_rest_api_policy.example", "aws_backup_vault_policy.example",
                "aws_codeartifact_domain_permissions_policy.example", "aws_kinesis_resource_policy.example_consumer_policy",
                "aws_kinesis_resource_policy.example_strem_policy", "aws_opensearch_domain.example", "aws_opensearch_domain_policy.main",
                "aws_s3tables_table_bucket_policy.example", "aws_s3tables_table_policy.example",
            ])
        #expect(linked.notEvaluated.allSatisfy { $0.location != nil })
        let addresses = Set(linked.resources.map(\.address))
        for address in [
            "aws_s3_bucket.example", "aws_s3_bucket.private_bucket", "aws_iam_role.default", "aws_iam_role.test_role",
            "aws_sns_topic.default", "aws_dynamodb_table.example", "aws_lambda_function.func",
        ] {
            #expect(addresses.contains(address), "\(address) is not linked; linked: \(addresses.sorted())")
        }
        let bucket = try #require(linked.resources.first { $0.address == "aws_s3_bucket.example" })
        #expect(bucket.attachments.contains("aws_s3_bucket_policy.allow_public_access"), "\(bucket.attachments)")
    }

    /// A policy from a data source that the plan reads only at apply time stays unknown.
    @Test func policyKnownAfterApplyIsUnknown() throws {
        let (linked, _) = try Self.link("checkov/tests/terraform/runner/resources/plan_with_iam_data_block/tfplan.json")
        let bucket = try #require(linked.resources.first { $0.address == "aws_s3_bucket.example" })
        #expect(bucket.access.unknowns.contains { $0.contains("known only after apply") }, "\(bucket.access.unknowns)")
    }

    /// A bucket policy naming its bucket by the logical ID as plain text is reported with the fix.
    @Test func plainLogicalIDIsReported() throws {
        let (_, diagnostics) = try Self.link("cfn-policy-validator/test_files/check_access_not_granted_test.yaml")
        let unlinked = diagnostics.filter { $0.code == DeploymentIssue.unlinkedAttachment.rawValue }
        #expect(unlinked.count == 2, "\(diagnostics.map(\.message))")
        #expect(unlinked.allSatisfy { $0.help?.contains("!Ref") == true }, "\(unlinked.map(\.help))")
    }

    /// JSON and YAML twins of one template give the same resources and attachments.
    @Test(arguments: [
        ("cfn-policy-validator/test_files/test_file_2.json", "cfn-policy-validator/test_files/test_file_2.yml"),
        ("aws-cloudformation-templates/S3/s3-bucket-and-policy-for-caa-v1.json", "aws-cloudformation-templates/S3/s3-bucket-and-policy-for-caa-v1.yaml"),
    ])
    func jsonAndYAMLTwinsAgree(json: String, yaml: String) throws {
        let fromJSON = try Self.link(json).linked
        let fromYAML = try Self.link(yaml).linked
        func summary(_ linked: LinkedDeployment) -> [String] {
            linked.resources.map { "\($0.address) \($0.access.resource) \($0.attachments.sorted()) \($0.access.documents.count)" }.sorted()
        }
        #expect(summary(fromJSON) == summary(fromYAML))
        #expect(linked(fromJSON.notEvaluated) == linked(fromYAML.notEvaluated))
        func linked(_ list: [NotEvaluatedResource]) -> [String] { list.map(\.address).sorted() }
    }
}
