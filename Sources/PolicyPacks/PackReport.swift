import AccessReasoning
import PolicyLanguage

/// The outcome of running a pack on a deployment.
public struct PackReport: Sendable {
    public var pack: PolicyPack
    /// The violations left after suppressions: mandatory first, then by file, position and policy.
    public var violations: [Violation]
    /// The violations a suppression hides, each with the suppression's reason.
    public var suppressed: [(violation: Violation, reason: String)]
    /// The policies that ran, with their levels.
    public var levels: [(policy: String, level: EnforcementLevel)]
    public var analysis: StackAnalysis

    public var mandatoryCount: Int { violations.filter { $0.level == .mandatory }.count }
    public var advisoryCount: Int { violations.filter { $0.level == .advisory }.count }
    public var passed: Bool { mandatoryCount == 0 }

    /// Runs every policy that is not disabled and applies the suppressions.
    public static func run(_ pack: PolicyPack, configuration: PackConfiguration, on analysis: StackAnalysis) throws(EngineInternalError) -> PackReport {
        var all: [Violation] = []
        var levels: [(String, EnforcementLevel)] = []
        for policy in pack.policies {
            let settings = configuration.settings(for: policy)
            levels.append((policy.name, settings.level))
            guard settings.level != .disabled else { continue }
            all += try policy.check(analysis, settings)
        }
        var reported: [Violation] = []
        var suppressed: [(Violation, String)] = []
        for violation in all {
            if let suppression = configuration.suppressions.first(where: { $0.matches(violation) }) {
                suppressed.append((violation, suppression.reason))
            } else {
                reported.append(violation)
            }
        }
        reported.sort(by: Self.precedes)
        return PackReport(pack: pack, violations: reported, suppressed: suppressed, levels: levels, analysis: analysis)
    }

    static func precedes(_ a: Violation, _ b: Violation) -> Bool {
        if a.level != b.level { return a.level < b.level }
        if (a.file ?? "") != (b.file ?? "") { return (a.file ?? "") < (b.file ?? "") }
        let aOffset = a.location?.offset ?? -1
        let bOffset = b.location?.offset ?? -1
        if aOffset != bOffset { return aOffset < bOffset }
        if (a.address ?? "") != (b.address ?? "") { return (a.address ?? "") < (b.address ?? "") }
        if a.policy != b.policy { return a.policy < b.policy }
        return a.message < b.message
    }
}
