import AccessReasoning
import CloudResources
import DeploymentFormats
import PolicyLanguage

/// A linked deployment with the findings of each resource, computed once for every policy of
/// a pack, and the baseline to compare with when one is given.
public struct StackAnalysis: Sendable {
    /// A resource with its findings.
    public struct Analyzed: Sendable {
        public let resource: LinkedResource
        public let findings: ResourceFindings
    }

    public let linked: LinkedDeployment
    public let analyzed: [Analyzed]
    /// The resources of the baseline by ARN and type; nil when no baseline is given.
    public let baseline: [String: Analyzed]?
    public let zone: ZoneOfTrust
    public let analyzer: FindingsAnalyzer
    public let catalog: ActionCatalog

    /// Analyzes every linked resource, on all cores. Resources not started by `deadline` are
    /// left undecided. Without a deadline, N resources whose policies all reach the engine's
    /// time limit take about N × 30 s of CPU time.
    public init(
        linked: LinkedDeployment, baseline: LinkedDeployment?, zone: ZoneOfTrust, catalog: ActionCatalog, deadline: Deadline? = nil
    ) throws(EngineInternalError) {
        let analyzer = FindingsAnalyzer(engine: AccessEngine(catalog: catalog))
        self.linked = linked
        self.zone = zone
        self.analyzer = analyzer
        self.catalog = catalog
        analyzed = try Self.analyze(linked.resources, analyzer: analyzer, zone: zone, deadline: deadline)
        if let baseline {
            var byKey: [String: Analyzed] = [:]
            for entry in try Self.analyze(baseline.resources, analyzer: analyzer, zone: zone, deadline: deadline) where !entry.resource.isOutsideDeployment {
                byKey[Self.key(entry.resource)] = entry
            }
            self.baseline = byKey
        } else {
            self.baseline = nil
        }
    }

    /// Returns the key that matches a resource with its baseline: its type, ARN and scenario.
    static func key(_ resource: LinkedResource) -> String {
        "\(resource.access.resourceType) \(resource.access.resource) \(resource.scenario ?? "")"
    }

    public func baseline(of entry: Analyzed) -> Analyzed? {
        baseline?[Self.key(entry.resource)]
    }

    static func analyze(
        _ resources: [LinkedResource], analyzer: FindingsAnalyzer, zone: ZoneOfTrust, deadline: Deadline?
    ) throws(EngineInternalError) -> [Analyzed] {
        let findings = try analyzer.analyze(resources.map(\.access), zone: zone, deadline: deadline)
        return zip(resources, findings).map { Analyzed(resource: $0, findings: $1) }
    }
}
