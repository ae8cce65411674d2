/// An exact decimal number for the `Numeric…` condition operators.
///
/// Holds the sign, the significant digits and a power-of-ten exponent, so that integers
/// of any length and decimal fractions compare exactly, without floating-point rounding.
public struct DecimalNumber: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let isNegative: Bool
    /// Significant digits without leading or trailing zeros; empty for zero.
    public let digits: [UInt8]
    /// The value is `digits × 10^exponent`.
    public let exponent: Int

    /// Parses `[+-]digits[.digits][e[+-]digits]`. Exponents beyond ±100000 are rejected.
    public init?(_ text: some StringProtocol) {
        var scalars = Substring(text).unicodeScalars[...]
        var negative = false
        if let sign = scalars.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            scalars = scalars.dropFirst()
        }
        var mantissa: [UInt8] = []
        var exponent = 0
        var sawDigit = false
        var sawPoint = false
        while let scalar = scalars.first {
            if scalar == "." && !sawPoint {
                sawPoint = true
            } else if let digit = DecimalNumber.digitValue(scalar) {
                sawDigit = true
                mantissa.append(digit)
                if sawPoint { exponent -= 1 }
            } else {
                break
            }
            scalars = scalars.dropFirst()
        }
        guard sawDigit else { return nil }
        if let marker = scalars.first, marker == "e" || marker == "E" {
            scalars = scalars.dropFirst()
            var exponentNegative = false
            if let sign = scalars.first, sign == "-" || sign == "+" {
                exponentNegative = sign == "-"
                scalars = scalars.dropFirst()
            }
            guard !scalars.isEmpty, scalars.count <= 6 else { return nil }
            var value = 0
            for scalar in scalars {
                guard let digit = DecimalNumber.digitValue(scalar) else { return nil }
                value = value * 10 + Int(digit)
            }
            guard value <= 100_000 else { return nil }
            exponent += exponentNegative ? -value : value
            scalars = scalars[scalars.endIndex...]
        }
        guard scalars.isEmpty else { return nil }

        // One removal of all leading zeros: removing them one at a time moves the rest of
        // the digits each time, which took seconds for a value with a million zeros.
        mantissa.removeFirst(mantissa.prefix { $0 == 0 }.count)
        while let last = mantissa.last, last == 0 {
            mantissa.removeLast()
            exponent += 1
        }
        self.isNegative = negative && !mantissa.isEmpty
        self.digits = mantissa
        self.exponent = mantissa.isEmpty ? 0 : exponent
    }

    private static func digitValue(_ scalar: Unicode.Scalar) -> UInt8? {
        guard scalar.value >= 0x30 && scalar.value <= 0x39 else { return nil }
        return UInt8(scalar.value - 0x30)
    }

    public var isZero: Bool { digits.isEmpty }

    /// The position of the most significant digit: `digits.count + exponent`.
    private var magnitudeOrder: Int { digits.count + exponent }

    private static func compareMagnitude(_ lhs: DecimalNumber, _ rhs: DecimalNumber) -> Int {
        if lhs.isZero || rhs.isZero {
            return (lhs.isZero ? 0 : 1) - (rhs.isZero ? 0 : 1)
        }
        if lhs.magnitudeOrder != rhs.magnitudeOrder {
            return lhs.magnitudeOrder < rhs.magnitudeOrder ? -1 : 1
        }
        for index in 0..<max(lhs.digits.count, rhs.digits.count) {
            let left = index < lhs.digits.count ? lhs.digits[index] : 0
            let right = index < rhs.digits.count ? rhs.digits[index] : 0
            if left != right { return left < right ? -1 : 1 }
        }
        return 0
    }

    public static func < (lhs: DecimalNumber, rhs: DecimalNumber) -> Bool {
        if lhs.isNegative != rhs.isNegative { return lhs.isNegative }
        let magnitude = compareMagnitude(lhs, rhs)
        return lhs.isNegative ? magnitude > 0 : magnitude < 0
    }

    public var description: String {
        if isZero { return "0" }
        let text = digits.map { String($0) }.joined()
        let sign = isNegative ? "-" : ""
        if exponent >= 0 {
            return sign + text + String(repeating: "0", count: exponent)
        }
        let pointPosition = text.count + exponent
        if pointPosition > 0 {
            let index = text.index(text.startIndex, offsetBy: pointPosition)
            return sign + text[..<index] + "." + text[index...]
        }
        return sign + "0." + String(repeating: "0", count: -pointPosition) + text
    }
}
