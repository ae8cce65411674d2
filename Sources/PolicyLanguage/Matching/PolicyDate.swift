/// An instant for the `Date…` condition operators, as seconds and nanoseconds since 1970-01-01T00:00:00Z.
///
/// Accepts the W3C profiles of ISO 8601 that IAM documents (`YYYY`, `YYYY-MM`,
/// `YYYY-MM-DD`, `YYYY-MM-DDThh:mm`, `…:ss` and `…:ss.fraction`, each with `Z` or a
/// `±hh:mm` offset; a missing offset means UTC) and epoch seconds such as `1700000000`.
public struct PolicyDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let seconds: Int64
    public let nanoseconds: Int32

    public init(seconds: Int64, nanoseconds: Int32 = 0) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    public init?(_ text: some StringProtocol) {
        let scalars = Array(Substring(text).unicodeScalars)
        if let epoch = PolicyDate.parseEpoch(scalars) {
            self = epoch
        } else if let date = PolicyDate.parseISO8601(scalars) {
            self = date
        } else {
            return nil
        }
    }

    public static func < (lhs: PolicyDate, rhs: PolicyDate) -> Bool {
        (lhs.seconds, lhs.nanoseconds) < (rhs.seconds, rhs.nanoseconds)
    }

    // MARK: - Parsing

    private static func digit(_ scalar: Unicode.Scalar) -> Int? {
        scalar.value >= 0x30 && scalar.value <= 0x39 ? Int(scalar.value - 0x30) : nil
    }

    /// Reads `count` digits at `index` as a number.
    private static func number(_ scalars: [Unicode.Scalar], _ index: Int, _ count: Int) -> Int? {
        guard index + count <= scalars.count else { return nil }
        var value = 0
        for position in index..<(index + count) {
            guard let digit = digit(scalars[position]) else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    /// Reads a fraction of a second: up to nine digits count, later ones are dropped.
    private static func fraction(_ digits: ArraySlice<Unicode.Scalar>) -> Int32? {
        guard !digits.isEmpty else { return nil }
        var nanos = 0
        var scale = 100_000_000
        for scalar in digits {
            guard let value = digit(scalar) else { return nil }
            nanos += value * scale
            scale /= 10
        }
        return Int32(nanos)
    }

    static func parseEpoch(_ scalars: [Unicode.Scalar]) -> PolicyDate? {
        var index = 0
        var negative = false
        if scalars.first == "-" {
            negative = true
            index = 1
        }
        let integerStart = index
        while index < scalars.count, digit(scalars[index]) != nil { index += 1 }
        let integerDigits = index - integerStart
        // Four digits alone are a year, not epoch seconds.
        guard integerDigits > 0, integerDigits <= 18, !(integerDigits == 4 && !negative && index == scalars.count) else {
            return nil
        }
        guard let whole = Int64(String(String.UnicodeScalarView(scalars[integerStart..<index]))) else { return nil }
        var nanos: Int32 = 0
        if index < scalars.count {
            guard scalars[index] == ".", let value = fraction(scalars[(index + 1)...]) else { return nil }
            nanos = value
        }
        if negative {
            return nanos == 0 ? PolicyDate(seconds: -whole) : PolicyDate(seconds: -whole - 1, nanoseconds: 1_000_000_000 - nanos)
        }
        return PolicyDate(seconds: whole, nanoseconds: nanos)
    }

    static func parseISO8601(_ scalars: [Unicode.Scalar]) -> PolicyDate? {
        guard let year = number(scalars, 0, 4) else { return nil }
        var month = 1
        var day = 1
        var hour = 0
        var minute = 0
        var second = 0
        var nanos: Int32 = 0
        var offsetSeconds = 0
        var index = 4

        if index < scalars.count {
            guard scalars[index] == "-", let value = number(scalars, index + 1, 2) else { return nil }
            month = value
            index += 3
        }
        if index < scalars.count, scalars[index] == "-" {
            guard let value = number(scalars, index + 1, 2) else { return nil }
            day = value
            index += 3
        }
        if index < scalars.count, scalars[index] == "T" || scalars[index] == "t" {
            guard let hours = number(scalars, index + 1, 2), index + 3 < scalars.count, scalars[index + 3] == ":",
                  let minutes = number(scalars, index + 4, 2) else { return nil }
            hour = hours
            minute = minutes
            index += 6
            if index < scalars.count, scalars[index] == ":" {
                guard let seconds = number(scalars, index + 1, 2) else { return nil }
                second = seconds
                index += 3
                if index < scalars.count, scalars[index] == "." {
                    var end = index + 1
                    while end < scalars.count, digit(scalars[end]) != nil { end += 1 }
                    guard let value = fraction(scalars[(index + 1)..<end]) else { return nil }
                    nanos = value
                    index = end
                }
            }
            if index < scalars.count {
                switch scalars[index] {
                case "Z", "z":
                    index += 1
                case "+", "-":
                    let sign = scalars[index] == "-" ? -1 : 1
                    guard let offsetHours = number(scalars, index + 1, 2) else { return nil }
                    var offsetMinutes = 0
                    if index + 3 < scalars.count, scalars[index + 3] == ":" {
                        guard let value = number(scalars, index + 4, 2) else { return nil }
                        offsetMinutes = value
                        index += 6
                    } else if let value = number(scalars, index + 3, 2) {
                        offsetMinutes = value
                        index += 5
                    } else {
                        index += 3
                    }
                    guard offsetHours <= 23, offsetMinutes <= 59 else { return nil }
                    offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
                default:
                    return nil
                }
            }
        }
        guard index == scalars.count else { return nil }
        guard (1...12).contains(month), (1...daysInMonth(year: year, month: month)).contains(day),
              hour <= 23, minute <= 59, second <= 59 else { return nil }

        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetSeconds)
        return PolicyDate(seconds: seconds, nanoseconds: nanos)
    }

    static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's days_from_civil).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let adjustedYear = month <= 2 ? year - 1 : year
        let era = (adjustedYear >= 0 ? adjustedYear : adjustedYear - 399) / 400
        let yearOfEra = adjustedYear - era * 400
        let monthIndex = (month + 9) % 12
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The instant in UTC as `YYYY-MM-DDThh:mm:ssZ`, with a fraction when it has one.
    public var description: String {
        let days = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let secondOfDay = Int(seconds - Int64(days) * 86_400)
        let (year, month, day) = PolicyDate.civilFromDays(days)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        var text = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
        if nanoseconds != 0 {
            var fractionText = pad(Int(nanoseconds), 9)
            while fractionText.hasSuffix("0") { fractionText.removeLast() }
            text += "." + fractionText
        }
        return text + "Z"
    }

    /// The inverse of `daysFromCivil`.
    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}
