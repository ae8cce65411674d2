import Testing

@testable import Reporting

/// Control characters from inputs are shown as visible characters, one for one.
struct TerminalTextTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let name: String
        let input: String
        let keepingLayout: Bool
        let expected: String

        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "plain text", input: "arn:aws:s3:::bucket", keepingLayout: true, expected: "arn:aws:s3:::bucket"),
        Row(name: "non-ASCII text", input: "données é 日本", keepingLayout: true, expected: "données é 日本"),
        Row(name: "escape sequence", input: "B\u{1B}[2JX", keepingLayout: true, expected: "B\u{241B}[2JX"),
        Row(name: "bell and NUL", input: "a\u{07}b\u{00}", keepingLayout: true, expected: "a\u{2407}b\u{2400}"),
        Row(name: "DEL", input: "a\u{7F}", keepingLayout: true, expected: "a\u{2421}"),
        Row(name: "C1 control", input: "a\u{9B}2J", keepingLayout: true, expected: "a\u{FFFD}2J"),
        Row(name: "carriage return", input: "ok\rfake", keepingLayout: true, expected: "ok\u{240D}fake"),
        Row(name: "layout kept in a report", input: "line\n\tindented\n", keepingLayout: true, expected: "line\n\tindented\n"),
        Row(name: "layout shown in a value", input: "line\n\tvalue", keepingLayout: false, expected: "line\u{240A}\u{2409}value"),
    ]

    @Test(arguments: rows) func controlsShownOneForOne(row: Row) {
        let shown = TerminalText.escapingControls(row.input, keepingLayout: row.keepingLayout)
        #expect(shown == row.expected)
        #expect(shown.unicodeScalars.count == row.input.unicodeScalars.count)
    }
}
