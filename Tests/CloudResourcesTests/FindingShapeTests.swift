import AccessReasoning
import CloudResources
import PolicyLanguage
import Testing

/// How findings are shaped: one per class of principal and set of restricting conditions,
/// with conditions and actions that belong to that finding only.
struct FindingShapeTests {
    struct Row: CustomTestStringConvertible, Sendable {
        let name: String
        let type: String
        let resource: String
        let zone: ZoneOfTrust
        let statements: String
        /// Each finding as `principal | conditions | public`, sorted.
        let expected: [String]

        var testDescription: String { name }
    }

    static let bucket = "arn:aws:s3:::data-bkt"
    static let owner = ZoneOfTrust(accounts: ["111122223333"])

    static let rows: [Row] = [
        Row(name: "statements with different fixed conditions", type: "AWS::S3::Bucket", resource: bucket, zone: owner,
            statements: #"[{"Sid":"Org","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::data-bkt/*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc123def4"}}},{"Sid":"Vpce","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::data-bkt/*","Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1a2b3c4d"}}}]"#,
            expected: [#"{"AWS":"*"} | aws:PrincipalOrgID=o-abc123def4 | external"#, #"{"AWS":"*"} | aws:SourceVpce=vpce-1a2b3c4d | external"#]),
        Row(name: "organization paths inside the zone's organization", type: "AWS::S3::Bucket", resource: bucket,
            zone: ZoneOfTrust(accounts: ["111122223333"], organization: "o-abc123def4"),
            statements: #"[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::data-bkt/*","Condition":{"ForAnyValue:StringLike":{"aws:PrincipalOrgPaths":"o-abc123def4/r-ab12/ou-ab12-11111111/*"}}}]"#,
            expected: []),
        Row(name: "the resource's own account as a variable", type: "AWS::S3::Bucket", resource: bucket, zone: owner,
            statements: #"[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::data-bkt/*","Condition":{"StringEquals":{"aws:PrincipalAccount":"${aws:ResourceAccount}"}}}]"#,
            expected: []),
        Row(name: "services that assume a role", type: "AWS::IAM::Role", resource: "arn:aws:iam::111122223333:role/app", zone: owner,
            statements: #"[{"Effect":"Allow","Principal":{"Service":["lambda.amazonaws.com","ec2.amazonaws.com"]},"Action":"sts:AssumeRole"}]"#,
            expected: []),
        Row(name: "a condition that restates the principal", type: "AWS::S3::Bucket", resource: bucket, zone: owner,
            statements: #"[{"Effect":"Allow","Principal":{"AWS":"222233334444"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::data-bkt/*"},{"Effect":"Allow","Principal":"*","Action":"s3:GetObjectAcl","Resource":"arn:aws:s3:::data-bkt/*","Condition":{"StringEquals":{"aws:PrincipalAccount":"222233334444"}}}]"#,
            expected: [#"{"AWS":"222233334444"} |  | external"#]),
        Row(name: "a Deny that carves out all but one endpoint", type: "AWS::S3::Bucket", resource: bucket, zone: owner,
            statements: #"[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::data-bkt/*"},{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::data-bkt/*","Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-1"}}}]"#,
            expected: [#"{"AWS":"*"} | aws:SourceVpce=vpce-1 | external"#]),
    ]

    static func describe(_ finding: Finding) -> String {
        let conditions = finding.condition.keys.sorted().map { "\($0)=\((finding.condition[$0] ?? []).joined(separator: ","))" }.joined(separator: ";")
        return "\(finding.principal) | \(conditions) | \(finding.isPublic ? "public" : "external")"
    }

    @Test(arguments: rows)
    func findingsAreShapedPerConditions(_ row: Row) throws {
        let catalog = try ActionCatalog.bundled()
        let type = try #require(ResourceType.named(row.type))
        let access = PolicyResourceConfiguration(
            arn: row.resource, type: type, ownerAccount: row.zone.accounts[0], policy: Fixture.policy(row.statements)).access(catalog: catalog)
        let result = try FindingsAnalyzer(engine: AccessEngine(catalog: catalog)).analyze(access, zone: row.zone)
        #expect(result.status == .analyzed, "\(result.reason ?? "")")
        #expect(result.findings.map(Self.describe).sorted() == row.expected)
    }

    /// All the queries about one resource share one time limit. A limit already spent makes
    /// the resource undecided, because no query gets a new limit of its own.
    @Test func queriesShareOneTimeLimit() throws {
        let catalog = try ActionCatalog.bundled()
        let statements = (0..<3).map { #"{"Effect":"Allow","Principal":{"AWS":"22223333444\#($0)"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::data-bkt/*"}"# }
        let access = PolicyResourceConfiguration(
            arn: Self.bucket, type: try #require(ResourceType.named("AWS::S3::Bucket")), ownerAccount: "111122223333",
            policy: Fixture.policy("[" + statements.joined(separator: ",") + "]")).access(catalog: catalog)
        let engine = AccessEngine(catalog: catalog, limits: EngineLimits(timeLimit: .zero))
        let result = try FindingsAnalyzer(engine: engine).analyze(access, zone: Self.owner)
        #expect(result.status == .unknown)
        #expect(result.reason?.hasSuffix("the queries about this resource reached their shared time limit (0.0 seconds)") == true, "\(result.reason ?? "")")
    }

    @Test func futurePatternsComeFromTheGrantingStatement() throws {
        let policy = Fixture.policy(#"[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"},{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999988887777:root"},"Action":"kms:ReEncrypt*","Resource":"*"}]"#)
        let access = KMSKeyConfiguration(arn: "arn:aws:kms:us-east-1:111122223333:key/k", keyPolicy: policy).access(catalog: try ActionCatalog.bundled())
        let finding = try #require(try Fixture.analyze(access).findings.first)
        #expect(finding.action == ["kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:ReEncrypt*"])
    }

    @Test func roleWitnessesAreSignedRequests() throws {
        let policy = Fixture.policy(#"[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}]"#)
        let access = PolicyResourceConfiguration(
            arn: "arn:aws:iam::111122223333:role/app", type: ResourceType.named("AWS::IAM::Role")!, ownerAccount: "111122223333",
            policy: policy).access(catalog: try ActionCatalog.bundled())
        let finding = try #require(try Fixture.analyze(access).findings.first)
        #expect(finding.isPublic)
        if case .anonymous = finding.witness.request.principal.identity {
            Issue.record("anonymous callers cannot assume roles")
        }
    }
}
