import Foundation
import CloudResources
import DeploymentFormats
import PolicyLanguage
import Reporting

/// Reads the deployment files of a command and links their resources, with the options that
/// say where the deployment goes.
struct DeploymentInputs {
    static let options: [OptionSpec] = [
        .value(
            "--input-format", "FORMAT", help: "The format of every input. Default: detected from the content.",
            allowed: DeploymentFormat.allCases.map(\.rawValue)),
        .value(
            "--account", "ID",
            help: "The account the deployment goes to. Default: the account of the deployment's ARNs, or \(AccountInference.placeholderAccount).",
            check: AnalyzeCommand.checkAccount),
        .value("--region", "REGION", help: "The region, for AWS::Region and for ARNs the deployment leaves open. Default: us-east-1."),
        .value("--partition", "PARTITION", help: "The partition of ARNs. Default: aws.", allowed: ["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b"]),
        .value("--stack-name", "NAME", help: "The CloudFormation stack name, for AWS::StackName and generated names. Default: stack."),
        .value("--parameter", "NAME=VALUE", help: "A CloudFormation parameter value; lists are comma-separated.", repeats: true, check: checkParameter),
        .value("--canonical-user-id", "ID", help: "The account's canonical user ID, so that S3 ACL grants to the owner are known as such."),
        .value(
            "--account-public-access-block", "SETTING",
            help: "The account's S3 Block Public Access when the deployment does not set it: off, on (all four settings) or unknown. Default: off.",
            allowed: ["off", "on", "unknown"]),
    ]

    /// The options with `--account` repeatable: the first is the deployment's account, every
    /// one is trusted.
    static var optionsWithTrustedAccounts: [OptionSpec] {
        options.map { option in
            guard option.name == "--account" else { return option }
            return .value(
                "--account", "ID",
                help: "A trusted account; the first is the account the deployment goes to. Default: the account of the deployment's ARNs.",
                repeats: true, check: AnalyzeCommand.checkAccount)
        }
    }

    @Sendable static func checkParameter(_ text: String) -> UsageError? {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
            return UsageError(message: "invalid --parameter '\(text)'", help: "expected NAME=VALUE, such as Environment=prod")
        }
        return nil
    }

    /// Everything read from the inputs.
    struct Loaded {
        var results: [DeploymentReadResult]
        var linked: LinkedDeployment
        var settings: DeploymentSettings
        /// Every problem of reading and linking, sorted for output.
        var diagnostics: [Diagnostic]
        /// The text of standard input, which cannot be read again. The texts of files are not
        /// kept: a deployment's text is as large as its input, and keeping it raised the peak
        /// memory of large deployments.
        var standardInput: [SourceText]

        /// Returns the texts of the inputs that `diagnostics` name, for quoting their lines:
        /// standard input as it was read, and files read again.
        // NOTE: A file changed since it was read is quoted as it is now.
        func sources(for diagnostics: [Diagnostic]) -> [SourceText] {
            var texts = standardInput
            for file in Set(diagnostics.compactMap(\.file)).sorted() where file != InputFiles.standardInputName {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), !isDirectory.boolValue,
                      let data = FileManager.default.contents(atPath: file),
                      let text = try? TextDecoding.utf8(from: [UInt8](data)).utf8 else { continue }
                texts.append(SourceText(name: file, utf8: text))
            }
            return texts
        }
    }

    let catalog: ActionCatalog
    let io: CommandIO

    /// Reads and links the inputs; the account comes from the options, the deployments or the
    /// placeholder, in that order.
    func load(_ paths: [String], arguments: ParsedArguments) -> Loaded {
        var settings = DeploymentSettings(
            account: arguments.allValues("--account").first ?? AccountInference.placeholderAccount,
            region: arguments.value("--region") ?? "us-east-1",
            partition: arguments.value("--partition") ?? "aws",
            stackName: arguments.value("--stack-name") ?? "stack",
            accountBlockPublicAccess: Self.accountBlockPublicAccess(arguments.value("--account-public-access-block")),
            canonicalUserID: arguments.value("--canonical-user-id"))
        var parameterValues: [String: String] = [:]
        for text in arguments.allValues("--parameter") {
            let equals = text.firstIndex(of: "=")!
            parameterValues[String(text[..<equals])] = String(text[text.index(after: equals)...])
        }
        let parameters = parameterValues
        let format = arguments.value("--input-format").flatMap(DeploymentFormat.init(rawValue:))

        let standardInput = paths.contains("-") ? io.readStandardInput() : []
        @Sendable func read(_ path: String, _ settings: DeploymentSettings) -> DeploymentReadResult {
            let options = DeploymentReadOptions(format: format, settings: settings, parameters: parameters, keepsSources: path == "-")
            if path == "-" {
                return DeploymentReader.read(bytes: standardInput, name: InputFiles.standardInputName, options: options)
            }
            return DeploymentReader.read(path: path, options: options)
        }
        let paths = RepeatedInputs.removingRepeats(paths)
        let initialSettings = settings
        var results = IdenticalFiles.readAll(paths) { read($0, initialSettings) }
        var notes: [Diagnostic] = []
        if arguments.value("--account") == nil {
            if let inferred = AccountInference.account(in: results.flatMap(\.deployments)) {
                settings.account = inferred
                // Templates read before the account was known are read again with it.
                let again = results.indices.filter { results[$0].deployments.contains { $0.format == .cloudFormation } }
                let inferredSettings = settings
                for (index, result) in zip(again, IdenticalFiles.readAll(again.map { paths[$0] }) { read($0, inferredSettings) }) {
                    results[index] = result
                }
            } else {
                notes.append(Diagnostic(
                    severity: .warning, code: "ACCOUNT_ASSUMED",
                    message: "no --account given and the deployment names none, so the account is assumed to be \(settings.account)",
                    file: nil, help: "give the account the deployment goes to with --account"))
            }
        }
        results = RepeatedInputs.removingRepeatedFiles(results)
        let standardInputTexts = results.flatMap(\.sources).filter { $0.name == InputFiles.standardInputName }
        let linked = Linker.link(results.flatMap(\.deployments), settings: settings, catalog: catalog)
        var diagnostics = results.flatMap(\.allDiagnostics)
        // An input that cannot be read, or not completely, may name the account or hold the
        // targets of attachments, so the warnings about the account and about targets outside
        // the deployment are left out.
        if !diagnostics.containsErrors {
            diagnostics += linked.diagnostics + notes
        }
        diagnostics = diagnostics.sortedForOutput()
        return Loaded(results: results, linked: linked, settings: settings, diagnostics: diagnostics, standardInput: standardInputTexts)
    }

    static func accountBlockPublicAccess(_ text: String?) -> BlockPublicAccess? {
        switch text {
        case "on": return .all
        case "unknown": return nil
        default: return .off
        }
    }
}
