extension Validation {
    /// Checks that every `Resource` and `NotResource` value is `*` or a well-formed ARN pattern.
    mutating func checkResources() {
        for statement in document.statements {
            guard let element = statement.resource else { continue }
            for pattern in element.patterns {
                checkResource(pattern)
            }
        }
    }

    private mutating func checkResource(_ pattern: Located<String>) {
        let text = pattern.value
        if text == "*" { return }
        guard text.hasPrefix("arn:") else {
            report(
                .invalidARN, "'\(text)' is not an ARN, expected 'arn:partition:service:region:account:resource' or '*'",
                at: pattern.location, pattern.pointer)
            return
        }
        let segments = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        if segments.count < 6 && !(segments.last?.hasSuffix("*") ?? false) {
            report(
                .invalidARN, "'\(text)' has \(segments.count) of the 6 ARN parts; only a part ending in '*' may stand for the rest",
                at: pattern.location, pattern.pointer)
            return
        }
        func isPattern(_ segment: Substring) -> Bool {
            segment.contains("*") || segment.contains("?") || segment.hasVariableMarker
        }
        if segments.count > 1, !isPattern(segments[1]), !Validation.partitions.contains(String(segments[1])) {
            report(.invalidARNPartition, "'\(segments[1])' in '\(text)' is not an AWS partition", at: pattern.location, pattern.pointer)
        }
        if segments.count > 2, segments[2].contains("*") || segments[2].contains("?") {
            report(
                .wildcardInARNService, "the service part of '\(text)' has a wildcard, which IAM does not support",
                at: pattern.location, pattern.pointer)
        }
        if segments.count > 4 {
            let account = segments[4]
            let valid = account.isEmpty || account == "aws" || isPattern(account) || Validation.isAccountID(String(account))
            if !valid {
                report(.invalidARNAccount, "'\(account)' in '\(text)' is not a 12-digit account ID", at: pattern.location, pattern.pointer)
            }
        }
    }
}
