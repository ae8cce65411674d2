import AccessReasoning
import CloudResources
import PolicyLanguage
import Testing

/// Shared setup: the owner account, its zone of trust and an analyzer.
enum Fixture {
    static let owner = "111122223333"
    static let zone = ZoneOfTrust(accounts: [owner])
    static let bucket = "arn:aws:s3:::example-bucket"

    static func policy(_ statements: String) -> PolicyDocument {
        PolicyReader.read(text: #"{"Version":"2012-10-17","Statement":"# + statements + "}").document!
    }

    static func analyze(_ access: ResourceAccess) throws -> ResourceFindings {
        try FindingsAnalyzer(engine: AccessEngine(catalog: try ActionCatalog.bundled())).analyze(access, zone: zone)
    }

    /// "none", "external" or "public", as the acceptance cases name results.
    static func verdict(_ result: ResourceFindings) -> String {
        if result.status == .unknown { return "unknown" }
        if result.findings.isEmpty { return "none" }
        return result.findings.contains(where: \.isPublic) ? "public" : "external"
    }

    static let publicRead = #"[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"}]"#
    static let partnerRead = #"[{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"}]"#
    static let publicAndPartner = #"[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"},{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::example-bucket/*"}]"#
}

struct S3BucketTests {
    struct Row: CustomTestStringConvertible, Sendable {
        let name: String
        let policy: String?
        let acl: [ACLGrant]
        let ownership: ObjectOwnership
        let bucketSettings: BlockPublicAccess
        let accountSettings: BlockPublicAccess
        let expected: String
        /// Text that some rejection must contain; nil when there must be none.
        let rejection: String?
        let sources: Set<AccessSourceType>

        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "public-read ACL with ACLs enabled", policy: nil, acl: ACLGrant.canned("public-read")!, ownership: .objectWriter,
            bucketSettings: .off, accountSettings: .off, expected: "public", rejection: nil, sources: [.bucketACL]),
        Row(name: "public-read ACL with ACLs disabled", policy: nil, acl: ACLGrant.canned("public-read")!, ownership: .bucketOwnerEnforced,
            bucketSettings: .off, accountSettings: .off, expected: "none", rejection: "BucketOwnerEnforced", sources: []),
        Row(name: "public ACL ignored at bucket level", policy: nil, acl: ACLGrant.canned("public-read-write")!, ownership: .bucketOwnerPreferred,
            bucketSettings: BlockPublicAccess(ignorePublicAcls: true), accountSettings: .off, expected: "none", rejection: nil, sources: []),
        Row(name: "public ACL ignored at account level", policy: nil, acl: ACLGrant.canned("public-read")!, ownership: .objectWriter,
            bucketSettings: .off, accountSettings: BlockPublicAccess(ignorePublicAcls: true), expected: "none", rejection: nil, sources: []),
        Row(name: "BlockPublicAcls keeps an existing public ACL but rejects a new one", policy: nil, acl: ACLGrant.canned("public-read")!,
            ownership: .objectWriter, bucketSettings: BlockPublicAccess(blockPublicAcls: true), accountSettings: .off,
            expected: "public", rejection: "BlockPublicAcls", sources: [.bucketACL]),
        Row(name: "authenticated-read ACL", policy: nil, acl: ACLGrant.canned("authenticated-read")!, ownership: .objectWriter,
            bucketSettings: .off, accountSettings: .off, expected: "public", rejection: nil, sources: [.bucketACL]),
        Row(name: "READ_ACP alone to everyone is public", policy: nil, acl: [ACLGrant(grantee: .allUsers, permission: .readACP)], ownership: .objectWriter,
            bucketSettings: .off, accountSettings: .off, expected: "public", rejection: nil, sources: [.bucketACL]),
        Row(name: "grant to another canonical user", policy: nil, acl: [ACLGrant(grantee: .canonicalUser("79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"), permission: .read)],
            ownership: .objectWriter, bucketSettings: .off, accountSettings: .off, expected: "external", rejection: nil, sources: [.bucketACL]),
        Row(name: "grant to the owner's canonical user", policy: nil, acl: [ACLGrant(grantee: .canonicalUser("owner-canonical-id"), permission: .fullControl)],
            ownership: .objectWriter, bucketSettings: .off, accountSettings: .off, expected: "none", rejection: nil, sources: []),
        Row(name: "log-delivery-write ACL", policy: nil, acl: ACLGrant.canned("log-delivery-write")!, ownership: .objectWriter,
            bucketSettings: .off, accountSettings: .off, expected: "none", rejection: nil, sources: []),
        Row(name: "public policy without Block Public Access", policy: Fixture.publicRead, acl: [], ownership: .bucketOwnerEnforced,
            bucketSettings: .off, accountSettings: .off, expected: "public", rejection: nil, sources: [.policy]),
        // Under RestrictPublicBuckets, AWS services acting for other accounts keep their access.
        Row(name: "RestrictPublicBuckets cuts a public policy", policy: Fixture.publicRead, acl: [], ownership: .bucketOwnerEnforced,
            bucketSettings: BlockPublicAccess(restrictPublicBuckets: true), accountSettings: .off, expected: "external", rejection: nil, sources: [.policy]),
        Row(name: "RestrictPublicBuckets also cuts the account grant of a public policy", policy: Fixture.publicAndPartner, acl: [],
            ownership: .bucketOwnerEnforced, bucketSettings: .off, accountSettings: BlockPublicAccess(restrictPublicBuckets: true),
            expected: "external", rejection: nil, sources: [.policy]),
        Row(name: "RestrictPublicBuckets leaves a non-public policy alone", policy: Fixture.partnerRead, acl: [], ownership: .bucketOwnerEnforced,
            bucketSettings: BlockPublicAccess(restrictPublicBuckets: true), accountSettings: .off, expected: "external", rejection: nil, sources: [.policy]),
        Row(name: "BlockPublicPolicy rejects a public policy", policy: Fixture.publicRead, acl: [], ownership: .bucketOwnerEnforced,
            bucketSettings: BlockPublicAccess(blockPublicPolicy: true), accountSettings: .off, expected: "public", rejection: "BlockPublicPolicy", sources: [.policy]),
        Row(name: "BlockPublicPolicy accepts a cross-account policy", policy: Fixture.partnerRead, acl: [], ownership: .bucketOwnerEnforced,
            bucketSettings: .off, accountSettings: BlockPublicAccess(blockPublicPolicy: true), expected: "external", rejection: nil, sources: [.policy]),
        Row(name: "all four settings on", policy: Fixture.publicRead, acl: ACLGrant.canned("public-read")!, ownership: .objectWriter,
            bucketSettings: .all, accountSettings: .off, expected: "external", rejection: "BlockPublicAcls", sources: [.policy]),
        Row(name: "policy and ACL together", policy: Fixture.partnerRead, acl: ACLGrant.canned("public-read")!, ownership: .objectWriter,
            bucketSettings: .off, accountSettings: .off, expected: "public", rejection: nil, sources: [.policy, .bucketACL]),
        Row(name: "unknown RestrictPublicBuckets", policy: Fixture.publicRead, acl: [], ownership: .bucketOwnerEnforced,
            bucketSettings: BlockPublicAccess(restrictPublicBuckets: nil), accountSettings: .off, expected: "unknown", rejection: nil, sources: []),
        Row(name: "unknown IgnorePublicAcls with a public ACL", policy: nil, acl: ACLGrant.canned("public-read")!, ownership: .objectWriter,
            bucketSettings: BlockPublicAccess(ignorePublicAcls: nil), accountSettings: .off, expected: "unknown", rejection: nil, sources: []),
    ]

