import CloudResources
import PolicyLanguage

/// What the deployment attaches to one KMS key.
struct GatheredKey: GatheredParts {
    var common = Gathered()
    var grants: [KMSGrant] = []
}

extension Linker {
    /// Links KMS keys with their key policies and grants, which AWS applies together.
    mutating func linkKMS(_ byConcept: [ResourceConcept: [DeployedResource]]) -> [LinkedResource] {
        let keys = targets([.kmsKey], in: byConcept)
        var gathered = Array(repeating: GatheredKey(), count: keys.count)
        var outside = OrderedGroups<GatheredKey>()

        for (index, key) in keys.enumerated() {
            for name in ["policy", "keyPolicy"] {
                guard let value = key.resource.properties.member([name]), !value.isNull, key.resource.configures(name) else { continue }
                gathered[index].common.addPolicy(policy(key.resource, name), value: value, source: key.resource.address)
            }
        }
        let settings = settings
        func gather(_ resource: DeployedResource, _ update: (inout GatheredKey) -> Void) {
            distribute(resource, properties: ["keyId"], among: keys, into: &gathered, outside: &outside, outsideKey: { identifier in
                ARNText.isARN(identifier) ? identifier : "arn:\(settings.partition):kms:\(settings.region):\(settings.account):key/\(identifier)"
            }) { parts, _ in update(&parts) }
        }
        for resource in byConcept[.kmsKeyPolicy] ?? [] {
            let read = policy(resource, "policy")
            gather(resource) { $0.common.addPolicy(read, value: resource.properties["policy"], source: resource.address) }
        }
        for resource in byConcept[.kmsGrant] ?? [] {
            let read = grant(resource)
            gather(resource) { key in
                key.common.attach(resource.address)
                if let reason = read.unknown {
                    key.common.unknowns.append(reason)
                } else if let grant = read.grant {
                    key.grants.append(grant)
                }
            }
        }

        var result: [LinkedResource] = []
        for (index, key) in keys.enumerated() {
            var parts = gathered[index]
            let document = parts.common.policy(of: key.identity.arn)
            let configuration = KMSKeyConfiguration(arn: key.identity.arn, keyPolicy: document, grants: parts.grants, unknowns: parts.common.unknowns)
            result.append(linked(key.resource, access: configuration.access(catalog: catalog), attachments: parts.common.attachments, outside: false))
        }
        for (identifier, group) in outside.groups {
            var parts = group.value
            let arn = identifier.hasPrefix("\u{0}")
                ? "arn:\(settings.partition):kms:\(settings.region):\(settings.account):key/\(ResourceNaming.placeholderName(group.first.address, settings: settings, lowercase: false))"
                : identifier
            reportOutside(identifier, attachment: group.first, kind: "AWS::KMS::Key", targets: keys)
            let document = parts.common.policy(of: arn)
            let configuration = KMSKeyConfiguration(arn: arn, keyPolicy: document, grants: parts.grants, unknowns: parts.common.unknowns)
            result.append(linked(group.first, access: configuration.access(catalog: catalog), attachments: parts.common.attachments, outside: true))
        }
        return result
    }

    /// Reads a KMS grant with its encryption context constraints.
    func grant(_ resource: DeployedResource) -> (grant: KMSGrant?, unknown: String?) {
        let properties = resource.properties
        guard let grantee = properties["granteePrincipal"] else {
            return (nil, "\(resource.address) has no grantee principal")
        }
        if let reason = grantee.unknownReason {
            return (nil, "the grantee principal of \(resource.address) is \(reason)")
        }
        let retiring = properties["retiringPrincipal"]
        if let reason = retiring?.unknownReason {
            return (nil, "the retiring principal of \(resource.address) is \(reason)")
        }
        let operations = strings(resource, "operations")
        if let reason = operations.unknown {
            return (nil, reason)
        }
        var equals: [String: String] = [:]
        var subset: [String: String] = [:]
        for constraint in properties["constraints"]?.arrayElements ?? [] {
            if let reason = constraint.unknownReason {
                return (nil, "the constraints of \(resource.address) are \(reason)")
            }
            for member in constraint["encryptionContextEquals"]?.objectMembers ?? [] {
                equals[member.key] = member.value.stringValue
            }
            for member in constraint["encryptionContextSubset"]?.objectMembers ?? [] {
                subset[member.key] = member.value.stringValue
            }
        }
        let identifier = properties["grantId"]?.stringValue ?? properties["name"]?.stringValue ?? resource.address
        let grant = KMSGrant(
            grantID: identifier, granteePrincipal: grantee.stringValue ?? "", retiringPrincipal: retiring?.stringValue.flatMap { $0.isEmpty ? nil : $0 },
            operations: operations.values, encryptionContextEquals: equals, encryptionContextSubset: subset, location: resource.location)
        return (grant, nil)
    }
}
