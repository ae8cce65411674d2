import AccessReasoning
import Foundation
import PolicyLanguage
import Testing

@testable import AccessCrossCheck

/// Both engines on generated policies and regions: no disagreement is allowed.
struct CrossCheckTests {
    static let catalog = Z3EngineTests.catalog
    /// 10,000 unless `ACCESSGUARD_CROSSCHECK_POLICIES` sets another count.
    // NOTE: in a debug build on two cores, 10,000 policies take about 1.5 minutes alone and
    // 3.5 minutes while the other tests run, most of it in the Z3 engine. scripts/cross-check
    // runs 100,000 in a release build.
    static let policyCount = ProcessInfo.processInfo.environment["ACCESSGUARD_CROSSCHECK_POLICIES"].flatMap(Int.init) ?? 10_000
    static let workers = 2

    /// Engines with short time limits, so that the test stays short. A query past them is
    /// undecided, which is counted but is no disagreement.
    static let checker = CrossChecker(
        native: AccessEngine(catalog: catalog, limits: EngineLimits(timeLimit: .seconds(1))),
        z3: Z3AccessEngine(catalog: catalog, timeout: .milliseconds(100)))

    /// Reduces a policy on which the engines disagree to a small one that still disagrees.
    static func shrunk(_ policy: GeneratedPolicy, within region: RequestConstraint) -> GeneratedPolicy {
        PolicyShrinker.shrink(policy, maximumChecks: 300) { candidate in
            guard let document = candidate.document else { return false }
            var tally = CrossCheckTally()
            if case .disagreed = checker.checkAllowed([document], within: region, tally: &tally) { return true }
            return false
        }
    }

    static func run(seed: UInt64, policies: Int) -> CrossCheckTally {
        var generator = PolicyGenerator(random: SeededRandom(seed: seed))
        var tally = CrossCheckTally()
        for _ in 0..<policies {
            let generated = generator.generatedPolicy()
            let region = generator.region()
            guard let document = generated.document else { continue }
            if case .disagreed(let disagreement) = checker.checkAllowed([document], within: region, tally: &tally) {
                Issue.record("\(disagreement)\nshrunk: \(shrunk(generated, within: region))")
            }
        }
        return tally
    }

    @Test func generatedPoliciesAgreeWithinRegions() async {
        let perWorker = Self.policyCount / Self.workers
        let tallies = await withTaskGroup(of: CrossCheckTally.self) { group in
            for worker in 0..<Self.workers {
                group.addTask { Self.run(seed: 1_000 + UInt64(worker), policies: perWorker) }
            }
            var all: [CrossCheckTally] = []
            for await tally in group { all.append(tally) }
            return all
        }
        let queries = tallies.reduce(0) { $0 + $1.queries }
        let agreements = tallies.reduce(0) { $0 + $1.agreements }
        let disagreements = tallies.reduce(0) { $0 + $1.disagreements.count }
        let nativeUnknown = tallies.reduce(0) { $0 + $1.nativeUnknown }
        let z3Unknown = tallies.reduce(0) { $0 + $1.z3Unknown }
        let nativeTime = tallies.reduce(Duration.zero) { $0 + $1.nativeTime }
        let z3Time = tallies.reduce(Duration.zero) { $0 + $1.z3Time }
        print("cross-check: \(queries) queries, \(agreements) agreements, \(disagreements) disagreements, \(nativeUnknown) native unknown, \(z3Unknown) Z3 unknown; native \(nativeTime), Z3 \(z3Time)")
        #expect(queries >= Self.policyCount * 9 / 10)
        #expect(disagreements == 0)
        #expect(agreements * 10 >= queries * 9, "too many undecided queries: \(queries - agreements)")
    }

    @Test func comparisonsAgree() {
        var generator = PolicyGenerator(random: SeededRandom(seed: 77))
        var tally = CrossCheckTally()
        for _ in 0..<150 {
            let base = generator.generatedPolicy()
            var extended = base
            extended.statements.append(generator.generatedStatement())
            guard let first = base.document, let second = extended.document else { continue }
            for outcome in Self.checker.checkCompare([first], [second], tally: &tally) {
                if case .disagreed(let disagreement) = outcome {
                    Issue.record("\(disagreement)")
                }
            }
        }
        #expect(tally.queries >= 250)
        #expect(tally.disagreements.isEmpty)
    }
}
