import PolicyLanguage

/// The stable identifiers of the problems that reading a deployment reports.
public enum DeploymentIssue: String, CaseIterable, Sendable {
    /// The input cannot be opened or read, such as a missing file, or it is a directory
    /// that is not a cdk.out cloud assembly.
    case unreadableInput = "UNREADABLE_INPUT"
    /// The file is not valid JSON or YAML.
    case syntaxError = "DEPLOYMENT_SYNTAX_ERROR"
    /// The file is none of the formats AccessGuard reads.
    case unknownFormat = "UNKNOWN_DEPLOYMENT_FORMAT"
    /// The format's version is one AccessGuard does not read.
    case unsupportedVersion = "UNSUPPORTED_FORMAT_VERSION"
    /// The file has the format's shape, but an element is missing or of the wrong type.
    case invalidDeployment = "INVALID_DEPLOYMENT"
    /// A Pulumi preview lists only the resources that change, unless run with `--show-sames`.
    case previewWithoutSames = "PREVIEW_WITHOUT_SAMES"
    /// A CloudFormation intrinsic function or a reference cannot be resolved offline.
    case unresolvedValue = "UNRESOLVED_VALUE"
    /// A policy, ACL or grant names a resource the deployment does not hold.
    case unlinkedAttachment = "UNLINKED_ATTACHMENT"

    public var severity: DiagnosticSeverity {
        switch self {
        case .unreadableInput, .syntaxError, .unknownFormat, .unsupportedVersion, .invalidDeployment: return .error
        case .previewWithoutSames, .unresolvedValue, .unlinkedAttachment: return .warning
        }
    }
}

extension Diagnostic {
    init(_ issue: DeploymentIssue, _ message: String, file: String?, location: SourceLocation? = nil, help: String? = nil) {
        self.init(severity: issue.severity, code: issue.rawValue, message: message, file: file, location: location, help: help)
    }
}
