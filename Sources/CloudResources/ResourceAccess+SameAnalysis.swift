import PolicyLanguage

extension ResourceAccess {
    /// Returns whether the analysis reads the same from both configurations: they differ at
    /// most in the files and locations their documents come from, as copies of one template
    /// do. Such resources have the same findings up to where their statements are written.
    // NOTE: A stored property added to `ResourceAccess` has to join this comparison. A test
    // counts the stored properties.
    public func hasSameAnalysis(as other: ResourceAccess) -> Bool {
        guard resource == other.resource, resourceType == other.resourceType, ownerAccount == other.ownerAccount,
              requestResources == other.requestResources, actions == other.actions, services == other.services
        else { return false }
        guard restrictsPublicPolicy == other.restrictsPublicPolicy, rejectsPublic == other.rejectsPublic,
              rejections == other.rejections, neverPublicBecause == other.neverPublicBecause,
              excludesAnonymousCallers == other.excludesAnonymousCallers,
              servicePrincipalsAreInternal == other.servicePrincipalsAreInternal, unknowns == other.unknowns
        else { return false }
        guard documents.count == other.documents.count else { return false }
        return zip(documents, other.documents).allSatisfy { document, otherDocument in
            document.sourceType == otherDocument.sourceType && document.detail == otherDocument.detail
                && document.document.hasSameContent(as: otherDocument.document)
        }
    }

    /// A hash that configurations with the same analysis share, from a few of their parts,
    /// so that it is cheap to compute for every resource.
    public var analysisHash: Int {
        var hasher = Hasher()
        hasher.combine(resource)
        hasher.combine(resourceType)
        hasher.combine(ownerAccount)
        hasher.combine(documents.count)
        for document in documents {
            hasher.combine(document.sourceType)
            hasher.combine(document.document.statements.count)
        }
        return hasher.finalize()
    }
}
