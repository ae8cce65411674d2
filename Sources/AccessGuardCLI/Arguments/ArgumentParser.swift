import PolicyLanguage

/// A command line that cannot be used, with a hint on how to fix it, and any further
/// problems found in the same command line.
struct UsageError: Error, Equatable, Sendable {
    let message: String
    var help: String?
    var others: [UsageError] = []

    init(message: String, help: String? = nil) {
        self.message = message
        self.help = help
    }

    /// Returns the first problem carrying the rest, or nil when there are none.
    static func combining(_ errors: [UsageError]) -> UsageError? {
        guard var first = errors.first else { return nil }
        first.others = Array(errors.dropFirst())
        return first
    }
}

/// The arguments of one subcommand after parsing.
struct ParsedArguments: Sendable {
    var positionals: [String] = []
    var values: [String: [String]] = [:]
    var flags: Set<String> = []

    /// The value of a single-use option, or nil when it was not given.
    func value(_ name: String) -> String? {
        values[name]?.last
    }

    /// Every value of a repeatable option, in order.
    func allValues(_ name: String) -> [String] {
        values[name] ?? []
    }

    func flag(_ name: String) -> Bool {
        flags.contains(name)
    }
}

/// The result of parsing: arguments to run with, or a request for help.
enum ParseOutcome: Sendable {
    case arguments(ParsedArguments)
    case help
}

/// Parses a subcommand's arguments against its `CommandSpec`.
///
/// Accepts `--name value`, `--name=value`, flags, positional arguments in any order,
/// and `--` to end options. Unknown options get a "did you mean" suggestion, and values
/// outside an option's allowed set are listed with the accepted ones.
enum ArgumentParser {
    static func parse(_ arguments: [String], for command: CommandSpec) throws(UsageError) -> ParseOutcome {
        var parsed = ParsedArguments()
        var errors: [UsageError] = []
        var index = 0
        var optionsEnded = false

        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if optionsEnded || !argument.hasPrefix("-") || argument == "-" {
                parsed.positionals.append(argument)
                continue
            }
            if argument == "--" {
                optionsEnded = true
                continue
            }
            if argument == "-h" || argument == "--help" {
                return .help
            }

            var name = argument
            var inlineValue: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            guard let option = command.option(named: name) else {
                errors.append(unknownOption(name, command: command))
                continue
            }

            if option.isFlag {
                if inlineValue != nil {
                    errors.append(UsageError(message: "\(name) is a flag and takes no value"))
                }
                parsed.flags.insert(name)
                continue
            }

            let value: String
            if let inlineValue {
                value = inlineValue
            } else {
                guard index < arguments.count else {
                    errors.append(UsageError(message: "missing value for \(name)", help: "expected \(name) \(option.valueName ?? "VALUE")"))
                    break
                }
                value = arguments[index]
                index += 1
            }
            if let problem = problem(with: value, for: option) {
                errors.append(problem)
                continue
            }
            if !option.repeats, parsed.values[name] != nil {
                errors.append(UsageError(message: "\(name) was given more than once"))
                continue
            }
            parsed.values[name, default: []].append(value)
        }

        errors += positionalProblems(parsed.positionals, command: command)
        if let error = UsageError.combining(errors) {
            throw error
        }
        return .arguments(parsed)
    }

    static func problem(with value: String, for option: OptionSpec) -> UsageError? {
        if let allowed = option.allowedValues, !allowed.contains(value) {
            let suggestion = Suggestions.closest(to: value, among: allowed).map { "; did you mean '\($0)'?" } ?? ""
            return UsageError(
                message: "invalid value '\(value)' for \(option.name)",
                help: "expected one of: \(allowed.joined(separator: ", "))\(suggestion)")
        }
        return option.check?(value)
    }

    static func unknownOption(_ name: String, command: CommandSpec) -> UsageError {
        let names = command.options.map(\.name) + ["--help"]
        let help = Suggestions.closest(to: name, among: names).map { "did you mean '\($0)'?" }
            ?? "run 'accessguard \(command.name) --help' to list the options"
        return UsageError(message: "unknown option '\(name)' for 'accessguard \(command.name)'", help: help)
    }

    static func positionalProblems(_ values: [String], command: CommandSpec) -> [UsageError] {
        let required = command.positionals.filter(\.isRequired)
        if values.count < required.count {
            let missing = required[values.count]
            return [UsageError(message: "missing \(missing.name)", help: "usage: \(command.usage)")]
        }
        let accepts = command.positionals.contains(where: \.isVariadic) ? Int.max : command.positionals.count
        if values.count > accepts {
            return [UsageError(message: "unexpected argument '\(values[accepts])'", help: "usage: \(command.usage)")]
        }
        return []
    }
}
