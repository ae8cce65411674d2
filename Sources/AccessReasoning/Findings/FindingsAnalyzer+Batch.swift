import CloudResources
import PolicyLanguage

extension FindingsAnalyzer {
    /// Returns the findings of every configuration, in order, analyzed on all cores.
    ///
    /// Configurations with the same `analysisKey`, such as the resources of copies of one
    /// template, are analyzed once. The others get those findings relocated onto their own
    /// statements, or are analyzed too where relocation is not possible.
    public func analyze(_ accesses: [ResourceAccess], zone: ZoneOfTrust) throws(EngineInternalError) -> [ResourceFindings] {
        let keys = accesses.concurrentMap(\.analysisKey)
        var firstIndex: [String: Int] = [:]
        var representative: [Int] = []
        var distinct: [Int] = []
        for (index, key) in keys.enumerated() {
            if let first = firstIndex[key] {
                representative.append(first)
            } else {
                firstIndex[key] = index
                representative.append(index)
                distinct.append(index)
            }
        }

        var results = [ResourceFindings?](repeating: nil, count: accesses.count)
        for (index, result) in zip(distinct, try analyzeEach(distinct.map { accesses[$0] }, zone: zone)) {
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
        for (index, result) in zip(unrelocated, try analyzeEach(unrelocated.map { accesses[$0] }, zone: zone)) {
            results[index] = result
        }
        return results.map { $0! }
    }

    private func analyzeEach(_ accesses: [ResourceAccess], zone: ZoneOfTrust) throws(EngineInternalError) -> [ResourceFindings] {
        let outcomes = accesses.concurrentMap { access -> Result<ResourceFindings, EngineInternalError> in
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
