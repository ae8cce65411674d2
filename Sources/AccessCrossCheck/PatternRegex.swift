import PolicyLanguage

/// Regular expressions for the patterns of the policy language: globs, ARN patterns and
/// strings compared without regard to case, built from the definitions in `Glob`,
/// `ARNMatching` and `CaseFolding`.
struct PatternRegex {
    let smt: SMTContext

    /// Any one character of Z3's alphabet.
    var anyCharacter: SMTTerm { smt.regexRange(0, SMTContext.maximumCharacter) }

    /// Any one character except those listed.
    func anyCharacter(except excluded: [Unicode.Scalar]) -> SMTTerm {
        var ranges: [SMTTerm] = []
        var start: UInt32 = 0
        for code in excluded.map(\.value).sorted() {
            if code > start { ranges.append(smt.regexRange(start, code - 1)) }
            start = code + 1
        }
        ranges.append(smt.regexRange(start, SMTContext.maximumCharacter))
        return smt.regexUnion(ranges)
    }

    /// Builds the expression of a glob: `*` is any run of characters from `alphabet` (every
    /// character by default), and `?` is one of them.
    func glob(_ tokens: [Glob.Token], alphabet: SMTTerm? = nil) throws(SMTError) -> SMTTerm {
        let single = alphabet ?? anyCharacter
        var parts: [SMTTerm] = []
        var literal: [Unicode.Scalar] = []
        func flush() throws(SMTError) {
            if !literal.isEmpty {
                parts.append(try smt.regexLiteral(literal))
                literal = []
            }
        }
        for token in tokens {
            switch token {
            case .scalar(let scalar):
                literal.append(scalar)
            case .anyRun:
                try flush()
                parts.append(alphabet == nil ? smt.regexFull : smt.regexStar(single))
            case .anyScalar:
                try flush()
                parts.append(single)
            }
        }
        try flush()
        return smt.regexConcat(parts)
    }

    /// Whether `value` matches a glob over all characters.
    ///
    /// Z3 decides prefix, suffix and length constraints far faster than regular expressions,
    /// so globs of the forms `L`, `L*`, `*L` and `L*M` (with literal `L` and `M`) become
    /// those; other globs become regular expressions.
    func globMatches(_ value: SMTTerm, _ tokens: [Glob.Token]) throws(SMTError) -> SMTTerm {
        guard !tokens.contains(.anyScalar) else { return smt.inRegex(value, try glob(tokens)) }
        let literals = Self.literalRuns(tokens)
        switch literals.count {
        case 1:
            return smt.equal(value, try smt.string(scalars: literals[0]))
        case 2:
            let (head, tail) = (literals[0], literals[1])
            var parts: [SMTTerm] = []
            if !head.isEmpty { parts.append(smt.hasPrefix(value, try smt.string(scalars: head))) }
            if !tail.isEmpty { parts.append(smt.hasSuffix(value, try smt.string(scalars: tail))) }
            if !head.isEmpty && !tail.isEmpty {
                parts.append(smt.lessOrEqual(smt.numeral(String(head.count + tail.count), smt.intSort), smt.length(value)))
            }
            return smt.and(parts)
        default:
            return smt.inRegex(value, try glob(tokens))
        }
    }

    /// The literal runs between the `*` of a glob without `?`; runs of `*` count as one.
    static func literalRuns(_ tokens: [Glob.Token]) -> [[Unicode.Scalar]] {
        var runs: [[Unicode.Scalar]] = [[]]
        var previousWasStar = false
        for token in tokens {
            switch token {
            case .scalar(let scalar):
                runs[runs.count - 1].append(scalar)
                previousWasStar = false
            case .anyRun:
                if !previousWasStar { runs.append([]) }
                previousWasStar = true
            case .anyScalar:
                break
            }
        }
        return runs
    }

