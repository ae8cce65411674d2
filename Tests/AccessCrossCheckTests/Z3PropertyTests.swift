import AccessReasoning
import CloudResources
import PolicyLanguage
import Testing

@testable import AccessCrossCheck

/// Properties of the Z3 engine on generated policies, checked against the concrete
/// evaluator and the findings.
struct Z3PropertyTests {
    static let catalog = Z3EngineTests.catalog
    static let z3 = Z3AccessEngine(catalog: catalog, timeout: .seconds(1))

    /// Every access result comes with a request the evaluator allows, because the engine
    /// throws instead of returning one it does not.
    @Test func witnessesAreConfirmedByTheEvaluator() throws {
        var generator = PolicyGenerator(random: SeededRandom(seed: 21))
        var confirmed = 0
        for _ in 0..<80 {
            guard let document = generator.generatedPolicy().document else { continue }
            if case .access(let request) = try Self.z3.allowed([document]) {
                #expect(try PolicyEvaluator.evaluate(request, policies: [document]).decision == .allowed)
                confirmed += 1
            }
        }
        #expect(confirmed > 10)
    }

    @Test func policyIsEquivalentToItself() throws {
        var generator = PolicyGenerator(random: SeededRandom(seed: 22))
        var decided = 0
        for _ in 0..<100 {
            guard let document = generator.generatedPolicy().document else { continue }
            let comparison = try Self.z3.compare([document], [document])
            #expect(comparison.onlyFirst.request == nil, "\(document)")
            #expect(comparison.onlySecond.request == nil, "\(document)")
            if comparison.verdict == .equivalent { decided += 1 }
        }
        #expect(decided > 80)
    }

    @Test func addingDenyNeverAddsAndAddingAllowNeverRemovesAccess() throws {
        var generator = PolicyGenerator(random: SeededRandom(seed: 23))
        for _ in 0..<150 {
            let base = generator.generatedPolicy()
            let extra = generator.generatedStatement()
            var extended = base
            extended.statements.append(extra)
            guard let original = base.document, let larger = extended.document else { continue }
            let comparison = try Self.z3.compare([original], [larger])
            if extra.isAllow {
                #expect(comparison.onlyFirst.request == nil, "an Allow removed access: \(extended)")
            } else {
                #expect(comparison.onlySecond.request == nil, "a Deny added access: \(extended)")
            }
        }
    }

    /// Z3 finds no external request outside the union of the findings' regions, and a request
    /// inside each finding's region.
    @Test func findingsCoverAllExternalAccess() {
        let engine = AccessEngine(catalog: Self.catalog)
        let analyzer = FindingsAnalyzer(engine: engine)
        let zone = ZoneOfTrust(accounts: ["111122223333"])
        var generator = PolicyGenerator(random: SeededRandom(seed: 24))
        var checked = 0
        var undecided = 0
        for _ in 0..<60 {
            let text = generator.generatedPolicy().description
                .replacingOccurrences(of: "s3:", with: "sqs:").replacingOccurrences(of: "arn:aws:s3:::b", with: "arn:aws:sqs:us-east-1:111122223333:q")
            guard let document = PolicyReader.read(text: text).document else { continue }
            let access = PolicyResourceConfiguration(
                arn: "arn:aws:sqs:us-east-1:111122223333:q", type: ResourceType.named("AWS::SQS::Queue")!,
                ownerAccount: "111122223333", policy: document).access(catalog: Self.catalog)
            guard let findings = try? analyzer.analyze(access, zone: zone), findings.status == .analyzed else { continue }
            let check = FindingsCrossCheck(access: access, findings: findings, zone: zone, analyzer: analyzer, z3: Self.z3)
            for disagreement in check.disagreements {
                Issue.record("\(disagreement)")
            }
            undecided += check.undecided.count
            checked += 1
        }
        #expect(checked > 40)
        print("findings cross-check: \(checked) resources, \(undecided) undecided queries")
    }
}
