import PolicyLanguage

/// Validates the policies of a deployment on all cores, once for policies with the same
/// content, as copies of one template have.
enum ValidationReuse {
    /// Returns the diagnostics of each entry's documents, in order. A document with the same
    /// content as a document without diagnostics has none either, because validation reads
    /// only the content and reports where. Any other document is validated itself, so
    /// that its diagnostics name its own file and locations.
    static func validate(_ entries: [[(document: PolicyDocument, type: PolicyType)]], catalog: ActionCatalog) -> [[Diagnostic]] {
        let documents = entries.flatMap { $0 }
        let hashes = documents.concurrentMap(\.document.contentHash)
        var firstByHash: [Int: [Int]] = [:]
        var original: [Int?] = []
        for (index, item) in documents.enumerated() {
            let hash = hashes[index]
            let candidates = firstByHash[hash] ?? []
            let match = candidates.first { candidate in
                documents[candidate].type == item.type && documents[candidate].document.hasSameContent(as: item.document)
            }
            if let match {
                original.append(match)
            } else {
                firstByHash[hash, default: []].append(index)
                original.append(nil)
            }
        }

        let firsts = documents.indices.filter { original[$0] == nil }
        let firstDiagnostics = firsts.concurrentMap { PolicyValidator.validate(documents[$0].document, as: documents[$0].type, catalog: catalog) }
        var results = [[Diagnostic]?](repeating: nil, count: documents.count)
        for (index, found) in zip(firsts, firstDiagnostics) {
            results[index] = found
        }
        // A copy of a document with diagnostics is validated itself, for its own locations.
        let others = documents.indices.filter { index in
            guard let first = original[index] else { return false }
            return !(results[first] ?? []).isEmpty
        }
        for (index, found) in zip(others, others.concurrentMap { PolicyValidator.validate(documents[$0].document, as: documents[$0].type, catalog: catalog) }) {
            results[index] = found
        }

        var perEntry: [[Diagnostic]] = []
        var next = 0
        for entry in entries {
            perEntry.append(entry.indices.flatMap { offset in results[next + offset] ?? [] })
            next += entry.count
        }
        return perEntry
    }
}
