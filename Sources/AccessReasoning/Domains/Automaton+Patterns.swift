import PolicyLanguage

/// Automata for the string patterns of IAM policies.
///
/// Each builder reproduces the matching of `PolicyLanguage`'s concrete evaluator exactly:
/// `Glob` for `StringLike`, `ARNMatching` for `Resource` and the `Arn…` operators, and
/// `CaseFolding` for the `…IgnoreCase` operators.
extension Automaton {
    static let colon: Unicode.Scalar = ":"

    /// The strings `glob` matches, where `*` and `?` range over `alphabet`.
    static func glob(_ tokens: [Glob.Token], alphabet: ScalarSet = .all) -> NFAFragment {
        var nfa = NFA()
        let start = nfa.addState()
        var current = start
        for token in tokens {
            switch token {
            case .scalar(let scalar):
                let next = nfa.addState()
                nfa.addEdge(current, .single(scalar), next)
                current = next
            case .anyScalar:
                let next = nfa.addState()
                nfa.addEdge(current, alphabet, next)
                current = next
            case .anyRun:
                let loop = nfa.addState()
                nfa.addEpsilon(current, loop)
                nfa.addEdge(loop, alphabet, loop)
                current = loop
            }
        }
        return NFAFragment(nfa: nfa, start: start, end: current)
    }

    /// The strings that equal `text` scalar by scalar.
    static func literal(_ text: String) throws(AutomatonTooLarge) -> Automaton {
        try prefixed(Array(text.unicodeScalars), anyTail: false)
    }

    /// The strings that start with `prefix` and, with `anyTail`, go on with any text, or
    /// without it end there. Built directly, since these are most of the patterns a
    /// deployment's policies write (`arn:aws:s3:::bucket/*`).
    static func prefixed(_ prefix: [Unicode.Scalar], anyTail: Bool, limit: Int = AutomatonLimit.states) throws(AutomatonTooLarge) -> Automaton {
        let end = Int32(prefix.count)
        let sink = end + 1
        if prefix.count + 2 > limit {
            throw AutomatonTooLarge(states: prefix.count + 2)
        }
        var builder = Builder()
        for (index, scalar) in prefix.enumerated() {
            let value = scalar.value
            if value > 0 {
                builder.lows.append(0)
                builder.targets.append(sink)
            }
            builder.lows.append(value)
            builder.targets.append(Int32(index + 1))
            if value < ScalarSet.maximum {
                builder.lows.append(value + 1)
                builder.targets.append(sink)
            }
            builder.closeState(accepting: false)
        }
        builder.addState(lows: [0], targets: [anyTail ? end : sink], accepting: true)
        builder.addState(lows: [0], targets: [sink], accepting: false)
        return builder.build(start: 0)
    }

    /// The strings equal to `text` when both are lowercased scalar by scalar, as the
    /// `…IgnoreCase` operators compare them.
    static func caseInsensitiveLiteral(_ text: String) throws(AutomatonTooLarge) -> Automaton {
        var nfa = NFA()
        let start = nfa.addState()
        var current = start
        for scalar in text.unicodeScalars {
            let next = nfa.addState()
            nfa.addEdge(current, CaseVariants.scalars(lowercasingTo: CaseFolding.lowercase(scalar)), next)
            current = next
        }
        return try Automaton(determinizing: NFAFragment(nfa: nfa, start: start, end: current).finished())
    }

    /// The scalars of a six-part ARN pattern whose only wildcard is one `*` at the end of
    /// its last part, where `*` matches any text; nil for other patterns.
    static func literalPrefix(_ segments: [[Glob.Token]]) -> (scalars: [Unicode.Scalar], anyTail: Bool)? {
        var scalars: [Unicode.Scalar] = []
        var anyTail = false
        for (index, segment) in segments.enumerated() {
            if index > 0 { scalars.append(colon) }
            for (position, token) in segment.enumerated() {
                switch token {
                case .scalar(let scalar):
                    scalars.append(scalar)
                case .anyRun where index == segments.count - 1 && position == segment.count - 1:
                    anyTail = true
                case .anyRun, .anyScalar:
                    return nil
                }
            }
        }
        return (scalars, anyTail)
    }

    /// The strings a `StringLike` pattern matches.
    static func stringLike(_ pattern: Glob) throws(AutomatonTooLarge) -> Automaton {
        try Automaton(determinizing: glob(pattern.tokens).finished())
    }

