import PolicyLanguage

/// S3 Block Public Access settings at one level: account, bucket or access point. A nil
/// setting is unknown; the most restrictive combination of the levels applies.
public struct BlockPublicAccess: Sendable, Hashable {
    public var blockPublicAcls: Bool?
    public var ignorePublicAcls: Bool?
    public var blockPublicPolicy: Bool?
    public var restrictPublicBuckets: Bool?

    public init(blockPublicAcls: Bool? = false, ignorePublicAcls: Bool? = false, blockPublicPolicy: Bool? = false, restrictPublicBuckets: Bool? = false) {
        self.blockPublicAcls = blockPublicAcls
        self.ignorePublicAcls = ignorePublicAcls
        self.blockPublicPolicy = blockPublicPolicy
        self.restrictPublicBuckets = restrictPublicBuckets
    }

    public static let off = BlockPublicAccess()
    public static let all = BlockPublicAccess(blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true)

    /// Returns the combination of levels: a setting is on when any level turns it on, and unknown
    /// when no level turns it on and some level is unknown.
    public static func combined(_ levels: [BlockPublicAccess]) -> BlockPublicAccess {
        func merge(_ values: [Bool?]) -> Bool? {
            if values.contains(true) { return true }
            return values.contains(nil) ? nil : false
        }
        return BlockPublicAccess(
            blockPublicAcls: merge(levels.map(\.blockPublicAcls)),
            ignorePublicAcls: merge(levels.map(\.ignorePublicAcls)),
            blockPublicPolicy: merge(levels.map(\.blockPublicPolicy)),
            restrictPublicBuckets: merge(levels.map(\.restrictPublicBuckets)))
    }
}

/// S3 Object Ownership: whether ACLs take effect.
public enum ObjectOwnership: String, Sendable {
    /// ACLs are disabled; only policies grant access.
    case bucketOwnerEnforced = "BucketOwnerEnforced"
    case bucketOwnerPreferred = "BucketOwnerPreferred"
    case objectWriter = "ObjectWriter"
}

/// One grant of a bucket ACL.
public struct ACLGrant: Sendable, Hashable {
    public enum Grantee: Sendable, Hashable {
        case allUsers
        case authenticatedUsers
        /// The S3 log delivery group, an AWS service.
        case logDelivery
        case canonicalUser(String)
        case email(String)
    }

    public enum Permission: String, Sendable, CaseIterable {
        case read = "READ"
        case write = "WRITE"
        case readACP = "READ_ACP"
        case writeACP = "WRITE_ACP"
        case fullControl = "FULL_CONTROL"
    }

    public var grantee: Grantee
    public var permission: Permission
    public var location: SourceLocation?

    public init(grantee: Grantee, permission: Permission, location: SourceLocation? = nil) {
        self.grantee = grantee
        self.permission = permission
        self.location = location
    }

    /// Whether S3 counts the grant as public: any permission to everyone or to every
    /// authenticated AWS principal.
    public var isPublic: Bool {
        grantee == .allUsers || grantee == .authenticatedUsers
    }

    /// Returns the grantee that S3 names by this URI, for its predefined groups.
    public static func group(uri: String) -> Grantee? {
        switch uri {
        case "http://acs.amazonaws.com/groups/global/AllUsers": return .allUsers
        case "http://acs.amazonaws.com/groups/global/AuthenticatedUsers": return .authenticatedUsers
        case "http://acs.amazonaws.com/groups/s3/LogDelivery": return .logDelivery
        default: return nil
        }
    }

    /// Returns the grants of a canned ACL beyond the owner's own full control; nil for an
    /// unknown name.
    public static func canned(_ name: String, location: SourceLocation? = nil) -> [ACLGrant]? {
        switch name {
        case "private", "bucket-owner-read", "bucket-owner-full-control":
            return []
        case "public-read":
            return [ACLGrant(grantee: .allUsers, permission: .read, location: location)]
        case "public-read-write":
            return [ACLGrant(grantee: .allUsers, permission: .read, location: location), ACLGrant(grantee: .allUsers, permission: .write, location: location)]
        case "authenticated-read":
            return [ACLGrant(grantee: .authenticatedUsers, permission: .read, location: location)]
        case "aws-exec-read":
            // Amazon EC2 reads AMI bundles for the owner; no one outside the account gets in.
            return []
        case "log-delivery-write":
            return [ACLGrant(grantee: .logDelivery, permission: .write, location: location), ACLGrant(grantee: .logDelivery, permission: .readACP, location: location)]
        default:
            return nil
        }
    }
}

