import PolicyLanguage
import Reporting

/// `accessguard simulate`: decides one request against policies and shows why.
enum SimulateCommand: Subcommand {
    static let spec = CommandSpec(
        name: "simulate",
        abstract: "Decide whether policies allow one request, and show the statements that decide it.",
        discussion: """
            Evaluates the request as AWS does: any matching Deny wins, then any matching Allow,
            otherwise the request is implicitly denied. All POLICY files are evaluated together.
            Condition keys that AWS derives from the principal (aws:PrincipalArn,
            aws:PrincipalAccount, aws:PrincipalType, aws:userid, aws:username, ...) are set
            automatically unless --context gives them; any other key is absent unless given.

            PRINCIPAL forms: \(RequestPrincipal.Identity.acceptedForms).

            A key given several times with --context, or documented as multivalued (such as
            aws:TagKeys), gets all its values as a set. --context-json sets keys from a JSON
            object whose values are strings, numbers, Booleans or arrays of strings (an empty
            array is an empty set). Values of typed keys must read as their type: aws:SourceIp
            an IP address, aws:CurrentTime a date, and so on.

            The POLICY files are evaluated as one set of statements. AWS combines policies in
            more ways than that: a cross-account request needs an Allow in the caller's identity
            policies too, and a KMS key policy that names an account delegates to that account's
            identity policies. simulate decides only what the given statements allow. When
            validation finds errors that would make AWS reject a policy, simulate reports them and
            decides the request by the policy's evident meaning.

            Exit status: 0 when the request is allowed, 1 when it is denied, 2 when a policy or an
            option cannot be used.
            """,
        positionals: [PositionalSpec(name: "POLICY", help: "A policy file, or - for standard input.", isVariadic: true, isRequired: true)],
        options: [
            .value("--principal", "PRINCIPAL", help: "Who makes the request."),
            .value("--action", "ACTION", help: "The action, such as s3:GetObject."),
            .value("--resource", "ARN", help: "The resource ARN."),
            .value("--context", "KEY=VALUE", help: "A condition key of the request.", repeats: true),
            .value("--context-json", "JSON", help: "Condition keys as a JSON object."),
            .value("--session-name", "NAME", help: "The session name when PRINCIPAL is a role ARN. Default: session."),
            .value("--principal-id", "ID", help: "The unique ID of the user or role (AIDA..., AROA...)."),
            .value("--principal-org-id", "ID", help: "The principal's AWS Organizations ID (o-...)."),
            .value("--principal-org-path", "PATH", help: "An organization path of the principal.", repeats: true),
            .value("--principal-tag", "KEY=VALUE", help: "A tag of the principal.", repeats: true),
            .value("--format", "FORMAT", help: "Output format. Default: text.", allowed: ["text", "json"]),
            .flag("--explain", help: "Show why each statement matched or not."),
        ],
        examples: [
            "accessguard simulate Examples/policies/public-bucket-policy.json --principal anonymous --action s3:GetObject --resource arn:aws:s3:::example-bucket/index.html",
            "accessguard simulate trust.json --principal service:lambda.amazonaws.com --action sts:AssumeRole --resource arn:aws:iam::111122223333:role/app",
            "accessguard simulate bucket.json --principal 444455556666 --action s3:PutObject --resource arn:aws:s3:::b/k --context aws:SourceIp=203.0.113.9",
        ])

    static func run(_ arguments: ParsedArguments, io: CommandIO) -> ExitCode {
        guard let catalog = AccessGuardCommand.loadCatalog(io: io) else { return .invalidInput }
        let request: Request
        do {
            request = try SimulationRequest.make(arguments, catalog: catalog)
        } catch {
            AccessGuardCommand.reportUsage(error, io: io)
            return .invalidInput
        }

        let inputs = PolicyInputs(catalog: catalog, io: io, json: arguments.value("--format") == "json")
        guard let policies = inputs.load(arguments.positionals, consequence: "the request cannot be decided") else {
            return .invalidInput
        }

        let result: EvaluationResult
        do {
            result = try PolicyEvaluator.evaluate(request, policies: policies)
        } catch {
            io.writeError("error: \(error.description)\n")
            return .invalidInput
        }

        if arguments.value("--format") == "json" {
            io.writeOutput(EvaluationReport.json(result, request: request).serialized(indent: 2) + "\n")
        } else {
            io.writeOutput(EvaluationReport.text(result, request: request, explain: arguments.flag("--explain")))
        }
        return result.decision == .allowed ? .success : .checkFailed
    }
}
