extension Glob {
    /// Whether every string this pattern matches is also matched by `other`.
    ///
    /// The test maps this pattern's tokens onto `other`'s: a literal onto the same literal,
    /// `?` or `*`; a `?` onto `?` or `*`; a `*` onto `*` only. A true answer is always right;
    /// a few equivalent pairs, such as `?*` and `*?`, are not recognized.
    public func isCovered(by other: Glob) -> Bool {
        let mine = tokens
        let theirs = other.tokens
        var memo = [Bool?](repeating: nil, count: (theirs.count + 1) * (mine.count + 1))

        func covers(_ i: Int, _ j: Int) -> Bool {
            let slot = i * (mine.count + 1) + j
            if let known = memo[slot] { return known }
            let result: Bool
            if i == theirs.count {
                result = j == mine.count
            } else {
                switch theirs[i] {
                case .anyRun:
                    result = covers(i + 1, j) || (j < mine.count && covers(i, j + 1))
                case .anyScalar:
                    result = j < mine.count && mine[j] != .anyRun && covers(i + 1, j + 1)
                case .scalar(let scalar):
                    result = j < mine.count && mine[j] == .scalar(scalar) && covers(i + 1, j + 1)
                }
            }
            memo[slot] = result
            return result
        }
        return covers(0, 0)
    }
}

extension ARNMatching {
    /// Whether every ARN that `pattern` matches is matched by `other`, part by part.
    /// A true answer is always right; patterns with fewer than six parts are compared only
    /// against `*` and themselves.
    public static func isCovered(_ pattern: Glob, by other: Glob) -> Bool {
        if other.matchesEverything || pattern == other {
            return true
        }
        let mine = split(pattern.tokens)
        let theirs = split(other.tokens)
        guard mine.count == 6, theirs.count == 6 else { return false }
        return zip(mine, theirs).allSatisfy { Glob(tokens: $0).isCovered(by: Glob(tokens: $1)) }
    }
}
