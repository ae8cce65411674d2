import Foundation
import Reporting
import Testing

/// Inputs that cannot be read stop every command with exit code 2 and the operating
/// system's reason, and no warning about the rest of the deployment.
struct UnreadableInputCommandTests {
    /// A bucket policy that attaches to a bucket the template does not create.
    static let policyOfAnotherBucket = """
        Resources:
          Policy:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: bucket-of-another-template
              PolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal: {AWS: "444455556666"}
                    Action: s3:GetObject
                    Resource: arn:aws:s3:::bucket-of-another-template/*

        """

    /// Returns a path in a new directory, with no file at it.
    static func missingPath(_ name: String) throws -> String {
        let existing = try temporaryFile("", name: "existing.json")
        return (existing as NSString).deletingLastPathComponent + "/" + name
    }

    @Test func checkNamesTheMissingFile() throws {
        let missing = try Self.missingPath("plan.json")
        let run = runCommand(["check", missing, "--account", "111122223333"])
        #expect(run.exitCode == .invalidInput)
        #expect(run.error == "\(missing): error: [UNREADABLE_INPUT] cannot read '\(missing)': No such file or directory\n")
        #expect(run.output.isEmpty)
    }

    @Test func missingFileAssumesNoAccount() throws {
        let missing = try Self.missingPath("plan.json")
        let run = runCommand(["check", missing])
        #expect(run.exitCode == .invalidInput)
        #expect(run.error == "\(missing): error: [UNREADABLE_INPUT] cannot read '\(missing)': No such file or directory\n")
    }

    /// The bucket may be in the file that is missing, so no warning reports it as outside the deployment.
    @Test func missingFileHidesDeploymentWarnings() throws {
        let template = try temporaryFile(Self.policyOfAnotherBucket, name: "policy.yaml")
        let alone = runCommand(["check", template])
        #expect(alone.error.contains("[UNLINKED_ATTACHMENT]"), "\(alone.error)")
        #expect(alone.error.contains("[ACCOUNT_ASSUMED]"), "\(alone.error)")

        let missing = try Self.missingPath("bucket.yaml")
        let run = runCommand(["check", template, missing])
        #expect(run.exitCode == .invalidInput)
        #expect(run.error == "\(missing): error: [UNREADABLE_INPUT] cannot read '\(missing)': No such file or directory\n")
    }

    @Test func syntaxErrorAssumesNoAccount() throws {
        let broken = try temporaryFile("Resources:\n  Queue: {Type: AWS::SQS::Queue\n", name: "broken.yaml")
        let run = runCommand(["check", broken])
        #expect(run.exitCode == .invalidInput)
        let message = "invalid YAML: did not find expected ',' or '}' while parsing a flow mapping that starts at line 2, column 10"
        // The caret points at the empty line after the text.
        #expect(run.error == "\(broken):3:1: error: [DEPLOYMENT_SYNTAX_ERROR] \(message)\n    \n    ^\n")
    }

    @Test func checkRejectsDirectoryWithoutManifest() throws {
        let directory = (try temporaryFile("", name: "template.yaml") as NSString).deletingLastPathComponent
        let run = runCommand(["check", directory, "--account", "111122223333"])
        #expect(run.exitCode == .invalidInput)
        #expect(run.error == """
            \(directory): error: [UNREADABLE_INPUT] cannot read '\(directory)': it is a directory without a manifest.json, so it is not a cdk.out cloud assembly
            help: give deployment files, or the cdk.out directory that 'cdk synth' writes

            """)
    }

    @Test func checkNamesTheMissingConfiguration() throws {
        let missing = try Self.missingPath("accessguard.json")
        let run = runCommand(["check", Repository.path("Examples/cloudformation/orders-app.yaml"), "--account", "111122223333", "--config", missing])
        #expect(run.exitCode == .invalidInput)
        #expect(run.error == "\(missing): error: [UNREADABLE_INPUT] cannot read '\(missing)': No such file or directory\n")
    }

    @Test func checkNamesTheMissingBaseline() throws {
        let missing = try Self.missingPath("baseline.json")
        let run = runCommand(["check", Repository.path("Examples/cloudformation/orders-app.yaml"), "--account", "111122223333", "--baseline", missing])
        #expect(run.exitCode == .invalidInput)
        #expect(run.error == "\(missing): error: [UNREADABLE_INPUT] cannot read '\(missing)': No such file or directory\n")
    }

    @Test func analyzeNamesTheMissingFile() throws {
        let missing = try Self.missingPath("policy.json")
        let run = runCommand([
            "analyze", missing, "--resource-type", "AWS::S3::Bucket", "--resource", "arn:aws:s3:::example-bucket", "--account", "111122223333",
        ])
        #expect(run.exitCode == .invalidInput)
        #expect(run.error == "error: cannot read '\(missing)': No such file or directory\n")
        #expect(run.output.isEmpty)
    }
}
