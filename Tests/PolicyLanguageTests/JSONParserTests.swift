import Testing

@testable import PolicyLanguage

struct JSONParserTests {
    @Test func parsesNestedValuesWithLocations() throws {
        let text = """
            {
              "a": [1, -2.5e3, true],
              "b": {"c": null, "d": "x\\u00e9y"}
            }
            """
        let value = try JSONParser.parse(text)
        #expect(value.location == SourceLocation(line: 1, column: 1, offset: 0))
        let members = try #require(value.objectMembers)
        #expect(members.map(\.key) == ["a", "b"])
        #expect(members[0].keyLocation?.description == "2:3")
        let array = try #require(members[0].value.arrayElements)
        #expect(array[1].location?.description == "2:12")
        guard case .number(let text) = array[1].kind else {
            Issue.record("expected a number, found \(array[1].typeName)")
            return
        }
        #expect(text == "-2.5e3")
        #expect(value["b"]?["d"]?.stringValue == "x\u{e9}y")
        #expect(value["b"]?["d"]?.location?.description == "3:25")
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let value = try JSONParser.parse(#"{"é€😀": "ü", "k": 1}"#)
        let members = try #require(value.objectMembers)
        #expect(members[0].value.location?.column == 9)
        #expect(members[1].keyLocation?.column == 14)
        #expect(members[1].keyLocation?.offset == 20)
    }

    @Test func keepsDuplicateMembersInOrder() throws {
        let value = try JSONParser.parse(#"{"a": 1, "a": 2}"#)
        let members = try #require(value.objectMembers)
        #expect(members.count == 2)
        #expect(members.map(\.key) == ["a", "a"])
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let value = try JSONParser.parse(#""\"\\\/\b\f\n\r\t\ud83d\ude00\u0000""#)
        #expect(value.stringValue == "\"\\/\u{08}\u{0C}\n\r\t😀\u{0}")
    }

    /// Each row: input, expected message, expected line:column.
    static let syntaxErrors: [(String, String, String)] = [
        ("", "empty input, expected a JSON value", "1:1"),
        ("   \n  ", "empty input, expected a JSON value", "2:3"),
        ("not json", "expected a JSON value, found 'not'", "1:1"),
        ("{\"a\": 1,}", "trailing comma before '}'", "1:8"),
        ("[1, 2,]", "trailing comma before ']'", "1:6"),
        ("{\"a\" 1}", "expected ':' after member name \"a\", found '1'", "1:6"),
        ("{'a': 1}", "member names must be in double quotes, found a single quote", "1:2"),
        ("['a']", "strings must be in double quotes, found a single quote", "1:2"),
        ("{\"a\": 1 \"b\": 2}", "expected ',' or '}' after an object member, found '\"'", "1:9"),
        ("[1 2]", "expected ',' or ']' after an array element, found '2'", "1:4"),
        ("{\"a\": [1, 2}", "expected ',' or ']' after an array element, found '}'", "1:12"),
        ("[1,\n 2", "unexpected end of input, expected ',' or ']' to continue the array that starts at 1:1", "2:3"),
        ("{\"a\": \"b", "unterminated string", "1:7"),
        ("\"a\nb\"", "unterminated string: line break before the closing quote", "1:1"),
        ("\"a\u{01}\"", "control character U+0001 must be escaped in a string", "1:3"),
        ("\"\\x\"", "invalid escape '\\x' in string", "1:2"),
        ("\"\\u12\"", "invalid \\u escape: expected four hexadecimal digits", "1:2"),
        ("\"\\ud800\"", "unpaired surrogate \\uD800 in string", "1:2"),
        ("\"\\udc00x\"", "unpaired surrogate \\uDC00 in string", "1:2"),
        ("01", "numbers must not have leading zeros", "1:2"),
        ("-", "expected a digit after '-'", "1:2"),
        ("1.", "expected a digit after the decimal point", "1:3"),
        ("1e+", "expected a digit in the exponent", "1:4"),
        ("True", "invalid literal 'True', JSON literals are true, false and null in lower case", "1:1"),
        ("{} x", "unexpected 'x' after the end of the JSON value", "1:4"),
        ("[1] // note", "comments are not allowed in JSON", "1:5"),
        ("[,]", "expected a JSON value, found ','", "1:2"),
        ("{\"é\": é}", "expected a JSON value, found 'é'", "1:7"),
        ("[\u{0}]", "expected a JSON value, found 'U+0000'", "1:2"),
    ]

    @Test(arguments: syntaxErrors)
    func reportsSyntaxErrorsWithLocation(input: String, message: String, location: String) {
        do {
            _ = try JSONParser.parse(input)
            Issue.record("expected a syntax error for \(input.debugDescription)")
        } catch {
            #expect(error.message == message)
            #expect(error.location.description == location)
        }
    }

    @Test func rejectsInvalidUTF8InStrings() {
        let bytes: [UInt8] = Array(#"{"a": "x"#.utf8) + [0xFF] + Array(#""}"#.utf8)
        do {
            _ = try JSONParser.parse(utf8: bytes)
            Issue.record("expected a syntax error")
        } catch {
            #expect(error.message == "invalid UTF-8 byte 0xFF in string")
            #expect(error.location.description == "1:9")
        }
    }

    @Test func rejectsOverlongAndSurrogateEncodings() {
        for sequence: [UInt8] in [[0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]] {
            let bytes = [UInt8(ascii: "\"")] + sequence + [UInt8(ascii: "\"")]
            #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(utf8: bytes) }
        }
    }

    @Test func rejectsNestingBeyondTheLimitWithoutCrashing() {
        let depth = 100_000
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        do {
            _ = try JSONParser.parse(text)
            Issue.record("expected a syntax error")
        } catch {
            #expect(error.message == "nesting deeper than 512 levels is not supported")
            #expect(error.location.column == 513)
        }
    }

    @Test func acceptsNestingUpToTheLimit() throws {
        let text = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        _ = try JSONParser.parse(text)
    }

    /// Each escape used to copy what was decoded so far, which took a minute for two million.
    @Test func decodesManyEscapes() throws {
        let text = "\"" + String(repeating: #"\n\u00e9"#, count: 200_000) + "\""
        let value = try JSONParser.parse(text)
        #expect(value.stringValue == String(repeating: "\né", count: 200_000))
    }

    /// The array and its four elements are five values.
    @Test func rejectsValuesBeyondTheLimit() throws {
        #expect(throws: Never.self) { try JSONParser.parse(utf8: Array("[1, 2, 3, 4]".utf8), maximumValues: 5) }
        do {
            _ = try JSONParser.parse(utf8: Array("[1, 2, 3, {\"a\": 4}]".utf8), maximumValues: 5)
            Issue.record("expected a syntax error")
        } catch {
            #expect(error.message == "the JSON text has more than 5 values, which is not supported")
            #expect(error.location.column == 17)
        }
    }

    @Test func serializesWithEscapesAndIndentation() throws {
        let value = try JSONParser.parse(#"{"a":[1,"x\"\n\u0001"],"b":{},"c":[]}"#)
        #expect(value.serialized() == #"{"a":[1,"x\"\n\u0001"],"b":{},"c":[]}"#)
        #expect(value.serialized(indent: 2) == "{\n  \"a\": [\n    1,\n    \"x\\\"\\n\\u0001\"\n  ],\n  \"b\": {},\n  \"c\": []\n}")
    }
}
