import CloudResources
import DeploymentFormats
import PolicyLanguage
import Testing

/// Resources whose access is their resource policy alone, with the resources that set it,
/// in each format.
struct PolicyResourceLinkingTests {
    static let statement = #"{"Sid":"Shared","Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"*","Resource":"*"}"#

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        /// The deployment text.
        let text: String
        let file: String
        /// The ARN of the resource the policy should attach to.
        let arn: String
        let resourceType: String

        var testDescription: String { name }
    }

    static let policy = Deployments.policyString(statement)
    static let queueURL = "https://sqs.eu-west-1.amazonaws.com/111122223333/jobs"

    static let cases: [Case] = [
        Case(
            name: "Pulumi queue policy by URL",
            text: Deployments.pulumiState([
                Deployments.pulumiResource("aws:sqs/queue:Queue", "jobs", #"{"name": "jobs", "arn": "arn:aws:sqs:eu-west-1:111122223333:jobs", "url": "\#(queueURL)"}"#, id: queueURL),
                Deployments.pulumiResource("aws:sqs/queue:Queue", "other", #"{"name": "other", "arn": "arn:aws:sqs:eu-west-1:111122223333:other"}"#),
                Deployments.pulumiResource("aws:sqs/queuePolicy:QueuePolicy", "other", #"{"queueUrl": "\#(queueURL)", "policy": \#(policy)}"#),
            ].joined(separator: ",")),
            file: "state.json", arn: "arn:aws:sqs:eu-west-1:111122223333:jobs", resourceType: "AWS::SQS::Queue"),
        Case(
            name: "Terraform queue's own policy",
            text: Deployments.terraformState(
                Deployments.terraformResource("aws_sqs_queue.jobs", #"{"name": "jobs", "arn": "arn:aws:sqs:eu-west-1:111122223333:jobs", "url": "\#(queueURL)", "policy": \#(policy)}"#)),
            file: "state.json", arn: "arn:aws:sqs:eu-west-1:111122223333:jobs", resourceType: "AWS::SQS::Queue"),
        Case(
            name: "CloudFormation queue policy with a list of queues",
            text: #"""
                Resources:
                  Jobs: {Type: AWS::SQS::Queue, Properties: {QueueName: jobs}}
                  Other: {Type: AWS::SQS::Queue}
                  OtherPolicy:
                    Type: AWS::SQS::QueuePolicy
                    Properties:
                      Queues: [!Ref Jobs]
                      PolicyDocument: {Version: "2012-10-17", Statement: [\#(statement)]}
                """#,
            file: "template.yaml", arn: "arn:aws:sqs:eu-west-1:111122223333:jobs", resourceType: "AWS::SQS::Queue"),
        Case(
            name: "Pulumi topic policy by ARN",
            text: Deployments.pulumiState([
                Deployments.pulumiResource("aws:sns/topic:Topic", "alerts", #"{"name": "alerts", "arn": "arn:aws:sns:eu-west-1:111122223333:alerts"}"#),
                Deployments.pulumiResource("aws:sns/topicPolicy:TopicPolicy", "alerts", #"{"arn": "arn:aws:sns:eu-west-1:111122223333:alerts", "policy": \#(policy)}"#),
            ].joined(separator: ",")),
            file: "state.json", arn: "arn:aws:sns:eu-west-1:111122223333:alerts", resourceType: "AWS::SNS::Topic"),
        Case(
            name: "CloudFormation topic policy",
            text: #"""
                {"Resources": {
                  "Alerts": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": "alerts"}},
                  "AlertsPolicy": {"Type": "AWS::SNS::TopicPolicy", "Properties": {"Topics": [{"Ref": "Alerts"}],
                    "PolicyDocument": {"Version": "2012-10-17", "Statement": [\#(statement)]}}}}}
                """#,
            file: "template.json", arn: "arn:aws:sns:eu-west-1:111122223333:alerts", resourceType: "AWS::SNS::Topic"),
        Case(
            name: "Terraform secret policy",
            text: Deployments.terraformState([
                Deployments.terraformResource("aws_secretsmanager_secret.db", #"{"name": "db", "arn": "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-a1B2c3", "id": "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-a1B2c3"}"#),
                Deployments.terraformResource("aws_secretsmanager_secret_policy.db", #"{"secret_arn": "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-a1B2c3", "policy": \#(policy)}"#),
            ].joined(separator: ",")),
            file: "state.json", arn: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-a1B2c3", resourceType: "AWS::SecretsManager::Secret"),
        Case(
            name: "CloudFormation secret resource policy",
            text: #"""
                Resources:
                  Db: {Type: AWS::SecretsManager::Secret, Properties: {Name: db}}
                  DbPolicy:
                    Type: AWS::SecretsManager::ResourcePolicy
                    Properties:
                      SecretId: !Ref Db
                      ResourcePolicy: {Version: "2012-10-17", Statement: [\#(statement)]}
                """#,
            file: "template.yaml", arn: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbCdEf", resourceType: "AWS::SecretsManager::Secret"),
        Case(
            name: "Pulumi repository policy by name",
            text: Deployments.pulumiState([
                Deployments.pulumiResource("aws:ecr/repository:Repository", "app", #"{"name": "app", "arn": "arn:aws:ecr:eu-west-1:111122223333:repository/app"}"#, id: "app"),
                Deployments.pulumiResource("aws:ecr/repositoryPolicy:RepositoryPolicy", "app", #"{"repository": "app", "policy": \#(policy)}"#),
            ].joined(separator: ",")),
            file: "state.json", arn: "arn:aws:ecr:eu-west-1:111122223333:repository/app", resourceType: "AWS::ECR::Repository"),
        Case(
            name: "CloudFormation repository policy text",
            text: #"""
                Resources:
                  App:
                    Type: AWS::ECR::Repository
                    Properties:
                      RepositoryName: app
                      RepositoryPolicyText: '{"Version": "2012-10-17", "Statement": [\#(statement)]}'
                """#,
            file: "template.yaml", arn: "arn:aws:ecr:eu-west-1:111122223333:repository/app", resourceType: "AWS::ECR::Repository"),
        Case(
            name: "Terraform file system policy",
            text: Deployments.terraformState([
                Deployments.terraformResource("aws_efs_file_system.data", #"{"id": "fs-0123456789abcdef0", "arn": "arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-0123456789abcdef0"}"#),
                Deployments.terraformResource("aws_efs_file_system_policy.data", #"{"file_system_id": "fs-0123456789abcdef0", "policy": \#(policy)}"#),
            ].joined(separator: ",")),
            file: "state.json", arn: "arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-0123456789abcdef0", resourceType: "AWS::EFS::FileSystem"),
        Case(
            name: "CloudFormation file system policy",
            text: #"""
                Resources:
                  Data:
                    Type: AWS::EFS::FileSystem
                    Properties:
                      FileSystemPolicy: {Version: "2012-10-17", Statement: [\#(statement)]}
                """#,
            file: "template.yaml", arn: "arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/stack-data", resourceType: "AWS::EFS::FileSystem"),
        Case(
            name: "Terraform DynamoDB resource policy",
            text: Deployments.terraformState([
                Deployments.terraformResource("aws_dynamodb_table.orders", #"{"name": "orders", "arn": "arn:aws:dynamodb:eu-west-1:111122223333:table/orders"}"#),
                Deployments.terraformResource("aws_dynamodb_resource_policy.orders", #"{"resource_arn": "arn:aws:dynamodb:eu-west-1:111122223333:table/orders", "policy": \#(policy)}"#),
            ].joined(separator: ",")),
            file: "state.json", arn: "arn:aws:dynamodb:eu-west-1:111122223333:table/orders", resourceType: "AWS::DynamoDB::Table"),
        Case(
            name: "CloudFormation DynamoDB stream policy",
            text: #"""
                Resources:
                  Orders:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      TableName: orders
                      StreamSpecification:
                        StreamViewType: NEW_IMAGE
                        ResourcePolicy:
                          PolicyDocument: {Version: "2012-10-17", Statement: [\#(statement)]}
                """#,
            file: "template.yaml", arn: "arn:aws:dynamodb:eu-west-1:111122223333:table/orders/stream/2024-01-01T00:00:00.000",
            resourceType: "AWS::DynamoDB::Stream"),
        Case(
            name: "Terraform Glacier vault access policy",
            text: Deployments.terraformState(
                Deployments.terraformResource("aws_glacier_vault.archive", #"{"name": "archive", "arn": "arn:aws:glacier:eu-west-1:111122223333:vaults/archive", "access_policy": \#(policy)}"#)),
            file: "state.json", arn: "arn:aws:glacier:eu-west-1:111122223333:vaults/archive", resourceType: "AWS::Glacier::Vault"),
        Case(
            name: "Pulumi role trust policy",
            text: Deployments.pulumiState(
                Deployments.pulumiResource("aws:iam/role:Role", "deploy", #"{"name": "deploy", "arn": "arn:aws:iam::111122223333:role/deploy", "assumeRolePolicy": \#(policy)}"#)),
            file: "state.json", arn: "arn:aws:iam::111122223333:role/deploy", resourceType: "AWS::IAM::Role"),
        Case(
            name: "CloudFormation role with a path",
            text: #"""
                Resources:
                  Deploy:
                    Type: AWS::IAM::Role
                    Properties:
                      RoleName: deploy
                      Path: /ci/
                      AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [\#(statement)]}
                """#,
            file: "template.yaml", arn: "arn:aws:iam::111122223333:role/ci/deploy", resourceType: "AWS::IAM::Role"),
    ]

    @Test(arguments: cases)
    func policyAttachesToItsTarget(_ testCase: Case) throws {
        let (linked, diagnostics) = Deployments.link(testCase.text, name: testCase.file)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        let resource = try Deployments.resource(linked, arn: testCase.arn)
        #expect(resource.access.resourceType == testCase.resourceType)
        #expect(resource.sids() == ["Shared"])
        #expect(resource.access.unknowns.isEmpty, "\(resource.access.unknowns)")
        let others = linked.resources.filter { $0.access.resource != testCase.arn }
        #expect(others.allSatisfy { $0.access.documents.isEmpty }, "the policy must attach to one resource only")
    }

    /// A Secrets Manager policy resource with BlockPublicPolicy makes AWS reject public policies.
    @Test func secretBlockPublicPolicy() throws {
        let state = Deployments.terraformState([
            Deployments.terraformResource("aws_secretsmanager_secret.db", #"{"name": "db", "arn": "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-a1B2c3"}"#),
            Deployments.terraformResource(
                "aws_secretsmanager_secret_policy.db",
                #"{"secret_arn": "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-a1B2c3", "block_public_policy": true, "policy": \#(Self.policy)}"#),
        ].joined(separator: ","))
        let (linked, _) = Deployments.link(state)
        let secret = try Deployments.resource(linked, arn: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-a1B2c3")
        #expect(secret.access.rejectsPublic[.policy] != nil)
    }

    /// A queue policy whose queue URL names a queue outside the deployment.
    @Test func queuePolicyOutsideTheDeployment() throws {
        let state = Deployments.terraformState(
            Deployments.terraformResource("aws_sqs_queue_policy.shared", #"{"queue_url": "https://sqs.us-west-2.amazonaws.com/999988887777/shared", "policy": \#(Self.policy)}"#))
        let (linked, diagnostics) = Deployments.link(state)
        let queue = try Deployments.resource(linked, arn: "arn:aws:sqs:us-west-2:999988887777:shared")
        #expect(queue.isOutsideDeployment)
        #expect(queue.access.ownerAccount == "999988887777")
        #expect(diagnostics.map(\.code) == ["UNLINKED_ATTACHMENT"])
    }

    /// A computed policy is unknown, with the reason, and never read as text.
    @Test func computedPolicyIsUnknown() throws {
        let preview = #"""
            {"steps": [
              {"op": "same", "urn": "urn:pulumi:dev::app::aws:sqs/queue:Queue::jobs", "newState": {"type": "aws:sqs/queue:Queue", "urn": "urn:pulumi:dev::app::aws:sqs/queue:Queue::jobs",
                "inputs": {"name": "jobs", "policy": "04da6b54-80e4-46f7-96ec-b56ff0331ba9"}}}]}
            """#
        let (linked, _) = Deployments.link(preview)
        let queue = try #require(linked.resources.first)
        #expect(queue.access.documents.isEmpty)
        #expect(queue.access.unknowns == ["the policy of urn:pulumi:dev::app::aws:sqs/queue:Queue::jobs is computed during the deployment"])
    }

    /// Two queues: one whose logical ID is `Jobs`, one whose name is `Jobs`. A literal URL
    /// naming `Jobs` links to the queue with that name.
    @Test func literalNameLinksByNameNotLogicalID() throws {
        let template = #"""
            Resources:
              Jobs: {Type: AWS::SQS::Queue, Properties: {QueueName: batch}}
              Other: {Type: AWS::SQS::Queue, Properties: {QueueName: Jobs}}
              Policy:
                Type: AWS::SQS::QueuePolicy
                Properties:
                  Queues: ["https://sqs.eu-west-1.amazonaws.com/111122223333/Jobs"]
                  PolicyDocument: {Version: "2012-10-17", Statement: [\#(Self.statement)]}
            """#
        let (linked, _) = Deployments.link(template, name: "template.yaml")
        #expect(try Deployments.resource(linked, arn: "arn:aws:sqs:eu-west-1:111122223333:Jobs").sids() == ["Shared"])
        #expect(try Deployments.resource(linked, arn: "arn:aws:sqs:eu-west-1:111122223333:batch").sids().isEmpty)
    }
}
