import Foundation
import Reporting
import Testing

/// Copies of one template are read, validated and analyzed once, and each copy reports its
/// own file.
struct IdenticalInputTests {
    static let template = Repository.path("Examples/cloudformation/orders-app.yaml")

    /// A bucket policy with an action no service has, which policy validation reports.
    static let misspelledAction = """
        Resources:
          Bucket:
            Type: AWS::S3::Bucket
            Properties:
              BucketName: copied-bucket
          Policy:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: !Ref Bucket
              PolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal: {AWS: "444455556666"}
                    Action: s3:GetObjekt
                    Resource: arn:aws:s3:::copied-bucket/*

        """

    @Test func copiesReportTheirOwnFiles() throws {
        let text = try String(contentsOfFile: Self.template, encoding: .utf8)
        let first = try temporaryFile(text, name: "first.yaml")
        let second = try temporaryFile(text, name: "second.yaml")
        let together = runCommand(["check", first, second, "--account", "111122223333"])
        #expect(together.exitCode == .checkFailed, "\(together.error)")
        for file in [first, second] {
            #expect(together.output.contains("Storefront (AWS::S3::Bucket) at \(file):11:3\n"), "\(together.output)")
            #expect(together.output.contains("    granted by \(file):29:13 statement 'PublicRead' (POLICY)\n"))
        }

        let alone = runCommand(["check", second, "--account", "111122223333"])
        let secondSection = together.output.components(separatedBy: "\n\n").filter { $0.contains(second) }
        let aloneSection = alone.output.components(separatedBy: "\n\n").filter { $0.contains(second) }
        #expect(secondSection == aloneSection)
    }

    @Test func copiesValidateWithTheirOwnLocations() throws {
        let first = try temporaryFile(Self.misspelledAction, name: "first.yaml")
        let second = try temporaryFile(Self.misspelledAction, name: "second.yaml")
        let run = runCommand(["check", first, second, "--account", "111122223333", "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        let violations = try #require(report["violations"] as? [[String: Any]])
        let validation = violations.filter { $0["policy"] as? String == "policy-validation" }
        let files = validation.compactMap { ($0["location"] as? [String: Any])?["file"] as? String }
        #expect(Set(files) == [first, second], "\(validation)")
        let lines = validation.compactMap { ($0["location"] as? [String: Any])?["line"] as? Int }
        #expect(Set(lines) == [15], "\(validation)")
    }

    @Test func copiesNameTheirFilesInReports() throws {
        let text = try String(contentsOfFile: Self.template, encoding: .utf8)
        let files = [try temporaryFile(text, name: "first.yaml"), try temporaryFile(text, name: "second.yaml")]

        let json = runCommand(["check"] + files + ["--account", "111122223333", "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let resources = try #require(report["resources"] as? [[String: Any]])
        let storefronts = resources.filter { $0["address"] as? String == "Storefront" }
        #expect(storefronts.compactMap { $0["file"] as? String } == files)
        for storefront in storefronts {
            let analysis = try #require(storefront["analysis"] as? [String: Any])
            let findings = try #require(analysis["findings"] as? [[String: Any]])
            let sourceFiles = findings.flatMap { ($0["sources"] as? [[String: Any]] ?? []).compactMap { $0["file"] as? String } }
            #expect(!sourceFiles.isEmpty, "\(findings)")
            #expect(sourceFiles.allSatisfy { $0 == storefront["file"] as? String }, "\(findings)")
        }

        let sarif = runCommand(["check"] + files + ["--account", "111122223333", "--format", "sarif"])
        let fingerprints = sarif.output.components(separatedBy: "\n").filter { $0.contains("accessGuardFinding/v1") }
        #expect(fingerprints.count == Set(fingerprints).count, "\(fingerprints)")
    }
}
