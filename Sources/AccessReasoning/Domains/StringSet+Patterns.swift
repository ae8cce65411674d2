import PolicyLanguage
import Synchronization

/// String sets for policy patterns, with literal patterns kept as finite sets and pattern
/// automata shared across queries.
extension StringSet {
    /// Returns the strings an ARN pattern matches (see `Automaton.arnPattern`).
    static func arnPattern(_ pattern: Glob) throws(AutomatonTooLarge) -> StringSet {
        if !pattern.hasWildcards {
            // A literal matches itself when it has the six parts of an ARN, and nothing otherwise.
            let text = pattern.description
            return ARN(text) != nil ? .literal(text) : .empty
        }
        return .regular(try PatternAutomata.shared.automaton(.arn, pattern.description) { () throws(AutomatonTooLarge) in
            try Automaton.arnPattern(pattern)
        })
    }

    /// Returns the strings that any of the ARN patterns matches. Literal ARNs and patterns
    /// whose only wildcard is a final `*` make one trie; other patterns join it by union.
    static func arnPatterns(_ patterns: [Glob]) throws(AutomatonTooLarge) -> StringSet {
        var words: Set<ExactString> = []
        var prefixes: [[Unicode.Scalar]] = []
        var others: [Glob] = []
        for pattern in patterns {
            if !pattern.hasWildcards {
                let text = pattern.description
                if ARN(text) != nil { words.insert(ExactString(text)) }
                continue
            }
            let segments = ARNMatching.split(pattern.tokens)
            if segments.count == 6, let prefix = Automaton.literalPrefix(segments), prefix.anyTail {
                prefixes.append(prefix.scalars)
            } else {
                others.append(pattern)
            }
        }
        var union: StringSet = prefixes.isEmpty
            ? .finite(words)
            : .regular(try Automaton.trie(words: words.map { Array($0.text.unicodeScalars) }, prefixes: prefixes))
        for pattern in others {
            union = try union.union(arnPattern(pattern))
        }
        return union
    }

    /// Returns the strings a `StringLike` pattern matches.
    static func stringLike(_ pattern: Glob) throws(AutomatonTooLarge) -> StringSet {
        if !pattern.hasWildcards {
            return .literal(pattern.description)
        }
        return .regular(try PatternAutomata.shared.automaton(.stringLike, pattern.description) { () throws(AutomatonTooLarge) in
            try Automaton.stringLike(pattern)
        })
    }

    /// Returns the strings equal to `text` ignoring case, as the `…IgnoreCase` operators compare.
    static func caseInsensitive(_ text: String) throws(AutomatonTooLarge) -> StringSet {
        let caseless = text.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII ? !(("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)) : false
        }
        if caseless {
            return .literal(text)
        }
        return .regular(try PatternAutomata.shared.automaton(.caseInsensitive, text) { () throws(AutomatonTooLarge) in
            try Automaton.caseInsensitiveLiteral(text)
        })
    }
}

/// Automata of policy patterns, built once per process and shared by every query.
/// The cache is emptied when it contains more than `capacity` automata.
final class PatternAutomata: Sendable {
    enum Kind: Hashable, Sendable {
        case arn, stringLike, caseInsensitive
    }

    struct Key: Hashable, Sendable {
        let kind: Kind
        let text: ExactString
    }

    static let shared = PatternAutomata()
    static let capacity = 8_192

    private let storage = Mutex<[Key: Automaton]>([:])

    func automaton(_ kind: Kind, _ text: String, build: () throws(AutomatonTooLarge) -> Automaton) throws(AutomatonTooLarge) -> Automaton {
        let key = Key(kind: kind, text: ExactString(text))
        if let cached = storage.withLock({ $0[key] }) {
            return cached
        }
        let automaton = try build()
        storage.withLock { table in
            if table.count >= PatternAutomata.capacity { table.removeAll() }
            table[key] = automaton
        }
        return automaton
    }
}
