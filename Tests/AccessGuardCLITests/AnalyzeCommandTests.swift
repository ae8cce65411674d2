import Foundation
import PolicyLanguage
import Reporting
import SharedMaterialSupport
import Testing

/// Every acceptance case through `accessguard analyze`: the verdict, and the external
/// accounts when the case names them.
@Suite(.enabled(if: SharedMaterial.cases != nil, Comment(rawValue: SharedMaterial.absenceMessage)))
struct AnalyzeAcceptanceTests {
    static let files = SharedMaterial.cases.map { SharedMaterial.files(under: $0.appendingPathComponent("policies"), suffix: ".json") } ?? []

    @Test func casesAreFound() {
        #expect(Self.files.count >= 20)
    }

    @Test(arguments: files)
    func caseComesOutAsExpected(_ file: URL) throws {
        let json = try JSONParser.parse(utf8: [UInt8](try Data(contentsOf: file)))
        let policy = try #require(json["policy"])
        let policyFile = try temporaryFile(policy.serialized(indent: 2), name: file.lastPathComponent)
        var arguments = [
            "analyze", policyFile, "--resource-type", try #require(json["resourceType"]?.stringValue),
            "--resource", try #require(json["resource"]?.stringValue), "--format", "json",
        ]
        for account in json["zoneOfTrust"]?["accounts"]?.arrayElements?.compactMap(\.stringValue) ?? [] {
            arguments += ["--account", account]
        }
        if let organization = json["zoneOfTrust"]?["organization"]?.stringValue {
            arguments += ["--organization", organization]
        }
        let run = runCommand(arguments)
        let report = try JSONParser.parse(run.output)
        let findings = report["findings"]?.arrayElements ?? []
        let verdict = findings.isEmpty ? "none" : (findings.contains { $0["isPublic"]?.boolValue == true } ? "public" : "external")
        #expect(report["status"]?.stringValue == "analyzed", "\(run.error)")
        #expect(verdict == json["expected"]?["access"]?.stringValue)
        #expect(run.exitCode == (findings.isEmpty ? .success : .checkFailed))
        if let expected = json["expected"]?["externalPrincipals"]?.arrayElements?.compactMap(\.stringValue) {
            let named = Set(findings.compactMap { $0["principal"]?["AWS"]?.stringValue }.map { ARN($0)?.account ?? $0 })
            #expect(named == Set(expected))
        }
    }
}

struct AnalyzeCommandTests {
    static let example = Repository.path("Examples/policies/public-bucket-policy.json")
    static let bucketArguments = ["--resource-type", "AWS::S3::Bucket", "--resource", "arn:aws:s3:::example-bucket", "--account", "111122223333"]

