/// A union of closed integer ranges within `universe`, for discrete ordered domains:
/// IP addresses and instants at nanosecond resolution.
struct DiscreteIntervalSet<Value: FixedWidthInteger & Sendable>: Hashable, Sendable {
    let universe: ClosedRange<Value>
    /// Sorted, disjoint, non-adjacent ranges inside `universe`.
    private(set) var ranges: [ClosedRange<Value>]

    init(universe: ClosedRange<Value>, ranges: [ClosedRange<Value>] = []) {
        self.universe = universe
        self.ranges = DiscreteIntervalSet.normalized(ranges.compactMap { range in
            let lower = Swift.max(range.lowerBound, universe.lowerBound)
            let upper = Swift.min(range.upperBound, universe.upperBound)
            return lower <= upper ? lower...upper : nil
        })
    }

    static func all(_ universe: ClosedRange<Value>) -> DiscreteIntervalSet {
        DiscreteIntervalSet(universe: universe, ranges: [universe])
    }

    var isEmpty: Bool { ranges.isEmpty }

    func contains(_ value: Value) -> Bool {
        ranges.contains { $0.contains(value) }
    }

    var complement: DiscreteIntervalSet {
        var result: [ClosedRange<Value>] = []
        var next: Value? = universe.lowerBound
        for range in ranges {
            if let start = next, range.lowerBound > start {
                result.append(start...(range.lowerBound - 1))
            }
            next = range.upperBound == universe.upperBound ? nil : range.upperBound + 1
        }
        if let start = next {
            result.append(start...universe.upperBound)
        }
        return DiscreteIntervalSet(universe: universe, ranges: result)
    }

    func intersection(_ other: DiscreteIntervalSet) -> DiscreteIntervalSet {
        var result: [ClosedRange<Value>] = []
        var i = 0
        var j = 0
        while i < ranges.count && j < other.ranges.count {
            let lower = Swift.max(ranges[i].lowerBound, other.ranges[j].lowerBound)
            let upper = Swift.min(ranges[i].upperBound, other.ranges[j].upperBound)
            if lower <= upper {
                result.append(lower...upper)
            }
            if ranges[i].upperBound < other.ranges[j].upperBound {
                i += 1
            } else {
                j += 1
            }
        }
        return DiscreteIntervalSet(universe: universe, ranges: result)
    }

    func union(_ other: DiscreteIntervalSet) -> DiscreteIntervalSet {
        DiscreteIntervalSet(universe: universe, ranges: ranges + other.ranges)
    }

    /// The first of `preferred` that the set contains, else its smallest multiple of `step`,
    /// else its smallest member.
    func witness(preferring preferred: [Value] = [], step: Value = 1) -> Value? {
        if let value = preferred.first(where: contains) {
            return value
        }
        if step > 1 {
            for range in ranges {
                let remainder = range.lowerBound % step
                let (rounded, overflow) = remainder == 0
                    ? (range.lowerBound, false)
                    : range.lowerBound.addingReportingOverflow(remainder > 0 ? step - remainder : 0 - remainder)
                if !overflow && range.contains(rounded) {
                    return rounded
                }
            }
        }
        return ranges.first?.lowerBound
    }

    static func normalized(_ input: [ClosedRange<Value>]) -> [ClosedRange<Value>] {
        guard input.count > 1 else { return input }
        let sorted = input.sorted { $0.lowerBound < $1.lowerBound }
        var result = [sorted[0]]
        for range in sorted.dropFirst() {
            let last = result[result.count - 1]
            if last.upperBound == Value.max || range.lowerBound <= last.upperBound + 1 {
                result[result.count - 1] = last.lowerBound...Swift.max(last.upperBound, range.upperBound)
            } else {
                result.append(range)
            }
        }
        return result
    }
}

/// One end of an interval over a dense domain: a value and whether it belongs to the interval.
struct IntervalBound<Value: Comparable & Sendable & Hashable>: Hashable, Sendable {
    let value: Value
    let isInclusive: Bool
}

/// An interval over a dense domain; a nil bound is unbounded.
struct DenseInterval<Value: Comparable & Sendable & Hashable>: Hashable, Sendable {
    let lower: IntervalBound<Value>?
    let upper: IntervalBound<Value>?

