import CloudResources
import PolicyLanguage

/// Moves the findings of one resource onto another whose configuration has the same
/// analysis (`hasSameAnalysis`). The findings stay the same, but their statements point into the other
/// resource's files and locations.
struct FindingsRelocation {
    /// The file and location of a statement or a condition clause of the first resource.
    struct Place: Hashable {
        let file: String?
        let location: SourceLocation?
    }

    /// The file, location and JSON pointer of the matching statement or clause of the second
    /// resource.
    struct Target: Equatable {
        let file: String?
        let location: SourceLocation?
        let pointer: JSONPointer
    }

    private var statements: [Place: Target] = [:]
    private var clauses: [Place: Target] = [:]

    /// Pairs the statements and clauses of the two configurations by position. Returns nil
    /// when one place of `original` stands for two different places of `copy`, as it can for
    /// statements written without a location.
    init?(from original: ResourceAccess, to copy: ResourceAccess) {
        guard original.documents.count == copy.documents.count else { return nil }
        for (first, second) in zip(original.documents, copy.documents) {
            let fromFile = first.document.source?.name
            let toFile = second.document.source?.name
            guard first.document.statements.count == second.document.statements.count else { return nil }
            for (statement, other) in zip(first.document.statements, second.document.statements) {
                let place = Place(file: fromFile, location: statement.location)
                guard Self.record(place, Target(file: toFile, location: other.location, pointer: other.pointer), in: &statements) else { return nil }
                guard statement.conditions.count == other.conditions.count else { return nil }
                for (clause, otherClause) in zip(statement.conditions, other.conditions) {
                    let clausePlace = Place(file: fromFile, location: clause.key.location)
                    let target = Target(file: toFile, location: otherClause.key.location, pointer: otherClause.key.pointer)
                    guard Self.record(clausePlace, target, in: &clauses) else { return nil }
                }
            }
        }
    }

    private static func record(_ place: Place, _ target: Target, in table: inout [Place: Target]) -> Bool {
        if let existing = table[place] {
            return existing == target
        }
        table[place] = target
        return true
    }

    /// Returns the findings of `original` relocated onto `copy`, or nil when some statement
    /// they name has no counterpart. Undecided results are not relocated: their reasons
    /// may name locations.
    func relocated(_ result: ResourceFindings, of original: ResourceAccess, onto copy: ResourceAccess) -> ResourceFindings? {
        guard result.status == .analyzed else { return nil }
        var moved = result
        moved.resource = copy.resource
        moved.resourceType = copy.resourceType
        for index in moved.findings.indices {
            guard let finding = relocated(moved.findings[index]) else { return nil }
            moved.findings[index] = finding
        }
        if result.effectiveAccess != nil {
            moved.effectiveAccess = FindingsAnalyzer.restrictedToOwner(copy)
        }
        return moved
    }

    private func relocated(_ finding: Finding) -> Finding? {
        var moved = finding
        var sources: [FindingSource] = []
        for source in finding.sources {
            guard let target = statements[Place(file: source.file, location: source.location)] else { return nil }
            var relocatedSource = source
            relocatedSource.file = target.file
            relocatedSource.location = target.location
            sources.append(relocatedSource)
        }
        moved.sources = sources.sorted { ($0.type, $0.file ?? "", $0.statementIndex) < ($1.type, $1.file ?? "", $1.statementIndex) }
        guard let evaluation = relocated(finding.witness.evaluation) else { return nil }
        moved.witness = Witness(request: finding.witness.request, evaluation: evaluation)
        return moved
    }

    private func relocated(_ evaluation: EvaluationResult) -> EvaluationResult? {
        var moved = evaluation
        for index in moved.decidingStatements.indices {
            guard let reference = relocated(moved.decidingStatements[index]) else { return nil }
            moved.decidingStatements[index] = reference
        }
        for index in moved.statements.indices {
            guard let reference = relocated(moved.statements[index].statement) else { return nil }
            moved.statements[index].statement = reference
            if case .condition(let operatorName, let key, let location) = moved.statements[index].mismatch {
                guard let target = clauses[Place(file: evaluation.statements[index].statement.file, location: location)] else { return nil }
                moved.statements[index].mismatch = .condition(operatorName: operatorName, key: key, location: target.location)
            }
        }
        return moved
    }

    private func relocated(_ reference: StatementReference) -> StatementReference? {
        guard let target = statements[Place(file: reference.file, location: reference.location)] else { return nil }
        var moved = reference
        moved.file = target.file
        moved.location = target.location
        moved.pointer = target.pointer
        return moved
    }
}