/// An S3 access point of a bucket.
public struct S3AccessPoint: Sendable {
    public var arn: String
    public var policy: PolicyDocument?
    public var blockPublicAccess: BlockPublicAccess
    /// The VPC the access point accepts requests from; nil for internet origin.
    public var vpcID: String?

    public init(arn: String, policy: PolicyDocument?, blockPublicAccess: BlockPublicAccess = .off, vpcID: String? = nil) {
        self.arn = arn
        self.policy = policy
        self.blockPublicAccess = blockPublicAccess
        self.vpcID = vpcID
    }
}

/// An S3 general purpose bucket and everything that grants access to it: the bucket policy,
/// the ACL under Object Ownership, Block Public Access at bucket and account level, and
/// access points.
public struct S3BucketConfiguration: Sendable {
    public var arn: String
    public var ownerAccount: String
    public var policy: PolicyDocument?
    public var aclGrants: [ACLGrant]
    /// The owner's canonical user ID, whose ACL grants are the owner's own; nil when unknown.
    public var ownerCanonicalID: String?
    public var objectOwnership: ObjectOwnership
    public var bucketBlockPublicAccess: BlockPublicAccess
    public var accountBlockPublicAccess: BlockPublicAccess
    public var accessPoints: [S3AccessPoint]
    public var unknowns: [String]

    public init(
        arn: String, ownerAccount: String, policy: PolicyDocument? = nil, aclGrants: [ACLGrant] = [], ownerCanonicalID: String? = nil,
        objectOwnership: ObjectOwnership = .bucketOwnerEnforced, bucketBlockPublicAccess: BlockPublicAccess = .off,
        accountBlockPublicAccess: BlockPublicAccess = .off, accessPoints: [S3AccessPoint] = [], unknowns: [String] = []
    ) {
        self.arn = arn
        self.ownerAccount = ownerAccount
        self.policy = policy
        self.aclGrants = aclGrants
        self.ownerCanonicalID = ownerCanonicalID
        self.objectOwnership = objectOwnership
        self.bucketBlockPublicAccess = bucketBlockPublicAccess
        self.accountBlockPublicAccess = accountBlockPublicAccess
        self.accessPoints = accessPoints
        self.unknowns = unknowns
    }

    /// Returns the access configuration of the bucket, then of each access point.
    public func access(catalog: ActionCatalog) -> [ResourceAccess] {
        [bucketAccess(catalog: catalog)] + accessPoints.map { accessPointAccess($0, catalog: catalog) }
    }

    func bucketAccess(catalog: ActionCatalog) -> ResourceAccess {
        let type = ResourceType.named("AWS::S3::Bucket")!
        let settings = BlockPublicAccess.combined([bucketBlockPublicAccess, accountBlockPublicAccess])
        var documents: [AccessDocument] = []
        if let policy {
            documents.append(AccessDocument(document: policy, sourceType: .policy))
        }
        var unknowns = self.unknowns
        var rejections: [String] = []
        let foreignGrants = aclGrants.filter { grant in
            if case .canonicalUser(let id) = grant.grantee { return id != ownerCanonicalID }
            return grant.grantee != .logDelivery || objectOwnership == .bucketOwnerEnforced
        }
        if objectOwnership == .bucketOwnerEnforced, !foreignGrants.isEmpty {
            rejections.append("Object Ownership BucketOwnerEnforced disables ACLs, so S3 rejects the ACL that grants access on \(arn)")
        }
        if settings.blockPublicAcls == true, aclGrants.contains(where: \.isPublic) {
            rejections.append("Block Public Access (BlockPublicAcls) rejects setting this public ACL on \(arn)")
        }
        if objectOwnership != .bucketOwnerEnforced {
            let ignored = settings.ignorePublicAcls
            if ignored == nil, aclGrants.contains(where: \.isPublic) {
                unknowns.append("whether IgnorePublicAcls is set, which decides whether the public ACL grants apply")
            }
            let effective = aclGrants.filter { !($0.isPublic && ignored == true) }
            let statements = effective.flatMap { aclStatements($0) }
            if !statements.isEmpty {
                documents.append(AccessDocument(document: SyntheticPolicy.document(statements, name: "bucket ACL of \(arn)"), sourceType: .bucketACL))
            }
        }
        var access = type.access(arn: arn, ownerAccount: ownerAccount, documents: documents, unknowns: unknowns, catalog: catalog)
        access.rejections = rejections
        apply(settings, to: &access)
        return access
    }

