import CloudResources
import PolicyLanguage

/// A resource type whose access is its resource policy alone, with the resources that can
/// set that policy.
struct PolicyFamily {
    struct Attachment {
        let concept: ResourceConcept
        /// The properties that name the target.
        let targetProperties: [String]
        let policyProperties: [String]
    }

    let target: ResourceConcept
    /// The CloudFormation type name of the target, as the access model names it.
    let typeName: String
    /// The target's own properties that hold its policy, as nested paths.
    let ownPolicy: [[String]]
    /// Whether the own policy counts even when a format marks it as computed, as a role's
    /// required trust policy does.
    let ownPolicyIsRequired: Bool
    let attachments: [Attachment]

    static let all: [PolicyFamily] = [
        PolicyFamily(
            target: .iamRole, typeName: "AWS::IAM::Role", ownPolicy: [["assumeRolePolicy"], ["assumeRolePolicyDocument"]],
            ownPolicyIsRequired: true, attachments: []),
        PolicyFamily(
            target: .sqsQueue, typeName: "AWS::SQS::Queue", ownPolicy: [["policy"]], ownPolicyIsRequired: false,
            attachments: [
                Attachment(concept: .sqsQueuePolicy, targetProperties: ["queueUrl", "queues"], policyProperties: ["policy", "policyDocument"]),
                Attachment(concept: .sqsQueueInlinePolicy, targetProperties: ["queue"], policyProperties: ["policyDocument"]),
            ]),
        PolicyFamily(
            target: .snsTopic, typeName: "AWS::SNS::Topic", ownPolicy: [["policy"]], ownPolicyIsRequired: false,
            attachments: [
                Attachment(concept: .snsTopicPolicy, targetProperties: ["arn", "topics"], policyProperties: ["policy", "policyDocument"]),
                Attachment(concept: .snsTopicInlinePolicy, targetProperties: ["topicArn"], policyProperties: ["policyDocument"]),
            ]),
        PolicyFamily(
            target: .secret, typeName: "AWS::SecretsManager::Secret", ownPolicy: [["policy"]], ownPolicyIsRequired: false,
            attachments: [
                Attachment(concept: .secretPolicy, targetProperties: ["secretArn", "secretId"], policyProperties: ["policy", "resourcePolicy"])
            ]),
        PolicyFamily(
            target: .ecrRepository, typeName: "AWS::ECR::Repository", ownPolicy: [["repositoryPolicyText"]], ownPolicyIsRequired: false,
            attachments: [Attachment(concept: .ecrRepositoryPolicy, targetProperties: ["repository"], policyProperties: ["policy"])]),
        PolicyFamily(
            target: .efsFileSystem, typeName: "AWS::EFS::FileSystem", ownPolicy: [["fileSystemPolicy"]], ownPolicyIsRequired: false,
            attachments: [Attachment(concept: .efsFileSystemPolicy, targetProperties: ["fileSystemId"], policyProperties: ["policy"])]),
        PolicyFamily(
            target: .dynamoDBTable, typeName: "AWS::DynamoDB::Table", ownPolicy: [["resourcePolicy", "policyDocument"]], ownPolicyIsRequired: false,
            attachments: [Attachment(concept: .dynamoDBResourcePolicy, targetProperties: ["resourceArn"], policyProperties: ["policy"])]),
        PolicyFamily(
            target: .glacierVault, typeName: "AWS::Glacier::Vault", ownPolicy: [["accessPolicy"]], ownPolicyIsRequired: false, attachments: []),
    ]
}

