import AccessReasoning
import CloudResources
import PolicyLanguage
import Reporting

/// `accessguard analyze`: the findings of one resource policy, as IAM Access Analyzer
/// reports them, each proven by a request.
enum AnalyzeCommand: Subcommand {
    static let spec = CommandSpec(
        name: "analyze",
        abstract: "Find who outside your accounts can reach a resource through its policy, with proof.",
        discussion: """
            Reads the resource policy POLICY of the resource --resource, of type --resource-type,
            and reports every principal outside the zone of trust that it lets in: the accounts
            given with --account, and the organization given with --organization. Each finding
            names the principal ({"AWS":"*"} for anyone, an account, a user or role, a federated
            provider), the actions, the conditions that restrict the access, whether it is public
            in Amazon S3's sense, the statements that grant it, and a request that the concrete
            evaluator allows, with an 'accessguard simulate' line that replays it.

            Findings are grouped as IAM Access Analyzer groups them: one per class of principal
            and set of restricting conditions. Together they cover every request the policy
            allows from outside the zone, and none repeats another. AWS service principals acting
            for no resource of another account are not findings. Actions are those of the
            resource type; an entry with a wildcard, such as s3:Get*, stands for the actions AWS
            may add later that the policy already grants.

            Only the policy is read: an S3 bucket is analyzed without ACLs and with Block Public
            Access off, and a KMS key without grants. A policy whose statements cannot be read
            completely stops the command; validation errors that leave the meaning evident, such
            as an unknown action, are reported as a warning ('accessguard validate' lists them).

            In the JSON output, each finding has IAM Access Analyzer's fields, with each condition
            key mapped to the list of values that admit access, and a witness. "status" is
            "analyzed" or "unknown", with a "reason" for the latter, and "rejections" lists what
            AWS would refuse to deploy.

            Resource types: \(ResourceType.all.map(\.name).joined(separator: ", ")).

            With --cross-check, the Z3 engine checks that each finding's requests include an
            allowed one and that no external request outside the findings is allowed.

            Exit status: 0 when no finding reaches --fail-on, 1 when one does or when the access
            cannot be decided (also with --fail-on never), 2 when the policy or an option cannot
            be used, 3 on an internal error, such as the engines disagreeing under --cross-check.
            """,
        positionals: [PositionalSpec(name: "POLICY", help: "The resource policy, a file or - for standard input.", isVariadic: false, isRequired: true)],
        options: [
            .value("--resource-type", "TYPE", help: "The resource's CloudFormation type, such as AWS::S3::Bucket.", check: checkType),
            .value("--resource", "ARN", help: "The resource's ARN.", check: checkARN),
            .value("--account", "ID", help: "An account of the zone of trust; the first owns the resource when its ARN names none.", repeats: true, check: checkAccount),
            .value("--organization", "ID", help: "The AWS Organizations ID (o-...) whose accounts are trusted.", check: checkOrganization),
            .value("--format", "FORMAT", help: "Output format. Default: text.", allowed: ["text", "json"]),
            .value("--fail-on", "LEVEL", help: "Which findings fail the check: public ones, external ones (any finding) or never. Default: external.", allowed: ["public", "external", "never"]),
            CrossCheckOption.spec,
        ],
        examples: [
            "accessguard analyze Examples/policies/public-bucket-policy.json --resource-type AWS::S3::Bucket --resource arn:aws:s3:::example-bucket --account 111122223333",
            "accessguard analyze trust.json --resource-type AWS::IAM::Role --resource arn:aws:iam::111122223333:role/deploy --account 111122223333 --format json",
        ])

    @Sendable static func checkType(_ text: String) -> UsageError? {
        guard ResourceType.named(text) == nil else { return nil }
        let names = ResourceType.all.map(\.name)
        let hint = Suggestions.closest(to: text, among: names).map { "did you mean '\($0)'? " } ?? ""
        return UsageError(message: "unsupported --resource-type '\(text)'", help: "\(hint)expected one of: \(names.joined(separator: ", "))")
    }

    @Sendable static func checkARN(_ text: String) -> UsageError? {
        ARN(text) == nil ? UsageError(message: "invalid --resource '\(text)'", help: "expected an ARN such as arn:aws:s3:::example-bucket") : nil
    }

