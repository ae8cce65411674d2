import AccessReasoning
import CloudResources
import DeploymentFormats
import PolicyLanguage

/// The built-in pack: IAM Access Analyzer's checks over a deployment, before it is deployed.
public enum AccessAnalyzerPack {
    public static let name = "aws-access-analyzer"
    public static let version = "1.0.0"

    public static let pack = PolicyPack(
        name: name, version: version,
        policies: [
            PackPolicy(
                name: "no-public-access",
                description: "No resource may be reachable by anyone: public findings, and public access that AWS would reject at deployment.",
                defaultLevel: .mandatory, check: noPublicAccess),
            PackPolicy(
                name: "no-external-access",
                description: "Reports every principal outside the trusted accounts and organization that a resource lets in, when the access is not public.",
                defaultLevel: .advisory, check: noExternalAccess),
            PackPolicy(
                name: "no-new-external-access",
                description: "With a baseline, no resource may give principals outside the zone access that the baseline does not.",
                defaultLevel: .mandatory, check: noNewExternalAccess),
            PackPolicy(
                name: "access-not-granted",
                description: "The listed actions, on the listed resources, may not be granted to anyone outside the zone.",
                defaultLevel: .mandatory,
                properties: [
                    PropertySchema(name: "actions", kind: .stringList, description: "Actions or action patterns, such as kms:Decrypt or s3:Delete*."),
                    PropertySchema(name: "resources", kind: .stringList, description: "Resource ARNs or ARN patterns."),
                ],
                check: accessNotGranted),
            PackPolicy(
                name: "policy-validation",
                description: "Policies must be valid: validation errors are mandatory, security warnings advisory.",
                defaultLevel: .mandatory, check: policyValidation),
            PackPolicy(
                name: "undecidable-access",
                description: "Every resource's access must be decidable before deployment; names what is not known.",
                defaultLevel: .mandatory, check: undecidableAccess),
            PackPolicy(
                name: "unsupported-resources",
                description: "Lists resources that can grant access but whose type AccessGuard does not evaluate.",
                defaultLevel: .advisory, check: unsupportedResources),
        ])

    // MARK: - Policies

    @Sendable static func noPublicAccess(_ stack: StackAnalysis, _ settings: PolicySettings) -> [Violation] {
        var violations: [Violation] = []
        for entry in stack.analyzed {
            for finding in entry.findings.findings where finding.isPublic {
                violations.append(violation("no-public-access", settings.level, findingMessage(finding), entry, finding: finding))
            }
            for rejection in entry.findings.rejections {
                let message = "\(entry.resource.access.resourceType) \(entry.resource.access.resource) asks for public access that AWS "
                    + "rejects at deployment: \(rejection). The deployment fails, or, where the account's settings differ, exposes the resource"
                violations.append(violation("no-public-access", settings.level, message, entry))
            }
        }
        return violations
    }

    @Sendable static func noExternalAccess(_ stack: StackAnalysis, _ settings: PolicySettings) -> [Violation] {
        stack.analyzed.flatMap { entry in
            // Public findings are no-public-access's.
            entry.findings.findings.filter { !$0.isPublic }.map { violation("no-external-access", settings.level, findingMessage($0), entry, finding: $0) }
        }
    }

    @Sendable static func noNewExternalAccess(_ stack: StackAnalysis, _ settings: PolicySettings) throws(EngineInternalError) -> [Violation] {
        guard stack.baseline != nil else { return [] }
        var violations: [Violation] = []
        for entry in stack.analyzed {
            guard let old = stack.baseline(of: entry) else {
                // A resource new to the deployment: all of its external access is new.
                for finding in entry.findings.findings {
                    let message = "new resource: " + findingMessage(finding)
                    violations.append(violation("no-new-external-access", settings.level, message, entry, finding: finding, witness: finding.witness))
                }
                continue
            }
            let answer = try stack.analyzer.newExternalAccess(
                from: (old.resource.access, old.findings), to: (entry.resource.access, entry.findings), zone: stack.zone)
            switch answer {
            case .noAccess:
                continue
            case .access(let witness):
                let request = witness.request
                let message = "\(entry.resource.access.resourceType) \(entry.resource.access.resource) gives new access to principals "
                    + "outside the zone: \(request.principal) may now \(request.action) on \(request.resource), which the baseline denies"
                let finding = finding(of: request, among: entry.findings.findings)
                violations.append(violation("no-new-external-access", settings.level, message, entry, finding: finding, witness: witness))
            case .unknown(let reason):
                let message = "whether \(entry.resource.access.resource) gives new external access could not be decided: \(reason)"
                violations.append(violation("no-new-external-access", settings.level, message, entry))
            }
        }
        return violations
    }

