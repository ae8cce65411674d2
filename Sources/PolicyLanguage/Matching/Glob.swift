/// A wildcard pattern over Unicode scalars: `*` matches any run of characters,
/// including none, and `?` matches exactly one.
///
/// IAM uses this form for actions, resources and the `…Like` condition operators.
/// Matching is case-sensitive; callers that need case-insensitive matching lowercase
/// both sides first. Matching takes at most O(pattern × value) steps, so hostile
/// patterns such as `*a*a*a*a*b` stay polynomial.
public struct Glob: Hashable, Sendable, CustomStringConvertible {
    public enum Token: Hashable, Sendable {
        case scalar(Unicode.Scalar)
        case anyRun
        case anyScalar
    }

    public private(set) var tokens: [Token]

    public init(tokens: [Token]) {
        self.tokens = tokens
    }

    /// A pattern where `*` and `?` in `text` are wildcards.
    public init(pattern text: String) {
        tokens = text.unicodeScalars.map { scalar in
            switch scalar {
            case "*": return .anyRun
            case "?": return .anyScalar
            default: return .scalar(scalar)
            }
        }
    }

    /// A pattern that matches `text` exactly; `*` and `?` are plain characters.
    public init(literal text: String) {
        tokens = text.unicodeScalars.map { .scalar($0) }
    }

    public static func + (lhs: Glob, rhs: Glob) -> Glob {
        Glob(tokens: lhs.tokens + rhs.tokens)
    }

    public var hasWildcards: Bool {
        tokens.contains { $0 == .anyRun || $0 == .anyScalar }
    }

    /// Whether the pattern is `*` alone, possibly repeated.
    public var matchesEverything: Bool {
        !tokens.isEmpty && tokens.allSatisfy { $0 == .anyRun }
    }

    public func matches(_ value: String) -> Bool {
        matches(value.unicodeScalars)
    }

    public func matches(scalars value: [Unicode.Scalar]) -> Bool {
        matches(value)
    }

    private func matches<Scalars: BidirectionalCollection<Unicode.Scalar>>(_ value: Scalars) -> Bool {
        var patternIndex = 0
        var valueIndex = value.startIndex
        // The most recent `*` and the value position it currently stands after.
        var starIndex = -1
        var starValueIndex = value.startIndex

        while valueIndex != value.endIndex {
            if patternIndex < tokens.count {
                switch tokens[patternIndex] {
                case .scalar(let scalar) where scalar == value[valueIndex]:
                    patternIndex += 1
                    value.formIndex(after: &valueIndex)
                    continue
                case .anyScalar:
                    patternIndex += 1
                    value.formIndex(after: &valueIndex)
                    continue
                case .anyRun:
                    starIndex = patternIndex
                    starValueIndex = valueIndex
                    patternIndex += 1
                    continue
                case .scalar:
                    break
                }
            }
            // Mismatch: let the last `*` absorb one more character, or fail.
            guard starIndex >= 0 else { return false }
            patternIndex = starIndex + 1
            value.formIndex(after: &starValueIndex)
            valueIndex = starValueIndex
        }
        while patternIndex < tokens.count, tokens[patternIndex] == .anyRun {
            patternIndex += 1
        }
        return patternIndex == tokens.count
    }

    /// The pattern text, with wildcards as `*` and `?`.
    public var description: String {
        var text = ""
        for token in tokens {
            switch token {
            case .scalar(let scalar): text.unicodeScalars.append(scalar)
            case .anyRun: text += "*"
            case .anyScalar: text += "?"
            }
        }
        return text
    }

    /// The pattern with every literal character lowercased.
    public func lowercased() -> Glob {
        Glob(tokens: tokens.map { token in
            if case .scalar(let scalar) = token {
                return .scalar(CaseFolding.lowercase(scalar))
            }
            return token
        })
    }
}
