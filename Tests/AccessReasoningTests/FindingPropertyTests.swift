import CloudResources
import AccessCrossCheck
import PolicyLanguage
import Testing

@testable import AccessReasoning

/// The two properties findings promise, on random bucket policies: together they cover every
/// request allowed to a principal outside the zone, and none subsumes another.
struct FindingPropertyTests {
    static let zone = ZoneOfTrust(accounts: ["111122223333"])

    static func access(_ document: PolicyDocument, engine: AccessEngine) -> ResourceAccess {
        PolicyResourceConfiguration(
            arn: "arn:aws:sqs:us-east-1:111122223333:q", type: ResourceType.named("AWS::SQS::Queue")!,
            ownerAccount: "111122223333", policy: document).access(catalog: engine.catalog)
    }

    @Test func findingsCoverEveryExternalRequest() throws {
        let engine = try engine()
        var generator = PolicyGenerator(random: SeededRandom(seed: 77))
        var checked = 0
        for _ in 0..<80 {
            let text = generator.policyText(statements: Int.random(in: 1...3, using: &generator.random))
                .replacingOccurrences(of: "s3:", with: "sqs:").replacingOccurrences(of: "arn:aws:s3:::b", with: "arn:aws:sqs:us-east-1:111122223333:q")
            guard let document = PolicyReader.read(text: text).document else { continue }
            let access = Self.access(document, engine: engine)
            let result = try FindingsAnalyzer(engine: engine).analyze(access, zone: Self.zone)
            guard result.status == .analyzed else { continue }
            checked += 1
            let scope: RequestConstraint = .all([
                Self.zone.externalPrincipals, .resources(["arn:aws:sqs:us-east-1:111122223333:q"]),
                .either([.actions(access.actions), .futureActions(["sqs:*"])]),
            ])
            let uncovered = try engine.allowed([document], within: .all([scope, .not(.either(result.findings.map(\.requests)))]))
            if case .access(let witness) = uncovered {
                Issue.record("no finding covers \(witness.request) under \(text)")
            }
            for finding in result.findings {
                for other in result.findings where other.id != finding.id {
                    #expect(!Subsumption.covers(other, finding), "\(other.principal) subsumes \(finding.principal) under \(text)")
                }
                #expect(finding.witness.evaluation.decision == .allowed)
            }
        }
        #expect(checked > 50)
    }
}
