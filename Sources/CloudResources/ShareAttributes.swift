import PolicyLanguage

/// The sharing of a snapshot or machine image through an attribute instead of a policy:
/// EBS snapshot `createVolumePermission`, RDS snapshot `restore`, AMI `launchPermission`.
public struct ShareAttributeConfiguration: Sendable {
    public enum Kind: Sendable {
        case ebsSnapshot, rdsDBSnapshot, rdsDBClusterSnapshot, machineImage

        /// The CloudFormation type name, as the access model names it.
        public var typeName: String {
            switch self {
            case .ebsSnapshot: return "AWS::EC2::Snapshot"
            case .rdsDBSnapshot: return "AWS::RDS::DBSnapshot"
            case .rdsDBClusterSnapshot: return "AWS::RDS::DBClusterSnapshot"
            case .machineImage: return "AWS::EC2::Image"
            }
        }

        /// The actions sharing lets the other accounts use on the resource.
        var actions: [String] {
            switch self {
            case .ebsSnapshot: return ["ec2:CreateVolume", "ec2:CopySnapshot"]
            case .rdsDBSnapshot: return ["rds:RestoreDBInstanceFromDBSnapshot", "rds:CopyDBSnapshot"]
            case .rdsDBClusterSnapshot: return ["rds:RestoreDBClusterFromSnapshot", "rds:CopyDBClusterSnapshot"]
            case .machineImage: return ["ec2:RunInstances", "ec2:CopyImage"]
            }
        }
    }

    public var kind: Kind
    public var arn: String
    public var ownerAccount: String
    /// Whether the attribute shares with everyone (`all`).
    public var isPublic: Bool
    public var accounts: [String]
    /// AWS Organizations IDs (`o-…`) the resource is shared with, for machine images.
    public var organizations: [String]
    /// Encrypted snapshots cannot be shared with everyone.
    public var isEncrypted: Bool
    public var location: SourceLocation?
    public var unknowns: [String]

    public init(
        kind: Kind, arn: String, ownerAccount: String, isPublic: Bool = false, accounts: [String] = [], organizations: [String] = [],
        isEncrypted: Bool = false, location: SourceLocation? = nil, unknowns: [String] = []
    ) {
        self.kind = kind
        self.arn = arn
        self.ownerAccount = ownerAccount
        self.isPublic = isPublic
        self.accounts = accounts
        self.organizations = organizations
        self.isEncrypted = isEncrypted
        self.location = location
        self.unknowns = unknowns
    }

    public func access(catalog: ActionCatalog) -> ResourceAccess {
        let type = ResourceType.named(kind.typeName)!
        var statements: [GrantStatement] = []
        if isPublic {
            statements.append(GrantStatement(sid: "all", principals: [.anyone], actions: kind.actions, resources: [arn], location: location))
        }
        if !accounts.isEmpty {
            statements.append(GrantStatement(sid: "accounts", principals: accounts.map { .aws($0) }, actions: kind.actions, resources: [arn], location: location))
        }
        for organization in organizations {
            statements.append(GrantStatement(
                sid: organization, principals: [.aws("*")], actions: kind.actions, resources: [arn],
                conditions: [("StringEquals", "aws:PrincipalOrgID", [organization])], location: location))
        }
        let documents = statements.isEmpty ? [] : [AccessDocument(
            document: SyntheticPolicy.document(statements, name: "sharing of \(arn)"), sourceType: .shareAttribute)]
        var access = type.access(arn: arn, ownerAccount: ownerAccount, documents: documents, unknowns: unknowns, catalog: catalog)
        if isPublic && isEncrypted {
            access.rejectsPublic[.shareAttribute] = "AWS rejects sharing the encrypted \(arn) with everyone"
        }
        return access
    }
}