    var isEmpty: Bool {
        guard let lower, let upper else { return false }
        if lower.value < upper.value { return false }
        return !(lower.value == upper.value && lower.isInclusive && upper.isInclusive)
    }

    func contains(_ value: Value) -> Bool {
        if let lower {
            if value < lower.value || (value == lower.value && !lower.isInclusive) { return false }
        }
        if let upper {
            if value > upper.value || (value == upper.value && !upper.isInclusive) { return false }
        }
        return true
    }

    /// Whether this interval's lower end starts no later than `other`'s.
    func startsBefore(_ other: DenseInterval) -> Bool {
        switch (lower, other.lower) {
        case (nil, _): return true
        case (_, nil): return false
        case (let a?, let b?): return a.value < b.value || (a.value == b.value && a.isInclusive && !b.isInclusive)
        }
    }
}

/// A union of intervals over a dense ordered domain (exact decimal numbers).
struct DenseIntervalSet<Value: Comparable & Sendable & Hashable>: Hashable, Sendable {
    /// Sorted, disjoint intervals.
    private(set) var intervals: [DenseInterval<Value>]

    init(_ intervals: [DenseInterval<Value>]) {
        self.intervals = DenseIntervalSet.normalized(intervals.filter { !$0.isEmpty })
    }

    static var all: DenseIntervalSet { DenseIntervalSet([DenseInterval(lower: nil, upper: nil)]) }

    var isEmpty: Bool { intervals.isEmpty }

    func contains(_ value: Value) -> Bool {
        intervals.contains { $0.contains(value) }
    }

    var complement: DenseIntervalSet {
        var result: [DenseInterval<Value>] = []
        var start: IntervalBound<Value>?? = .some(nil)
        for interval in intervals {
            if case .some(let from) = start, let lower = interval.lower {
                result.append(DenseInterval(lower: from, upper: IntervalBound(value: lower.value, isInclusive: !lower.isInclusive)))
            }
            if let upper = interval.upper {
                start = .some(IntervalBound(value: upper.value, isInclusive: !upper.isInclusive))
            } else {
                start = .none
            }
        }
        if case .some(let from) = start {
            result.append(DenseInterval(lower: from, upper: nil))
        }
        return DenseIntervalSet(result)
    }

    func intersection(_ other: DenseIntervalSet) -> DenseIntervalSet {
        var result: [DenseInterval<Value>] = []
        for a in intervals {
            for b in other.intervals {
                let lower: IntervalBound<Value>? = {
                    guard let x = a.lower else { return b.lower }
                    guard let y = b.lower else { return x }
                    if x.value != y.value { return x.value > y.value ? x : y }
                    return IntervalBound(value: x.value, isInclusive: x.isInclusive && y.isInclusive)
                }()
                let upper: IntervalBound<Value>? = {
                    guard let x = a.upper else { return b.upper }
                    guard let y = b.upper else { return x }
                    if x.value != y.value { return x.value < y.value ? x : y }
                    return IntervalBound(value: x.value, isInclusive: x.isInclusive && y.isInclusive)
                }()
                result.append(DenseInterval(lower: lower, upper: upper))
            }
        }
        return DenseIntervalSet(result)
    }

    func union(_ other: DenseIntervalSet) -> DenseIntervalSet {
        complement.intersection(other.complement).complement
    }

    static func normalized(_ input: [DenseInterval<Value>]) -> [DenseInterval<Value>] {
        let sorted = input.sorted { $0.startsBefore($1) }
        var result: [DenseInterval<Value>] = []
        for interval in sorted {
            guard let last = result.last else {
                result.append(interval)
                continue
            }
            // Merge when the intervals overlap or touch at a value one of them includes.
            let touches: Bool = {
                guard let lastUpper = last.upper else { return true }
                guard let lower = interval.lower else { return true }
                if lower.value < lastUpper.value { return true }
                return lower.value == lastUpper.value && (lower.isInclusive || lastUpper.isInclusive)
            }()
            if touches {
                let upper: IntervalBound<Value>? = {
                    guard let a = last.upper, let b = interval.upper else { return nil }
                    if a.value != b.value { return a.value > b.value ? a : b }
                    return IntervalBound(value: a.value, isInclusive: a.isInclusive || b.isInclusive)
                }()
                result[result.count - 1] = DenseInterval(lower: last.lower, upper: upper)
            } else {
                result.append(interval)
            }
        }
        return result
    }
}
