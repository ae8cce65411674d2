import AccessCrossCheck
import PolicyLanguage
import Testing

@testable import AccessReasoning

/// Properties of the engine on random policies, checked against the concrete evaluator.
struct EnginePropertyTests {
    static let policyCount = 1_500
    static let requestsPerPolicy = 40

    /// No access means the evaluator allows none of the sampled requests; access comes with
    /// a confirmed witness.
    @Test func engineAgreesWithTheEvaluatorOnSampledRequests() throws {
        let engine = try engine()
        var generator = PolicyGenerator(random: SeededRandom(seed: 42))
        var withAccess = 0
        var withoutAccess = 0
        for _ in 0..<Self.policyCount {
            guard let document = generator.policy() else { continue }
            let answer = try engine.allowed([document])
            switch answer {
            case .access(let witness):
                withAccess += 1
                #expect(witness.evaluation.decision == .allowed)
            case .noAccess:
                withoutAccess += 1
                for _ in 0..<Self.requestsPerPolicy {
                    let request = generator.request()
                    let decision = try PolicyEvaluator.evaluate(request, policies: [document]).decision
                    #expect(decision != .allowed, "engine found no access, but the evaluator allows \(request) \(request.context.sortedEntries.map { "\($0.key)=\($0.values)" }) under \(document.source.map { String(decoding: $0.utf8, as: UTF8.self) } ?? "")")
                }
            case .unknown(let reason):
                Issue.record("unknown: \(reason)")
            }
        }
        #expect(withAccess > 100)
        #expect(withoutAccess > 100)
    }

    /// With policy variables, "no access" stays sound and every witness is confirmed;
    /// unknown answers are allowed but must stay rare.
    @Test func variablesNeverMakeTheEngineUnsound() throws {
        let engine = try engine()
        var generator = PolicyGenerator(random: SeededRandom(seed: 43), variables: true)
        var counts = (access: 0, none: 0, unknown: 0)
        for _ in 0..<600 {
            guard let document = generator.policy() else { continue }
            switch try engine.allowed([document]) {
            case .access(let witness):
                counts.access += 1
                #expect(witness.evaluation.decision == .allowed)
            case .noAccess:
                counts.none += 1
                for _ in 0..<Self.requestsPerPolicy {
                    let request = generator.request()
                    let decision = try PolicyEvaluator.evaluate(request, policies: [document]).decision
                    #expect(decision != .allowed, "engine found no access, but the evaluator allows \(request) under \(document.source.map { String(decoding: $0.utf8, as: UTF8.self) } ?? "")")
                }
            case .unknown:
                counts.unknown += 1
            }
        }
        #expect(counts.access > 100)
        #expect(counts.none > 50)
        #expect(counts.unknown * 20 < counts.access + counts.none, "\(counts.unknown) unknown answers")
        print("variables: \(counts.access) access, \(counts.none) none, \(counts.unknown) unknown")
    }

    @Test func policyWithVariablesIsEquivalentToItself() throws {
        let engine = try engine()
        var generator = PolicyGenerator(random: SeededRandom(seed: 12), variables: true)
        for _ in 0..<200 {
            guard let document = generator.policy() else { continue }
            let comparison = try engine.compare([document], [document])
            #expect(comparison.verdict == .equivalent, "\(comparison.onlyFirst) \(document.source.map { String(decoding: $0.utf8, as: UTF8.self) } ?? "")")
        }
    }

    /// A sampled request the evaluator allows lies in a region the engine also finds allowed.
    @Test func allowedSampleIsFoundWithinItsPrincipalAndAction() throws {
        let engine = try engine()
        var generator = PolicyGenerator(random: SeededRandom(seed: 7))
        var checked = 0
        for _ in 0..<400 {
            guard let document = generator.policy() else { continue }
            for _ in 0..<10 {
                let request = generator.request()
                guard try PolicyEvaluator.evaluate(request, policies: [document]).decision == .allowed else { continue }
                let within: RequestConstraint = .all([.actions([request.action]), .resources([request.resource])])
                let answer = try engine.allowed([document], within: within)
                #expect(answer.witness != nil, "the evaluator allows \(request), the engine finds \(answer)")
                checked += 1
                break
            }
        }
        #expect(checked > 50)
    }

    @Test func policyIsEquivalentToItself() throws {
        let engine = try engine()
        var generator = PolicyGenerator(random: SeededRandom(seed: 11))
        for _ in 0..<200 {
            guard let document = generator.policy() else { continue }
            let comparison = try engine.compare([document], [document])
            #expect(comparison.verdict == .equivalent)
        }
    }

    @Test func addingDenyNeverAddsAndAddingAllowNeverRemovesAccess() throws {
        let engine = try engine()
        var generator = PolicyGenerator(random: SeededRandom(seed: 13))
        for _ in 0..<300 {
            let base = generator.policyText(statements: Int.random(in: 1...3, using: &generator.random))
            let extra = generator.statement()
            guard let original = PolicyReader.read(text: base).document,
                  let extended = PolicyReader.read(text: String(base.dropLast(2)) + "," + extra + "]}").document else { continue }
            let comparison = try engine.compare([original], [extended])
            if extra.contains(#""Effect":"Deny""#) {
                #expect(comparison.onlySecond.witness == nil, "a Deny added access: \(extra)")
            } else {
                #expect(comparison.onlyFirst.witness == nil, "an Allow removed access: \(extra)")
            }
        }
    }
}
