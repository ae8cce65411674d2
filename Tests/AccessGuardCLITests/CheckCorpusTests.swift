import Foundation
import Reporting
import SharedMaterialSupport
import Testing

/// `accessguard check` over the deployment files of the third-party corpus, with the verdicts
/// their sources state. `docs/differences.md` lists where AccessGuard differs, and why.
@Suite(.enabled(if: SharedMaterial.corpus != nil, Comment(rawValue: SharedMaterial.absenceMessage)))
struct CheckCorpusTests {
    static let unreadable: Set<String> = [
        "aws-cloudformation-templates/CloudFormation/StackSets/log-setup-management.yaml",
        "aws-solutions-constructs/aws-sns-sqs/test/newInterface/integ.snssqs-no-arguments.js.snapshot/manifest.json",
        "cfn-lint/test/fixtures/templates/bad/resources_circular_dependency.yaml",
    ]

    static func check(_ file: String, _ extra: [String] = []) throws -> (exitCode: ExitCode, violations: [[String: Any]]) {
        let corpus = try #require(SharedMaterial.corpus)
        let run = runCommand(["check", corpus.appendingPathComponent(file).path, "--account", "111122223333", "--format", "json"] + extra)
        let root = try? JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any]
        return (run.exitCode, root?["violations"] as? [[String: Any]] ?? [])
    }

    static func addresses(_ violations: [[String: Any]], policy: String) -> Set<String> {
        Set(violations.filter { $0["policy"] as? String == policy }.compactMap { $0["address"] as? String })
    }

    @Test func everyDeploymentFileIsChecked() throws {
        let files = try SharedMaterial.deploymentFiles()
        #expect(files.count >= 90)
        for file in files {
            let (exitCode, _) = try Self.check(file)
            if Self.unreadable.contains(file) {
                #expect(exitCode == .invalidInput, "\(file)")
            } else {
                #expect(exitCode == .success || exitCode == .checkFailed, "\(file): exit \(exitCode)")
            }
        }
    }

    /// Files whose sources state which resources are public, with the resources AccessGuard
    /// reports as public.
    static let publicVerdicts: [(file: String, expected: Set<String>)] = [
        ("terraform-iam-policy-validator/iam_check/test/public_access/test_plan.json",
         ["aws_s3_bucket.example", "aws_iam_role.default", "aws_iam_role.test_role", "aws_lambda_function.func"]),
        ("cfn-policy-validator/skills/iam-policy-validator/evaluations/fixtures/public-bucket.yaml", ["PublicBucket"]),
        ("cfn-policy-validator/test_files/bad_template.json", ["MyQueue"]),
        ("cfn-policy-validator/test_files/public_access_test.yml", ["MyKey", "ArtifactBucket", "CodePipelineServiceRole"]),
        ("cfn-policy-validator/test_files/kms_resource.yml", []),
        ("checkov/tests/cloudformation/checks/resource/aws/S3Templates/ExampleS3.yaml", ["S3BucketPublicRead", "S3Bucket", "S3Bucket2"]),
        ("checkov/tests/cloudformation/checks/resource/aws/example_ECRPolicy/ECRPolicy-FAILED.yaml", ["Public"]),
        ("checkov/tests/cloudformation/checks/resource/aws/example_ECRPolicy/ECRPolicy-PASSED-2.yaml", ["CondAllPass"]),
        ("checkov/tests/cloudformation/checks/resource/aws/example_ECRPolicy/ECRPolicy-PASSED.yaml", []),
        ("checkov/tests/cloudformation/checks/resource/aws/example_ECRPolicy/ECRPolicy_passed.json", []),
        ("checkov/tests/cloudformation/checks/resource/aws/example_IAMRoleAllowsPublicAssume/FAILED.yml", ["AWSStarPrincipal", "AWSStarPrincipalInList"]),
        ("checkov/tests/cloudformation/checks/resource/aws/example_IAMRoleAllowsPublicAssume/FAILED-2.yml", ["AWSStarPrincipal2", "AWSStarPrincipalInList2"]),
        ("checkov/tests/cloudformation/checks/resource/aws/example_IAMRoleAllowsPublicAssume/PASSED.yml", []),
        ("checkov/tests/cloudformation/checks/resource/aws/example_IAMRoleAllowsPublicAssume/PASSED-2.yml", []),
        ("checkov/tests/cloudformation/checks/resource/aws/example_KMSKeyWildCardPrincipal/KMSKeyWildCardPrincipal-FAILED-AWS-Wildcard.yaml", ["AwsWildcard", "AwsWildcardList"]),
        ("checkov/tests/cloudformation/checks/resource/aws/example_KMSKeyWildCardPrincipal/KMSKeyWildCardPrincipal-FAILED-Wildcard.yaml", ["Wildcard"]),
        ("checkov/tests/cloudformation/checks/resource/aws/example_KMSKeyWildCardPrincipal/KMSKeyWildCardPrincipal-PASSED.yaml", []),
        ("aws-solutions-constructs/aws-sns-sqs/test/newInterface/integ.snssqs-no-arguments.js.snapshot/snssqs-no-arguments.template.json", []),
        ("aws-cloudformation-templates/S3/compliant-static-website.yaml", []),
    ]

    @Test(arguments: publicVerdicts.indices)
    func publicVerdict(index: Int) throws {
        let (file, expected) = Self.publicVerdicts[index]
        let (exitCode, violations) = try Self.check(file)
        #expect(Self.addresses(violations, policy: "no-public-access") == expected, "\(file)")
        if !expected.isEmpty {
            #expect(exitCode == .checkFailed, "\(file)")
        }
    }

    /// The resource types the Terraform validator's public-access plan uses that AccessGuard
    /// does not evaluate are listed, not skipped.
    @Test func unsupportedTypesAreListed() throws {
        let (_, violations) = try Self.check("terraform-iam-policy-validator/iam_check/test/public_access/test_plan.json")
        #expect(Self.addresses(violations, policy: "unsupported-resources").count == 9)
    }

    /// A cross-account grant that the sources state, with the parameters they use.
    @Test(arguments: [
        ("aws-cdk/packages/@aws-cdk-testing/framework-integ/test/aws-s3/test/integ.bucket-cross-account-grant.js.snapshot/BucketResourceStack.template.json", "Bucket83908E77", []),
        ("cfn-policy-validator/test_files/test_file_2.json", "ArtifactBucket", ["--parameter", "EnvironmentName=prod", "--parameter", "CodestarConnectionArn=fakeArn"]),
    ])
    func crossAccountGrant(file: String, address: String, parameters: [String]) throws {
        let (_, violations) = try Self.check(file, parameters)
        #expect(Self.addresses(violations, policy: "no-external-access").contains(address), "\(Self.addresses(violations, policy: "no-external-access"))")
    }
}