    @Sendable static func checkAccount(_ text: String) -> UsageError? {
        let digits = text.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }
        return text.count == 12 && digits ? nil : UsageError(message: "invalid --account '\(text)'", help: "expected a 12-digit account ID")
    }

    @Sendable static func checkOrganization(_ text: String) -> UsageError? {
        let body = text.dropFirst(2)
        let valid = text.hasPrefix("o-") && (10...32).contains(body.count)
            && body.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        return valid ? nil : UsageError(message: "invalid --organization '\(text)'", help: "expected an AWS Organizations ID such as o-a1b2c3d4e5")
    }

    static func run(_ arguments: ParsedArguments, io: CommandIO) -> ExitCode {
        var missing: [UsageError] = []
        for name in ["--resource-type", "--resource"] where arguments.value(name) == nil {
            missing.append(UsageError(message: "missing \(name)", help: "usage: \(spec.usage)"))
        }
        if arguments.allValues("--account").isEmpty {
            missing.append(UsageError(message: "missing --account", help: "give the account that owns the resource, and any other trusted account"))
        }
        if let error = UsageError.combining(missing) {
            AccessGuardCommand.reportUsage(error, io: io)
            return .invalidInput
        }
        guard let catalog = AccessGuardCommand.loadCatalog(io: io),
              let type = arguments.value("--resource-type").flatMap(ResourceType.named),
              let resource = arguments.value("--resource") else { return .invalidInput }
        guard type.names(resource) else {
            AccessGuardCommand.reportUsage(
                UsageError(message: "--resource '\(resource)' is not the ARN of a resource of type \(type.name)", help: "expected the form \(type.arnPattern)"),
                io: io)
            return .invalidInput
        }
        let accounts = arguments.allValues("--account")
        let zone = ZoneOfTrust(accounts: accounts, organization: arguments.value("--organization"))

        let inputs = PolicyInputs(catalog: catalog, io: io, json: arguments.value("--format") == "json")
        guard let documents = inputs.load(arguments.positionals, consequence: "the resource cannot be analyzed"),
              let policy = documents.first else {
            return .invalidInput
        }
        if !Self.allowsOn(policy, resources: type.requestResources(for: resource)) {
            io.writeError("warning: no Allow statement of \(policy.source?.name ?? "the policy") applies to \(resource); check --resource\n")
        }
        let owner = type.ownerAccount(of: resource, fallback: accounts.first) ?? accounts[0]
        let access = Self.access(type: type, resource: resource, owner: owner, policy: policy, catalog: catalog)

        let result: ResourceFindings
        let analyzer = FindingsAnalyzer(engine: AccessEngine(catalog: catalog))
        do {
            result = try analyzer.analyze(access, zone: zone)
        } catch {
            io.writeError("\(error.description)\nThis is a defect of AccessGuard; please report it with the policy.\n")
            return .internalError
        }
        let policyFile = policy.source?.name ?? arguments.positionals[0]
        if arguments.flag("--cross-check") {
            let failed = CrossCheckOption.checkFindings([(access, result)], zone: zone, analyzer: analyzer, io: io)
            if !failed.isEmpty {
                io.writeError(CrossCheckOption.message(subject: "\(policyFile) (\(resource))", disagreements: failed.flatMap(\.disagreements)))
                return .internalError
            }
        }
        if arguments.value("--format") == "json" {
            io.writeOutput(FindingsReport.json(result, policyFile: policyFile).serialized(indent: 2) + "\n")
        } else {
            io.writeOutput(FindingsReport.text(result, zone: zone, policyFile: policyFile))
        }
        if result.status == .unknown { return .checkFailed }
        switch arguments.value("--fail-on") ?? "external" {
        case "public": return result.findings.contains(where: \.isPublic) ? .checkFailed : .success
        case "never": return .success
        default: return result.findings.isEmpty ? .success : .checkFailed
        }
    }

    /// Returns whether some Allow statement's `Resource` or `NotResource` can match one of the
    /// resources, with policy variables read as wildcards; statements without either match all.
    static func allowsOn(_ policy: PolicyDocument, resources: [String]) -> Bool {
        let samples = resources.map { pattern in
            String(pattern.map { $0 == "*" || $0 == "?" ? "x" : $0 })
        }
        return policy.statements.contains { statement in
            guard statement.effect?.value == .allow else { return false }
            guard let element = statement.resource else { return true }
            let globs = element.patterns.map { pattern in
                let template = PolicyTemplate(pattern.value, wildcards: true, variables: true)
                return Glob(tokens: template.parts.flatMap { part -> [Glob.Token] in
                    switch part {
                    case .text(let text): return text.unicodeScalars.map { .scalar($0) }
                    case .anyRun, .variable: return [.anyRun]
                    case .anyScalar: return [.anyScalar]
                    }
                })
            }
            return samples.contains { sample in
                let named = globs.contains { ARNMatching.matches(pattern: $0, value: sample) }
                return named != element.isNegated
            }
        }
    }

    /// Returns the access configuration of the resource with only its policy known.
    static func access(type: ResourceType, resource: String, owner: String, policy: PolicyDocument, catalog: ActionCatalog) -> ResourceAccess {
        switch type.name {
        case "AWS::S3::Bucket":
            return S3BucketConfiguration(arn: resource, ownerAccount: owner, policy: policy).access(catalog: catalog)[0]
        case "AWS::KMS::Key":
            var access = KMSKeyConfiguration(arn: resource, keyPolicy: policy).access(catalog: catalog)
            access.ownerAccount = owner
            return access
        default:
            return PolicyResourceConfiguration(arn: resource, type: type, ownerAccount: owner, policy: policy).access(catalog: catalog)
        }
    }
}
