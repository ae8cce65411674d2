import PolicyLanguage
@testable import Reporting
import Testing

struct DiagnosticRenderingTests {
    let source = SourceText(name: "p.json", text: "{\n\t\"Effect\": \"allow\"\n}")

    var diagnostic: Diagnostic {
        Diagnostic(
            .invalidEffect, "'allow' is not a valid 'Effect', expected 'Allow' or 'Deny'",
            file: "p.json", location: SourceLocation(line: 2, column: 12, offset: 13),
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

struct DiagnosticExcerptTests {
    @Test func longLinesAreCutAroundTheColumn() {
        let line = String(repeating: "a", count: 300) + "X" + String(repeating: "b", count: 300)
        let source = SourceText(name: "min.json", text: line)
        let diagnostic = Diagnostic(.invalidEffect, "bad", file: "min.json", location: SourceLocation(line: 1, column: 301, offset: 300))
        let lines = DiagnosticTextRenderer(sources: [source]).render(diagnostic).split(separator: "\n")
        let excerpt = lines[1].dropFirst(4)
        let caret = lines[2].dropFirst(4)
        #expect(excerpt.hasPrefix("…"))
        #expect(excerpt.hasSuffix("…"))
        #expect(excerpt.unicodeScalars.count == DiagnosticTextRenderer.excerptWidth + 2)
        let caretIndex = caret.count - 1
        #expect(Array(excerpt)[caretIndex] == "X")
    }

    @Test func shortLinesAreShownWhole() {
        let (shown, caret) = DiagnosticTextRenderer.excerpt("{\"a\": 1}", column: 3)
        #expect(shown == "{\"a\": 1}")
        #expect(caret == 3)
    }
}