    @Sendable static func accessNotGranted(_ stack: StackAnalysis, _ settings: PolicySettings) throws(EngineInternalError) -> [Violation] {
        let actions = settings.strings["actions"] ?? []
        let resources = settings.strings["resources"] ?? []
        guard !actions.isEmpty || !resources.isEmpty else { return [] }
        var violations: [Violation] = []
        // Resources whose findings are undecided are reported once, by undecidable-access.
        for entry in stack.analyzed where entry.findings.status == .analyzed {
            let answer = try stack.analyzer.externalAccess(
                entry.resource.access, findings: entry.findings, zone: stack.zone, actions: actions, resources: resources)
            let witness: Witness
            switch answer {
            case .noAccess:
                continue
            case .unknown(let reason):
                let message = "whether \(entry.resource.access.resource) grants the listed access outside the zone could not be decided: \(reason)"
                violations.append(violation("access-not-granted", settings.level, message, entry))
                continue
            case .access(let found):
                witness = found
            }
            let request = witness.request
            let listed = (actions + resources).joined(separator: ", ")
            let message = "\(request.principal) outside the zone may \(request.action) on \(request.resource), which must not be granted (\(listed))"
            let finding = finding(of: request, among: entry.findings.findings)
            violations.append(violation("access-not-granted", settings.level, message, entry, finding: finding, witness: witness))
        }
        return violations
    }

    @Sendable static func policyValidation(_ stack: StackAnalysis, _ settings: PolicySettings) -> [Violation] {
        var violations: [Violation] = []
        var seen: Set<String> = []
        let catalog = stack.catalog
        let diagnostics = ValidationReuse.validate(stack.analyzed.map { entry in
            let type: PolicyType = entry.resource.access.resourceType == "AWS::IAM::Role" ? .trust : .resource
            let documents = entry.resource.access.documents.filter { $0.sourceType == .policy || $0.sourceType == .s3AccessPoint }
            return documents.map { (document: $0.document, type: type) }
        }, catalog: catalog)
        for (entry, entryDiagnostics) in zip(stack.analyzed, diagnostics) {
            for diagnostic in entryDiagnostics {
                let level: EnforcementLevel
                switch diagnostic.severity {
                case .error: level = settings.level
                case .securityWarning: level = settings.levelIsConfigured ? settings.level : .advisory
                case .warning, .suggestion: continue
                }
                // A policy shared by resources, or read in several scenarios, is reported once.
                let key = "\(diagnostic.file ?? entry.resource.file) \(diagnostic.location?.offset ?? -1) \(diagnostic.code) \(diagnostic.message)"
                guard seen.insert(key).inserted else { continue }
                var found = violation("policy-validation", level, "\(diagnostic.severity.rawValue) \(diagnostic.code): \(diagnostic.message)", entry)
                if diagnostic.location != nil {
                    found.file = diagnostic.file ?? found.file
                    found.location = diagnostic.location
                }
                violations.append(found)
            }
        }
        return violations
    }

    @Sendable static func undecidableAccess(_ stack: StackAnalysis, _ settings: PolicySettings) -> [Violation] {
        stack.analyzed.compactMap { entry in
            guard entry.findings.status == .unknown else { return nil }
            let reason = entry.findings.reason ?? "the access could not be decided"
            let message = "the access to \(entry.resource.access.resourceType) \(entry.resource.access.resource) cannot be decided before deployment: \(reason)"
            return violation("undecidable-access", settings.level, message, entry)
        }
    }

    @Sendable static func unsupportedResources(_ stack: StackAnalysis, _ settings: PolicySettings) -> [Violation] {
        stack.linked.notEvaluated.map { resource in
            Violation(
                policy: "unsupported-resources", level: settings.level,
                message: "\(resource.type) can grant access, but AccessGuard does not evaluate this type", address: resource.address,
                type: resource.type, file: resource.file, location: resource.location)
        }
    }

    // MARK: - Messages

    /// `{"AWS":"*"} has s3:GetObject access to AWS::S3::Bucket arn:aws:s3:::site (public) (finding 3f2a…)`.
    static func findingMessage(_ finding: Finding) -> String {
        let actions = finding.action.count > 6 ? finding.action.prefix(6).joined(separator: ", ") + " and \(finding.action.count - 6) more" : finding.action.joined(separator: ", ")
        var text = "\(finding.principal) has \(actions) access to \(finding.resourceType) \(finding.resource)"
        if !finding.condition.isEmpty {
            text += " when " + finding.condition.keys.sorted().map { "\($0) = \((finding.condition[$0] ?? []).joined(separator: " or "))" }.joined(separator: " and ")
        }
        text += finding.isPublic ? " (public)" : " (external)"
        return text + " (finding \(finding.id.prefix(8)))"
    }

    /// Returns the finding that reports a witness request: one with the request's action whose
    /// principal names the request's principal, or else one for any principal.
    static func finding(of request: Request, among findings: [Finding]) -> Finding? {
        let action = request.action.lowercased()
        let candidates = findings.filter { finding in finding.action.contains { $0.lowercased() == action } }
        let principal = "\(request.principal)"
        return candidates.first { !$0.principal.isAnyPrincipal && principal.contains($0.principal.value) }
            ?? candidates.first { $0.principal.isAnyPrincipal }
    }

    static func violation(
        _ policy: String, _ level: EnforcementLevel, _ message: String, _ entry: StackAnalysis.Analyzed, finding: Finding? = nil, witness: Witness? = nil
    ) -> Violation {
        let resource = entry.resource
        var details: [String] = []
        if let scenario = resource.scenario {
            details.append("scenario: \(scenario)")
        }
        return Violation(
            policy: policy, level: level, message: message, address: resource.address, type: resource.type, resource: resource.access.resource,
            file: resource.file, location: resource.location, finding: finding, witness: witness ?? finding?.witness, details: details)
    }
}
