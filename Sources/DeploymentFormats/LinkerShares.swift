import CloudResources
import PolicyLanguage

/// The sharing gathered for one snapshot or machine image.
struct GatheredShare: GatheredParts {
    var common = Gathered()
    var isPublic = false
    var accounts: [String] = []
    var organizations: [String] = []
}

extension Linker {
    /// Links EBS snapshots and machine images with their permission resources, and reads
    /// the shared accounts of RDS snapshots.
    mutating func linkShares(_ byConcept: [ResourceConcept: [DeployedResource]]) -> [LinkedResource] {
        var result: [LinkedResource] = []
        result += linkShares(of: .ebsSnapshot, kind: .ebsSnapshot, permissions: .ebsSnapshotPermission, targetProperty: "snapshotId", byConcept)
        result += linkShares(of: .machineImage, kind: .machineImage, permissions: .machineImageLaunchPermission, targetProperty: "imageId", byConcept)
        result += linkSharedAccounts(of: .rdsSnapshot, kind: .rdsDBSnapshot, byConcept)
        result += linkSharedAccounts(of: .rdsClusterSnapshot, kind: .rdsDBClusterSnapshot, byConcept)
        return result
    }

    mutating func linkShares(
        of concept: ResourceConcept, kind: ShareAttributeConfiguration.Kind, permissions: ResourceConcept, targetProperty: String,
        _ byConcept: [ResourceConcept: [DeployedResource]]
    ) -> [LinkedResource] {
        let shared = targets([concept], in: byConcept)
        var gathered = Array(repeating: GatheredShare(), count: shared.count)
        var outside = OrderedGroups<GatheredShare>()

        for resource in byConcept[permissions] ?? [] {
            let read = sharing(resource)
            distribute(resource, properties: [targetProperty], among: shared, into: &gathered, outside: &outside) { parts, _ in read(&parts) }
        }

        let naming = ResourceNaming.of(concept)!
        var result: [LinkedResource] = []
        for (index, target) in shared.enumerated() {
            let encrypted = target.resource.properties["encrypted"]?.boolValue ?? false
            result.append(linkedShare(kind, arn: target.identity.arn, parts: gathered[index], encrypted: encrypted, resource: target.resource, outside: false))
        }
        for (identifier, group) in outside.groups {
            let name = identifier.hasPrefix("\u{0}") ? ResourceNaming.placeholderName(group.first.address, settings: settings, lowercase: true) : identifier
            let arn = ARNText.isARN(name) ? name : naming.arn(name, settings.region, settings.account, settings.partition, group.first)
            reportOutside(identifier, attachment: group.first, kind: kind.typeName, targets: shared)
            result.append(linkedShare(kind, arn: arn, parts: group.value, encrypted: false, resource: group.first, outside: true))
        }
        return result
    }

    /// Returns how a permission resource shares its target: with an account, with everyone
    /// (`group = all`), or with an organization or organizational unit.
    func sharing(_ resource: DeployedResource) -> (inout GatheredShare) -> Void {
        let properties = resource.properties
        var unknowns: [String] = []
        var accounts: [String] = []
        var organizations: [String] = []
        var isPublic = false
        for name in ["accountId", "group", "organizationArn", "organizationalUnitArn"] {
            guard let value = properties[name], !value.isNull else { continue }
            if let reason = value.unknownReason {
                unknowns.append("the \(name) of \(resource.address) is \(reason)")
                continue
            }
            guard let text = value.stringValue, !text.isEmpty else { continue }
            switch name {
            case "accountId": accounts.append(text)
            case "group": isPublic = isPublic || text == "all"
            default:
                // An organizational unit shares with part of its organization; sharing with
                // the whole organization includes that part.
                if let organization = text.split(separator: "/").first(where: { $0.hasPrefix("o-") }) {
                    organizations.append(String(organization))
                } else {
                    unknowns.append("the \(name) of \(resource.address) names no organization")
                }
            }
        }
        return { share in
            share.common.attach(resource.address)
            share.common.unknowns += unknowns
            share.accounts += accounts
            share.organizations += organizations
            share.isPublic = share.isPublic || isPublic
        }
    }

    mutating func linkSharedAccounts(of concept: ResourceConcept, kind: ShareAttributeConfiguration.Kind, _ byConcept: [ResourceConcept: [DeployedResource]]) -> [LinkedResource] {
        var result: [LinkedResource] = []
        for target in targets([concept], in: byConcept) {
            var parts = GatheredShare()
            let shared = strings(target.resource, "sharedAccounts")
            if let reason = shared.unknown {
                parts.common.unknowns.append(reason)
            }
            for account in shared.values {
                if account == "all" {
                    parts.isPublic = true
                } else {
                    parts.accounts.append(account)
                }
            }
            let encrypted = target.resource.properties["encrypted", "storageEncrypted"]?.boolValue ?? false
            result.append(linkedShare(kind, arn: target.identity.arn, parts: parts, encrypted: encrypted, resource: target.resource, outside: false))
        }
        return result
    }

    func linkedShare(
        _ kind: ShareAttributeConfiguration.Kind, arn: String, parts: GatheredShare, encrypted: Bool, resource: DeployedResource, outside: Bool
    ) -> LinkedResource {
        let configuration = ShareAttributeConfiguration(
            kind: kind, arn: arn, ownerAccount: ARNText.account(arn) ?? settings.account, isPublic: parts.isPublic, accounts: parts.accounts,
            organizations: parts.organizations, isEncrypted: encrypted, location: resource.location, unknowns: parts.common.unknowns)
        return linked(resource, access: configuration.access(catalog: catalog), attachments: parts.common.attachments, outside: outside)
    }
}