    @Test(arguments: rows)
    func bucketAccess(_ row: Row) throws {
        let configuration = S3BucketConfiguration(
            arn: Fixture.bucket, ownerAccount: Fixture.owner, policy: row.policy.map(Fixture.policy), aclGrants: row.acl,
            ownerCanonicalID: "owner-canonical-id", objectOwnership: row.ownership,
            bucketBlockPublicAccess: row.bucketSettings, accountBlockPublicAccess: row.accountSettings)
        let result = try Fixture.analyze(configuration.access(catalog: try ActionCatalog.bundled())[0])
        #expect(Fixture.verdict(result) == row.expected, "\(result.findings.map { "\($0.principal) \($0.condition)" }) \(result.reason ?? "")")
        if let rejection = row.rejection {
            #expect(result.rejections.contains { $0.contains(rejection) }, "rejections: \(result.rejections)")
        } else {
            #expect(result.rejections.isEmpty, "rejections: \(result.rejections)")
        }
        #expect(Set(result.findings.flatMap { $0.sources.map(\.type) }) == row.sources)
        for finding in result.findings {
            #expect(finding.witness.evaluation.decision == .allowed)
        }
    }

    @Test func restrictPublicBucketsLeavesOnlyServices() throws {
        let configuration = S3BucketConfiguration(
            arn: Fixture.bucket, ownerAccount: Fixture.owner, policy: Fixture.policy(Fixture.publicAndPartner),
            bucketBlockPublicAccess: BlockPublicAccess(restrictPublicBuckets: true))
        let result = try Fixture.analyze(configuration.access(catalog: try ActionCatalog.bundled())[0])
        #expect(!result.findings.isEmpty)
        for finding in result.findings {
            #expect(finding.condition["aws:PrincipalIsAWSService"] == ["true"], "\(finding.principal) \(finding.condition)")
            #expect(!finding.isPublic)
            #expect(finding.principal.value != "444455556666")
        }
    }