    func accessPointAccess(_ point: S3AccessPoint, catalog: ActionCatalog) -> ResourceAccess {
        let type = ResourceType.named("AWS::S3::AccessPoint")!
        let settings = BlockPublicAccess.combined([point.blockPublicAccess, bucketBlockPublicAccess, accountBlockPublicAccess])
        let documents = point.policy.map { [AccessDocument(document: $0, sourceType: .s3AccessPoint, detail: point.arn)] } ?? []
        // NOTE: requests through an access point also need the bucket policy's consent, which
        // is not intersected here, so findings may report access the bucket policy denies.
        var access = type.access(arn: point.arn, ownerAccount: ownerAccount, documents: documents, unknowns: unknowns, catalog: catalog)
        if let vpc = point.vpcID {
            access.neverPublicBecause = "the access point accepts requests only from \(vpc)"
        }
        apply(settings, to: &access)
        return access
    }

    /// Applies Block Public Access: the `Block…` settings reject new public policies and
    /// ACLs at deploy time, and `RestrictPublicBuckets` confines a public policy's grants to
    /// the owner account and AWS services.
    func apply(_ settings: BlockPublicAccess, to access: inout ResourceAccess) {
        if settings.blockPublicPolicy == true {
            access.rejectsPublic[.policy] = "Block Public Access (BlockPublicPolicy) rejects putting this public bucket policy on \(access.resource)"
            access.rejectsPublic[.s3AccessPoint] = "Block Public Access (BlockPublicPolicy) rejects putting this public access point policy on \(access.resource)"
        }
        switch settings.restrictPublicBuckets {
        case true?: access.restrictsPublicPolicy = true
        case nil: access.unknowns.append("whether RestrictPublicBuckets is set, which decides whether a public policy's grants apply")
        case false?: break
        }
    }

    /// Returns the statements that grant what an ACL grant does, after S3's mapping of ACL
    /// permissions to actions.
    func aclStatements(_ grant: ACLGrant) -> [GrantStatement] {
        let principals: [GrantStatement.Principal]
        var conditions: [(operatorName: String, key: String, values: [String])] = []
        switch grant.grantee {
        case .allUsers:
            principals = [.anyone]
        case .authenticatedUsers:
            principals = [.aws("*")]
            conditions = [("StringNotEquals", "aws:PrincipalType", ["Anonymous"])]
        case .logDelivery:
            return []
        case .canonicalUser(let id):
            if id == ownerCanonicalID { return [] }
            principals = [.canonicalUser(id)]
        case .email(let address):
            principals = [.canonicalUser(address)]
        }
        let permissions: [ACLGrant.Permission] = grant.permission == .fullControl ? [.read, .write, .readACP, .writeACP] : [grant.permission]
        var bucketActions: [String] = []
        var objectActions: [String] = []
        for permission in permissions {
            switch permission {
            case .read: bucketActions += ["s3:ListBucket", "s3:ListBucketVersions", "s3:ListBucketMultipartUploads"]
            case .write: objectActions += ["s3:PutObject", "s3:DeleteObject"]
            case .readACP: bucketActions += ["s3:GetBucketAcl"]
            case .writeACP: bucketActions += ["s3:PutBucketAcl"]
            case .fullControl: break
            }
        }
        var statements: [GrantStatement] = []
        let sid = "\(grant.permission.rawValue) for \(grant.grantee)"
        if !bucketActions.isEmpty {
            statements.append(GrantStatement(sid: sid, principals: principals, actions: bucketActions, resources: [arn], conditions: conditions, location: grant.location))
        }
        if !objectActions.isEmpty {
            statements.append(GrantStatement(sid: sid, principals: principals, actions: objectActions, resources: [arn + "/*"], conditions: conditions, location: grant.location))
        }
        return statements
    }
}
