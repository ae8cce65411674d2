import AccessCrossCheck
import PolicyLanguage
import Testing

@testable import AccessReasoning

struct AutomatonTests {
    static let valueAlphabet = ["a", "b", ":", "/", "é"]
    static let patternAlphabet = ["a", "b", ":", "*", "?", "é"]

    /// Random values over a small alphabet, plus the empty string and some ARN-shaped ones.
    static func values(_ random: inout SeededRandom, count: Int) -> [String] {
        var result = ["", "a", "::::::", "a:b:a:b:a:b", "a:b:a:b:a:b:a"]
        for _ in 0..<count {
            result.append(random.string(from: valueAlphabet, maximumLength: 12))
        }
        return result
    }

    @Test func globAutomatonMatchesLikeGlob() throws {
        var random = SeededRandom(seed: 1)
        for _ in 0..<300 {
            let pattern = Glob(pattern: random.string(from: Self.patternAlphabet, maximumLength: 6))
            let automaton = try Automaton.stringLike(pattern)
            for value in Self.values(&random, count: 40) {
                #expect(automaton.accepts(value) == pattern.matches(value), "pattern \(pattern) value \(value)")
            }
        }
    }

    @Test func arnAutomatonMatchesLikeARNMatching() throws {
        var random = SeededRandom(seed: 2)
        let arnPatterns = [
            "*", "arn:aws:s3:::b/*", "arn:aws:*", "arn:aws:iam::*:role/*", "a*", "a:b:a:b:a:*", "?:?:?:?:?:?", "a:*:b", "a:b:a:b:a:b*",
            "a:b:a:b:a:b", "a:b:a:b:a:b:*", "a:b:a:b:a:", "a:b:a:b:a:b*a", "a:b:a:b:a*:b",
        ]
        var patterns = arnPatterns.map(Glob.init(pattern:))
        for _ in 0..<300 {
            patterns.append(Glob(pattern: random.string(from: Self.patternAlphabet, maximumLength: 14)))
        }
        for pattern in patterns {
            let automaton = try Automaton.arnPattern(pattern)
            let fixed = ["arn:aws:s3:::b/k", "arn:aws:s3:::b/", "arn:aws:s3:::b", "arn:aws:iam::1:role/x", "arn:aws:ec2:r:a:i/1", "a:b:a:b:a:b", "a:b:a:b:a:b:", "a:b:a:b:a:", "a:b:a:b:a:bb"]
            for value in Self.values(&random, count: 40) + fixed {
                #expect(automaton.accepts(value) == ARNMatching.matches(pattern: pattern, value: value), "pattern \(pattern) value \(value)")
            }
        }
    }

    /// Lists of ARN patterns, built as one trie where they allow it, match as their union does.
    @Test(arguments: [
        ["arn:aws:s3:::b", "arn:aws:s3:::b/*"],
        ["arn:aws:s3:::b/*", "arn:aws:s3:::b/a/*", "arn:aws:s3:::b/a"],
        ["arn:aws:s3:::a", "arn:aws:s3:::ab", "arn:aws:s3:::a*"],
        ["arn:aws:sqs:eu-west-1:1:q", "arn:aws:s3:::b*", "arn:aws:s3:::b?"],
        ["a:b:c:d:e:", "a:b:c:d:e:*", "not-an-arn", "a:b:c:d:e*"],
        ["*", "arn:aws:s3:::b"],
        [],
    ])
    func arnPatternListsMatchTheirUnion(_ patterns: [String]) throws {
        let set = try StringSet.arnPatterns(patterns.map(Glob.init(pattern:)))
        let values = [
            "arn:aws:s3:::b", "arn:aws:s3:::b/", "arn:aws:s3:::b/k", "arn:aws:s3:::b/a", "arn:aws:s3:::b/a/x", "arn:aws:s3:::bb",
            "arn:aws:s3:::a", "arn:aws:s3:::ab", "arn:aws:s3:::abc", "arn:aws:s3:::", "arn:aws:sqs:eu-west-1:1:q", "arn:aws:sqs:eu-west-1:1:qq",
            "a:b:c:d:e:", "a:b:c:d:e:f", "a:b:c:d:ee:f", "not-an-arn", "", "arn:aws:s3:::b\u{10FFFF}",
        ]
        for value in values {
            let expected = patterns.contains { ARNMatching.matches(pattern: Glob(pattern: $0), value: value) }
            #expect(set.contains(value) == expected, "patterns \(patterns), value \(value)")
        }
    }

    @Test func caseInsensitiveLiteralMatchesCaseFolding() throws {
        for text in ["Abc", "k", "straße", "ÉÀ", ""] {
            let automaton = try Automaton.caseInsensitiveLiteral(text)
            for value in ["abc", "ABC", "aBc", "abd", "K", "\u{212A}", "STRASSE", "straße", "STRAßE", "éà", "ÉÀ", "", "ab"] {
                #expect(automaton.accepts(value) == CaseFolding.equalIgnoringCase(text, value), "\(text) vs \(value)")
            }
        }
    }

