import Testing

@testable import AccessGuardCLI

struct ArgumentParserTests {
    static let spec = CommandSpec(
        name: "demo",
        abstract: "Demo.",
        discussion: "",
        positionals: [PositionalSpec(name: "FILE", help: "A file.", isVariadic: true, isRequired: true)],
        options: [
            .value("--format", "FORMAT", help: "Format.", allowed: ["text", "json"]),
            .value("--context", "KEY=VALUE", help: "Context.", repeats: true),
            .flag("--explain", help: "Explain."),
        ],
        examples: [])

    func parsed(_ arguments: [String]) throws -> ParsedArguments {
        guard case .arguments(let parsed) = try ArgumentParser.parse(arguments, for: Self.spec) else {
            Issue.record("expected arguments, got help")
            return ParsedArguments()
        }
        return parsed
    }

    @Test func readsOptionsFlagsAndPositionalsInAnyOrder() throws {
        let arguments = try parsed(["a.json", "--format", "json", "--explain", "--context=k=v", "b.json", "--context", "x=y"])
        #expect(arguments.positionals == ["a.json", "b.json"])
        #expect(arguments.value("--format") == "json")
        #expect(arguments.flag("--explain"))
        #expect(arguments.allValues("--context") == ["k=v", "x=y"])
    }

    @Test func everyProblemIsReportedTogether() {
        do {
            _ = try ArgumentParser.parse(["--format", "xml", "--explian", "--format"], for: Self.spec)
            Issue.record("expected usage errors")
        } catch {
            let messages = ([error] + error.others).map(\.message)
            #expect(messages == [
                "invalid value 'xml' for --format",
                "unknown option '--explian' for 'accessguard demo'",
                "missing value for --format",
                "missing FILE",
            ])
        }
    }

    @Test func doubleDashEndsOptions() throws {
        let arguments = try parsed(["--", "--format"])
        #expect(arguments.positionals == ["--format"])
    }

    @Test func helpFlagAsksForHelp() throws {
        for arguments in [["-h"], ["x.json", "--help"], ["--format", "json", "-h"]] {
            guard case .help = try ArgumentParser.parse(arguments, for: Self.spec) else {
                Issue.record("expected help for \(arguments)")
                continue
            }
        }
    }

    /// Rows: arguments, expected error message, expected help.
    static let errors: [([String], String, String?)] = [
        (["a", "--fromat", "json"], "unknown option '--fromat' for 'accessguard demo'", "did you mean '--format'?"),
        (["a", "--zzzzzz"], "unknown option '--zzzzzz' for 'accessguard demo'", "run 'accessguard demo --help' to list the options"),
        (["a", "--format", "yaml"], "invalid value 'yaml' for --format", "expected one of: text, json"),
        (["a", "--format", "jsn"], "invalid value 'jsn' for --format", "expected one of: text, json; did you mean 'json'?"),
        (["a", "--format"], "missing value for --format", "expected --format FORMAT"),
        (["a", "--format", "json", "--format", "text"], "--format was given more than once", nil),
        (["a", "--explain=yes"], "--explain is a flag and takes no value", nil),
        ([], "missing FILE", "usage: accessguard demo FILE... [options]"),
    ]

    @Test(arguments: errors)
    func rejectsUnusableCommandLines(arguments: [String], message: String, help: String?) {
        do {
            _ = try ArgumentParser.parse(arguments, for: Self.spec)
            Issue.record("expected a usage error for \(arguments)")
        } catch {
            #expect(error.message == message)
            #expect(error.help == help)
        }
    }

    @Test func helpTextListsEveryOption() {
        let help = Self.spec.helpText
        #expect(help.contains("USAGE: accessguard demo FILE... [options]"))
        #expect(help.contains("--format FORMAT"))
        #expect(help.contains("(text, json)"))
        #expect(help.contains("--context KEY=VALUE"))
        #expect(help.contains("May be repeated."))
        #expect(help.contains("-h, --help"))
    }
}
