/// A set of Unicode scalar values, as sorted, disjoint, non-adjacent closed ranges.
///
/// Automata label their transitions with these sets, so that an alphabet of 1.1 million
/// scalars costs no more than the few ranges a pattern actually distinguishes.
struct ScalarSet: Hashable, Sendable {
    static let maximum: UInt32 = 0x10FFFF

    private var storage: DiscreteIntervalSet<UInt32>

    init(ranges: [ClosedRange<UInt32>]) {
        storage = DiscreteIntervalSet(universe: 0...ScalarSet.maximum, ranges: ranges)
    }

    private init(_ storage: DiscreteIntervalSet<UInt32>) {
        self.storage = storage
    }

    /// Closed ranges, sorted and separated by at least one excluded value.
    var ranges: [ClosedRange<UInt32>] { storage.ranges }

    static let empty = ScalarSet(ranges: [])
    static let all = ScalarSet(ranges: [0...maximum])

    static func single(_ scalar: Unicode.Scalar) -> ScalarSet {
        ScalarSet(ranges: [scalar.value...scalar.value])
    }

    static func scalars(_ scalars: [Unicode.Scalar]) -> ScalarSet {
        ScalarSet(ranges: scalars.map { $0.value...$0.value })
    }

    /// Every scalar except the given ones.
    static func allExcept(_ scalars: [Unicode.Scalar]) -> ScalarSet {
        ScalarSet.scalars(scalars).complement
    }

    var isEmpty: Bool { storage.isEmpty }

    func contains(_ value: UInt32) -> Bool { storage.contains(value) }

    var complement: ScalarSet { ScalarSet(storage.complement) }

    func union(_ other: ScalarSet) -> ScalarSet { ScalarSet(storage.union(other.storage)) }

    func intersection(_ other: ScalarSet) -> ScalarSet { ScalarSet(storage.intersection(other.storage)) }

    /// The scalars that witnesses prefer, in order: lower-case letters, digits, upper-case
    /// letters, then common punctuation of identifiers and paths.
    static let preferred: [UInt32] = Array(0x61...0x7A) + Array(0x30...0x39) + Array(0x41...0x5A) + [0x2D, 0x5F, 0x2E, 0x2F, 0x3A]

    /// How readable `value` is as a witness character; lower is better.
    static func preference(_ value: UInt32) -> Int {
        if value < 128, preferenceRanks[Int(value)] >= 0 {
            return Int(preferenceRanks[Int(value)])
        }
        return preferred.count + Int(min(value, 0xFFFFF))
    }

    /// The rank of each ASCII scalar in `preferred`, or -1.
    private static let preferenceRanks: [Int8] = {
        var ranks = Array(repeating: Int8(-1), count: 128)
        for (rank, value) in preferred.enumerated() {
            ranks[Int(value)] = Int8(rank)
        }
        return ranks
    }()

    /// A readable member of `lower...upper`, avoiding surrogate code points, or nil when the
    /// range holds no Unicode scalar.
    static func representative(_ lower: UInt32, _ upper: UInt32) -> UInt32? {
        // The runs of `preferred`, in order: letters, digits, capitals, then punctuation.
        for run: ClosedRange<UInt32> in [0x61...0x7A, 0x30...0x39, 0x41...0x5A] where lower <= run.upperBound && upper >= run.lowerBound {
            return max(lower, run.lowerBound)
        }
        for candidate: UInt32 in [0x2D, 0x5F, 0x2E, 0x2F, 0x3A] where candidate >= lower && candidate <= upper {
            return candidate
        }
        var value = max(lower, 0x21)
        if value > upper { value = lower }
        if (0xD800...0xDFFF).contains(value) {
            value = 0xE000
        }
        return value <= upper ? value : nil
    }
}