    /// Whether `value` matches an ARN pattern, as `ARNMatching` defines it: the six
    /// colon-separated parts match one by one, wildcards of the first five parts stay within
    /// their part, and a pattern of fewer parts whose last part ends with `*` extends over the
    /// remaining parts of a value that has six. A pattern made only of `*` matches every value.
    func arnMatches(_ value: SMTTerm, _ pattern: Glob) throws(SMTError) -> SMTTerm {
        if pattern.matchesEverything {
            return smt.bool(true)
        }
        let segments = ARNMatching.split(pattern.tokens)
        let literalHead = segments.prefix(5).allSatisfy { !$0.contains(.anyRun) && !$0.contains(.anyScalar) }
        if segments.count == 6, literalHead {
            // The first five parts are literal, so the value starts with them and its sixth
            // part is the rest: the pattern is a glob over the whole value.
            var tokens: [Glob.Token] = []
            for (index, segment) in segments.enumerated() {
                if index > 0 { tokens.append(.scalar(":")) }
                tokens += segment
            }
            return try globMatches(value, tokens)
        }
        let (regex, needsSixParts) = try arn(pattern)
        // Z3 solves a separate membership far faster than one in an intersection.
        return needsSixParts ? smt.and([smt.inRegex(value, regex), smt.inRegex(value, sixParts)]) : smt.inRegex(value, regex)
    }

    /// The regular expression of an ARN pattern that is not only `*`, and whether the value
    /// must also have six parts, which the expression of a short pattern does not check.
    private func arn(_ pattern: Glob) throws(SMTError) -> (SMTTerm, Bool) {
        let segments = ARNMatching.split(pattern.tokens)
        let noColon = anyCharacter(except: [":"])
        let colon = try smt.regexLiteral([":"])
        var parts: [SMTTerm] = []
        for (index, segment) in segments.enumerated() {
            if index > 0 { parts.append(colon) }
            let isLast = index == segments.count - 1
            if isLast && index < 5 {
                // A short pattern covers the rest of a value of six parts.
                guard segment.last == .anyRun else { return (smt.regexEmpty, false) }
                parts.append(try glob(segment))
                return (smt.regexConcat(parts), true)
            }
            parts.append(try glob(segment, alphabet: index < 5 ? noColon : nil))
        }
        return (smt.regexConcat(parts), false)
    }

    /// Strings with at least five colons: values that split into the six parts of an ARN.
    var sixParts: SMTTerm {
        let noColon = smt.regexStar(anyCharacter(except: [":"]))
        let colon = (try? smt.regexLiteral([":"])) ?? smt.regexEmpty
        let part = smt.regexConcat([noColon, colon])
        return smt.regexConcat([part, part, part, part, part, smt.regexFull])
    }

    /// Whether `value` equals `text` ignoring case, as `CaseFolding.equalIgnoringCase`
    /// compares: the same length, and at each position a character of the same lowercase form.
    /// Z3 solves this character by character far faster than a regular expression of it.
    func equalsIgnoringCase(_ value: SMTTerm, _ text: String) throws(SMTError) -> SMTTerm {
        let scalars = Array(text.unicodeScalars)
        let classes = scalars.map { CaseClasses.shared.equivalents(of: $0) }
        if classes.allSatisfy({ $0.count == 1 }) {
            return smt.equal(value, try smt.string(scalars: scalars))
        }
        var parts = [smt.equal(smt.length(value), smt.numeral(String(scalars.count), smt.intSort))]
        for (index, codes) in classes.enumerated() {
            let character = smt.character(of: value, at: index)
            parts.append(smt.or(codes.map { smt.equal(character, smt.character(code: $0)) }))
        }
        return smt.and(parts)
    }
}

/// For each lowercase form, the scalars that `CaseFolding.lowercase` maps to it.
final class CaseClasses: Sendable {
    static let shared = CaseClasses()

    private let preimages: [UInt32: [UInt32]]

    private init() {
        var preimages: [UInt32: [UInt32]] = [:]
        // Z3's alphabet ends at U+2FFFF; no scalar beyond it has a lowercase mapping.
        for code in UInt32(0)...SMTContext.maximumCharacter {
            guard let scalar = Unicode.Scalar(code) else { continue }
            let lower = CaseFolding.lowercase(scalar)
            if lower != scalar {
                preimages[lower.value, default: []].append(code)
            }
        }
        self.preimages = preimages
    }

    /// The codes of the scalars equal to `scalar` ignoring case, itself included.
    func equivalents(of scalar: Unicode.Scalar) -> [UInt32] {
        let lower = CaseFolding.lowercase(scalar)
        var codes = preimages[lower.value] ?? []
        if CaseFolding.lowercase(lower) == lower {
            codes.append(lower.value)
        }
        if !codes.contains(scalar.value) {
            codes.append(scalar.value)
        }
        return codes.sorted()
    }
}
