import AccessReasoning
import CloudResources
import PolicyLanguage

/// The Z3 engine's check of one resource's findings: each finding's requests include an
/// allowed one, and no external request outside every finding's requests is allowed.
public struct FindingsCrossCheck: Sendable {
    public var disagreements: [Disagreement] = []
    /// Queries the Z3 engine did not decide, with its reasons; they are no disagreement.
    public var undecided: [String] = []

    public init(access: ResourceAccess, findings: ResourceFindings, zone: ZoneOfTrust, analyzer: FindingsAnalyzer, z3: Z3AccessEngine) {
        // Undecided findings make no claim to check.
        guard findings.status == .analyzed else { return }
        let subject = findings.effectiveAccess ?? access
        let documents = subject.documents.map(\.document)
        let texts = documents.map(CrossChecker.text)
        let bindings = FindingsAnalyzer.resourceBindings(subject)

        for finding in findings.findings {
            let claim = "finding \(finding.principal) on \(finding.resource)"
            do throws(Z3InternalError) {
                switch try z3.allowed(documents, within: finding.requests, bindings: bindings, hint: finding.witness.request) {
                case .access:
                    break
                case .noAccess:
                    disagreements.append(Disagreement(
                        query: "\(claim): allowed", policies: texts, region: RegionText.describe(finding.requests),
                        nativeAnswer: "access, for example \(RequestText.describe(finding.witness.request))", z3Answer: "no access"))
                case .unknown(let reason):
                    undecided.append("\(claim): \(reason)")
                }
            } catch {
                disagreements.append(Disagreement(
                    query: "\(claim): allowed", policies: texts, region: RegionText.describe(finding.requests),
                    nativeAnswer: "access, for example \(RequestText.describe(finding.witness.request))", z3Answer: "internal error: \(error.description)"))
            }
        }

        let scope = analyzer.externalScope(subject, zone: zone)
        let uncovered: RequestConstraint = .all([scope, .not(.either(findings.findings.map(\.requests)))])
        let claim = "external access to \(subject.resource) outside the findings"
        let nativeAnswer = findings.findings.isEmpty ? "no access: no findings" : "no access: the findings cover every external request"
        do throws(Z3InternalError) {
            switch try z3.allowed(documents, within: uncovered, bindings: bindings) {
            case .noAccess:
                break
            case .access(let request):
                disagreements.append(Disagreement(
                    query: claim, policies: texts, region: RegionText.describe(uncovered),
                    nativeAnswer: nativeAnswer, z3Answer: "access, for example \(RequestText.describe(request))"))
            case .unknown(let reason):
                undecided.append("\(claim): \(reason)")
            }
        } catch {
            disagreements.append(Disagreement(
                query: claim, policies: texts, region: RegionText.describe(uncovered),
                nativeAnswer: nativeAnswer, z3Answer: "internal error: \(error.description)"))
        }
    }
}
