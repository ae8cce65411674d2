import AccessReasoning
import PolicyLanguage

/// Text and JSON forms of a comparison between an old and a new set of policies. They show
/// the verdict, a witness request for each direction in which one allows what the other does
/// not, and whether the new policies grant no access beyond the old ones.
public struct ComparisonReport: Sendable {
    /// Whether the new policies are proven to grant nothing beyond the old ones.
    public enum Outcome: String, Sendable {
        /// The new policies allow no request the old ones deny.
        case pass
        /// A confirmed request is allowed by the new policies and not by the old ones.
        case fail
        /// The engine could not rule out such a request, for the reason the report gives.
        case undecided
    }

    /// One direction of the comparison, with the other side's decision on its witness.
    struct Direction: Sendable {
        let answer: AccessAnswer
        let otherSide: EvaluationResult?
    }

    public let oldName: String
    public let newName: String
    public let comparison: PolicyComparison
    let newOnly: Direction
    let oldOnly: Direction

    /// Builds the report; each witness is evaluated against the other side to show its decision.
    public init(comparison: PolicyComparison, old: [PolicyDocument], new: [PolicyDocument], oldName: String, newName: String) {
        self.comparison = comparison
        self.oldName = oldName
        self.newName = newName
        newOnly = Direction(
            answer: comparison.onlySecond,
            otherSide: comparison.onlySecond.witness.flatMap { try? PolicyEvaluator.evaluate($0.request, policies: old) })
        oldOnly = Direction(
            answer: comparison.onlyFirst,
            otherSide: comparison.onlyFirst.witness.flatMap { try? PolicyEvaluator.evaluate($0.request, policies: new) })
    }

    public var outcome: Outcome {
        switch comparison.onlySecond {
        case .noAccess: return .pass
        case .access: return .fail
        case .unknown: return .undecided
        }
    }

    var verdictText: String {
        switch (comparison.onlySecond, comparison.onlyFirst) {
        case (.noAccess, .noAccess): return "NEW and OLD allow the same requests"
        case (.noAccess, .access): return "NEW is less permissive than OLD"
        case (.access, .noAccess): return "NEW is more permissive than OLD"
        case (.access, .access): return "NEW and OLD each allow requests the other does not"
        case (.access, .unknown): return "NEW allows requests OLD does not; the other direction is undecided"
        case (.noAccess, .unknown): return "NEW allows no request OLD does not; the other direction is undecided"
        case (.unknown, .access): return "OLD allows requests NEW does not; whether NEW allows more is undecided"
        case (.unknown, .noAccess): return "OLD allows no request NEW does not; whether NEW allows more is undecided"
        case (.unknown, .unknown): return "undecided in both directions"
        }
    }

    // MARK: - Text

    public func text() -> String {
        TerminalText.escapingControls(unescapedText())
    }

    func unescapedText() -> String {
        var text = "OLD: \(oldName)\nNEW: \(newName)\n"
        text += "Verdict: \(verdictText)\n\n"
        text += section(newOnly, allowing: "NEW", denying: "OLD", allowingFile: newName)
        text += "\n"
        text += section(oldOnly, allowing: "OLD", denying: "NEW", allowingFile: oldName)
        text += "\n"
        switch outcome {
        case .pass:
            text += "Result: PASS, NEW grants no access that OLD does not\n"
        case .fail:
            text += "Result: FAIL, NEW grants access that OLD does not\n"
        case .undecided:
            text += "Result: UNDECIDED, new access could not be ruled out, so the check fails\n"
        }
        return text
    }

    private func section(_ direction: Direction, allowing: String, denying: String, allowingFile: String) -> String {
        switch direction.answer {
        case .noAccess:
            return "\(allowing) allows no request that \(denying) does not.\n"
        case .unknown(let reason):
            return "Whether \(allowing) allows a request that \(denying) does not is undecided: \(reason)\n"
        case .access(let witness):
            var text = "\(allowing) allows a request that \(denying) does not:\n"
            text += EvaluationReport.requestLines(witness.request, indent: "  ")
            let allowedBy = witness.evaluation.decidingStatements.map(EvaluationReport.describe).joined(separator: "; ")
            text += "  \(allowing): allowed by \(allowedBy)\n"
            text += "  \(denying): \(otherSideText(direction.otherSide))\n"
            text += "  replay: \(ReplayCommand.simulate(witness.request, policy: allowingFile))\n"
            return text
        }
    }

    private func otherSideText(_ result: EvaluationResult?) -> String {
        guard let result else { return "not evaluated" }
        switch result.decision {
        case .implicitDeny:
            return "denied, no statement allows the request"
        case .explicitDeny:
            return "denied by " + result.decidingStatements.map(EvaluationReport.describe).joined(separator: "; ")
        case .allowed:
            return "allowed"
        }
    }

    // MARK: - JSON

    public func json() -> JSONValue {
        .object([
            ("old", .string(oldName)),
            ("new", .string(newName)),
            ("verdict", .string(comparison.verdict.rawValue)),
            ("result", .string(outcome.rawValue)),
            ("newOnly", directionJSON(newOnly, allowingFile: newName)),
            ("oldOnly", directionJSON(oldOnly, allowingFile: oldName)),
        ])
    }

    private func directionJSON(_ direction: Direction, allowingFile: String) -> JSONValue {
        switch direction.answer {
        case .noAccess:
            return .object([("status", .string("none"))])
        case .unknown(let reason):
            return .object([("status", .string("undecided")), ("reason", .string(reason))])
        case .access(let witness):
            var members: [(String, JSONValue)] = [
                ("status", .string("witness")),
                ("request", EvaluationReport.requestJSON(witness.request)),
                ("allowedBy", .array(witness.evaluation.decidingStatements.map(EvaluationReport.statementJSON))),
                ("replay", .string(ReplayCommand.simulate(witness.request, policy: allowingFile))),
            ]
            if let other = direction.otherSide {
                members.append(("otherDecision", .string(other.decision.rawValue)))
                members.append(("otherDecidingStatements", .array(other.decidingStatements.map(EvaluationReport.statementJSON))))
            }
            return .object(members)
        }
    }
}