    /// The strings an ARN pattern matches, per `ARNMatching`: each of the first five parts
    /// matched within its part, the sixth part and the tail of a short pattern ending in `*`
    /// matched across colons, and the value required to have six parts. A pattern of `*`
    /// alone matches every string.
    static func arnPattern(_ pattern: Glob) throws(AutomatonTooLarge) -> Automaton {
        if pattern.matchesEverything {
            return .constant(true)
        }
        let segments = ARNMatching.split(pattern.tokens)
        let withinSegment = ScalarSet.allExcept([colon])
        var nfa = NFA()
        let start = nfa.addState()
        var current = start

        func append(_ fragment: NFAFragment) {
            let offset = nfa.edges.count
            for state in 0..<fragment.nfa.edges.count {
                _ = nfa.addState()
                nfa.edges[offset + state] = fragment.nfa.edges[state].map { ($0.0, $0.1 + offset) }
                nfa.epsilons[offset + state] = fragment.nfa.epsilons[state].map { $0 + offset }
            }
            nfa.addEpsilon(current, fragment.start + offset)
            current = fragment.end + offset
        }

        func appendColon() {
            let next = nfa.addState()
            nfa.addEdge(current, .single(colon), next)
            current = next
        }

        if segments.count == 6, let prefix = Self.literalPrefix(segments) {
            return try prefixed(prefix.scalars, anyTail: prefix.anyTail)
        }
        if segments.count == 6 {
            for (index, segment) in segments.enumerated() {
                if index > 0 { appendColon() }
                append(glob(segment, alphabet: index < 5 ? withinSegment : .all))
            }
            nfa.accepting[current] = true
            return try Automaton(determinizing: nfa)
        }

        // A short pattern: its last part must end with `*`, and covers the remaining parts.
        guard let last = segments.last, last.last == .anyRun else {
            return .constant(false)
        }
        for (index, segment) in segments.dropLast().enumerated() {
            if index > 0 { appendColon() }
            append(glob(segment, alphabet: withinSegment))
        }
        if segments.count > 1 { appendColon() }
        append(glob(last, alphabet: .all))
        nfa.accepting[current] = true
        let shape = try Automaton(determinizing: nfa)
        // The tail starts at part `segments.count - 1` and must hold the colons of the parts after it.
        let requiredColons = 5
        return try Automaton.product(shape, atLeastColons(requiredColons), .intersection)
    }

    /// The strings with at least `count` colons.
    static func atLeastColons(_ count: Int) throws(AutomatonTooLarge) -> Automaton {
        var nfa = NFA()
        var current = nfa.addState()
        nfa.start = current
        for _ in 0..<count {
            let next = nfa.addState()
            nfa.addEdge(current, ScalarSet.allExcept([colon]), current)
            nfa.addEdge(current, .single(colon), next)
            current = next
        }
        nfa.addEdge(current, .all, current)
        nfa.accepting[current] = true
        return try Automaton(determinizing: nfa)
    }

    /// The strings of a finite set.
    static func finite(_ strings: some Sequence<String>) throws(AutomatonTooLarge) -> Automaton {
        // A trie is deterministic already, so it becomes the automaton directly.
        var children: [[UInt32: Int32]] = [[:]]
        var accepting = [false]
        for string in strings {
            var node = 0
            for scalar in string.unicodeScalars {
                if let next = children[node][scalar.value] {
                    node = Int(next)
                } else {
                    children.append([:])
                    accepting.append(false)
                    children[node][scalar.value] = Int32(children.count - 1)
                    node = children.count - 1
                }
            }
            accepting[node] = true
        }
        if children.count + 1 > AutomatonLimit.states {
            throw AutomatonTooLarge(states: children.count + 1)
        }
        let sink = Int32(children.count)
        var builder = Builder()
        for (node, edges) in children.enumerated() {
            var lows: [UInt32] = []
            var targets: [Int32] = []
            var point: UInt32 = 0
            for (scalar, target) in edges.sorted(by: { $0.key < $1.key }) {
                if scalar > point {
                    lows.append(point)
                    targets.append(sink)
                }
                lows.append(scalar)
                targets.append(target)
                point = scalar + 1
            }
            if point <= ScalarSet.maximum || lows.isEmpty {
                lows.append(point)
                targets.append(sink)
            }
            builder.addState(lows: lows, targets: targets, accepting: accepting[node])
        }
        builder.addState(lows: [0], targets: [sink], accepting: false)
        return builder.build(start: 0)
    }