    @Test func publicReadACLGrantsListing() throws {
        let configuration = S3BucketConfiguration(
            arn: Fixture.bucket, ownerAccount: Fixture.owner, aclGrants: ACLGrant.canned("public-read")!, objectOwnership: .objectWriter)
        let finding = try #require(try Fixture.analyze(configuration.access(catalog: try ActionCatalog.bundled())[0]).findings.first)
        #expect(finding.principal == FindingPrincipal(.aws, "*"))
        #expect(finding.action == ["s3:ListBucket", "s3:ListBucketMultipartUploads", "s3:ListBucketVersions"])
        #expect(finding.accessLevels == ["List"])
    }

    @Test func authenticatedUsersExcludeAnonymousCallers() throws {
        let configuration = S3BucketConfiguration(
            arn: Fixture.bucket, ownerAccount: Fixture.owner, aclGrants: ACLGrant.canned("authenticated-read")!, objectOwnership: .objectWriter)
        let finding = try #require(try Fixture.analyze(configuration.access(catalog: try ActionCatalog.bundled())[0]).findings.first)
        guard case .anonymous = finding.witness.request.principal.identity else { return }
        Issue.record("an anonymous caller is not an authenticated user")
    }

    @Test func accessPointWithVPCOriginIsNeverPublic() throws {
        let point = S3AccessPoint(
            arn: "arn:aws:s3:us-east-1:111122223333:accesspoint/reports",
            policy: Fixture.policy(#"[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:us-east-1:111122223333:accesspoint/reports/object/*"}]"#),
            vpcID: "vpc-0example")
        let configuration = S3BucketConfiguration(arn: Fixture.bucket, ownerAccount: Fixture.owner, accessPoints: [point])
        let accesses = configuration.access(catalog: try ActionCatalog.bundled())
        #expect(accesses.count == 2)
        let result = try Fixture.analyze(accesses[1])
        #expect(Fixture.verdict(result) == "external")
        #expect(result.findings.first?.sources.first?.type == .s3AccessPoint)
        #expect(result.findings.first?.sources.first?.detail == point.arn)
    }

    @Test func accessPointSettingsRejectAPublicPolicy() throws {
        let point = S3AccessPoint(
            arn: "arn:aws:s3:us-east-1:111122223333:accesspoint/reports",
            policy: Fixture.policy(#"[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:us-east-1:111122223333:accesspoint/reports/object/*"}]"#),
            blockPublicAccess: BlockPublicAccess(blockPublicPolicy: true))
        let configuration = S3BucketConfiguration(arn: Fixture.bucket, ownerAccount: Fixture.owner, accessPoints: [point])
        let result = try Fixture.analyze(configuration.access(catalog: try ActionCatalog.bundled())[1])
        #expect(Fixture.verdict(result) == "public")
        #expect(result.rejections.contains { $0.contains("access point policy") })
    }
}
