import AccessCrossCheck
import AccessReasoning
import DeploymentFormats
import Foundation
import PolicyLanguage
import PolicyPacks
import Reporting

/// `accessguard check`: the deployment gate. Runs the `aws-access-analyzer` policy pack on
/// deployment files and fails when a mandatory policy is violated.
enum CheckCommand: Subcommand {
    static let spec = CommandSpec(
        name: "check",
        abstract: "Check a deployment against the access policy pack; fail on mandatory violations.",
        discussion: """
            Reads each DEPLOYMENT (the formats of 'accessguard inspect'), works out the effective
            access of every resource and runs the policies of the aws-access-analyzer pack:
            no-public-access (mandatory), no-external-access (advisory), no-new-external-access
            (mandatory, with --baseline), access-not-granted (mandatory, when configured with
            actions or resources), policy-validation (errors mandatory, security warnings
            advisory), undecidable-access (mandatory) and unsupported-resources (advisory).
            A file named more than once, by another path or through a cdk.out directory also
            given, is checked once.

            --config takes a JSON file in the shape of Pulumi's --policy-pack-config: "all" and
            one entry per policy, each an enforcement level (advisory, mandatory, disabled) or an
            object with "enforcementLevel" and the policy's properties, and "suppressions": a
            list of filters (policies, resources, principals, conditionKeys, isPublic), each
            with a "reason". A suppression hides a public finding only when it says
            "isPublic": true.

            --baseline takes a deployment file of the same kinds, or 'prior' for the state
            that a Terraform plan or a Pulumi preview holds before the change.

            --timeout bounds the time of the whole check, counted from its start. A resource
            whose analysis has not started by then is undecided, which undecidable-access
            reports; one already started finishes within the engine's time limit of 30 s.

            When an input, the configuration or the baseline cannot be read, the report in the
            chosen format lists those problems instead of violations: in --output, or on standard
            output for json, sarif and junit.

            --cross-check makes the Z3 engine check every resource's findings: each finding's
            requests include an allowed one, and no external request outside the findings is
            allowed.

            Exit status: 0 when no mandatory policy is violated, 1 when one is, 2 when an input,
            the configuration or an option cannot be used, 3 on an internal error, such as the
            engines disagreeing under --cross-check.
            """,
        positionals: [PositionalSpec(name: "DEPLOYMENT", help: "A deployment file, a cdk.out directory, or - for standard input.", isVariadic: true, isRequired: true)],
        options: DeploymentInputs.optionsWithTrustedAccounts + [
            .value("--organization", "ID", help: "The trusted AWS Organizations ID (o-...).", check: AnalyzeCommand.checkOrganization),
            .value("--config", "FILE", help: "The pack configuration: enforcement levels, policy properties and suppressions."),
            .value("--baseline", "FILE", help: "The deployment before the change, or 'prior' for the state the input contains before the change. Enables no-new-external-access."),
            .value("--format", "FORMAT", help: "Output format. Default: text.", allowed: ["text", "json", "sarif", "junit"]),
            .value("--output", "FILE", help: "Write the report to FILE instead of standard output."),
            .value(
                "--timeout", "SECONDS",
                help: "Time allowed for the whole check, up to 86400; resources whose analysis has not started by then are undecided. Default: \(Int(defaultTimeout)).",
                check: CompareCommand.checkTimeout),
            CrossCheckOption.spec,
        ],
        examples: [
            "accessguard check plan.json --account 111122223333",
            "accessguard check Examples/cloudformation/orders-app.yaml --account 111122223333 --format sarif --output results.sarif",
            "pulumi preview --json | accessguard check - --baseline prior --config accessguard.json",
        ])

    /// Seconds the whole check may take by default: a CI job stays bounded whatever its input.
    static let defaultTimeout = 600.0

