/// Text from inputs, made safe to show in a terminal or a CI log.
///
/// A template or policy may hold control characters in names and values. Written as they are,
/// an escape sequence in a resource name could clear the screen, move the cursor or recolor
/// the report, and hide its content. Each control character is shown as a visible character
/// of its own instead, so that columns stay aligned under a caret.
public enum TerminalText {
    /// Returns the text with each control character shown as its Unicode control picture (ESC
    /// as U+241B, DEL as U+2421) and each C1 control as U+FFFD. Line feeds and tabs are kept
    /// when `keepingLayout` is true, as in a whole report, and shown too when it is false, as
    /// in one value of a line.
    public static func escapingControls(_ text: String, keepingLayout: Bool = true) -> String {
        guard needsEscaping(text, keepingLayout: keepingLayout) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            result.append(shown(scalar, keepingLayout: keepingLayout))
        }
        return String(result)
    }

    static func needsEscaping(_ text: String, keepingLayout: Bool) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte < 0x20 && !(keepingLayout && (byte == 0x0A || byte == 0x09)) { return true }
            if byte == 0x7F { return true }
            // C1 controls, U+0080 to U+009F, are 0xC2 followed by 0x80 to 0x9F in UTF-8.
            if previous == 0xC2 && byte >= 0x80 && byte <= 0x9F { return true }
            previous = byte
        }
        return false
    }

    static func shown(_ scalar: Unicode.Scalar, keepingLayout: Bool) -> Unicode.Scalar {
        let value = scalar.value
        if keepingLayout && (value == 0x0A || value == 0x09) { return scalar }
        if value < 0x20 { return Unicode.Scalar(0x2400 + value)! }
        if value == 0x7F { return "\u{2421}" }
        if value >= 0x80 && value <= 0x9F { return "\u{FFFD}" }
        return scalar
    }
}
