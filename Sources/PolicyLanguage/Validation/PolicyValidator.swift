/// Checks a policy document the way IAM Access Analyzer's `ValidatePolicy` does: errors
/// that AWS would reject, security warnings, general warnings and suggestions, each with
/// a stable issue code and the location of the element concerned.
///
/// Structural problems are reported by `PolicyReader`; this validator checks meaning:
/// actions against the catalog, principal and ARN formats, condition keys, operators
/// and values, policy variables, and redundancy.
public enum PolicyValidator {
    public static func validate(_ document: PolicyDocument, as type: PolicyType, catalog: ActionCatalog) -> [Diagnostic] {
        var validation = Validation(document: document, type: type, catalog: catalog)
        validation.checkStatementStructure()
        validation.checkActions()
        validation.checkPassRole()
        validation.checkPrincipalValues()
        validation.checkOIDCTrust()
        validation.checkResources()
        validation.checkConditions()
        validation.checkVariables()
        validation.checkRedundancy()
        return validation.diagnostics
    }
}

/// The state of one validation run: the document, what is known about it, and the findings so far.
struct Validation {
    let document: PolicyDocument
    let type: PolicyType
    let catalog: ActionCatalog
    var diagnostics: [Diagnostic] = []
    /// Catalog expansions of each statement's action patterns, by statement position.
    let expansions: [[ActionExpansion]]

    init(document: PolicyDocument, type: PolicyType, catalog: ActionCatalog) {
        self.document = document
        self.type = type
        self.catalog = catalog
        expansions = document.statements.map { statement in
            statement.action?.patterns.map { catalog.expand($0.value) } ?? []
        }
    }

    var file: String? { document.source?.name }

    mutating func report(
        _ code: IssueCode,
        _ message: String,
        severity: DiagnosticSeverity? = nil,
        at location: SourceLocation?,
        _ pointer: JSONPointer,
        help: String? = nil
    ) {
        diagnostics.append(Diagnostic(code, message, severity: severity, file: file, location: location, pointer: pointer, help: help))
    }

    /// The catalog actions a statement's `Action` element names; empty for `NotAction`, for
    /// no element, and for patterns that match every action, where no action list helps.
    func knownActions(of statement: Statement) -> [ActionDefinition] {
        guard let action = statement.action, !action.isNegated else { return [] }
        let statementExpansions = expansions[statement.index]
        if statementExpansions.contains(where: \.matchesEveryAction) { return [] }
        return statementExpansions.flatMap(\.actions)
    }

    /// Whether a statement's action element covers `action` (`service:Name`), as the evaluator would match it.
    func statementCovers(_ statement: Statement, action: String) -> Bool {
        guard let element = statement.action else { return false }
        return PolicyEvaluator.matchesAction(element, action: CaseFolding.lowercased(action))
    }
}
