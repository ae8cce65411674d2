import CloudResources
import PolicyLanguage

/// What the deployment attaches to one S3 bucket.
struct GatheredBucket {
    var common = Gathered()
    var aclGrants: [ACLGrant] = []
    var aclSources: [String] = []
    var ownerCanonicalID: String?
    var objectOwnership: ObjectOwnership?
    var blockPublicAccess: BlockPublicAccess?
    var accessPoints: [(point: S3AccessPoint, resource: DeployedResource, common: Gathered)] = []
}

extension Linker {
    /// Links S3 general purpose and directory buckets with their policies, ACLs, Object
    /// Ownership, Block Public Access settings and access points.
    mutating func linkBuckets(_ byConcept: [ResourceConcept: [DeployedResource]]) -> [LinkedResource] {
        let buckets = targets([.s3Bucket, .s3DirectoryBucket], in: byConcept)
        var gathered = Array(repeating: GatheredBucket(), count: buckets.count)
        var outside = OrderedGroups<GatheredBucket>()
        let canonicalID = ownerCanonicalID

        func gather(_ attachment: DeployedResource, properties: [String], _ update: (inout GatheredBucket) -> Void) {
            distribute(attachment, properties: properties, among: buckets, into: &gathered, outside: &outside) { parts, _ in update(&parts) }
        }

        // The buckets' own properties.
        for (index, bucket) in buckets.enumerated() {
            gatherOwnProperties(of: bucket.resource, into: &gathered[index])
        }
        // Policies are read on all cores: reading them is most of the time linking takes.
        let policies = (byConcept[.s3BucketPolicy] ?? []) + (byConcept[.s3DirectoryBucketPolicy] ?? [])
        let extractions = policies.concurrentMap { Self.extractPolicy($0, path: ["policy"], alternatives: ["policy", "policyDocument"]) }
        for (policy, extraction) in zip(policies, extractions) {
            let read = taking(extraction)
            gather(policy, properties: ["bucket"]) { $0.common.addPolicy(read, value: policy.properties["policy", "policyDocument"], source: policy.address) }
        }
        for acl in byConcept[.s3BucketACL] ?? [] {
            let grants = aclGrants(of: acl)
            gather(acl, properties: ["bucket"]) { bucket in
                bucket.common.attach(acl.address)
                bucket.aclSources.append(acl.address)
                bucket.aclGrants += grants.grants
                bucket.common.unknowns += grants.unknowns
                bucket.ownerCanonicalID = grants.owner ?? bucket.ownerCanonicalID
            }
        }
        for controls in byConcept[.s3OwnershipControls] ?? [] {
            let ownership = objectOwnership(controls.properties["rule"]?.single["objectOwnership"], of: controls)
            gather(controls, properties: ["bucket"]) { bucket in
                bucket.common.attach(controls.address)
                apply(ownership, to: &bucket)
            }
        }
        for block in byConcept[.s3BucketPublicAccessBlock] ?? [] {
            let settings = blockPublicAccess(block.properties, of: block, missing: false)
            gather(block, properties: ["bucket"]) { bucket in
                bucket.common.attach(block.address)
                bucket.blockPublicAccess = settings.value
                bucket.common.unknowns += settings.unknowns
            }
        }
        let pointPolicies = accessPointPolicies(byConcept)
        for point in byConcept[.s3AccessPoint] ?? [] {
            let read = accessPoint(point, separatePolicies: pointPolicies)
            gather(point, properties: ["bucket"]) { $0.accessPoints.append(read) }
        }

        let account = accountBlockPublicAccess(byConcept)
        var result: [LinkedResource] = []
        for (index, bucket) in buckets.enumerated() {
            var parts = gathered[index]
            parts.ownerCanonicalID = parts.ownerCanonicalID ?? canonicalID
            result += linkedBucket(bucket.identity.arn, parts: parts, account: account, resource: bucket.resource, outside: false)
        }
        for (key, group) in outside.groups {
            let name = key.hasPrefix("\u{0}") ? ResourceNaming.placeholderName(group.first.address, settings: settings, lowercase: true) : key
            let arn = ARNText.isARN(name) ? name : "arn:\(settings.partition):s3:::\(name)"
            var parts = group.value
            parts.ownerCanonicalID = parts.ownerCanonicalID ?? canonicalID
            reportOutside(
                key, attachment: group.first, kind: "AWS::S3::Bucket", targets: buckets,
                detail: "its ACL, Object Ownership and Block Public Access are not known, so what the deployment attaches is analyzed as if Block Public Access were off")
            result += linkedBucket(arn, parts: parts, account: account, resource: group.first, outside: true)
        }
        return result
    }

