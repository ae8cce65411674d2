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

    /// Analyzes every linked resource, on all cores.
    /// NOTE: The engine's time limit applies to each resource, with no limit on the whole
    /// deployment: N resources whose policies all reach it take about N × 30 s of CPU time.
    public init(linked: LinkedDeployment, baseline: LinkedDeployment?, zone: ZoneOfTrust, catalog: ActionCatalog) throws(EngineInternalError) {
        let analyzer = FindingsAnalyzer(engine: AccessEngine(catalog: catalog))
        self.linked = linked
        self.zone = zone
        self.analyzer = analyzer
        self.catalog = catalog
        analyzed = try Self.analyze(linked.resources, analyzer: analyzer, zone: zone)
        if let baseline {
            var byKey: [String: Analyzed] = [:]
            for entry in try Self.analyze(baseline.resources, analyzer: analyzer, zone: zone) where !entry.resource.isOutsideDeployment {
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

    static func analyze(_ resources: [LinkedResource], analyzer: FindingsAnalyzer, zone: ZoneOfTrust) throws(EngineInternalError) -> [Analyzed] {
        let findings = try analyzer.analyze(resources.map(\.access), zone: zone)
        return zip(resources, findings).map { Analyzed(resource: $0, findings: $1) }
    }
}
