import CloudResources
import PolicyLanguage

/// Where the deployment goes, for the parts of names and ARNs the deployment leaves open.
public struct DeploymentSettings: Sendable {
    public var account: String
    public var region: String
    public var partition: String
    /// The CloudFormation stack name, also used in placeholder names of resources whose names
    /// AWS assigns at deployment.
    public var stackName: String
    /// The account's S3 Block Public Access, used when the deployment does not set it; nil
    /// when unknown.
    public var accountBlockPublicAccess: BlockPublicAccess?
    /// The account's canonical user ID, so that ACL grants to the owner are known as such.
    public var canonicalUserID: String?

    public init(
        account: String, region: String = "us-east-1", partition: String = "aws", stackName: String = "stack",
        accountBlockPublicAccess: BlockPublicAccess? = .off, canonicalUserID: String? = nil
    ) {
        self.account = account
        self.region = region
        self.partition = partition
        self.stackName = stackName
        self.accountBlockPublicAccess = accountBlockPublicAccess
        self.canonicalUserID = canonicalUserID
    }
}

/// A resource that can grant access, with everything attached to it, ready for findings.
public struct LinkedResource: Sendable {
    /// The address of the resource in the deployment, or of the attachment when the resource
    /// itself is outside the deployment.
    public var address: String
    public var type: String
    public var file: String
    public var location: SourceLocation?
    /// The addresses of the resources that configure its access: policies, ACLs, blocks,
    /// grants, permissions.
    public var attachments: [String]
    /// Whether the resource is outside the deployment and only its attachments are in it.
    public var isOutsideDeployment: Bool
    /// The values assumed for conditions the deployment leaves open; nil when none are.
    public var scenario: String?
    public var access: ResourceAccess
}

/// A resource of a type that can grant access but that AccessGuard does not evaluate.
public struct NotEvaluatedResource: Sendable {
    public var address: String
    public var type: String
    public var file: String
    public var location: SourceLocation?
}

/// The resources of deployments, linked to what is attached to them.
public struct LinkedDeployment: Sendable {
    public var resources: [LinkedResource]
    public var notEvaluated: [NotEvaluatedResource]
    public var diagnostics: [Diagnostic]

    public init(resources: [LinkedResource] = [], notEvaluated: [NotEvaluatedResource] = [], diagnostics: [Diagnostic] = []) {
        self.resources = resources
        self.notEvaluated = notEvaluated
        self.diagnostics = diagnostics
    }
}

/// Attaches each policy, ACL, access block, grant, permission and share attribute to its
/// target, by reference first and by name, ID, ARN or URL otherwise, and merges them per
/// target the way AWS combines them.
public struct Linker: Sendable {
    let settings: DeploymentSettings
    let catalog: ActionCatalog
    var diagnostics: [Diagnostic] = []
    /// The owner's canonical user ID: from the settings, or from a Terraform
    /// `aws_canonical_user_id` data source in the deployment.
    var ownerCanonicalID: String?

    public init(settings: DeploymentSettings, catalog: ActionCatalog) {
        self.settings = settings
        self.catalog = catalog
    }

    /// Links the resources of each deployment. Attachments link only within their own
    /// deployment, so that each scenario of a template stands on its own.
    public static func link(_ deployments: [Deployment], settings: DeploymentSettings, catalog: ActionCatalog) -> LinkedDeployment {
        var result = LinkedDeployment(resources: [], notEvaluated: [], diagnostics: [])
        var seenNotEvaluated = Set<String>()
        var seenDiagnostics = Set<Diagnostic>()
        // Deployments link on all cores, as a repository's templates do, and join in order.
        let linkedDeployments = deployments.concurrentMap { deployment in
            var linker = Linker(settings: settings, catalog: catalog)
            return linker.link(deployment.resources)
        }
        for (deployment, linked) in zip(deployments, linkedDeployments) {
            for var resource in linked.resources {
                resource.scenario = deployment.scenario
                result.resources.append(resource)
            }
            for resource in linked.notEvaluated where seenNotEvaluated.insert(resource.file + "\u{0}" + resource.address).inserted {
                result.notEvaluated.append(resource)
            }
            for diagnostic in linked.diagnostics where seenDiagnostics.insert(diagnostic).inserted {
                result.diagnostics.append(diagnostic)
            }
        }
        return result
    }

