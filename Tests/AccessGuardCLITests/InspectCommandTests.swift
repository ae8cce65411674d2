import Foundation
import Reporting
import Testing

/// `accessguard inspect`: what a deployment configures, per resource, as text and JSON.
struct InspectCommandTests {
    static let template = """
        Parameters:
          Partner:
            Type: String
            Default: "444455556666"
        Resources:
          Site:
            Type: AWS::S3::Bucket
            Properties:
              BucketName: site-1a2b
          SitePolicy:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: !Ref Site
              PolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal: { AWS: !Sub "arn:${AWS::Partition}:iam::${Partner}:root" }
                    Action: s3:GetObject
                    Resource: !Sub "${Site.Arn}/*"
          Stream:
            Type: AWS::Kinesis::ResourcePolicy
            Properties:
              ResourceArn: arn:aws:kinesis:us-east-1:111122223333:stream/s
              ResourcePolicy: {}
        """

    @Test func textListsLinkedAndNotEvaluatedResources() throws {
        let path = try temporaryFile(Self.template, name: "app.yaml")
        let run = runCommand(["inspect", path, "--account", "111122223333", "--region", "us-east-1"])
        #expect(run.exitCode == .success, "\(run.error)")
        #expect(run.error.isEmpty)
        #expect(run.output == """
            \(path): cloudformation, 3 resources
              Site (AWS::S3::Bucket)
                AWS::S3::Bucket arn:aws:s3:::site-1a2b, owner 111122223333
                configured by: SitePolicy
                grants: POLICY, 1 statement
                Block Public Access: RestrictPublicBuckets confines public policies to the owner
            Not evaluated (can grant access, but AccessGuard does not model the type):
              Stream (AWS::Kinesis::ResourcePolicy) at \(path):20:3
            Summary: 1 resource with access configuration, 0 not fully known, 1 not evaluated

            """)
    }

    @Test func jsonCarriesLocationsAndAttachments() throws {
        let path = try temporaryFile(Self.template, name: "app.yaml")
        let run = runCommand(["inspect", path, "--account", "111122223333", "--format", "json"])
        #expect(run.exitCode == .success, "\(run.error)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        let resources = try #require(root["resources"] as? [[String: Any]])
        #expect(resources.count == 1)
        #expect(resources.first?["address"] as? String == "Site")
        #expect(resources.first?["attachments"] as? [String] == ["SitePolicy"])
        let location = try #require(resources.first?["location"] as? [String: Any])
        #expect(location["line"] as? Int == 6)
        #expect(location["column"] as? Int == 3)
        let notEvaluated = try #require(root["notEvaluated"] as? [[String: Any]])
        #expect(notEvaluated.map { $0["address"] as? String } == ["Stream"])
    }

    /// A Pulumi state on standard input; unknown values are named as what keeps access open.
    @Test func pulumiStateFromStandardInputWithUnknownPolicy() {
        let state = """
            {"version": 3, "deployment": {"resources": [
              {"urn": "urn:pulumi:dev::app::aws:sqs/queue:Queue::jobs", "custom": true, "type": "aws:sqs/queue:Queue",
               "id": "https://sqs.eu-west-1.amazonaws.com/111122223333/jobs",
               "outputs": {"name": "jobs", "arn": "arn:aws:sqs:eu-west-1:111122223333:jobs",
                           "policy": "04da6b54-80e4-46f7-96ec-b56ff0331ba9"}}]}}
            """
        let run = runCommand(["inspect", "-", "--account", "111122223333"], standardInput: state)
        #expect(run.exitCode == .success, "\(run.error)")
        #expect(run.output.contains("<stdin>: pulumi-state, 1 resource\n"), "\(run.output)")
        #expect(run.output.contains("AWS::SQS::Queue arn:aws:sqs:eu-west-1:111122223333:jobs"), "\(run.output)")
        #expect(run.output.contains("Summary: 1 resource with access configuration, 1 not fully known, 0 not evaluated"), "\(run.output)")
    }

    /// Every unreadable input is reported, each with its location, and the exit code is 2.
    @Test func allUnreadableInputsAreReported() throws {
        let broken = try temporaryFile("Resources:\n  A:\n    Type: [x\n", name: "broken.yaml")
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("accessguard-missing-\(UUID().uuidString).json").path
        let run = runCommand(["inspect", broken, missing, "--account", "111122223333"])
        #expect(run.exitCode == .invalidInput)
        #expect(run.error.contains("\(broken):4:1: error: [DEPLOYMENT_SYNTAX_ERROR] invalid YAML: did not find expected ',' or ']' while parsing a flow sequence"), "\(run.error)")
        #expect(run.error.contains("\(missing): error: [UNREADABLE_INPUT] cannot read '\(missing)': No such file or directory"), "\(run.error)")
    }

    @Test func missingAccountIsAssumedWithAWarning() throws {
        let path = try temporaryFile(Self.template, name: "app.yaml")
        let run = runCommand(["inspect", path])
        #expect(run.exitCode == .success)
        #expect(run.error.contains("warning: [ACCOUNT_ASSUMED] no --account given and the deployment names none, so the account is assumed to be 000000000000"), "\(run.error)")
    }

    @Test func usageProblemsAreReportedTogether() {
        let run = runCommand(["inspect", "--format", "xml", "--account-public-access-block", "maybe"])
        #expect(run.exitCode == .invalidInput)
        #expect(run.error.contains("invalid value 'xml' for --format"), "\(run.error)")
        #expect(run.error.contains("--account-public-access-block"), "\(run.error)")
    }
}