    /// Strings of `minimum` to `maximum` scalars (no upper limit when nil) from `alphabet`.
    static func repetition(of alphabet: ScalarSet, minimum: Int, maximum: Int?) throws(AutomatonTooLarge) -> Automaton {
        var nfa = NFA()
        var current = nfa.addState()
        nfa.start = current
        for _ in 0..<minimum {
            let next = nfa.addState()
            nfa.addEdge(current, alphabet, next)
            current = next
        }
        nfa.accepting[current] = true
        if let maximum {
            for _ in minimum..<max(minimum, maximum) {
                let next = nfa.addState(accepting: true)
                nfa.addEdge(current, alphabet, next)
                current = next
            }
        } else {
            nfa.addEdge(current, alphabet, current)
        }
        return try Automaton(determinizing: nfa)
    }

    /// The concatenation of the languages, in order.
    static func concatenation(_ parts: [Automaton]) throws(AutomatonTooLarge) -> Automaton {
        var nfa = NFA()
        var current = nfa.addState()
        nfa.start = current
        for part in parts {
            let (start, accepting) = nfa.embed(part)
            nfa.addEpsilon(current, start)
            let end = nfa.addState()
            for state in accepting {
                nfa.addEpsilon(state, end)
            }
            current = end
        }
        nfa.accepting[current] = true
        return try Automaton(determinizing: nfa)
    }

    /// The strings made of zero or more strings of the language.
    func star() throws(AutomatonTooLarge) -> Automaton {
        var nfa = NFA()
        let start = nfa.addState(accepting: true)
        nfa.start = start
        let (entry, accepting) = nfa.embed(self)
        nfa.addEpsilon(start, entry)
        for state in accepting {
            nfa.addEpsilon(state, start)
        }
        return try Automaton(determinizing: nfa)
    }
}

/// A piece of an NFA with one entry and one exit state.
struct NFAFragment {
    var nfa: NFA
    var start: Int
    var end: Int

    /// The fragment as a whole NFA accepting at its exit.
    func finished() -> NFA {
        var result = nfa
        result.start = start
        result.accepting[end] = true
        return result
    }
}

/// The scalars that lowercase to a given scalar, for case-insensitive automata.
enum CaseVariants {
    /// The last scalar with a lowercase mapping: planes 2 and above have no cased letters,
    /// which a test checks against the standard library's Unicode data.
    static let lastCasedScalar: UInt32 = 0x1_FFFF

    /// Scalars whose lowercase form differs from themselves, grouped by that form.
    /// Built on first use by scanning the scalars up to `lastCasedScalar`.
    private static let preimages: [UInt32: [UInt32]] = {
        var table: [UInt32: [UInt32]] = [:]
        for value in UInt32(0)...lastCasedScalar {
            guard let scalar = Unicode.Scalar(value), scalar.properties.changesWhenLowercased else { continue }
            let lower = CaseFolding.lowercase(scalar)
            if lower != scalar {
                table[lower.value, default: []].append(value)
            }
        }
        return table
    }()

    /// The scalars past ASCII whose lowercase form is an ASCII scalar: U+212A KELVIN SIGN
    /// lowercases to "k". A test compares this with the scan of `preimages`.
    static let nonASCIIPreimagesOfASCII: [UInt32: [UInt32]] = [0x6B: [0x212A]]

    /// Every scalar `x` with `CaseFolding.lowercase(x) == lowercase`.
    static func scalars(lowercasingTo lowercase: Unicode.Scalar) -> ScalarSet {
        var values: [UInt32] = [lowercase.value]
        if CaseFolding.lowercase(lowercase) != lowercase {
            // The scalar is not its own lowercase form, so it is not a lowercase target.
            values = []
        }
        values += lowercase.isASCII ? asciiPreimages(of: lowercase.value) : preimages[lowercase.value] ?? []
        return ScalarSet(ranges: values.map { $0...$0 })
    }

    /// Returns the preimages of an ASCII scalar without scanning every cased scalar, a scan
    /// that costs about 48 million instructions (callgrind) at the first pattern.
    static func asciiPreimages(of value: UInt32) -> [UInt32] {
        var values: [UInt32] = []
        if value >= 0x61 && value <= 0x7A {
            values.append(value - 0x20)
        }
        return values + (nonASCIIPreimagesOfASCII[value] ?? [])
    }

    /// Returns the preimages that the scan finds, for tests.
    static func scannedPreimages(of value: UInt32) -> [UInt32] {
        preimages[value] ?? []
    }
}