    @Test func productsAndComplementFollowSetAlgebra() throws {
        var random = SeededRandom(seed: 3)
        for _ in 0..<150 {
            let left = Glob(pattern: random.string(from: Self.patternAlphabet, maximumLength: 5))
            let right = Glob(pattern: random.string(from: Self.patternAlphabet, maximumLength: 5))
            let a = try Automaton.stringLike(left)
            let b = try Automaton.stringLike(right)
            let both = try Automaton.product(a, b, .intersection)
            let either = try Automaton.product(a, b, .union)
            let onlyLeft = try Automaton.product(a, b, .difference)
            let minimized = both.minimized()
            for value in Self.values(&random, count: 30) {
                let inLeft = left.matches(value)
                let inRight = right.matches(value)
                #expect(both.accepts(value) == (inLeft && inRight))
                #expect(either.accepts(value) == (inLeft || inRight))
                #expect(onlyLeft.accepts(value) == (inLeft && !inRight))
                #expect(a.complement.accepts(value) == !inLeft)
                #expect(minimized.accepts(value) == (inLeft && inRight))
            }
            #expect(minimized.stateCount <= both.stateCount)
        }
    }

    @Test func shortestWordIsAcceptedAndShortest() throws {
        let cases: [(String, String?)] = [("abc", "abc"), ("a*c", "ac"), ("a?c", "aac"), ("*", ""), ("??", "aa")]
        for (pattern, expected) in cases {
            let automaton = try Automaton.stringLike(Glob(pattern: pattern))
            #expect(automaton.shortestWord() == expected, "\(pattern)")
        }
        let none = try Automaton.product(Automaton.stringLike(Glob(pattern: "a*")), Automaton.stringLike(Glob(pattern: "b*")), .intersection)
        #expect(none.isEmpty)
        #expect(none.shortestWord() == nil)
        let excluded = try Automaton.product(Automaton.stringLike(Glob(pattern: "?")), Automaton.finite(["a", "b"]), .difference)
        #expect(excluded.shortestWord() == "c")
    }

    @Test func finitenessIsDetected() throws {
        #expect(try Automaton.finite(["a", "bc"]).isFinite)
        #expect(try Automaton.stringLike(Glob(pattern: "a??")).isFinite)
        #expect(try !Automaton.stringLike(Glob(pattern: "a*")).isFinite)
        #expect(Automaton.constant(false).isFinite)
        let finiteByIntersection = try Automaton.product(Automaton.stringLike(Glob(pattern: "a*")), Automaton.finite(["ab", "b"]), .intersection)
        #expect(finiteByIntersection.isFinite)
        #expect(finiteByIntersection.words(limit: 10) == ["ab"])
    }

    @Test func hostileGlobStaysSmall() throws {
        let automaton = try Automaton.stringLike(Glob(pattern: "*a*a*a*a*a*a*a*b"))
        #expect(automaton.stateCount < 40)
        #expect(!automaton.accepts(String(repeating: "a", count: 10_000)))
        #expect(automaton.accepts(String(repeating: "a", count: 10_000) + "b"))
    }
}

struct StringSetTests {
    @Test func finiteAndCofiniteOperationsStayLiteral() throws {
        let a = StringSet.literals(["x", "y"])
        let b = StringSet.literals(["y", "z"])
        guard case .finite(let both) = try a.intersection(b) else {
            Issue.record("expected a finite set")
            return
        }
        #expect(both == [ExactString("y")])
        let notX = StringSet.literal("x").complement
        #expect(try !notX.intersection(.literal("x")).isEmpty == false)
        #expect(try a.intersection(notX).witness == "y")
        #expect(StringSet.all.witness == "")
        #expect(StringSet.cofinite([ExactString(""), ExactString("a")]).witness == "b")
    }

    @Test func mixesRegularAndLiteralSets() throws {
        let prefix = StringSet.regular(try Automaton.stringLike(Glob(pattern: "ab*")))
        #expect(try prefix.intersection(.literals(["abc", "b"])).members(limit: 5) == ["abc"])
        let withoutAB = try prefix.intersection(StringSet.literal("ab").complement)
        #expect(!withoutAB.contains("ab"))
        #expect(withoutAB.contains("abc"))
        #expect(withoutAB.witness == "aba")
        #expect(try prefix.union(.literal("q")).contains("q"))
    }

    @Test func exactStringsDistinguishNormalizationForms() {
        let set = StringSet.literal("\u{E9}")
        #expect(set.contains("\u{E9}"))
        #expect(!set.contains("e\u{301}"))
    }
}

struct CaseVariantTests {
    @Test func noScalarPastTheLastCasedOneChangesWhenLowercased() {
        var changing: [UInt32] = []
        for value in (CaseVariants.lastCasedScalar + 1)...ScalarSet.maximum {
            if let scalar = Unicode.Scalar(value), CaseFolding.lowercase(scalar) != scalar {
                changing.append(value)
            }
        }
        #expect(changing.isEmpty, "scalars past the scanned range have lowercase forms: \(changing.prefix(5))")
    }

    @Test func asciiPreimagesMatchTheScan() {
        for value in UInt32(0)..<0x80 {
            #expect(CaseVariants.asciiPreimages(of: value).sorted() == CaseVariants.scannedPreimages(of: value).sorted(), "preimages of U+\(String(value, radix: 16))")
        }
    }

    @Test func preimagesIncludeNonASCIIVariants() {
        // U+212A KELVIN SIGN lowercases to "k".
        let kelvin = CaseVariants.scalars(lowercasingTo: "k")
        #expect(kelvin.contains(0x212A))
        #expect(kelvin.contains(UInt32(("K" as Unicode.Scalar).value)))
        #expect(kelvin.contains(UInt32(("k" as Unicode.Scalar).value)))
        #expect(!kelvin.contains(UInt32(("x" as Unicode.Scalar).value)))
    }
}
