/// "Did you mean" suggestions based on edit distance.
public enum Suggestions {
    /// The candidate closest to `text`, ignoring case, when it is close enough to be a likely typo:
    /// a case-only difference, or at most a third of the text's length in edits (and at most 3).
    public static func closest(to text: String, among candidates: some Sequence<String>) -> String? {
        let lowered = CaseFolding.lowercasedScalars(text)
        let limit = min(3, max(1, lowered.count / 3))
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(lowered, CaseFolding.lowercasedScalars(candidate), limit: limit)
            guard distance <= limit else { continue }
            if distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// Levenshtein distance; returns a value above `limit` as soon as the distance exceeds it.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
