import PolicyLanguage

extension ResourceAccess {
    /// Everything the analysis of the resource reads, as text, without the files and
    /// locations its documents come from. Resources with the same key have the same findings
    /// up to where their statements are written, as copies of one template do.
    // NOTE: A stored property added to `ResourceAccess` has to join this key. A test counts
    // the stored properties.
    public var analysisKey: String {
        var key = ContentKeyWriter()
        key.add(resource)
        key.add(resourceType)
        key.add(ownerAccount)
        key.add(requestResources)
        key.add(actions)
        key.add(services)
        key.add(documents.count)
        for document in documents {
            key.add(document.sourceType.rawValue)
            key.add(document.detail)
            key.add(document.document.contentKey)
        }
        key.add(restrictsPublicPolicy ? 1 : 0)
        let rejected = rejectsPublic.sorted { $0.key < $1.key }
        key.add(rejected.map(\.key.rawValue))
        key.add(rejected.map(\.value))
        key.add(rejections)
        key.add(neverPublicBecause)
        key.add(excludesAnonymousCallers ? 1 : 0)
        key.add(servicePrincipalsAreInternal ? 1 : 0)
        key.add(unknowns)
        return key.text
    }
}
