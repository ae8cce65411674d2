import PolicyLanguage
import Reporting
import Testing

struct DiagnosticRenderingTests {
    let source = SourceText(name: "p.json", text: "{\n\t\"Effect\": \"allow\"\n}")

    var diagnostic: Diagnostic {
        Diagnostic(
            .invalidEffect, "'allow' is not a valid 'Effect', expected 'Allow' or 'Deny'",
            file: "p.json", location: SourceLocation(line: 2, column: 12, offset: 14),
            pointer: JSONPointer.root.appending("Effect"), help: "write 'Allow'")
    }

    @Test func quotesTheLineWithACaret() {
        let text = DiagnosticTextRenderer(sources: [source]).render(diagnostic)
        #expect(text == """
            p.json:2:12: error: [INVALID_EFFECT] 'allow' is not a valid 'Effect', expected 'Allow' or 'Deny'
                 "Effect": "allow"
                           ^
            help: write 'Allow'

            """)
    }

    @Test func omitsTheQuoteWithoutSource() {
        let text = DiagnosticTextRenderer().render(diagnostic)
        #expect(text == "p.json:2:12: error: [INVALID_EFFECT] 'allow' is not a valid 'Effect', expected 'Allow' or 'Deny'\nhelp: write 'Allow'\n")
    }

    @Test func colorsOnlyWhenAsked() {
        #expect(DiagnosticTextRenderer(colors: true).render(diagnostic).contains("\u{1B}[31merror\u{1B}[0m"))
        #expect(!DiagnosticTextRenderer(colors: false).render(diagnostic).contains("\u{1B}"))
    }

    @Test func summarizesCountsWithPlurals() {
        let summary = DiagnosticSummary([diagnostic, Diagnostic(.redundantAction, "x")])
        #expect(summary.text == "1 error, 0 security warnings, 0 warnings, 1 suggestion")
    }

    @Test func rendersJSONWithAccessAnalyzerFieldNames() {
        let json = DiagnosticJSON.value(diagnostic).serialized()
        #expect(json == #"{"findingType":"ERROR","issueCode":"INVALID_EFFECT","message":"'allow' is not a valid 'Effect', expected 'Allow' or 'Deny'","help":"write 'Allow'","location":{"file":"p.json","line":2,"column":12,"pointer":"/Effect","path":["Effect"]}}"#)
    }
}