    static func run(_ arguments: ParsedArguments, io: CommandIO) -> ExitCode {
        let seconds = arguments.value("--timeout").flatMap(Double.init) ?? defaultTimeout
        let deadline = Deadline(
            instant: ContinuousClock.now.advanced(by: .milliseconds(Int64(seconds * 1000))),
            description: "the check's time limit of \(arguments.value("--timeout") ?? String(Int(defaultTimeout))) s (--timeout)")
        guard let catalog = AccessGuardCommand.loadCatalog(io: io) else { return .invalidInput }
        if arguments.positionals.filter({ $0 == "-" }).count > 1 || (arguments.positionals.contains("-") && arguments.value("--baseline") == "-") {
            AccessGuardCommand.reportUsage(UsageError(message: "standard input (-) can be read only once"), io: io)
            return .invalidInput
        }
        if let output = arguments.value("--output") {
            // A report written over an input would destroy the file it reports on.
            let target = RepeatedInputs.resolved(output)
            let inputs = arguments.positionals + [arguments.value("--config"), arguments.value("--baseline")].compactMap { $0 }
            if let input = inputs.first(where: { $0 != "-" && $0 != "prior" && RepeatedInputs.resolved($0) == target }) {
                AccessGuardCommand.reportUsage(
                    UsageError(message: "--output '\(output)' names the input '\(input)'; write the report to another file"), io: io)
                return .invalidInput
            }
        }
        let pack = AccessAnalyzerPack.pack
        var problems: [Diagnostic] = []
        var configuration = PackConfiguration()
        var sources: [SourceText] = []
        if let path = arguments.value("--config") {
            do throws(InputError) {
                let input = try InputFiles.read(path, io: io)
                let text = String(decoding: input.bytes, as: UTF8.self)
                sources.append(SourceText(name: input.name, utf8: input.bytes))
                let (read, diagnostics) = PackConfiguration.read(text: text, file: input.name, pack: pack)
                configuration = read
                problems += diagnostics
            } catch {
                problems.append(Diagnostic(severity: .error, code: DeploymentIssue.unreadableInput.rawValue, message: error.message, file: path))
            }
        }

        let inputs = DeploymentInputs(catalog: catalog, io: io)
        var loaded = inputs.load(arguments.positionals, arguments: arguments)
        problems += loaded.diagnostics
        var baseline: LinkedDeployment?
        if let path = arguments.value("--baseline") {
            if path == "prior" {
                let prior = loaded.results.flatMap(\.deployments).compactMap { deployment -> Deployment? in
                    deployment.baseline.map { Deployment(file: deployment.file, format: deployment.format, resources: $0) }
                }
                if prior.isEmpty {
                    problems.append(Diagnostic(
                        severity: .error, code: "NO_BASELINE", message: "missing baseline: no input contains the state before the change, which --baseline prior reads",
                        help: "give a Terraform plan or a Pulumi preview, or a baseline file"))
                }
                baseline = Linker.link(prior, settings: loaded.settings, catalog: catalog)
            } else {
                let result = DeploymentReader.read(path: path, options: DeploymentReadOptions(settings: loaded.settings))
                problems += result.allDiagnostics
                sources += result.sources
                baseline = Linker.link(result.deployments, settings: loaded.settings, catalog: catalog)
            }
        }
        problems = problems.sortedForOutput()
        sources += loaded.sources(for: problems)
        let problemsText = DiagnosticTextRenderer(sources: sources).render(problems)
        io.writeError(problemsText)
        if problems.containsErrors {
            return reportInputErrors(problems, text: problemsText, arguments: arguments, io: io)
        }
        // Past linking, the analysis needs neither the read deployments nor the input texts:
        // releasing them lets it reuse their memory, which lowers the peak.
        // Freeing the read deployments takes 26 ms for 20,000 resources: another thread does it
        // while the analysis starts, then returns the memory.
        let retired = loaded.results
        loaded.results = []
        DispatchQueue.global().async {
            withExtendedLifetime(retired) {}
            MemoryRelease.returnFreedMemory()
        }
        sources = []

        var accounts = arguments.allValues("--account")
        if !accounts.contains(loaded.settings.account) {
            accounts.insert(loaded.settings.account, at: 0)
        }
        let zone = ZoneOfTrust(accounts: accounts, organization: arguments.value("--organization"))
        let report: PackReport
        switch Self.report(
            pack, configuration: configuration, linked: loaded.linked, baseline: baseline, zone: zone, catalog: catalog,
            deadline: deadline, crossCheck: arguments.flag("--cross-check"), io: io) {
        case .success(let made): report = made
        case .failure(let code): return code.exitCode
        }
        // The report keeps what it shows: the linked resources, their policies and the
        // analysis are released before the output is built.
        loaded.linked = LinkedDeployment()
        baseline = nil
        MemoryRelease.returnFreedMemory()

        // The output is built as UTF-8 bytes and written without copies: the JSON report of a
        // large deployment takes megabytes.
        var output: [UInt8]
        switch arguments.value("--format") {
        case "json": output = CheckReport.json(report, diagnostics: problems).serializedUTF8(indent: 2)
        case "sarif": output = SARIFReport.json(report, toolVersion: AccessGuardCommand.version).serializedUTF8(indent: 2)
        case "junit": output = Array(JUnitReport.xml(report).utf8)
        default: output = Array(CheckReport.text(report).utf8)
        }
        if arguments.value("--format") == "json" || arguments.value("--format") == "sarif" {
            output.append(UInt8(ascii: "\n"))
        }
        if let path = arguments.value("--output") {
            guard write(output, to: path, io: io) else {
                // The check ran: its result stays visible although the report is lost.
                io.writeOutput(CheckReport.summary(report) + "\n")
                return .invalidInput
            }
            if arguments.value("--format") != nil && arguments.value("--format") != "text" {
                io.writeOutput(CheckReport.summary(report) + "\n")
            }
        } else {
            io.writeOutput(String(decoding: output, as: UTF8.self))
        }
        return report.passed ? .success : .checkFailed
    }

    /// Why `report` made no report: an internal error, already written to standard error.
    struct Stopped: Error {
        let exitCode: ExitCode
    }

    /// Analyzes the linked resources and runs the pack on them, with the cross-check when it
    /// is on. The analysis is released when this returns.
    static func report(
        _ pack: PolicyPack, configuration: PackConfiguration, linked: LinkedDeployment, baseline: LinkedDeployment?,
        zone: ZoneOfTrust, catalog: ActionCatalog, deadline: Deadline, crossCheck: Bool, io: CommandIO
    ) -> Result<PackReport, Stopped> {
        let analysis: StackAnalysis
        let report: PackReport
        do throws(EngineInternalError) {
            analysis = try StackAnalysis(linked: linked, baseline: baseline, zone: zone, catalog: catalog, deadline: deadline)
            report = try PackReport.run(pack, configuration: configuration, on: analysis)
        } catch {
            io.writeError("internal error: \(error.description)\n")
            return .failure(Stopped(exitCode: .internalError))
        }
        if crossCheck {
            let entries = analysis.analyzed.map { (access: $0.resource.access, findings: $0.findings) }
            let failed = CrossCheckOption.checkFindings(entries, zone: zone, analyzer: analysis.analyzer, io: io)
            if !failed.isEmpty {
                for (resource, disagreements) in failed {
                    io.writeError(CrossCheckOption.message(subject: resource, disagreements: disagreements))
                }
                return .failure(Stopped(exitCode: .internalError))
            }
        }
        return .success(report)
    }
}
