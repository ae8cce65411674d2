import CloudResources
@testable import DeploymentFormats
import PolicyLanguage
import Testing

/// Lambda permissions, layer permissions, KMS key policies and grants, and share attributes,
/// merged per target.
struct GrantLinkingTests {
    static let functionARN = "arn:aws:lambda:eu-west-1:111122223333:function:api"

    @Test(arguments: [
        ("api", "api", nil, nil),
        ("api:live", "api", "live", nil),
        ("111122223333:function:api", "api", nil, "111122223333"),
        ("arn:aws:lambda:eu-west-1:111122223333:function:api:7", "api", "7", "111122223333"),
    ] as [(String, String, String?, String?)])
    func functionReferenceForms(text: String, name: String, qualifier: String?, account: String?) {
        let reference = LambdaFunctionReference(text)
        #expect(reference.name == name)
        #expect(reference.qualifier == qualifier)
        #expect(reference.account == account)
    }

    /// Every permission of a function lands in its one policy, whichever way it names it.
    @Test func terraformPermissionsMergePerFunction() throws {
        let state = Deployments.terraformState([
            Deployments.terraformResource("aws_lambda_function.api", #"{"function_name": "api", "arn": "\#(Self.functionARN)"}"#),
            Deployments.terraformResource("aws_lambda_function.worker", #"{"function_name": "worker", "arn": "arn:aws:lambda:eu-west-1:111122223333:function:worker"}"#),
            Deployments.terraformResource(
                "aws_lambda_permission.url", #"{"function_name": "api", "action": "lambda:InvokeFunctionUrl", "principal": "*", "function_url_auth_type": "NONE", "statement_id": "Url"}"#),
            Deployments.terraformResource(
                "aws_lambda_permission.sns",
                #"{"function_name": "\#(Self.functionARN)", "action": "lambda:InvokeFunction", "principal": "sns.amazonaws.com", "source_arn": "arn:aws:sns:eu-west-1:111122223333:alerts", "statement_id": "Sns"}"#),
            Deployments.terraformResource(
                "aws_lambda_permission.partner",
                #"{"function_name": "api:live", "action": "lambda:InvokeFunction", "principal": "444455556666", "principal_org_id": "o-a1b2c3d4e5", "statement_id": "Partner"}"#),
        ].joined(separator: ","))
        let (linked, diagnostics) = Deployments.link(state)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        let api = try Deployments.resource(linked, arn: Self.functionARN)
        #expect(api.sids() == ["Url", "Sns", "Partner"])
        #expect(api.attachments.count == 3)
        let statements = Deployments.statements(api)
        let partnerResource = statements.last?.resource?.patterns.first?.value
        #expect(partnerResource == "\(Self.functionARN):live")
        let keys = statements.map { $0.conditions.map(\.key.value) }
        #expect(keys == [["lambda:FunctionUrlAuthType"], ["AWS:SourceArn"], ["aws:PrincipalOrgID"]])
        #expect(try Deployments.resource(linked, arn: "arn:aws:lambda:eu-west-1:111122223333:function:worker").sids().isEmpty)
    }

    /// CloudFormation permissions name the function by Ref, GetAtt or a partial ARN; a source
    /// ARN built from a parameter without a value becomes a pattern.
    @Test func cloudFormationPermissionForms() throws {
        let template = #"""
            Parameters:
              TopicName: {Type: String}
            Resources:
              Api: {Type: AWS::Lambda::Function, Properties: {FunctionName: api}}
              ByRef:
                Type: AWS::Lambda::Permission
                Properties: {FunctionName: !Ref Api, Action: lambda:InvokeFunction, Principal: s3.amazonaws.com, SourceAccount: !Ref AWS::AccountId}
              ByArn:
                Type: AWS::Lambda::Permission
                Properties:
                  FunctionName: !GetAtt Api.Arn
                  Action: lambda:InvokeFunction
                  Principal: sns.amazonaws.com
                  SourceArn: !Sub arn:aws:sns:${AWS::Region}:${AWS::AccountId}:${TopicName}
              ByPartialArn:
                Type: AWS::Lambda::Permission
                Properties: {FunctionName: !Sub "${AWS::AccountId}:function:api", Action: lambda:InvokeFunction, Principal: "444455556666"}
            """#
        let (linked, diagnostics) = Deployments.link(template, name: "template.yaml")
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        let api = try Deployments.resource(linked, arn: Self.functionARN)
        #expect(api.attachments == ["ByRef", "ByArn", "ByPartialArn"])
        let statements = Deployments.statements(api)
        #expect(statements.count == 3)
        let sourceARN = statements[1].conditions.first?.values.first?.text
        #expect(sourceARN == "arn:aws:sns:eu-west-1:111122223333:*")
        #expect(api.access.unknowns.isEmpty)
    }

    /// A permission whose principal is computed makes the function unknown.
    @Test func unknownPrincipalMakesFunctionUnknown() throws {
        let preview = #"""
            {"steps": [
              {"op": "same", "urn": "urn:pulumi:dev::app::aws:lambda/function:Function::api", "newState": {"type": "aws:lambda/function:Function",
                "urn": "urn:pulumi:dev::app::aws:lambda/function:Function::api", "inputs": {"name": "api", "arn": "\#(Self.functionARN)"}}},
              {"op": "create", "urn": "urn:pulumi:dev::app::aws:lambda/permission:Permission::hook", "newState": {"type": "aws:lambda/permission:Permission",
                "urn": "urn:pulumi:dev::app::aws:lambda/permission:Permission::hook",
                "inputs": {"action": "lambda:InvokeFunction", "function": "api", "principal": "04da6b54-80e4-46f7-96ec-b56ff0331ba9"}}}]}
            """#
        let (linked, _) = Deployments.link(preview)
        let api = try Deployments.resource(linked, arn: Self.functionARN)
        #expect(api.access.unknowns == ["the principal of urn:pulumi:dev::app::aws:lambda/permission:Permission::hook is computed during the deployment"])
    }

    /// SAM adds a public permission for a function URL without authentication, and service
    /// permissions for event sources.
    @Test func serverlessFunctionImplicitPermissions() throws {
        let template = #"""
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Api:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: api
                  FunctionUrlConfig: {AuthType: NONE}
                  Events:
                    Upload: {Type: S3, Properties: {Bucket: !Ref Uploads, Events: s3:ObjectCreated:*}}
                    Queue: {Type: SQS, Properties: {Queue: arn:aws:sqs:eu-west-1:111122223333:jobs}}
              Uploads: {Type: AWS::S3::Bucket, Properties: {BucketName: uploads}}
            """#
        let (linked, _) = Deployments.link(template, name: "template.yaml")
        let api = try Deployments.resource(linked, arn: Self.functionARN)
        #expect(api.sids() == ["FunctionUrl", "Upload"])
        let principals = Deployments.statements(api).compactMap { $0.principal?.entries.first?.value }
        #expect(principals == ["*", "s3.amazonaws.com"])
    }

    @Test func layerPermissionsByNameAndVersion() throws {
        let layerARN = "arn:aws:lambda:eu-west-1:111122223333:layer:shared:3"
        let state = Deployments.terraformState([
            Deployments.terraformResource("aws_lambda_layer_version.shared", #"{"layer_name": "shared", "version": "3", "arn": "\#(layerARN)"}"#),
            Deployments.terraformResource(
                "aws_lambda_layer_version_permission.org",
                #"{"layer_name": "shared", "version_number": 3, "principal": "*", "organization_id": "o-a1b2c3d4e5", "action": "lambda:GetLayerVersion", "statement_id": "Org"}"#),
        ].joined(separator: ","))
        let (linked, _) = Deployments.link(state)
        let layer = try Deployments.resource(linked, arn: layerARN)
        #expect(layer.access.resourceType == "AWS::Lambda::LayerVersion")
        #expect(layer.sids() == ["Org"])
    }

    /// A key's policy and its grants apply together; the key policy resource replaces the
    /// key's computed default policy.
    @Test func kmsKeyPolicyAndGrants() throws {
        let keyARN = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
        let keyPolicy = Deployments.policyString(#"{"Sid":"Partner","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"kms:Decrypt","Resource":"*"}"#)
        let keyUrn = Deployments.urn("aws:kms/key:Key", "data")
        let state = Deployments.pulumiState([
            #"{"urn": "\#(keyUrn)", "custom": true, "type": "aws:kms/key:Key", "id": "1234abcd-12ab-34cd-56ef-1234567890ab", "inputs": {"description": "data"}, "outputs": {"keyId": "1234abcd-12ab-34cd-56ef-1234567890ab", "arn": "\#(keyARN)", "policy": "{\"Statement\":[]}"}}"#,
            Deployments.pulumiResource("aws:kms/keyPolicy:KeyPolicy", "data", #"{"keyId": "1234abcd-12ab-34cd-56ef-1234567890ab", "policy": \#(keyPolicy)}"#),
            Deployments.pulumiResource(
                "aws:kms/grant:Grant", "reader",
                #"{"keyId": "\#(keyARN)", "granteePrincipal": "arn:aws:iam::777788889999:role/reader", "operations": ["Decrypt"], "constraints": [{"encryptionContextEquals": {"app": "billing"}}], "grantId": "grant-1"}"#),
        ].joined(separator: ","))
        let (linked, diagnostics) = Deployments.link(state)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        let key = try Deployments.resource(linked, arn: keyARN)
        #expect(key.sids() == ["Partner"])
        #expect(key.access.documents.map(\.sourceType) == [.policy, .kmsGrant])
        #expect(key.access.documents.last?.detail == "grant-1")
        let grantKeys = Deployments.statements(key, .kmsGrant).flatMap { $0.conditions.map(\.key.value) }
        #expect(grantKeys == ["kms:EncryptionContext:app", "kms:EncryptionContextKeys"])
    }

    @Test func cloudFormationKeyPolicy() throws {
        let template = #"""
            Resources:
              Key:
                Type: AWS::KMS::Key
                Properties:
                  KeyPolicy:
                    Version: "2012-10-17"
                    Statement:
                      - {Sid: Root, Effect: Allow, Principal: {AWS: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"}, Action: "kms:*", Resource: "*"}
            """#
        let (linked, _) = Deployments.link(template, name: "template.yaml")
        let key = try Deployments.resource(linked, arn: "arn:aws:kms:eu-west-1:111122223333:key/stack-Key")
        #expect(key.sids() == ["Root"])
        let principal = Deployments.statements(key).first?.principal?.entries.first?.value
        #expect(principal == "arn:aws:iam::111122223333:root")
    }

    @Test func snapshotAndImageSharing() throws {
        let state = Deployments.terraformState([
            Deployments.terraformResource("aws_ebs_snapshot.backup", #"{"id": "snap-0123", "encrypted": true}"#),
            Deployments.terraformResource("aws_snapshot_create_volume_permission.partner", #"{"snapshot_id": "snap-0123", "account_id": "444455556666"}"#),
            Deployments.terraformResource("aws_ami.base", #"{"id": "ami-0456"}"#),
            Deployments.terraformResource("aws_ami_launch_permission.everyone", #"{"image_id": "ami-0456", "group": "all"}"#),
            Deployments.terraformResource(
                "aws_ami_launch_permission.unit", #"{"image_id": "ami-0456", "organizational_unit_arn": "arn:aws:organizations::111122223333:ou/o-a1b2c3d4e5/ou-ab12-cdef3456"}"#),
            Deployments.terraformResource("aws_db_snapshot.nightly", #"{"db_snapshot_identifier": "nightly", "shared_accounts": ["all", "444455556666"]}"#),
        ].joined(separator: ","))
        let (linked, _) = Deployments.link(state)
        let snapshot = try Deployments.resource(linked, arn: "arn:aws:ec2:eu-west-1::snapshot/snap-0123")
        #expect(snapshot.sids(.shareAttribute) == ["accounts"])
        let image = try Deployments.resource(linked, arn: "arn:aws:ec2:eu-west-1::image/ami-0456")
        #expect(image.sids(.shareAttribute) == ["all", "o-a1b2c3d4e5"])
        let database = try Deployments.resource(linked, arn: "arn:aws:rds:eu-west-1:111122223333:snapshot:nightly")
        #expect(database.sids(.shareAttribute) == ["all", "accounts"])
    }
}