    /// Reads the policy, ACL, Object Ownership and Block Public Access that a bucket resource
    /// sets itself: the legacy Pulumi and Terraform properties and CloudFormation's.
    mutating func gatherOwnProperties(of bucket: DeployedResource, into parts: inout GatheredBucket) {
        let properties = bucket.properties
        if bucket.configures("policy"), properties["policy"] != nil {
            parts.common.addPolicy(policy(bucket, "policy"), value: properties["policy"], source: bucket.address)
        }
        if bucket.configures("acl", "grant", "grants", "accessControl") {
            let grants = aclGrants(of: bucket)
            if grants.isSet {
                parts.aclSources.append(bucket.address)
                parts.aclGrants += grants.grants
                parts.common.unknowns += grants.unknowns
            }
        }
        if let rules = properties["ownershipControls"]?.single["rules"] {
            let rule = (rules.arrayElements ?? [rules]).first
            apply(objectOwnership(rule?["objectOwnership"], of: bucket), to: &parts)
        }
        if let block = properties["publicAccessBlockConfiguration"] {
            let settings = blockPublicAccess(block.single, of: bucket, missing: false)
            parts.blockPublicAccess = settings.value
            parts.common.unknowns += settings.unknowns
        }
    }

    func apply(_ ownership: (value: ObjectOwnership?, unknown: String?), to parts: inout GatheredBucket) {
        if let reason = ownership.unknown {
            parts.common.unknowns.append(reason)
        } else if let value = ownership.value {
            parts.objectOwnership = value
        }
    }

    /// Builds the access configurations of a bucket and its access points.
    mutating func linkedBucket(
        _ arn: String, parts: GatheredBucket, account: (value: BlockPublicAccess?, unknowns: [String], sources: [String]),
        resource: DeployedResource, outside: Bool
    ) -> [LinkedResource] {
        var common = parts.common
        let policy = common.policy(of: arn)
        if ResourceConcept.of(resource.type) == .s3DirectoryBucket || arn.utf8.contains(":s3express:".utf8) || (outside && arn.hasSuffix("--x-s3")) {
            let expressARN = arn.utf8.contains(":s3express:".utf8) ? arn : "arn:\(settings.partition):s3express:\(settings.region):\(settings.account):bucket/\(ARNText.lastName(arn) ?? arn)"
            let type = ResourceType.named("AWS::S3Express::DirectoryBucket")!
            let configuration = PolicyResourceConfiguration(
                arn: expressARN, type: type, ownerAccount: settings.account, policy: policy, unknowns: common.unknowns)
            return [linked(resource, access: configuration.access(catalog: catalog), attachments: common.attachments, outside: outside)]
        }

        var unknowns = common.unknowns + account.unknowns
        // AWS applies Block Public Access and disables ACLs on new buckets unless the deployment says otherwise.
        // NOTE: buckets created before April 2023 may have other settings, which a state file does not show.
        let accountSettings = account.value ?? BlockPublicAccess(blockPublicAcls: nil, ignorePublicAcls: nil, blockPublicPolicy: nil, restrictPublicBuckets: nil)
        if account.value == nil {
            unknowns.append("the account's S3 Block Public Access settings are not known")
        }
        var configuration = S3BucketConfiguration(
            arn: arn, ownerAccount: settings.account, policy: policy, aclGrants: parts.aclGrants, ownerCanonicalID: parts.ownerCanonicalID,
            objectOwnership: parts.objectOwnership ?? .bucketOwnerEnforced, bucketBlockPublicAccess: parts.blockPublicAccess ?? (outside ? .off : .all),
            accountBlockPublicAccess: accountSettings, unknowns: unknowns)
        configuration.accessPoints = parts.accessPoints.map(\.point)
        let accesses = configuration.access(catalog: catalog)
        var result: [LinkedResource] = []
        if !outside || !parts.common.attachments.isEmpty {
            result.append(linked(resource, access: accesses[0], attachments: common.attachments + account.sources, outside: outside))
        }
        for (offset, point) in parts.accessPoints.enumerated() {
            var access = accesses[offset + 1]
            access.unknowns += point.common.unknowns
            result.append(linked(point.resource, access: access, attachments: point.common.attachments, outside: false))
        }
        return result
    }

    func linked(_ resource: DeployedResource, access: ResourceAccess, attachments: [String], outside: Bool) -> LinkedResource {
        LinkedResource(
            address: resource.address, type: resource.type, file: resource.file, location: resource.location,
            attachments: attachments.filter { $0 != resource.address }, isOutsideDeployment: outside, scenario: nil, access: access)
    }

