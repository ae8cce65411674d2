/// An option of a subcommand: a flag, or an option that takes a value.
struct OptionSpec: Sendable {
    /// The long name with its dashes, such as `--format`.
    let name: String
    /// The placeholder shown in help, such as `FORMAT`; nil for flags.
    let valueName: String?
    let help: String
    /// The values the option accepts; nil for any value.
    let allowedValues: [String]?
    /// Whether the option may be given more than once.
    let repeats: Bool
    /// Checks a value, returning the problem with it or nil when it can be used.
    let check: (@Sendable (String) -> UsageError?)?

    static func flag(_ name: String, help: String) -> OptionSpec {
        OptionSpec(name: name, valueName: nil, help: help, allowedValues: nil, repeats: false, check: nil)
    }

    static func value(
        _ name: String, _ valueName: String, help: String, allowed: [String]? = nil, repeats: Bool = false,
        check: (@Sendable (String) -> UsageError?)? = nil
    ) -> OptionSpec {
        OptionSpec(name: name, valueName: valueName, help: help, allowedValues: allowed, repeats: repeats, check: check)
    }

    var isFlag: Bool { valueName == nil }
}

/// A positional argument of a subcommand.
struct PositionalSpec: Sendable {
    let name: String
    let help: String
    /// Whether the argument may repeat (`FILE...`).
    let isVariadic: Bool
    let isRequired: Bool
}

/// Everything the parser and the help text need to know about a subcommand.
struct CommandSpec: Sendable {
    let name: String
    /// One line, shown in the list of subcommands.
    let abstract: String
    /// Paragraphs shown after the usage line.
    let discussion: String
    let positionals: [PositionalSpec]
    let options: [OptionSpec]
    /// Example command lines shown at the end of the help.
    let examples: [String]

    func option(named name: String) -> OptionSpec? {
        options.first { $0.name == name }
    }

    var usage: String {
        var parts = ["accessguard", name]
        for positional in positionals {
            let text = positional.name + (positional.isVariadic ? "..." : "")
            parts.append(positional.isRequired ? text : "[\(text)]")
        }
        if !options.isEmpty {
            parts.append("[options]")
        }
        return parts.joined(separator: " ")
    }

    /// The full help text for `accessguard NAME --help`.
    var helpText: String {
        var text = "OVERVIEW: \(abstract)\n\nUSAGE: \(usage)\n"
        if !discussion.isEmpty {
            let lines = discussion.split(separator: "\n", omittingEmptySubsequences: false)
            text += "\n" + lines.map { Self.wrapped(String($0)) }.joined(separator: "\n") + "\n"
        }
        if !positionals.isEmpty {
            text += "\nARGUMENTS:\n"
            for positional in positionals {
                text += Self.helpRow(positional.name + (positional.isVariadic ? "..." : ""), positional.help)
            }
        }
        text += "\nOPTIONS:\n"
        for option in options {
            var label = option.name
            if let valueName = option.valueName {
                label += " \(valueName)"
            }
            var help = option.help
            if let allowed = option.allowedValues {
                help += " (\(allowed.joined(separator: ", ")))"
            }
            if option.repeats {
                help += " May be repeated."
            }
            text += Self.helpRow(label, help)
        }
        text += Self.helpRow("-h, --help", "Show this help.")
        if !examples.isEmpty {
            text += "\nEXAMPLES:\n"
            for example in examples {
                text += "  \(example)\n"
            }
        }
        return text
    }

    static func helpRow(_ label: String, _ help: String) -> String {
        let width = 28
        let indent = String(repeating: " ", count: width)
        let lines = wordLines(help, width: lineWidth - width)
        var text = label.count + 2 >= width
            ? "  \(label)\n" + indent + lines[0] + "\n"
            : "  " + label + String(repeating: " ", count: width - 2 - label.count) + lines[0] + "\n"
        for line in lines.dropFirst() {
            text += indent + line + "\n"
        }
        return text
    }

    /// The widest line of help text.
    static let lineWidth = 92

    /// Breaks a line longer than `lineWidth` between words, keeping its indentation.
    static func wrapped(_ line: String) -> String {
        guard line.count > lineWidth else { return line }
        let leading = String(line.prefix { $0 == " " })
        return wordLines(String(line.dropFirst(leading.count)), width: lineWidth - leading.count)
            .map { leading + $0 }
            .joined(separator: "\n")
    }

    /// Splits text into lines of at most `width` characters between words; a longer word
    /// takes a line of its own.
    static func wordLines(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count > width {
                lines.append(current)
                current = String(word)
            } else {
                current += " " + word
            }
        }
        lines.append(current)
        return lines
    }
}
