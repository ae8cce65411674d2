import Foundation
import PolicyLanguage
import Reporting
import Testing

struct CompareCommandTests {
    static let old = """
        {"Version": "2012-10-17", "Statement": [
          {"Sid": "Read", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
           "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-bucket/*"}]}
        """

    static let widened = """
        {"Version": "2012-10-17", "Statement": [
          {"Sid": "Read", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
           "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-bucket/*"},
          {"Sid": "PublicList", "Effect": "Allow", "Principal": "*", "Action": "s3:ListBucket",
           "Resource": "arn:aws:s3:::example-bucket", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}]}
        """

    /// The same grant written another way: lists with one entry, and the action in other case.
    static let rewritten = """
        {"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::111122223333:root"]},
           "Action": ["S3:getobject"], "Resource": ["arn:aws:s3:::example-bucket/*"]}]}
        """

    @Test func newAccessFailsWithAWitness() throws {
        let run = runCommand(["compare", try temporaryFile(Self.old, name: "old.json"), try temporaryFile(Self.widened, name: "new.json")])
        #expect(run.exitCode == .checkFailed)
        #expect(run.output.contains("Verdict: NEW is more permissive than OLD\n"))
        #expect(run.output.contains("""
            NEW allows a request that OLD does not:
              principal  anonymous
              action     s3:ListBucket
              resource   arn:aws:s3:::example-bucket
            """))
        #expect(run.output.contains("  context    aws:SecureTransport=true\n"))
        #expect(run.output.contains("new.json:4:3 statement 'PublicList' (Allow)\n"))
        #expect(run.output.contains("  OLD: denied, no statement allows the request\n"))
        #expect(run.output.contains("OLD allows no request that NEW does not.\n"))
        #expect(run.output.hasSuffix("Result: FAIL, NEW grants access that OLD does not\n"))
        #expect(run.error.isEmpty)
    }

    @Test func shippedExamplesShowThePublicRead() {
        let run = runCommand([
            "compare", Repository.path("Examples/policies/partner-bucket-policy.json"),
            Repository.path("Examples/policies/public-bucket-policy.json"),
        ])
        #expect(run.exitCode == .checkFailed)
        #expect(run.output.contains("  principal  anonymous\n  action     s3:GetObject\n"))
        #expect(run.output.contains("statement 'PublicReadForWebsite' (Allow)\n"))
        #expect(run.output.contains("OLD allows no request that NEW does not.\n"))
    }

    /// Splits a command line into words as a POSIX shell does for plain words, single quotes
    /// and backslash escapes.
    static func shellWords(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quoted = false
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if quoted {
                if character == "'" { quoted = false } else { current.append(character) }
            } else if character == "\\" {
                escaped = true
                inWord = true
            } else if character == "'" {
                quoted = true
                inWord = true
            } else if character == " " {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }

    @Test func replayLinesReproduceTheWitnesses() throws {
        let old = try temporaryFile(#"""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/app/Reader"},
             "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}
            """#, name: "old.json")
        let new = try temporaryFile(#"""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*",
             "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc'1", "aws:PrincipalTag/team": "red team"},
                           "ForAnyValue:StringLike": {"aws:TagKeys": ["env*", "x"]}}}]}
            """#, name: "new.json")
        let run = runCommand(["compare", old, new])
        let lines = run.output.split(separator: "\n").filter { $0.hasPrefix("  replay: accessguard ") }
        #expect(lines.count == 2)
        for line in lines {
            let words = Self.shellWords(String(line.dropFirst("  replay: accessguard ".count)))
            let replay = runCommand(words)
            #expect(replay.exitCode == .success, "\(line): \(replay.error)")
            #expect(replay.output.hasPrefix("Decision: Allow\n"), "\(line)")
        }
    }

    @Test func narrowingPasses() throws {
        let run = runCommand(["compare", try temporaryFile(Self.widened, name: "old.json"), try temporaryFile(Self.old, name: "new.json")])
        #expect(run.exitCode == .success)
        #expect(run.output.contains("Verdict: NEW is less permissive than OLD\n"))
        #expect(run.output.contains("NEW allows no request that OLD does not.\n"))
        #expect(run.output.contains("OLD allows a request that NEW does not:\n"))
        #expect(run.output.hasSuffix("Result: PASS, NEW grants no access that OLD does not\n"))
    }

    @Test func equivalentRewritePasses() throws {
        let run = runCommand(["compare", try temporaryFile(Self.old), "-"], standardInput: Self.rewritten)
        #expect(run.exitCode == .success)
        #expect(run.output.contains("NEW: <stdin>\n"))
        #expect(run.output.contains("Verdict: NEW and OLD allow the same requests\n"))
    }

    @Test func jsonReportsBothDirections() throws {
        let run = runCommand([
            "compare", try temporaryFile(Self.old, name: "old.json"), try temporaryFile(Self.widened, name: "new.json"), "--format", "json",
        ])
        #expect(run.exitCode == .checkFailed)
        let report = try JSONParser.parse(run.output)
        #expect(report["verdict"]?.stringValue == "more permissive")
        #expect(report["result"]?.stringValue == "fail")
        #expect(report["newOnly"]?["status"]?.stringValue == "witness")
        #expect(report["newOnly"]?["request"]?["action"]?.stringValue == "s3:ListBucket")
        #expect(report["newOnly"]?["allowedBy"]?.arrayElements?.first?["sid"]?.stringValue == "PublicList")
        #expect(report["newOnly"]?["otherDecision"]?.stringValue == "ImplicitDeny")
        #expect(report["oldOnly"]?["status"]?.stringValue == "none")
    }

    @Test func limitReachedIsUndecidedAndFails() throws {
        let run = runCommand([
            "compare", try temporaryFile(Self.old), try temporaryFile(Self.widened), "--max-search-steps", "1",
        ])
        #expect(run.exitCode == .checkFailed)
        #expect(run.output.contains("Verdict: undecided in both directions\n"))
        #expect(run.output.contains(
            "Whether NEW allows a request that OLD does not is undecided: the search reached its limit of refinement steps (1)\n"))
        #expect(run.output.hasSuffix("Result: UNDECIDED, new access could not be ruled out, so the check fails\n"))
    }

    @Test func everyUnusableInputIsReported() throws {
        let broken = try temporaryFile(#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject"}"#)
        let run = runCommand(["compare", broken, "/nonexistent/new.json"])
        #expect(run.exitCode == .invalidInput)
        #expect(run.error.contains("error: cannot read '/nonexistent/new.json': No such file or directory\n"))
        #expect(run.error.contains("[JSON_SYNTAX_ERROR]"))
        #expect(run.error.hasSuffix("error: the policies have errors, so they cannot be compared; run 'accessguard validate' for all findings\n"))
        #expect(run.output.isEmpty)
    }

    @Test func everyErrorOfAnIncompletePolicyIsListed() {
        let run = runCommand([
            "compare", Repository.path("Examples/policies/invalid-policy.json"), Repository.path("Examples/policies/public-bucket-policy.json"),
        ])
        #expect(run.exitCode == .invalidInput)
        for code in ["INVALID_EFFECT", "UNKNOWN_ACTION", "UNKNOWN_CONDITION_OPERATOR", "INVALID_CONDITION_VALUE", "DUPLICATE_SID"] {
            #expect(run.error.contains("[\(code)]"), "missing \(code)")
        }
    }

    @Test func jsonFormatReportsUnusableInputOnStandardOutput() throws {
        let broken = try temporaryFile(#"{"Version": "2012-10-17", "Statement": [}"#)
        let run = runCommand(["compare", broken, "/nonexistent/new.json", "--format", "json"])
        #expect(run.exitCode == .invalidInput)
        let report = try JSONParser.parse(run.output)
        #expect(report["unreadable"]?.arrayElements?.first?.stringValue == "cannot read '/nonexistent/new.json': No such file or directory")
        #expect(report["diagnostics"]?.arrayElements?.first?["issueCode"]?.stringValue == "JSON_SYNTAX_ERROR")
        #expect(report["error"]?.stringValue?.hasPrefix("the policies have errors") == true)
    }

    @Test(arguments: [
        (["compare", "old.json"], "error: missing NEW\n"),
        (["compare", "a.json", "b.json", "c.json"], "error: unexpected argument 'c.json'\n"),
        (["compare", "a.json", "b.json", "--timeout", "0"], "error: invalid --timeout '0'\n"),
        (["compare", "a.json", "b.json", "--max-search-steps", "-5"], "error: invalid --max-search-steps '-5'\n"),
        (["compare", "-", "-"], "error: standard input (-) can be read only once\n"),
    ])
    func usageErrors(_ arguments: [String], _ message: String) {
        let run = runCommand(arguments)
        #expect(run.exitCode == .invalidInput)
        #expect(run.error.hasPrefix(message), "stderr: \(run.error)")
    }
}
