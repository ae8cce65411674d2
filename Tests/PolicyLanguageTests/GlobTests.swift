import Testing

@testable import PolicyLanguage

struct GlobTests {
    /// Each row: pattern, value, expected match.
    static let cases: [(String, String, Bool)] = [
        ("*", "", true),
        ("*", "anything/at:all", true),
        ("", "", true),
        ("", "a", false),
        ("abc", "abc", true),
        ("abc", "abd", false),
        ("a?c", "abc", true),
        ("a?c", "ac", false),
        ("a*c", "ac", true),
        ("a*c", "abbbc", true),
        ("a*c", "abbbd", false),
        ("*.txt", "dir/file.txt", true),
        ("home/*/docs", "home/a/b/docs", true),
        ("??", "é😀", true),
        ("?", "é😀", false),
        ("*a*a*a*a*a*a*a*b", String(repeating: "a", count: 5_000), false),
        ("*a*a*a*a*a*a*a*b", String(repeating: "a", count: 5_000) + "b", true),
        ("GetObject", "getobject", false),
    ]

    @Test(arguments: cases)
    func matchesWildcards(pattern: String, value: String, expected: Bool) {
        #expect(Glob(pattern: pattern).matches(value) == expected)
    }

    @Test func literalPatternKeepsWildcardCharacters() {
        #expect(Glob(literal: "a*").matches("a*"))
        #expect(!Glob(literal: "a*").matches("ab"))
        #expect(!Glob(literal: "a*").hasWildcards)
    }

    @Test func lowercasingKeepsWildcards() {
        #expect(Glob(pattern: "S3:Get*").lowercased().description == "s3:get*")
    }

    @Test func sameScalarsDistinguishesNormalizationForms() {
        let composed = "\u{E9}"
        let decomposed = "e\u{301}"
        #expect(composed == decomposed)
        #expect(!composed.hasSameScalars(as: decomposed))
    }
}
