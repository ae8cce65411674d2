/// An Amazon Resource Name split into its six parts:
/// `arn:partition:service:region:account:resource`.
///
/// The resource part keeps any further colons, as in
/// `arn:aws:lambda:us-east-1:111122223333:function:name:alias`.
public struct ARN: Hashable, Sendable, CustomStringConvertible {
    public var partition: String
    public var service: String
    public var region: String
    public var account: String
    public var resource: String

    /// Parses `text`; nil unless it starts with `arn:` and has at least five colons after it.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn" else { return nil }
        partition = String(parts[1])
        service = String(parts[2])
        region = String(parts[3])
        account = String(parts[4])
        resource = String(parts[5])
    }

    public init(partition: String, service: String, region: String, account: String, resource: String) {
        self.partition = partition
        self.service = service
        self.region = region
        self.account = account
        self.resource = resource
    }

    public var description: String {
        "arn:\(partition):\(service):\(region):\(account):\(resource)"
    }
}

/// Matching of ARN patterns, as IAM applies it to `Resource` and the `Arn…` operators.
///
/// IAM matches each of the six colon-separated parts separately, so `*` and `?` in
/// the first five parts stay within their part. The resource part (everything after
/// the fifth colon) may contain colons, and a `*` there matches them too. A pattern with
/// fewer than six parts matches only when its last part ends with `*`, which then
/// extends over the remaining parts ("if the * is the last character of a segment,
/// it can expand to match beyond the colon boundaries", IAM User Guide, Resource element).
/// A pattern made only of `*` matches every value, ARN or not; otherwise a value that
/// is not an ARN matches nothing.
public enum ARNMatching {
    public static func matches(pattern: Glob, value: String) -> Bool {
        if pattern.matchesEverything {
            return true
        }
        return matches(patternSegments: split(pattern.tokens), valueSegments: split(Array(value.unicodeScalars)))
    }

    /// Matches a pattern and a value already split at their colons, for callers that match
    /// one value against many patterns or the reverse.
    package static func matches(patternSegments: [[Glob.Token]], valueSegments: [[Unicode.Scalar]]) -> Bool {
        guard valueSegments.count == 6 else { return false }
        let lastPatternIndex = patternSegments.count - 1
        for (index, segment) in patternSegments.enumerated() {
            if index == lastPatternIndex && index < 5 {
                // A short pattern: its last part must end with `*` and then covers the rest of the value.
                guard segment.last == .anyRun else { return false }
                let rest = valueSegments[index...].joined(separator: [":"])
                return Glob(tokens: segment).matches(scalars: Array(rest))
            }
            if !Glob(tokens: segment).matches(scalars: valueSegments[index]) {
                return false
            }
        }
        return true
    }

    /// Splits pattern tokens at literal colons into at most six parts; the sixth keeps its colons.
    package static func split(_ tokens: [Glob.Token]) -> [[Glob.Token]] {
        var segments: [[Glob.Token]] = [[]]
        for token in tokens {
            if token == .scalar(":") && segments.count < 6 {
                segments.append([])
            } else {
                segments[segments.count - 1].append(token)
            }
        }
        return segments
    }

    package static func split(_ scalars: [Unicode.Scalar]) -> [[Unicode.Scalar]] {
        var segments: [[Unicode.Scalar]] = [[]]
        for scalar in scalars {
            if scalar == ":" && segments.count < 6 {
                segments.append([])
            } else {
                segments[segments.count - 1].append(scalar)
            }
        }
        return segments
    }
}
