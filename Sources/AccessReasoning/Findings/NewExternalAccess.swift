import CloudResources
import PolicyLanguage

extension FindingsAnalyzer {
    /// Decides whether the resource's new configuration gives principals outside the zone access
    /// that the baseline configuration denies, with a confirmed witness of that access.
    ///
    /// Both sides are compared as the findings see them: with `RestrictPublicBuckets` applied
    /// where it confines a public policy. A resource without findings has no external access,
    /// so it adds none.
    public func newExternalAccess(
        from baseline: (access: ResourceAccess, findings: ResourceFindings), to current: (access: ResourceAccess, findings: ResourceFindings),
        zone: ZoneOfTrust
    ) throws(EngineInternalError) -> AccessAnswer {
        if current.findings.status == .unknown {
            return .unknown(current.findings.reason ?? "the new access could not be decided")
        }
        if current.findings.findings.isEmpty {
            return .noAccess
        }
        if baseline.findings.status == .unknown {
            return .unknown("the baseline's access could not be decided: \(baseline.findings.reason ?? "not known")")
        }
        let subject = current.findings.effectiveAccess ?? current.access
        let old = baseline.findings.effectiveAccess ?? baseline.access
        let anyAction: RequestConstraint = .either([.actions(subject.actions), .futureActions(subject.services.map { "\($0):*" })])
        return try engine.newAccess(
            from: old.documents.map(\.document), to: subject.documents.map(\.document),
            within: .all([externalRequests(subject, zone: zone), anyAction]), bindings: Self.resourceBindings(subject))
    }
}

extension FindingsAnalyzer {
    /// Decides whether a principal outside the zone may perform one of `actions` on one of
    /// `resources` of the resource (IAM Access Analyzer's CheckAccessNotGranted, limited to
    /// external principals), with a confirmed witness when one may. Empty lists mean
    /// every action of the resource and every part of it.
    public func externalAccess(
        _ access: ResourceAccess, findings: ResourceFindings, zone: ZoneOfTrust, actions: [String], resources: [String]
    ) throws(EngineInternalError) -> AccessAnswer {
        if findings.status == .unknown {
            return .unknown(findings.reason ?? "the access could not be decided")
        }
        if findings.findings.isEmpty {
            return .noAccess
        }
        let subject = findings.effectiveAccess ?? access
        var parts: [RequestConstraint] = [externalRequests(subject, zone: zone)]
        parts.append(
            actions.isEmpty ? .either([.actions(subject.actions), .futureActions(subject.services.map { "\($0):*" })]) : .actions(actions))
        if !resources.isEmpty {
            parts.append(.resources(resources))
        }
        return try engine.prepare(subject.documents.map(\.document), bindings: Self.resourceBindings(subject)).allowed(within: .all(parts))
    }
}
