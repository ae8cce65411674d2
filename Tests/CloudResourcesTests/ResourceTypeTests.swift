import AccessReasoning
import CloudResources
import PolicyLanguage
import Testing

struct ResourceTypeTests {
    struct ActionRow: CustomTestStringConvertible, Sendable {
        let type: String
        let arn: String
        let includes: [String]
        let excludes: [String]

        var testDescription: String { type }
    }

    /// Which catalog actions apply to a resource: those whose resource types' ARN formats
    /// match the resource or its parts.
    static let actionRows: [ActionRow] = [
        ActionRow(type: "AWS::S3::Bucket", arn: "arn:aws:s3:::b", includes: ["s3:GetObject", "s3:ListBucket", "s3:PutBucketPolicy"], excludes: ["s3:ListAllMyBuckets", "sqs:SendMessage"]),
        ActionRow(type: "AWS::IAM::Role", arn: "arn:aws:iam::111122223333:role/app", includes: ["sts:AssumeRole", "sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML"], excludes: ["iam:GetRole", "sts:GetCallerIdentity"]),
        ActionRow(type: "AWS::KMS::Key", arn: "arn:aws:kms:us-east-1:111122223333:key/k", includes: ["kms:Decrypt", "kms:Encrypt", "kms:CreateGrant"], excludes: ["kms:CreateKey", "kms:ListKeys"]),
        ActionRow(type: "AWS::SQS::Queue", arn: "arn:aws:sqs:us-east-1:111122223333:q", includes: ["sqs:SendMessage", "sqs:ReceiveMessage"], excludes: ["sqs:ListQueues"]),
        ActionRow(type: "AWS::SNS::Topic", arn: "arn:aws:sns:us-east-1:111122223333:t", includes: ["sns:Publish", "sns:Subscribe"], excludes: ["sns:ListTopics"]),
        ActionRow(type: "AWS::Lambda::Function", arn: "arn:aws:lambda:us-east-1:111122223333:function:f", includes: ["lambda:InvokeFunction", "lambda:InvokeFunctionUrl", "lambda:GetFunction"], excludes: ["lambda:ListFunctions"]),
        ActionRow(type: "AWS::SecretsManager::Secret", arn: "arn:aws:secretsmanager:us-east-1:111122223333:secret:s-AbCdEf", includes: ["secretsmanager:GetSecretValue"], excludes: ["secretsmanager:ListSecrets"]),
        ActionRow(type: "AWS::ECR::Repository", arn: "arn:aws:ecr:us-east-1:111122223333:repository/r", includes: ["ecr:BatchGetImage", "ecr:PutImage"], excludes: ["ecr:GetAuthorizationToken"]),
        ActionRow(type: "AWS::EFS::FileSystem", arn: "arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/fs-1", includes: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"], excludes: []),
        ActionRow(type: "AWS::DynamoDB::Table", arn: "arn:aws:dynamodb:us-east-1:111122223333:table/t", includes: ["dynamodb:GetItem", "dynamodb:Query"], excludes: ["dynamodb:ListTables"]),
        ActionRow(type: "AWS::EC2::Snapshot", arn: "arn:aws:ec2:us-east-1::snapshot/snap-1", includes: ["ec2:CreateVolume", "ec2:CopySnapshot"], excludes: ["ec2:DescribeInstances"]),
        ActionRow(type: "AWS::RDS::DBSnapshot", arn: "arn:aws:rds:us-east-1:111122223333:snapshot:s", includes: ["rds:RestoreDBInstanceFromDBSnapshot", "rds:CopyDBSnapshot"], excludes: []),
        ActionRow(type: "AWS::Glacier::Vault", arn: "arn:aws:glacier:us-east-1:111122223333:vaults/v", includes: ["glacier:UploadArchive"], excludes: ["glacier:ListVaults"]),
    ]

    @Test(arguments: actionRows)
    func applicableActions(_ row: ActionRow) throws {
        let type = try #require(ResourceType.named(row.type))
        let actions = Set(type.actions(for: row.arn, catalog: try ActionCatalog.bundled()))
        for action in row.includes {
            #expect(actions.contains(action), "\(action) should apply to \(row.type)")
        }
        for action in row.excludes {
            #expect(!actions.contains(action), "\(action) should not apply to \(row.type)")
        }
    }

    @Test func everyTypeHasActions() throws {
        let catalog = try ActionCatalog.bundled()
        let samples: [String: String] = [
            "AWS::S3::Bucket": "arn:aws:s3:::b", "AWS::S3::AccessPoint": "arn:aws:s3:us-east-1:111122223333:accesspoint/p",
            "AWS::S3Express::DirectoryBucket": "arn:aws:s3express:us-east-1:111122223333:bucket/b--use1-az4--x-s3",
            "AWS::IAM::Role": "arn:aws:iam::111122223333:role/r", "AWS::KMS::Key": "arn:aws:kms:us-east-1:111122223333:key/k",
            "AWS::Lambda::Function": "arn:aws:lambda:us-east-1:111122223333:function:f",
            "AWS::Lambda::LayerVersion": "arn:aws:lambda:us-east-1:111122223333:layer:l:1",
            "AWS::SQS::Queue": "arn:aws:sqs:us-east-1:111122223333:q", "AWS::SNS::Topic": "arn:aws:sns:us-east-1:111122223333:t",
            "AWS::SecretsManager::Secret": "arn:aws:secretsmanager:us-east-1:111122223333:secret:s-AbCdEf",
            "AWS::ECR::Repository": "arn:aws:ecr:us-east-1:111122223333:repository/r",
            "AWS::EFS::FileSystem": "arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/fs-1",
            "AWS::DynamoDB::Table": "arn:aws:dynamodb:us-east-1:111122223333:table/t",
            "AWS::DynamoDB::Stream": "arn:aws:dynamodb:us-east-1:111122223333:table/t/stream/2024-01-01T00:00:00.000",
            "AWS::EC2::Snapshot": "arn:aws:ec2:us-east-1::snapshot/snap-1", "AWS::EC2::Image": "arn:aws:ec2:us-east-1::image/ami-1",
            "AWS::RDS::DBSnapshot": "arn:aws:rds:us-east-1:111122223333:snapshot:s",
            "AWS::RDS::DBClusterSnapshot": "arn:aws:rds:us-east-1:111122223333:cluster-snapshot:s",
            "AWS::Glacier::Vault": "arn:aws:glacier:us-east-1:111122223333:vaults/v",
        ]
        for type in ResourceType.all {
            let arn = try #require(samples[type.name], "no sample ARN for \(type.name)")
            #expect(!type.actions(for: arn, catalog: catalog).isEmpty, "\(type.name) has no applicable actions")
        }
    }
}

struct KMSKeyTests {
    static let key = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    static let ownerOnly = Fixture.policy(#"[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]"#)

    @Test func grantToAnotherAccountIsAFinding() throws {
        let configuration = KMSKeyConfiguration(
            arn: Self.key, keyPolicy: Self.ownerOnly,
            grants: [KMSGrant(grantID: "g-1", granteePrincipal: "arn:aws:iam::444455556666:role/reader", operations: ["Decrypt"])])
        let result = try Fixture.analyze(configuration.access(catalog: try ActionCatalog.bundled()))
        let finding = try #require(result.findings.first)
        #expect(result.findings.count == 1)
        #expect(finding.principal == FindingPrincipal(.aws, "arn:aws:iam::444455556666:role/reader"))
        #expect(finding.action == ["kms:Decrypt"])
        #expect(finding.sources.map(\.type) == [.kmsGrant])
        #expect(finding.sources.first?.detail == "g-1")
        #expect(!finding.isPublic)
    }

    @Test func grantConstraintsBecomeConditions() throws {
        let configuration = KMSKeyConfiguration(
            arn: Self.key, keyPolicy: Self.ownerOnly,
            grants: [KMSGrant(grantID: "g-2", granteePrincipal: "444455556666", operations: ["Decrypt", "Encrypt"], encryptionContextSubset: ["Department": "IT"])])
        let finding = try #require(try Fixture.analyze(configuration.access(catalog: try ActionCatalog.bundled())).findings.first)
        #expect(finding.principal == FindingPrincipal(.aws, "444455556666"))
        #expect(finding.condition["kms:EncryptionContext:Department"] == ["IT"])
        #expect(finding.action == ["kms:Decrypt", "kms:Encrypt"])
        #expect(finding.witness.request.context.entry(for: "kms:EncryptionContext:Department")?.values == ["IT"])
    }

    @Test func retiringPrincipalMayRetireTheGrant() throws {
        let configuration = KMSKeyConfiguration(
            arn: Self.key, keyPolicy: Self.ownerOnly,
            grants: [KMSGrant(grantID: "g-3", granteePrincipal: "111122223333", retiringPrincipal: "444455556666", operations: ["Decrypt"])])
        let findings = try Fixture.analyze(configuration.access(catalog: try ActionCatalog.bundled())).findings
        #expect(findings.map(\.principal) == [FindingPrincipal(.aws, "444455556666")])
        #expect(findings.first?.action == ["kms:RetireGrant"])
    }

    @Test func keyPolicyDenyOverridesAGrant() throws {
        let policy = Fixture.policy(#"[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"},{"Effect":"Deny","Principal":{"AWS":"444455556666"},"Action":"kms:*","Resource":"*"}]"#)
        let configuration = KMSKeyConfiguration(
            arn: Self.key, keyPolicy: policy, grants: [KMSGrant(granteePrincipal: "444455556666", operations: ["Decrypt"])])
        #expect(Fixture.verdict(try Fixture.analyze(configuration.access(catalog: try ActionCatalog.bundled()))) == "none")
    }

    @Test func callerAccountConditionNamesTheAccount() throws {
        let policy = Fixture.policy(#"[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:CallerAccount":"444455556666"}}}]"#)
        let result = try Fixture.analyze(KMSKeyConfiguration(arn: Self.key, keyPolicy: policy).access(catalog: try ActionCatalog.bundled()))
        #expect(Fixture.verdict(result) == "external")
    }
}

struct LambdaTests {
    static let function = "arn:aws:lambda:us-east-1:111122223333:function:handler"

    struct Row: CustomTestStringConvertible, Sendable {
        let name: String
        let permission: LambdaPermission
        let expected: String

        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "service for the owner's bucket", permission: LambdaPermission(action: "lambda:InvokeFunction", principal: "s3.amazonaws.com", sourceAccount: "111122223333"), expected: "none"),
        Row(name: "service for any account", permission: LambdaPermission(action: "lambda:InvokeFunction", principal: "s3.amazonaws.com", sourceARN: "arn:aws:s3:::other-bucket"), expected: "external"),
        Row(name: "another account", permission: LambdaPermission(action: "lambda:InvokeFunction", principal: "444455556666"), expected: "external"),
        Row(name: "function URL without authentication", permission: LambdaPermission(action: "lambda:InvokeFunctionUrl", principal: "*", functionURLAuthType: "NONE"), expected: "public"),
        Row(name: "anyone in the organization", permission: LambdaPermission(action: "lambda:InvokeFunction", principal: "*", principalOrgID: "o-exampleorg"), expected: "external"),
        Row(name: "anyone with the event source token", permission: LambdaPermission(action: "lambda:InvokeFunction", principal: "*", eventSourceToken: "token-1"), expected: "public"),
    ]

    @Test(arguments: rows)
    func permissions(_ row: Row) throws {
        let configuration = LambdaConfiguration(arn: Self.function, permissions: [row.permission])
        let result = try Fixture.analyze(configuration.access(catalog: try ActionCatalog.bundled()))
        #expect(Fixture.verdict(result) == row.expected, "\(result.findings.map { "\($0.principal) \($0.condition)" })")
        #expect(result.findings.allSatisfy { $0.witness.evaluation.decision == .allowed })
    }

    @Test func permissionsMergeIntoOnePolicy() throws {
        let configuration = LambdaConfiguration(arn: Self.function, permissions: [
            LambdaPermission(statementID: "a", action: "lambda:InvokeFunction", principal: "444455556666"),
            LambdaPermission(statementID: "b", action: "lambda:GetFunction", principal: "444455556666"),
        ])
        let finding = try #require(try Fixture.analyze(configuration.access(catalog: try ActionCatalog.bundled())).findings.first)
        #expect(finding.action == ["lambda:GetFunction", "lambda:InvokeFunction"])
        #expect(Set(finding.sources.compactMap(\.statementID)) == ["a", "b"])
    }
}

struct ShareAttributeTests {
    struct Row: CustomTestStringConvertible, Sendable {
        let name: String
        let configuration: ShareAttributeConfiguration
        let expected: String
        let rejected: Bool

        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "EBS snapshot shared with all", configuration: ShareAttributeConfiguration(kind: .ebsSnapshot, arn: "arn:aws:ec2:us-east-1::snapshot/snap-1", ownerAccount: Fixture.owner, isPublic: true), expected: "public", rejected: false),
        Row(name: "EBS snapshot shared with an account", configuration: ShareAttributeConfiguration(kind: .ebsSnapshot, arn: "arn:aws:ec2:us-east-1::snapshot/snap-1", ownerAccount: Fixture.owner, accounts: ["444455556666"]), expected: "external", rejected: false),
        Row(name: "encrypted EBS snapshot shared with all", configuration: ShareAttributeConfiguration(kind: .ebsSnapshot, arn: "arn:aws:ec2:us-east-1::snapshot/snap-1", ownerAccount: Fixture.owner, isPublic: true, isEncrypted: true), expected: "public", rejected: true),
        Row(name: "RDS snapshot shared with all", configuration: ShareAttributeConfiguration(kind: .rdsDBSnapshot, arn: "arn:aws:rds:us-east-1:111122223333:snapshot:s", ownerAccount: Fixture.owner, isPublic: true), expected: "public", rejected: false),
        Row(name: "RDS cluster snapshot shared with the owner only", configuration: ShareAttributeConfiguration(kind: .rdsDBClusterSnapshot, arn: "arn:aws:rds:us-east-1:111122223333:cluster-snapshot:s", ownerAccount: Fixture.owner, accounts: [Fixture.owner]), expected: "none", rejected: false),
        Row(name: "AMI shared with an organization", configuration: ShareAttributeConfiguration(kind: .machineImage, arn: "arn:aws:ec2:us-east-1::image/ami-1", ownerAccount: Fixture.owner, organizations: ["o-exampleorg"]), expected: "external", rejected: false),
        Row(name: "not shared", configuration: ShareAttributeConfiguration(kind: .machineImage, arn: "arn:aws:ec2:us-east-1::image/ami-1", ownerAccount: Fixture.owner), expected: "none", rejected: false),
    ]

    @Test(arguments: rows)
    func sharing(_ row: Row) throws {
        let result = try Fixture.analyze(row.configuration.access(catalog: try ActionCatalog.bundled()))
        #expect(Fixture.verdict(result) == row.expected, "\(result.findings.map { "\($0.principal) \($0.condition)" })")
        #expect(result.rejections.isEmpty != row.rejected, "rejections: \(result.rejections)")
        #expect(result.findings.allSatisfy { $0.sources.allSatisfy { $0.type == .shareAttribute } })
    }
}
