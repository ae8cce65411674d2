import AccessCrossCheck
import AccessReasoning
import PolicyLanguage
import Reporting

/// `accessguard compare`: proves whether a new policy grants access an old one does not.
enum CompareCommand: Subcommand {
    static let spec = CommandSpec(
        name: "compare",
        abstract: "Prove whether a new policy allows any request the old one does not, with witnesses.",
        discussion: """
            Compares what OLD and NEW allow over every possible request: every principal, action,
            resource and condition-key value, not a sample. For each direction in which one
            allows a request the other does not, it shows one such request, which the concrete
            evaluator has confirmed: allowed by one policy and denied by the other. This is IAM
            Access Analyzer's CheckNoNewAccess check, offline and with counterexamples.

            The verdict says how NEW compares with OLD: the same requests, less permissive, more
            permissive, or each allowing requests the other does not. Each witness comes with an
            'accessguard simulate' command line that decides it again. Parts of a policy that the
            engine approximates (policy variables where their key is present, for instance) can
            make a direction undecided; the reason names the place.

            A policy whose statements cannot be read completely (invalid JSON, an invalid Effect,
            an unknown condition operator, ...) stops the command, and every problem of every file
            is listed. Validation errors that leave the meaning evident, such as an unknown action
            or a duplicate Sid, are reported as a warning, and the comparison follows the
            policies as written.

            With --cross-check, the Z3 engine decides both directions again, and a different
            answer is an internal error.

            Exit status: 0 when NEW allows no request that OLD does not, 1 when it allows one or
            when that cannot be ruled out, 2 when a policy or an option cannot be used, 3 on an
            internal error, such as the engines disagreeing under --cross-check.
            """,
        positionals: [
            PositionalSpec(name: "OLD", help: "The policy as it is, a file or - for standard input.", isVariadic: false, isRequired: true),
            PositionalSpec(name: "NEW", help: "The policy as proposed, a file or - for standard input.", isVariadic: false, isRequired: true),
        ],
        options: [
            .value("--format", "FORMAT", help: "Output format. Default: text.", allowed: ["text", "json"]),
            .value(
                "--timeout", "SECONDS", help: "Time allowed for each direction, up to 86400; past it the direction is undecided. Default: 30.",
                check: checkTimeout),
            .value(
                "--max-search-steps", "N", help: "Refinement steps allowed for each direction. Default: 1000000.",
                check: checkSteps),
            CrossCheckOption.spec,
        ],
        examples: [
            "accessguard compare deployed-bucket-policy.json proposed-bucket-policy.json",
            "git show HEAD:policy.json | accessguard compare - policy.json --format json",
        ])

    static func run(_ arguments: ParsedArguments, io: CommandIO) -> ExitCode {
        let limits = engineLimits(arguments)
        guard let catalog = AccessGuardCommand.loadCatalog(io: io) else { return .invalidInput }
        let inputs = PolicyInputs(catalog: catalog, io: io, json: arguments.value("--format") == "json")
        guard let documents = inputs.load(arguments.positionals, consequence: "they cannot be compared"),
              documents.count == 2 else {
            return .invalidInput
        }
        let old = [documents[0]]
        let new = [documents[1]]

        let comparison: PolicyComparison
        do {
            comparison = try AccessEngine(catalog: catalog, limits: limits).compare(old, new)
        } catch {
            io.writeError("\(error.description)\nThis is a defect of AccessGuard; please report it with both policies.\n")
            return .internalError
        }
        if arguments.flag("--cross-check") {
            let checker = CrossChecker(native: AccessEngine(catalog: catalog, limits: limits), z3: Z3AccessEngine(catalog: catalog, timeout: limits.timeLimit))
            var tally = CrossCheckTally()
            let outcomes = checker.checkCompare(old, new, tally: &tally)
            for outcome in outcomes {
                if case .undecided(_, true) = outcome {
                    io.writeError("note: the cross-check did not decide one direction of the comparison\n")
                }
            }
            if !tally.disagreements.isEmpty {
                let names = "\(documents[0].source?.name ?? arguments.positionals[0]) and \(documents[1].source?.name ?? arguments.positionals[1])"
                io.writeError(CrossCheckOption.message(subject: names, disagreements: tally.disagreements))
                return .internalError
            }
        }
        let report = ComparisonReport(
            comparison: comparison, old: old, new: new,
            oldName: documents[0].source?.name ?? arguments.positionals[0],
            newName: documents[1].source?.name ?? arguments.positionals[1])
        if arguments.value("--format") == "json" {
            io.writeOutput(report.json().serialized(indent: 2) + "\n")
        } else {
            io.writeOutput(report.text())
        }
        return report.outcome == .pass ? .success : .checkFailed
    }

    static let maximumSeconds = 86_400.0

    @Sendable static func checkTimeout(_ text: String) -> UsageError? {
        guard let seconds = Double(text), seconds > 0, seconds <= maximumSeconds else {
            return UsageError(
                message: "invalid --timeout '\(text)'",
                help: "expected a number of seconds greater than 0 and at most 86400, such as 30 or 0.5")
        }
        return nil
    }

    @Sendable static func checkSteps(_ text: String) -> UsageError? {
        guard !text.isEmpty, text.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) else {
            return UsageError(message: "invalid --max-search-steps '\(text)'", help: "expected a whole number greater than 0")
        }
        guard let steps = Int(text), steps > 0 else {
            return UsageError(
                message: "invalid --max-search-steps '\(text)'",
                help: "expected a whole number from 1 to \(Int.max)")
        }
        return nil
    }

    /// Returns the engine limits that --timeout and --max-search-steps set; the parser has
    /// checked their values.
    static func engineLimits(_ arguments: ParsedArguments) -> EngineLimits {
        var limits = EngineLimits.standard
        if let seconds = arguments.value("--timeout").flatMap(Double.init) {
            limits.timeLimit = .milliseconds(Int64((seconds * 1000).rounded(.up)))
        }
        if let steps = arguments.value("--max-search-steps").flatMap(Int.init) {
            limits.maximumSearchSteps = steps
        }
        return limits
    }
}
