import PolicyLanguage

/// A KMS grant: a principal allowed some operations on a key, possibly only with a given
/// encryption context.
public struct KMSGrant: Sendable {
    public var grantID: String?
    /// An account ID, a principal ARN, or a service principal.
    public var granteePrincipal: String
    public var retiringPrincipal: String?
    /// Operations without the `kms:` prefix, such as `Decrypt`.
    public var operations: [String]
    /// `EncryptionContextEquals`: the request's encryption context must be exactly this.
    public var encryptionContextEquals: [String: String]
    /// `EncryptionContextSubset`: the request's encryption context must include these pairs.
    public var encryptionContextSubset: [String: String]
    public var location: SourceLocation?

    public init(
        grantID: String? = nil, granteePrincipal: String, retiringPrincipal: String? = nil, operations: [String],
        encryptionContextEquals: [String: String] = [:], encryptionContextSubset: [String: String] = [:], location: SourceLocation? = nil
    ) {
        self.grantID = grantID
        self.granteePrincipal = granteePrincipal
        self.retiringPrincipal = retiringPrincipal
        self.operations = operations
        self.encryptionContextEquals = encryptionContextEquals
        self.encryptionContextSubset = encryptionContextSubset
        self.location = location
    }

    /// Returns the statements that allow what the grant does.
    func statements(keyARN: String) -> [GrantStatement] {
        var conditions: [(operatorName: String, key: String, values: [String])] = []
        for (key, value) in encryptionContextEquals.sorted(by: { $0.key < $1.key }) {
            conditions.append(("StringEquals", "kms:EncryptionContext:\(key)", [value]))
        }
        if !encryptionContextEquals.isEmpty {
            conditions.append(("ForAllValues:StringEquals", "kms:EncryptionContextKeys", encryptionContextEquals.keys.sorted()))
        }
        for (key, value) in encryptionContextSubset.sorted(by: { $0.key < $1.key }) {
            conditions.append(("StringEquals", "kms:EncryptionContext:\(key)", [value]))
        }
        var statements = [GrantStatement(
            sid: grantID, principals: [Self.principal(granteePrincipal)], actions: operations.map { "kms:\($0)" },
            resources: [keyARN], conditions: conditions, location: location)]
        if let retiringPrincipal {
            statements.append(GrantStatement(
                sid: grantID.map { "\($0) retirement" }, principals: [Self.principal(retiringPrincipal)], actions: ["kms:RetireGrant"],
                resources: [keyARN], location: location))
        }
        return statements
    }

    static func principal(_ text: String) -> GrantStatement.Principal {
        text.hasSuffix(".amazonaws.com") || text.hasSuffix(".amazonaws.com.cn") ? .service(text) : .aws(text)
    }
}

/// A KMS key: its key policy and its grants, which AWS applies together.
public struct KMSKeyConfiguration: Sendable {
    public var arn: String
    public var keyPolicy: PolicyDocument?
    public var grants: [KMSGrant]
    public var unknowns: [String]

    public init(arn: String, keyPolicy: PolicyDocument?, grants: [KMSGrant] = [], unknowns: [String] = []) {
        self.arn = arn
        self.keyPolicy = keyPolicy
        self.grants = grants
        self.unknowns = unknowns
    }

    public func access(catalog: ActionCatalog) -> ResourceAccess {
        let type = ResourceType.named("AWS::KMS::Key")!
        var documents: [AccessDocument] = []
        if let keyPolicy {
            documents.append(AccessDocument(document: keyPolicy, sourceType: .policy))
        }
        for grant in grants {
            documents.append(AccessDocument(
                document: SyntheticPolicy.document(grant.statements(keyARN: arn), name: "KMS grant \(grant.grantID ?? "of \(arn)")"),
                sourceType: .kmsGrant, detail: grant.grantID))
        }
        return type.access(arn: arn, ownerAccount: ARN(arn)?.account ?? "", documents: documents, unknowns: unknowns, catalog: catalog)
    }
}
