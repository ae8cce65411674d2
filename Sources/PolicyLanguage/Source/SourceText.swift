/// The text of one input, kept so that diagnostics can quote the line they point at.
public struct SourceText: Sendable {
    /// The file path, or a label such as `<stdin>` for input that has no path.
    public let name: String
    /// The UTF-8 text that locations refer to.
    public let utf8: [UInt8]

    public init(name: String, utf8: [UInt8]) {
        self.name = name
        self.utf8 = utf8
    }

    public init(name: String, text: String) {
        self.init(name: name, utf8: Array(text.utf8))
    }

    /// The text of the 1-based `line`, without its line break, or nil when the text has fewer lines.
    /// Invalid UTF-8 is shown with replacement characters.
    public func lineText(_ line: Int) -> String? {
        guard line >= 1 else { return nil }
        var currentLine = 1
        var start = 0
        var index = 0
        while currentLine < line {
            guard let newline = utf8[index...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            index = newline + 1
            start = index
            currentLine += 1
        }
        var end = utf8[start...].firstIndex(of: UInt8(ascii: "\n")) ?? utf8.count
        if end > start, utf8[end - 1] == UInt8(ascii: "\r") {
            end -= 1
        }
        return String(decoding: utf8[start..<end], as: UTF8.self)
    }
}
