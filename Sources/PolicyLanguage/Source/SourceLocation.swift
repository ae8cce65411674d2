/// A position in source text.
///
/// `line` and `column` are 1-based; `column` counts Unicode scalars, so a
/// multi-byte character counts once. `offset` is the 0-based byte offset into
/// the UTF-8 text that was parsed (after any UTF-16 input was converted).
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var offset: Int

    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        lhs.offset < rhs.offset
    }

    public var description: String { "\(line):\(column)" }
}
