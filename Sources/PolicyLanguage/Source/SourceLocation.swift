/// A position in source text.
///
/// `line` and `column` are 1-based; `column` counts Unicode scalars, so a
/// multi-byte character counts once. `offset` is the 0-based byte offset into
/// the UTF-8 text that was parsed (after any UTF-16 input was converted).
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
    // Every value of a parsed deployment carries a location, so the three numbers are stored
    // in 32 bits each, which halves the size of a location. Inputs are far smaller than
    // 4 GiB; larger numbers are clamped.
    private var storedLine: UInt32
    private var storedColumn: UInt32
    private var storedOffset: UInt32

    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Self.clamped(newValue) }
    }

    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = Self.clamped(newValue) }
    }

    public var offset: Int {
        get { Int(storedOffset) }
        set { storedOffset = Self.clamped(newValue) }
    }

    public init(line: Int, column: Int, offset: Int) {
        storedLine = Self.clamped(line)
        storedColumn = Self.clamped(column)
        storedOffset = Self.clamped(offset)
    }

    private static func clamped(_ value: Int) -> UInt32 {
        UInt32(clamping: value)
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        lhs.offset < rhs.offset
    }

    public var description: String { "\(line):\(column)" }
}