    // MARK: - ACLs

    struct ReadGrants {
        var grants: [ACLGrant] = []
        var unknowns: [String] = []
        var owner: String?
        /// Whether the resource sets an ACL at all.
        var isSet = false
    }

    /// Reads the ACL a resource sets: a canned ACL (`acl`, CloudFormation's `AccessControl`),
    /// legacy `grants`/`grant` lists, or an `accessControlPolicy` with its owner.
    func aclGrants(of resource: DeployedResource) -> ReadGrants {
        var result = ReadGrants()
        let properties = resource.properties
        if let canned = properties["acl", "accessControl"], !canned.isNull {
            if let reason = canned.unknownReason {
                result.unknowns.append("the ACL of \(resource.address) is \(reason)")
                result.isSet = true
            } else if let name = canned.stringValue, !name.isEmpty {
                result.isSet = true
                if let grants = ACLGrant.canned(Self.cannedACLName(name), location: canned.location) {
                    result.grants += grants
                } else {
                    result.unknowns.append("\(resource.address) sets the unknown canned ACL '\(name)'")
                }
            }
        }
        for grant in properties["grants", "grant"]?.arrayElements ?? [] {
            result.isSet = true
            let permissions = grant["permissions"]?.arrayElements ?? []
            for permission in permissions {
                read(grantee: grant, permission: permission, of: resource, into: &result)
            }
        }
        if let policy = properties["accessControlPolicy"]?.single, policy.objectMembers != nil {
            result.isSet = true
            result.owner = policy["owner"]?.single["id"]?.stringValue
            for grant in policy["grants", "grant"]?.arrayElements ?? [] {
                read(grantee: grant["grantee"]?.single ?? grant, permission: grant["permission"], of: resource, into: &result)
            }
        } else if let reason = properties["accessControlPolicy"]?.unknownReason {
            result.isSet = true
            result.unknowns.append("the ACL of \(resource.address) is \(reason)")
        }
        return result
    }

    func read(grantee: DeployedValue, permission: DeployedValue?, of resource: DeployedResource, into result: inout ReadGrants) {
        guard let permissionText = permission?.stringValue, let parsed = ACLGrant.Permission(rawValue: permissionText) else {
            result.unknowns.append("an ACL grant of \(resource.address) has the permission \(permission?.unknownReason ?? permission?.stringValue ?? "nothing"), which is not known")
            return
        }
        let type = grantee["type"]?.stringValue ?? ""
        let location = grantee.location
        switch type {
        case "Group":
            guard let uri = grantee["uri"]?.stringValue, let group = ACLGrant.group(uri: uri) else {
                result.unknowns.append("an ACL grant of \(resource.address) names a group that is not known")
                return
            }
            result.grants.append(ACLGrant(grantee: group, permission: parsed, location: location))
        case "CanonicalUser":
            guard let id = grantee["id"]?.stringValue else {
                result.unknowns.append("an ACL grant of \(resource.address) names a canonical user whose ID is not known")
                return
            }
            result.grants.append(ACLGrant(grantee: .canonicalUser(id), permission: parsed, location: location))
        case "AmazonCustomerByEmail":
            guard let email = grantee["emailAddress", "email"]?.stringValue else {
                result.unknowns.append("an ACL grant of \(resource.address) names an e-mail address that is not known")
                return
            }
            result.grants.append(ACLGrant(grantee: .email(email), permission: parsed, location: location))
        default:
            result.unknowns.append("an ACL grant of \(resource.address) has the grantee type '\(type)', which is not known")
        }
    }

    /// Converts CloudFormation's `AccessControl` names, such as `PublicRead`, to S3's canned
    /// ACL names, such as `public-read`.
    static func cannedACLName(_ name: String) -> String {
        guard let first = name.first, first.isUppercase else { return name }
        var result = ""
        for character in name {
            if character.isUppercase, !result.isEmpty {
                result.append("-")
            }
            result.append(contentsOf: character.lowercased())
        }
        return result
    }

    // MARK: - Object Ownership and Block Public Access

    func objectOwnership(_ value: DeployedValue?, of resource: DeployedResource) -> (value: ObjectOwnership?, unknown: String?) {
        guard let value else { return (nil, nil) }
        if let reason = value.unknownReason {
            return (nil, "the Object Ownership of \(resource.address) is \(reason)")
        }
        guard let text = value.stringValue, let ownership = ObjectOwnership(rawValue: text) else {
            return (nil, "\(resource.address) sets the Object Ownership '\(value.stringValue ?? "")', which is not known")
        }
        return (ownership, nil)
    }

