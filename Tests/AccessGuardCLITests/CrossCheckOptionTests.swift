import AccessCrossCheck
import Foundation
import Reporting
import Testing

@testable import AccessGuardCLI

/// `--cross-check` on analyze, compare and check: a run where the engines agree keeps its
/// usual result, and a disagreement reads as pinned here.
struct CrossCheckOptionTests {
    @Test func analyzeWithCrossCheckKeepsItsResult() {
        let plain = runCommand(["analyze", AnalyzeCommandTests.example] + AnalyzeCommandTests.bucketArguments)
        let checked = runCommand(["analyze", AnalyzeCommandTests.example, "--cross-check"] + AnalyzeCommandTests.bucketArguments)
        #expect(checked.exitCode == plain.exitCode)
        #expect(checked.output == plain.output)
        #expect(!checked.error.contains("disagree"), "\(checked.error)")
    }

    @Test func compareWithCrossCheckKeepsItsResult() throws {
        let old = try temporaryFile(CompareCommandTests.old, name: "old.json")
        let new = try temporaryFile(CompareCommandTests.widened, name: "new.json")
        let checked = runCommand(["compare", old, new, "--cross-check"])
        #expect(checked.exitCode == .checkFailed)
        #expect(checked.output.contains("Verdict: NEW is more permissive than OLD\n"))
        #expect(!checked.error.contains("disagree"), "\(checked.error)")
    }

    @Test func checkWithCrossCheckKeepsItsResult() {
        let plain = runCommand(["check", CheckCommandTests.template, "--account", "111122223333"])
        let checked = runCommand(["check", CheckCommandTests.template, "--account", "111122223333", "--cross-check"])
        #expect(checked.exitCode == plain.exitCode)
        #expect(checked.output == plain.output)
        #expect(!checked.error.contains("disagree"), "\(checked.error)")
    }

    @Test func disagreementMessageFormat() {
        let disagreement = Disagreement(
            query: "allowed", policies: [#"{"Version":"2012-10-17","Statement":[]}"#], region: "actions [\"s3:GetObject\"]",
            nativeAnswer: "no access", z3Answer: "access, for example anonymous s3:GetObject arn:aws:s3:::b/k")
        let message = CrossCheckOption.message(subject: "policy.json (arn:aws:s3:::b)", disagreements: [disagreement])
        #expect(message == """
            internal error: the native engine and the Z3 engine disagree on policy.json (arn:aws:s3:::b)
              query: allowed, within actions ["s3:GetObject"]
                native engine: no access
                Z3 engine: access, for example anonymous s3:GetObject arn:aws:s3:::b/k
                policy 1: {"Version":"2012-10-17","Statement":[]}
            This is a defect of AccessGuard; please report it with the policies.

            """)
    }

    @Test func helpListsTheOption() {
        for command in ["analyze", "compare", "check"] {
            let run = runCommand([command, "--help"])
            #expect(run.output.contains("--cross-check"), "\(command)")
        }
    }
}