extension Linker {
    /// Links the resources of one family, such as roles, queues, topics, secrets,
    /// repositories, file systems, tables or vaults, with the policies set on them.
    mutating func link(_ family: PolicyFamily, _ byConcept: [ResourceConcept: [DeployedResource]]) -> [LinkedResource] {
        let members = targets([family.target], in: byConcept)
        var gathered = Array(repeating: Gathered(), count: members.count)
        var streams = Array(repeating: Gathered(), count: members.count)
        var rejectsPublic = Array(repeating: [String](), count: members.count)
        var outside = OrderedGroups<Gathered>()

        // The members' own policies are read on all cores.
        let ownExtractions = members.map(\.resource).concurrentMap { resource in
            family.ownPolicy.map { path -> (value: DeployedValue, extraction: PolicyExtraction.Result)? in
                guard let value = resource.properties.path(path), !value.isNull else { return nil }
                guard family.ownPolicyIsRequired || resource.configures(path[0]) else { return nil }
                return (value, Self.extractPolicy(resource, path: path))
            }
        }
        for (index, member) in members.enumerated() {
            for case let (value, extraction)? in ownExtractions[index] {
                gathered[index].addPolicy(taking(extraction), value: value, source: member.resource.address)
            }
            if family.target == .dynamoDBTable, let value = member.resource.properties.path(["streamSpecification", "resourcePolicy", "policyDocument"]) {
                streams[index].addPolicy(policy(member.resource, path: ["streamSpecification", "resourcePolicy", "policyDocument"]), value: value, source: member.resource.address)
            }
        }
        for attachment in family.attachments {
            let resources = byConcept[attachment.concept] ?? []
            let extractions = resources.concurrentMap { resource in
                Self.extractPolicy(resource, path: [attachment.policyProperties[0]], alternatives: attachment.policyProperties)
            }
            for (resource, extraction) in zip(resources, extractions) {
                let read = taking(extraction)
                let value = resource.properties.member(attachment.policyProperties)
                let blocksPublic = resource.properties["blockPublicPolicy"]?.boolValue == true
                let named = resource.properties.member(attachment.targetProperties)?.stringValue ?? ""
                let isStream = family.target == .dynamoDBTable && named.contains("/stream/")
                distribute(resource, properties: attachment.targetProperties, among: members, into: &gathered, outside: &outside) { parts, index in
                    guard let index, isStream else {
                        parts.addPolicy(read, value: value, source: resource.address)
                        return
                    }
                    streams[index].addPolicy(read, value: value, source: resource.address)
                }
                if blocksPublic {
                    for case .target(let index) in links(of: resource, properties: attachment.targetProperties, among: members) {
                        rejectsPublic[index].append(resource.address)
                    }
                }
            }
        }

        let type = ResourceType.named(family.typeName)!
        var result: [LinkedResource] = []
        for (index, member) in members.enumerated() {
            var parts = gathered[index]
            let document = parts.policy(of: member.identity.arn)
            let owner = ARNText.account(member.identity.arn) ?? settings.account
            let configuration = PolicyResourceConfiguration(arn: member.identity.arn, type: type, ownerAccount: owner, policy: document, unknowns: parts.unknowns)
            var access = configuration.access(catalog: catalog)
            if !rejectsPublic[index].isEmpty {
                access.rejectsPublic[.policy] = "\(rejectsPublic[index].joined(separator: ", ")) sets BlockPublicPolicy, so Secrets Manager rejects this public policy on \(member.identity.arn)"
            }
            result.append(linked(member.resource, access: access, attachments: parts.attachments, outside: false))
            if family.target == .dynamoDBTable, !streams[index].attachments.isEmpty {
                result.append(linkedStream(of: member, parts: streams[index]))
            }
        }
        for (name, group) in outside.groups {
            var parts = group.value
            let arn = outsideARN(name, family: family, attachment: group.first)
            let document = parts.policy(of: arn)
            let streamType = ResourceType.named("AWS::DynamoDB::Stream")!
            let configuration = PolicyResourceConfiguration(
                arn: arn, type: streamType.names(arn) ? streamType : type, ownerAccount: ARNText.account(arn) ?? settings.account,
                policy: document, unknowns: parts.unknowns)
            reportOutside(name, attachment: group.first, kind: family.typeName, targets: members)
            result.append(linked(group.first, access: configuration.access(catalog: catalog), attachments: parts.attachments, outside: true))
        }
        return result
    }