    /// Reads the four Block Public Access flags of an object; a flag that is absent has the
    /// value `missing`, and one that is not known before deployment is nil.
    func blockPublicAccess(_ value: DeployedValue, of resource: DeployedResource, missing: Bool) -> (value: BlockPublicAccess, unknowns: [String]) {
        var unknowns: [String] = []
        func flag(_ name: String) -> Bool? {
            guard let flag = value.member([name]), !flag.isNull else { return missing }
            if let known = flag.boolValue { return known }
            unknowns.append("the \(name) setting of \(resource.address) is \(flag.unknownReason ?? "not a Boolean")")
            return nil
        }
        let settings = BlockPublicAccess(
            blockPublicAcls: flag("blockPublicAcls"), ignorePublicAcls: flag("ignorePublicAcls"),
            blockPublicPolicy: flag("blockPublicPolicy"), restrictPublicBuckets: flag("restrictPublicBuckets"))
        return (settings, unknowns)
    }

    /// The account-level Block Public Access: from the deployment when it sets it, from the
    /// settings otherwise.
    func accountBlockPublicAccess(_ byConcept: [ResourceConcept: [DeployedResource]]) -> (value: BlockPublicAccess?, unknowns: [String], sources: [String]) {
        let blocks = (byConcept[.s3AccountPublicAccessBlock] ?? []).filter { block in
            guard let account = block.properties["accountId"]?.stringValue else { return true }
            return account == settings.account
        }
        guard !blocks.isEmpty else { return (settings.accountBlockPublicAccess, [], []) }
        var levels: [BlockPublicAccess] = []
        var unknowns: [String] = []
        for block in blocks {
            let read = blockPublicAccess(block.properties, of: block, missing: false)
            levels.append(read.value)
            unknowns += read.unknowns
        }
        return (BlockPublicAccess.combined(levels), unknowns, blocks.map(\.address))
    }

    // MARK: - Access points

    func accessPointPolicies(_ byConcept: [ResourceConcept: [DeployedResource]]) -> [String: DeployedResource] {
        var result: [String: DeployedResource] = [:]
        for policy in byConcept[.s3AccessPointPolicy] ?? [] {
            if let arn = policy.properties["accessPointArn"]?.stringValue {
                result[arn] = policy
            }
            for address in policy.referencedAddresses("accessPointArn") {
                result[address] = policy
            }
        }
        return result
    }

    mutating func accessPoint(_ resource: DeployedResource, separatePolicies: [String: DeployedResource]) -> (point: S3AccessPoint, resource: DeployedResource, common: Gathered) {
        let identity = ResourceNaming.of(.s3AccessPoint)!.identity(of: resource, settings: settings)
        var common = Gathered()
        if resource.properties["policy"] != nil {
            common.addPolicy(policy(resource, "policy"), value: resource.properties["policy"], source: resource.address)
        }
        if let separate = separatePolicies[identity.arn] ?? separatePolicies[resource.address] {
            common.addPolicy(policy(separate, "policy"), value: separate.properties["policy"], source: separate.address)
        }
        // New access points block public access unless told otherwise.
        var blockSettings = BlockPublicAccess.all
        if let block = resource.properties["publicAccessBlockConfiguration"]?.single, !block.isNull {
            let read = blockPublicAccess(block, of: resource, missing: true)
            blockSettings = read.value
            common.unknowns += read.unknowns
        }
        var vpc: String?
        if let configuration = resource.properties["vpcConfiguration"]?.single, let id = configuration["vpcId"] {
            if let reason = id.unknownReason {
                vpc = "a VPC whose ID is \(reason)"
            } else {
                vpc = id.stringValue
            }
        }
        let point = S3AccessPoint(arn: identity.arn, policy: common.policy(of: identity.arn), blockPublicAccess: blockSettings, vpcID: vpc)
        return (point, resource, common)
    }
}

/// Groups keyed by a string, in the order the keys first appear, each with the resource
/// that first named it.
struct OrderedGroups<Value> {
    private(set) var keys: [String] = []
    private var values: [String: (first: DeployedResource, value: Value)] = [:]

    var groups: [(key: String, value: (first: DeployedResource, value: Value))] {
        keys.map { ($0, values[$0]!) }
    }

    mutating func update(_ key: String, first: DeployedResource, _ change: (inout Value) -> Void) where Value: GatheredParts {
        if values[key] == nil {
            keys.append(key)
            values[key] = (first, Value())
        }
        change(&values[key]!.value)
    }
}

extension GatheredBucket: GatheredParts {}