    /// The number of resources under which a deployment's families link on one thread.
    static let smallDeployment = 64

    mutating func link(_ resources: [DeployedResource]) -> LinkedDeployment {
        ownerCanonicalID = settings.canonicalUserID
            ?? resources.first { $0.type == "aws_canonical_user_id" }?.properties["id"]?.stringValue
        var byConcept: [ResourceConcept: [DeployedResource]] = [:]
        var notEvaluated: [NotEvaluatedResource] = []
        for resource in resources {
            if let concept = ResourceConcept.of(resource.type) {
                byConcept[concept, default: []].append(resource)
            } else if ResourceConcept.notEvaluatedTypes.contains(resource.type) {
                notEvaluated.append(NotEvaluatedResource(address: resource.address, type: resource.type, file: resource.file, location: resource.location))
            }
        }
        // The families link independently, each on its own copy of the linker and on all
        // cores. Their resources and diagnostics join in a fixed order. Each family of
        // resources with policies (roles, queues, topics and others) is a task of its own, so
        // that large deployments spread over the cores.
        typealias Family = @Sendable (inout Linker, [ResourceConcept: [DeployedResource]]) -> [LinkedResource]
        let policyFamilies: [Family] = PolicyFamily.all.map { family in { $0.link(family, $1) } }
        let families: [Family] = [{ $0.linkBuckets($1) }] + policyFamilies + [{ $0.linkLambda($1) }, { $0.linkKMS($1) }, { $0.linkShares($1) }]
        let start = self
        let grouped = byConcept
        @Sendable func linked(by family: Family) -> (resources: [LinkedResource], diagnostics: [Diagnostic]) {
            var linker = start
            linker.diagnostics = []
            let resources = family(&linker, grouped)
            return (resources, linker.diagnostics)
        }
        // A small deployment, such as one template of many, links faster on one thread than
        // spread over the cores, and the deployments of a run already link concurrently.
        let outcomes = resources.count < Self.smallDeployment ? families.map(linked) : families.concurrentMap(linked)
        var linked: [LinkedResource] = []
        for outcome in outcomes {
            linked += outcome.resources
            diagnostics += outcome.diagnostics
        }
        markUnknownNames(&linked, byConcept: byConcept)
        return LinkedDeployment(resources: linked, notEvaluated: notEvaluated, diagnostics: diagnostics)
    }

    /// Makes the access unknown of a resource whose name is not known before deployment and
    /// that has a written policy: the policy's `Resource` may name it under the name it gets,
    /// so the placeholder ARN cannot decide which statements apply.
    func markUnknownNames(_ linked: inout [LinkedResource], byConcept: [ResourceConcept: [DeployedResource]]) {
        var unknownNames: [String: String] = [:]
        for (concept, resources) in byConcept {
            guard let naming = ResourceNaming.of(concept) else { continue }
            for resource in resources {
                for property in naming.nameProperties {
                    if let value = resource.properties.member([property]), let reason = value.unknownReason {
                        unknownNames[resource.address] = "the \(property) of \(resource.address) is \(reason), so the resources its policies name cannot be matched"
                    }
                }
            }
        }
        guard !unknownNames.isEmpty else { return }
        let written: Set<AccessSourceType> = [.policy, .s3AccessPoint]
        for index in linked.indices where !linked[index].isOutsideDeployment {
            // Statements whose resources are all `*` apply whatever the name turns out to be.
            let namesResources = linked[index].access.documents.contains { document in
                written.contains(document.sourceType)
                    && document.document.statements.contains { statement in
                        statement.resource.map { element in element.isNegated || element.patterns.contains { $0.value != "*" } } ?? false
                    }
            }
            guard let reason = unknownNames[linked[index].address], namesResources else { continue }
            linked[index].access.unknowns.append(reason)
        }
    }

    // MARK: - Targets

    /// A resource that attachments point at, with the strings that identify it.
    struct Target {
        let resource: DeployedResource
        let identity: ResourceIdentity
    }

    /// What an attachment's property names.
    enum Link {
        /// The target at this index.
        case target(Int)
        /// A resource outside the deployment, by the identifier the property holds.
        case outside(String)
        /// The property is not known before deployment and no reference says where it points.
        case unknown(String)
    }