    @Test func exampleBucketFindings() {
        let run = runCommand(["analyze", Self.example] + Self.bucketArguments)
        #expect(run.exitCode == .checkFailed)
        #expect(run.output.hasPrefix("Resource: arn:aws:s3:::example-bucket (AWS::S3::Bucket)\nZone of trust: 111122223333\n"))
        #expect(run.output.contains("""
              principal   {"AWS":"*"}
              actions     s3:GetObject
              levels      Read
              conditions  none
            """))
        #expect(run.output.contains("""
              principal   {"AWS":"444455556666"}
              actions     s3:PutObject, s3:PutObjectAcl
              levels      Write, Permissions management
              conditions  s3:x-amz-acl = bucket-owner-full-control
            """))
        #expect(run.output.contains("statement 'PublicReadForWebsite' (POLICY)\n"))
        #expect(run.output.hasSuffix("Result: 2 findings: 1 public, 1 external but not public\n"))
    }

    @Test func failOnPublicIgnoresCrossAccountFindings() throws {
        let partner = try temporaryFile(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"}]}"#)
        #expect(runCommand(["analyze", partner] + Self.bucketArguments).exitCode == .checkFailed)
        #expect(runCommand(["analyze", partner, "--fail-on", "public"] + Self.bucketArguments).exitCode == .success)
        #expect(runCommand(["analyze", Self.example, "--fail-on", "never"] + Self.bucketArguments).exitCode == .success)
    }

    @Test func noFindingPasses() throws {
        let owner = try temporaryFile(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:*","Resource":"arn:aws:s3:::example-bucket/*"}]}"#)
        let run = runCommand(["analyze", owner] + Self.bucketArguments)
        #expect(run.exitCode == .success)
        #expect(run.output.hasSuffix("Result: no principal outside the zone of trust has access\n"))
    }

    @Test func jsonCarriesAccessAnalyzerFields() throws {
        let run = runCommand(["analyze", Self.example, "--format", "json"] + Self.bucketArguments)
        let report = try JSONParser.parse(run.output)
        #expect(report["resource"]?.stringValue == "arn:aws:s3:::example-bucket")
        #expect(report["resourceType"]?.stringValue == "AWS::S3::Bucket")
        #expect(report["status"]?.stringValue == "analyzed")
        let finding = try #require(report["findings"]?.arrayElements?.first)
        for field in ["id", "resource", "resourceType", "resourceOwnerAccount", "principal", "action", "accessLevels", "condition", "isPublic", "sources", "witness"] {
            #expect(finding[field] != nil, "missing \(field)")
        }
        #expect(finding["principal"]?["AWS"]?.stringValue == "*")
        #expect(finding["resourceOwnerAccount"]?.stringValue == "111122223333")
        #expect(finding["sources"]?.arrayElements?.first?["type"]?.stringValue == "POLICY")
        #expect(finding["witness"]?["request"]?["principal"]?.stringValue == "anonymous")
    }

    @Test func findingIDsAreStableAcrossRuns() throws {
        let first = try JSONParser.parse(runCommand(["analyze", Self.example, "--format", "json"] + Self.bucketArguments).output)
        let second = try JSONParser.parse(runCommand(["analyze", Self.example, "--format", "json"] + Self.bucketArguments).output)
        let ids = { (report: JSONValue) in report["findings"]?.arrayElements?.compactMap { $0["id"]?.stringValue } ?? [] }
        #expect(ids(first).count == 2)
        #expect(ids(first) == ids(second))
    }

    @Test func resourceOfAnotherTypeIsAUsageError() {
        let run = runCommand(["analyze", Self.example, "--resource-type", "AWS::S3::Bucket", "--resource", "arn:aws:sqs:us-east-1:111122223333:q", "--account", "111122223333"])
        #expect(run.exitCode == .invalidInput)
        #expect(run.error == "error: --resource 'arn:aws:sqs:us-east-1:111122223333:q' is not the ARN of a resource of type AWS::S3::Bucket\nhelp: expected the form arn:*:s3:::*\n")
    }

    @Test func policyThatNeverNamesTheResourceIsWarned() {
        let run = runCommand(["analyze", Self.example, "--resource-type", "AWS::S3::Bucket", "--resource", "arn:aws:s3:::other-bucket", "--account", "111122223333"])
        #expect(run.exitCode == .success)
        #expect(run.error.contains("warning: no Allow statement of \(Self.example) applies to arn:aws:s3:::other-bucket; check --resource\n"))
    }

    @Test(arguments: [
        (["analyze", "p.json"], "error: missing --resource-type\n"),
        (["analyze", "p.json", "--resource-type", "AWS::S3::Buckets", "--resource", "arn:aws:s3:::b", "--account", "111122223333"], "error: unsupported --resource-type 'AWS::S3::Buckets'\nhelp: did you mean 'AWS::S3::Bucket'?"),
        (["analyze", "p.json", "--resource-type", "AWS::S3::Bucket", "--resource", "bucket", "--account", "1234"], "error: invalid --resource 'bucket'\n"),
        (["analyze", "p.json", "--resource-type", "AWS::S3::Bucket", "--resource", "arn:aws:s3:::b", "--account", "111122223333", "--organization", "org"], "error: invalid --organization 'org'\n"),
    ])
    func usageErrors(_ arguments: [String], _ message: String) {
        let run = runCommand(arguments)
        #expect(run.exitCode == .invalidInput)
        #expect(run.error.hasPrefix(message), "stderr: \(run.error)")
    }
}
