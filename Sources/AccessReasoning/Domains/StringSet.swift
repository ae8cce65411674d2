/// A string compared scalar by scalar, as AWS compares policy values. Swift's `String`
/// equality treats canonically equivalent forms as equal, which IAM does not.
struct ExactString: Hashable, Sendable, Comparable, CustomStringConvertible {
    let text: String

    init(_ text: String) {
        self.text = text
    }

    static func == (lhs: ExactString, rhs: ExactString) -> Bool {
        lhs.text.utf8.elementsEqual(rhs.text.utf8)
    }

    func hash(into hasher: inout Hasher) {
        var contiguous = text
        contiguous.withUTF8 { bytes in
            hasher.combine(bytes.count)
            hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        }
    }

    static func < (lhs: ExactString, rhs: ExactString) -> Bool {
        lhs.text.utf8.lexicographicallyPrecedes(rhs.text.utf8)
    }

    var description: String { text }
}

/// A set of strings: a finite set, the complement of a finite set, or a regular language.
///
/// Finite and cofinite sets keep literal-only policies away from automata; operations
/// that mix them with a regular language build the automaton once.
enum StringSet: Hashable, Sendable {
    case finite(Set<ExactString>)
    case cofinite(Set<ExactString>)
    case regular(Automaton)

    static let all = StringSet.cofinite([])
    static let empty = StringSet.finite([])

    static func literal(_ text: String) -> StringSet {
        .finite([ExactString(text)])
    }

    static func literals(_ texts: some Sequence<String>) -> StringSet {
        .finite(Set(texts.map(ExactString.init)))
    }

    func contains(_ text: String) -> Bool {
        switch self {
        case .finite(let members): return members.contains(ExactString(text))
        case .cofinite(let excluded): return !excluded.contains(ExactString(text))
        case .regular(let automaton): return automaton.accepts(text)
        }
    }

    var complement: StringSet {
        switch self {
        case .finite(let members): return .cofinite(members)
        case .cofinite(let excluded): return .finite(excluded)
        case .regular(let automaton): return .regular(automaton.complement)
        }
    }

    func intersection(_ other: StringSet) throws(AutomatonTooLarge) -> StringSet {
        switch (self, other) {
        case (.finite(let a), _):
            return .finite(a.filter { other.contains($0.text) })
        case (_, .finite(let b)):
            return .finite(b.filter { self.contains($0.text) })
        case (.cofinite(let a), .cofinite(let b)):
            return .cofinite(a.union(b))
        case (.cofinite(let excluded), .regular(let automaton)), (.regular(let automaton), .cofinite(let excluded)):
            if excluded.isEmpty { return .regular(automaton) }
            return try IntersectionMemo.shared.result(self, other) { () throws(AutomatonTooLarge) -> StringSet in
                let removed = try Automaton.finite(excluded.map(\.text))
                return .regular(try Automaton.product(automaton, removed, .difference).minimizedIfLarge())
            }
        case (.regular(let a), .regular(let b)):
            // The same pattern often reaches a cell twice, from a policy and from the query.
            if a.hasSameStructure(as: b) { return self }
            if a.isComplement(of: b) { return .empty }
            return try IntersectionMemo.shared.result(self, other) { () throws(AutomatonTooLarge) -> StringSet in
                .regular(try Automaton.product(a, b, .intersection).minimizedIfLarge())
            }
        }
    }

    func union(_ other: StringSet) throws(AutomatonTooLarge) -> StringSet {
        switch (self, other) {
        case (.finite(let a), .finite(let b)):
            return .finite(a.union(b))
        case (.regular(let a), .regular(let b)):
            return .regular(try Automaton.product(a, b, .union).minimizedIfLarge())
        default:
            return try complement.intersection(other.complement).complement
        }
    }

    func subtracting(_ other: StringSet) throws(AutomatonTooLarge) -> StringSet {
        try intersection(other.complement)
    }

    var isEmpty: Bool {
        switch self {
        case .finite(let members): return members.isEmpty
        case .cofinite: return false
        case .regular(let automaton): return automaton.isEmpty
        }
    }

    /// A member, preferring short and readable strings; nil when the set is empty.
    var witness: String? {
        switch self {
        case .finite(let members):
            return members.min { ($0.text.unicodeScalars.count, $0) < ($1.text.unicodeScalars.count, $1) }?.text
        case .cofinite(let excluded):
            return StringSet.firstOutside(excluded)
        case .regular(let automaton):
            return automaton.shortestWord()
        }
    }

    /// The set as an automaton.
    func automaton() throws(AutomatonTooLarge) -> Automaton {
        switch self {
        case .finite(let members): return try Automaton.finite(members.map(\.text))
        case .cofinite(let excluded): return try Automaton.finite(excluded.map(\.text)).complement
        case .regular(let automaton): return automaton
        }
    }

    /// The members when the set is finite and small enough to list; nil otherwise.
    func members(limit: Int) -> [String]? {
        switch self {
        case .finite(let members):
            return members.count <= limit ? members.sorted().map(\.text) : nil
        case .cofinite:
            return nil
        case .regular(let automaton):
            guard automaton.isFinite else { return nil }
            let words = automaton.words(limit: limit + 1)
            return words.count <= limit ? words : nil
        }
    }

    /// The first string of "", "a", "b", … that `excluded` does not contain.
    static func firstOutside(_ excluded: Set<ExactString>) -> String {
        if !excluded.contains(ExactString("")) { return "" }
        var length = 1
        while true {
            for candidate in candidates(length: length) where !excluded.contains(ExactString(candidate)) {
                return candidate
            }
            length += 1
        }
    }

    private static func candidates(length: Int) -> [String] {
        let letters = "abcdefghijklmnopqrstuvwxyz".map(String.init)
        var result = [""]
        for _ in 0..<length {
            result = result.flatMap { prefix in letters.map { prefix + $0 } }
            if result.count > 10_000 { break }
        }
        return result
    }
}

extension Automaton {
    /// Returns an equivalent automaton without dead states, minimized when it still has more
    /// than a few hundred states. Trimming is linear and removes most states of a product.
    func minimizedIfLarge() -> Automaton {
        guard stateCount > 48 else { return self }
        let trimmed = trimmed()
        return trimmed.stateCount > 256 ? trimmed.minimized() : trimmed
    }
}
