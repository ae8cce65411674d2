import CloudResources
import PolicyLanguage

extension FindingsAnalyzer {
    /// Returns the findings of every configuration, in order, analyzed on all cores.
    ///
    /// Configurations with the same analysis (`hasSameAnalysis`), such as the resources of
    /// copies of one template, are analyzed once. The others get those findings relocated
    /// onto their own statements, or are analyzed too where relocation is not possible.
    ///
    /// A resource whose analysis has not started by `deadline` is not analyzed: its access is
    /// unknown, with the reason. One already started keeps its own time limit, so the whole
    /// analysis ends at most one time limit past the deadline.
    public func analyze(
        _ accesses: [ResourceAccess], zone: ZoneOfTrust, deadline: Deadline? = nil
    ) throws(EngineInternalError) -> [ResourceFindings] {
        let hashes = accesses.concurrentMap(\.analysisHash)
        var originalsByHash: [Int: [Int]] = [:]
        var representative: [Int] = []
        var distinct: [Int] = []
        for (index, hash) in hashes.enumerated() {
            let candidates = originalsByHash[hash] ?? []
            if let original = candidates.first(where: { accesses[$0].hasSameAnalysis(as: accesses[index]) }) {
                representative.append(original)
            } else {
                originalsByHash[hash, default: []].append(index)
                representative.append(index)
                distinct.append(index)
            }
        }

        var results = [ResourceFindings?](repeating: nil, count: accesses.count)
        for (index, result) in zip(distinct, try analyzeEach(distinct.map { accesses[$0] }, zone: zone, deadline: deadline)) {
            results[index] = result
        }

        let copies = accesses.indices.filter { representative[$0] != $0 }
        let analyzedOriginals = results
        let originalIndex = representative
        let relocated = copies.concurrentMap { index -> ResourceFindings? in
            let original = accesses[originalIndex[index]]
            guard let result = analyzedOriginals[originalIndex[index]],
                  let relocation = FindingsRelocation(from: original, to: accesses[index]) else { return nil }
            return relocation.relocated(result, of: original, onto: accesses[index])
        }
        var unrelocated: [Int] = []
        for (index, result) in zip(copies, relocated) {
            if let result {
                results[index] = result
            } else {
                unrelocated.append(index)
            }
        }
        for (index, result) in zip(unrelocated, try analyzeEach(unrelocated.map { accesses[$0] }, zone: zone, deadline: deadline)) {
            results[index] = result
        }
        return results.map { $0! }
    }

    private func analyzeEach(_ accesses: [ResourceAccess], zone: ZoneOfTrust, deadline: Deadline?) throws(EngineInternalError) -> [ResourceFindings] {
        let outcomes = accesses.concurrentMap { access -> Result<ResourceFindings, EngineInternalError> in
            if let deadline, ContinuousClock.now >= deadline.instant {
                var result = ResourceFindings(resource: access.resource, resourceType: access.resourceType, status: .unknown)
                result.reason = "not analyzed: \(deadline.description) was reached before its analysis started"
                return .success(result)
            }
            do throws(EngineInternalError) {
                return .success(try analyze(access, zone: zone))
            } catch {
                return .failure(error)
            }
        }
        var results: [ResourceFindings] = []
        for outcome in outcomes {
            results.append(try outcome.get())
        }
        return results
    }
}

/// The instant by which the analyses of a deployment must start, with what sets it, for the
/// reason of the resources left out.
public struct Deadline: Sendable, CustomStringConvertible {
    public let instant: ContinuousClock.Instant
    /// The setting behind the instant, as the reason names it, such as "the check's time
    /// limit of 600 s (--timeout)".
    public let description: String

    public init(instant: ContinuousClock.Instant, description: String) {
        self.instant = instant
        self.description = description
    }
}