    func targets(_ concepts: [ResourceConcept], in byConcept: [ResourceConcept: [DeployedResource]]) -> Targets {
        Targets(concepts.flatMap { concept -> [Target] in
            guard let naming = ResourceNaming.of(concept) else { return [] }
            return (byConcept[concept] ?? []).map { Target(resource: $0, identity: naming.identity(of: $0, settings: settings)) }
        })
    }

    /// Returns what an attachment's property names, one link per element when the property is
    /// a list: the resource its value references, or else the one whose name, ID, ARN or URL
    /// its value is. An empty result means the property is absent.
    func links(of attachment: DeployedResource, properties: [String], among targets: Targets) -> [Link] {
        guard let value = attachment.properties.member(properties), !value.isNull else { return [] }
        let referenced = Set(properties.flatMap { attachment.referencedAddresses($0) })
        let byReference = targets.indices(referencing: referenced)
        let elements = value.arrayElements ?? [value]
        if byReference.count == 1, elements.count == 1 {
            return [.target(byReference[0])]
        }
        return elements.map { element in
            guard let text = element.stringValue, element.unknownReason == nil else {
                if byReference.count == 1 { return .target(byReference[0]) }
                let reason = element.unknownReason ?? "not a string"
                return .unknown("the \(properties[0]) of \(attachment.address) is \(reason)")
            }
            return link(named: text, among: targets)
        }
    }

    /// Applies `update` to what is gathered for each target that an attachment's property
    /// names: one of `targets`, with its index; a resource outside the deployment, grouped by
    /// `outsideKey` of its identifier; or, when the target is not known, a group of the
    /// attachment alone that records why.
    func distribute<Parts: GatheredParts>(
        _ attachment: DeployedResource, properties: [String], among targets: Targets, into gathered: inout [Parts],
        outside: inout OrderedGroups<Parts>, outsideKey: (String) -> String = { $0 }, _ update: (inout Parts, Int?) -> Void
    ) {
        for link in links(of: attachment, properties: properties, among: targets) {
            switch link {
            case .target(let index):
                update(&gathered[index], index)
            case .outside(let identifier):
                outside.update(outsideKey(identifier), first: attachment) { update(&$0, nil) }
            case .unknown(let reason):
                outside.update(unknownKey(attachment), first: attachment) { parts in
                    parts.common.unknowns.append(reason)
                    update(&parts, nil)
                }
            }
        }
    }

    /// Returns the target whose identifiers contain `text`, or else the name at the end of
    /// `text` when it is an ARN or URL.
    func link(named text: String, among targets: Targets) -> Link {
        if let index = targets.first(identifiedBy: [text]) {
            return .target(index)
        }
        if let index = targets.first(identifiedBy: Self.identifiers(of: text)) {
            return .target(index)
        }
        return .outside(text)
    }

    /// The forms of an identifier to compare: itself, and the name at the end of an ARN or URL.
    static func identifiers(of value: String) -> Set<String> {
        var result: Set<String> = [value]
        if ARNText.isARN(value), let last = ARNText.lastName(value) {
            result.insert(last)
        }
        if value.hasPrefix("https://"), let last = value.split(separator: "/").last {
            result.insert(String(last))
        }
        result.remove("")
        return result
    }

    // MARK: - Reading attachments

    /// Reads a policy property, recording why it cannot be used when it cannot.
    mutating func policy(_ resource: DeployedResource, _ names: String...) -> (PolicyDocument?, unknown: String?) {
        policy(resource, path: [names[0]], alternatives: names)
    }

    /// The string value of a property, or why it is not known.
    func string(_ resource: DeployedResource, _ names: String...) -> (String?, unknown: String?) {
        guard let value = resource.properties.member(names) else { return (nil, nil) }
        if let reason = value.unknownReason {
            return (nil, "the \(names[0]) of \(resource.address) is \(reason)")
        }
        return (value.stringValue, nil)
    }

    /// The strings of a property that is a list, or a single string.
    func strings(_ resource: DeployedResource, _ names: String...) -> (values: [String], unknown: String?) {
        guard let value = resource.properties.member(names) else { return ([], nil) }
        if let reason = value.unknownReason {
            return ([], "the \(names[0]) of \(resource.address) is \(reason)")
        }
        return ((value.arrayElements ?? [value]).compactMap(\.stringValue), nil)
    }
}
