import PolicyLanguage

/// One Allow statement with every Deny statement of the documents: the access that statement
/// grants on its own, since a request is allowed when some Allow matches and no Deny does.
struct AllowGrant {
    let statement: Statement
    /// The documents with only this Allow statement and all the Deny statements, each keeping
    /// its position, so that statement references still point into the originals.
    let documents: [PolicyDocument]

    static func split(_ documents: [PolicyDocument]) -> [AllowGrant] {
        var grants: [AllowGrant] = []
        for (documentIndex, document) in documents.enumerated() {
            for statement in document.statements where statement.effect?.value == .allow {
                let narrowed = documents.enumerated().map { index, original in
                    var copy = original
                    copy.statements = original.statements.filter { candidate in
                        candidate.effect?.value == .deny || (index == documentIndex && candidate.index == statement.index)
                    }
                    return copy
                }
                grants.append(AllowGrant(statement: statement, documents: narrowed))
            }
        }
        return grants
    }
}
