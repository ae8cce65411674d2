import PolicyLanguage

/// Exact decimal sums and midpoints, to pick witness numbers inside intervals.
///
/// A value is `±digits × 10^exponent` with `digits` a big-endian array of decimal digits.
struct SignedDecimal: Sendable {
    var isNegative: Bool
    var digits: [UInt8]
    var exponent: Int

    init(_ number: DecimalNumber) {
        isNegative = number.isNegative
        digits = number.digits.isEmpty ? [0] : number.digits
        exponent = number.exponent
    }

    init(isNegative: Bool, digits: [UInt8], exponent: Int) {
        self.isNegative = isNegative
        self.digits = digits
        self.exponent = exponent
    }

    static let one = SignedDecimal(isNegative: false, digits: [1], exponent: 0)

    /// The value as a `DecimalNumber`, through its text form.
    var decimalNumber: DecimalNumber {
        let text = (isNegative ? "-" : "") + digits.map(String.init).joined() + "e\(exponent)"
        return DecimalNumber(text) ?? DecimalNumber("0")!  // The text is built from digits, so it parses.
    }

    /// The digits shifted so that the exponent becomes `target`, which must not exceed it.
    private func digits(atExponent target: Int) -> [UInt8] {
        digits + Array(repeating: 0, count: exponent - target)
    }

    static func + (lhs: SignedDecimal, rhs: SignedDecimal) -> SignedDecimal {
        let exponent = min(lhs.exponent, rhs.exponent)
        let a = lhs.digits(atExponent: exponent)
        let b = rhs.digits(atExponent: exponent)
        if lhs.isNegative == rhs.isNegative {
            return SignedDecimal(isNegative: lhs.isNegative, digits: add(a, b), exponent: exponent)
        }
        if compareMagnitude(a, b) >= 0 {
            return SignedDecimal(isNegative: lhs.isNegative, digits: subtract(a, b), exponent: exponent)
        }
        return SignedDecimal(isNegative: rhs.isNegative, digits: subtract(b, a), exponent: exponent)
    }

    var negated: SignedDecimal {
        SignedDecimal(isNegative: !isNegative, digits: digits, exponent: exponent)
    }

    /// Half the value: times 5, divided by 10.
    var half: SignedDecimal {
        SignedDecimal(isNegative: isNegative, digits: multiply(digits, by: 5), exponent: exponent - 1)
    }

    static func midpoint(_ a: DecimalNumber, _ b: DecimalNumber) -> DecimalNumber {
        (SignedDecimal(a) + SignedDecimal(b)).half.decimalNumber
    }

    static func adding(_ a: DecimalNumber, _ delta: SignedDecimal) -> DecimalNumber {
        (SignedDecimal(a) + delta).decimalNumber
    }

    private static func add(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var carry: UInt8 = 0
        var i = a.count - 1
        var j = b.count - 1
        while i >= 0 || j >= 0 || carry > 0 {
            let sum = (i >= 0 ? a[i] : 0) + (j >= 0 ? b[j] : 0) + carry
            result.append(sum % 10)
            carry = sum / 10
            i -= 1
            j -= 1
        }
        return result.reversed()
    }

    /// `a - b` for `a >= b` in magnitude.
    private static func subtract(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var borrow = 0
        var i = a.count - 1
        var j = b.count - 1
        while i >= 0 {
            var difference = Int(a[i]) - borrow - (j >= 0 ? Int(b[j]) : 0)
            borrow = difference < 0 ? 1 : 0
            if difference < 0 { difference += 10 }
            result.append(UInt8(difference))
            i -= 1
            j -= 1
        }
        return result.reversed()
    }

    private static func compareMagnitude(_ a: [UInt8], _ b: [UInt8]) -> Int {
        let x = Array(a.drop { $0 == 0 })
        let y = Array(b.drop { $0 == 0 })
        if x.count != y.count { return x.count < y.count ? -1 : 1 }
        for (p, q) in zip(x, y) where p != q {
            return p < q ? -1 : 1
        }
        return 0
    }

    private func multiply(_ a: [UInt8], by factor: UInt8) -> [UInt8] {
        var result: [UInt8] = []
        var carry: UInt8 = 0
        for digit in a.reversed() {
            let product = digit * factor + carry
            result.append(product % 10)
            carry = product / 10
        }
        if carry > 0 { result.append(carry) }
        return result.reversed()
    }
}

extension DenseIntervalSet where Value == DecimalNumber {
    /// A member: a closed end where there is one, otherwise a value inside an interval;
    /// zero when the set contains it.
    func witness() -> DecimalNumber? {
        if let zero = DecimalNumber("0"), contains(zero) {
            return zero
        }
        guard let interval = intervals.first else { return nil }
        switch (interval.lower, interval.upper) {
        case (let lower?, _) where lower.isInclusive:
            return lower.value
        case (_, let upper?) where upper.isInclusive && interval.lower == nil:
            return upper.value
        case (let lower?, let upper?):
            return SignedDecimal.midpoint(lower.value, upper.value)
        case (let lower?, nil):
            return SignedDecimal.adding(lower.value, .one)
        case (nil, let upper?):
            return SignedDecimal.adding(upper.value, SignedDecimal.one.negated)
        case (nil, nil):
            return DecimalNumber("0")
        }
    }
}
