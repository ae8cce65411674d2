/// Scalar-by-scalar lowercasing, used wherever IAM compares without regard to case
/// (action names, condition-key names, `…IgnoreCase` operators).
///
/// Each scalar maps to its simple lowercase form; a scalar whose lowercase form takes
/// several scalars stays as it is, so lengths never change and glob positions line up.
public enum CaseFolding {
    public static func lowercase(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.isASCII {
            if scalar.value >= 0x41 && scalar.value <= 0x5A {
                return Unicode.Scalar(scalar.value + 0x20) ?? scalar
            }
            return scalar
        }
        let lower = scalar.properties.lowercaseMapping.unicodeScalars
        if lower.count == 1, let first = lower.first {
            return first
        }
        return scalar
    }

    public static func lowercasedScalars(_ text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.map(lowercase)
    }

    public static func lowercased(_ text: String) -> String {
        let utf8 = text.utf8
        if utf8.allSatisfy({ $0 < 0x80 }) {
            guard utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return text }
            return String(decoding: utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
        }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: text.unicodeScalars.lazy.map(lowercase))
        return String(result)
    }

    /// Whether two strings are equal scalar by scalar, ignoring case.
    public static func equalIgnoringCase(_ lhs: String, _ rhs: String) -> Bool {
        lhs.unicodeScalars.lazy.map(lowercase).elementsEqual(rhs.unicodeScalars.lazy.map(lowercase))
    }
}

extension String {
    /// Whether the strings have the same Unicode scalars. Unlike `==`, this does not treat
    /// canonically equivalent forms (such as a composed and a decomposed "é") as equal,
    /// which is how AWS compares policy values.
    public func hasSameScalars(as other: String) -> Bool {
        utf8.elementsEqual(other.utf8)
    }
}