    mutating func linkedStream(of table: Target, parts: Gathered) -> LinkedResource {
        var parts = parts
        let label = "2024-01-01T00:00:00.000"
        let arn = table.resource.properties["streamArn"]?.stringValue ?? "\(table.identity.arn)/stream/\(label)"
        let document = parts.policy(of: arn)
        let configuration = PolicyResourceConfiguration(
            arn: arn, type: ResourceType.named("AWS::DynamoDB::Stream")!, ownerAccount: ARNText.account(arn) ?? settings.account,
            policy: document, unknowns: parts.unknowns)
        return linked(table.resource, access: configuration.access(catalog: catalog), attachments: parts.attachments, outside: false)
    }

    /// The ARN of a resource outside the deployment, from the identifier an attachment holds:
    /// an ARN as it is, a queue URL's name, or a name.
    func outsideARN(_ identifier: String, family: PolicyFamily, attachment: DeployedResource) -> String {
        if ARNText.isARN(identifier) {
            return identifier
        }
        var name = identifier
        var region = settings.region
        var account = settings.account
        if identifier.hasPrefix("https://") {
            // https://sqs.REGION.amazonaws.com/ACCOUNT/NAME
            let parts = identifier.dropFirst("https://".count).split(separator: "/").map(String.init)
            if parts.count >= 3 {
                account = parts[1]
                name = parts[2]
                let host = parts[0].split(separator: ".")
                if host.count > 2 { region = String(host[1]) }
            }
        }
        let naming = ResourceNaming.of(family.target)!
        return naming.arn(name, region, account, settings.partition, attachment)
    }

    /// The key under which attachments whose target is not known are gathered: each such
    /// attachment on its own.
    func unknownKey(_ attachment: DeployedResource) -> String {
        "\u{0}" + attachment.address
    }

    /// Reports an attachment whose target is outside the deployment. When the identifier is
    /// the logical ID of a resource of the template, the help says to refer to it instead.
    mutating func reportOutside(_ key: String, attachment: DeployedResource, kind: String, targets: Targets, detail: String? = nil) {
        guard !key.hasPrefix("\u{0}") else { return }
        let name = ARNText.lastName(key) ?? key
        let sameID = targets.first { $0.resource.address == key || $0.resource.address == name }
        let help = sameID.map { "'\($0.resource.address)' is the logical ID of a resource of the template; write !Ref \($0.resource.address) to attach to it" }
        diagnostics.append(Diagnostic(
            .unlinkedAttachment,
            "\(attachment.address) names the \(kind) '\(key)', which is not in the deployment; \(detail ?? "only what the deployment attaches to it is analyzed")",
            file: attachment.file, location: attachment.location, help: help))
    }

    /// Reads a policy at a nested property path, recording why it cannot be used when it cannot.
    mutating func policy(_ resource: DeployedResource, path: [String], alternatives: [String] = []) -> (PolicyDocument?, unknown: String?) {
        taking(Self.extractPolicy(resource, path: path, alternatives: alternatives))
    }

    /// Reads the policy at `path`, or at the first of `alternatives` that the resource has.
    /// It changes nothing, so that policies can be read on all cores.
    static func extractPolicy(_ resource: DeployedResource, path: [String], alternatives: [String] = []) -> PolicyExtraction.Result {
        let value = path.count == 1 && !alternatives.isEmpty ? resource.properties.member(alternatives) : resource.properties.path(path)
        return PolicyExtraction.read(value, of: resource, property: path.joined(separator: "."))
    }

    /// Returns the policy that was read, or why it is not known, and keeps its diagnostics.
    mutating func taking(_ extraction: PolicyExtraction.Result) -> (PolicyDocument?, unknown: String?) {
        switch extraction {
        case .absent:
            return (nil, nil)
        case .policy(let document):
            return (document, nil)
        case .unknown(let reason):
            return (nil, reason)
        case .invalid(let place, let problems):
            diagnostics += problems
            return (nil, "\(place) has errors")
        }
    }
}

extension DeployedValue {
    /// The value at a path of member names, each compared loosely; Terraform's one-element
    /// block lists are read through.
    func path(_ names: [String]) -> DeployedValue? {
        var current: DeployedValue? = self
        for name in names {
            current = current?.single.member([name])
        }
        return current
    }
}
