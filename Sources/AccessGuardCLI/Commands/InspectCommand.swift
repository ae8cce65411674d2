import DeploymentFormats
import PolicyLanguage
import Reporting

/// `accessguard inspect`: what AccessGuard reads from deployment files, before any analysis.
enum InspectCommand: Subcommand {
    static let spec = CommandSpec(
        name: "inspect",
        abstract: "Show the resources a deployment file gives access to, and what configures them.",
        discussion: """
            Reads each DEPLOYMENT and lists every resource whose access AccessGuard analyzes,
            with the resources that configure it: policies, ACLs, Block Public Access settings,
            access points, KMS grants, Lambda permissions and share attributes, linked to their
            target by reference, name, ID, ARN or URL. It lists what is not known before
            deployment, such as a policy computed at apply time, and the access-relevant
            resources of types that AccessGuard does not evaluate. A file named more than
            once, by another path or through a cdk.out directory also given, is listed once.

            Formats, detected from the content or chosen with --input-format:
            pulumi-state ('pulumi stack export' or a state file), pulumi-preview ('pulumi preview
            --json'), pulumi-resources (the resources a policy pack receives), pulumi-events (an
            engine event log), terraform-plan and terraform-state ('terraform show -json'),
            cloudformation (a JSON or YAML template) and cdk (a cdk.out directory).

            CloudFormation parameters take their defaults unless given with --parameter. A
            template whose conditions compare values that are not known is read once per
            combination of their values, each shown as a scenario.

            Exit status: 0 when every input was read, 2 when an input or an option cannot be
            used, 3 on an internal error.
            """,
        positionals: [PositionalSpec(name: "DEPLOYMENT", help: "A deployment file, a cdk.out directory, or - for standard input.", isVariadic: true, isRequired: true)],
        options: DeploymentInputs.options + [
            .value("--format", "FORMAT", help: "Output format. Default: text.", allowed: ["text", "json"])
        ],
        examples: [
            "accessguard inspect plan.json",
            "accessguard inspect template.yaml --parameter Environment=prod --account 111122223333",
            "accessguard inspect cdk.out --format json",
        ])

    static func run(_ arguments: ParsedArguments, io: CommandIO) -> ExitCode {
        guard let catalog = AccessGuardCommand.loadCatalog(io: io) else { return .invalidInput }
        if arguments.positionals.filter({ $0 == "-" }).count > 1 {
            AccessGuardCommand.reportUsage(UsageError(message: "standard input (-) can be read only once"), io: io)
            return .invalidInput
        }
        let loaded = DeploymentInputs(catalog: catalog, io: io).load(arguments.positionals, arguments: arguments)
        let deployments = loaded.results.flatMap(\.deployments)
        io.writeError(DiagnosticTextRenderer(sources: loaded.sources(for: loaded.diagnostics)).render(loaded.diagnostics))
        if arguments.value("--format") == "json" {
            io.writeOutput(DeploymentInventoryReport.json(deployments, linked: loaded.linked, diagnostics: loaded.diagnostics).serialized(indent: 2) + "\n")
        } else {
            io.writeOutput(DeploymentInventoryReport.text(deployments, linked: loaded.linked))
        }
        return loaded.diagnostics.containsErrors ? .invalidInput : .success
    }
}
