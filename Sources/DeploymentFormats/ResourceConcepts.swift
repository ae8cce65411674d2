/// What a deployed resource is for access analysis, whatever format names it: a resource
/// that can be reached, or a piece of configuration attached to one.
enum ResourceConcept: String, CaseIterable, Sendable {
    case s3Bucket, s3DirectoryBucket, s3BucketPolicy, s3DirectoryBucketPolicy, s3BucketACL, s3OwnershipControls
    case s3BucketPublicAccessBlock, s3AccountPublicAccessBlock, s3AccessPoint, s3AccessPointPolicy
    case sqsQueue, sqsQueuePolicy, sqsQueueInlinePolicy
    case snsTopic, snsTopicPolicy, snsTopicInlinePolicy
    case lambdaFunction, lambdaPermission, lambdaLayerVersion, lambdaLayerPermission
    case kmsKey, kmsKeyPolicy, kmsGrant
    case iamRole
    case secret, secretPolicy
    case ecrRepository, ecrRepositoryPolicy
    case efsFileSystem, efsFileSystemPolicy
    case dynamoDBTable, dynamoDBResourcePolicy
    case ebsSnapshot, ebsSnapshotPermission
    case machineImage, machineImageLaunchPermission
    case rdsSnapshot, rdsClusterSnapshot
    case glacierVault

    /// The type names of each format: Pulumi tokens (current and legacy), Terraform types and
    /// CloudFormation types.
    var typeNames: [String] {
        switch self {
        case .s3Bucket: return ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2", "aws_s3_bucket", "AWS::S3::Bucket"]
        case .s3DirectoryBucket: return ["aws:s3/directoryBucket:DirectoryBucket", "aws_s3_directory_bucket", "AWS::S3Express::DirectoryBucket"]
        case .s3BucketPolicy: return ["aws:s3/bucketPolicy:BucketPolicy", "aws_s3_bucket_policy", "AWS::S3::BucketPolicy"]
        case .s3DirectoryBucketPolicy: return ["AWS::S3Express::BucketPolicy"]
        case .s3BucketACL: return ["aws:s3/bucketAcl:BucketAcl", "aws:s3/bucketAclV2:BucketAclV2", "aws_s3_bucket_acl"]
        case .s3OwnershipControls: return ["aws:s3/bucketOwnershipControls:BucketOwnershipControls", "aws_s3_bucket_ownership_controls"]
        case .s3BucketPublicAccessBlock: return ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "aws_s3_bucket_public_access_block"]
        case .s3AccountPublicAccessBlock: return ["aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock", "aws_s3_account_public_access_block"]
        case .s3AccessPoint: return ["aws:s3/accessPoint:AccessPoint", "aws_s3_access_point", "AWS::S3::AccessPoint"]
        case .s3AccessPointPolicy: return ["aws:s3control/accessPointPolicy:AccessPointPolicy", "aws_s3control_access_point_policy"]
        case .sqsQueue: return ["aws:sqs/queue:Queue", "aws_sqs_queue", "AWS::SQS::Queue"]
        case .sqsQueuePolicy: return ["aws:sqs/queuePolicy:QueuePolicy", "aws_sqs_queue_policy", "AWS::SQS::QueuePolicy"]
        case .sqsQueueInlinePolicy: return ["AWS::SQS::QueueInlinePolicy"]
        case .snsTopic: return ["aws:sns/topic:Topic", "aws_sns_topic", "AWS::SNS::Topic"]
        case .snsTopicPolicy: return ["aws:sns/topicPolicy:TopicPolicy", "aws_sns_topic_policy", "AWS::SNS::TopicPolicy"]
        case .snsTopicInlinePolicy: return ["AWS::SNS::TopicInlinePolicy"]
        case .lambdaFunction: return ["aws:lambda/function:Function", "aws_lambda_function", "AWS::Lambda::Function", "AWS::Serverless::Function"]
        case .lambdaPermission: return ["aws:lambda/permission:Permission", "aws_lambda_permission", "AWS::Lambda::Permission"]
        case .lambdaLayerVersion: return ["aws:lambda/layerVersion:LayerVersion", "aws_lambda_layer_version", "AWS::Lambda::LayerVersion", "AWS::Serverless::LayerVersion"]
        case .lambdaLayerPermission: return ["aws:lambda/layerVersionPermission:LayerVersionPermission", "aws_lambda_layer_version_permission", "AWS::Lambda::LayerVersionPermission"]
        case .kmsKey: return ["aws:kms/key:Key", "aws:kms/replicaKey:ReplicaKey", "aws_kms_key", "aws_kms_replica_key", "AWS::KMS::Key", "AWS::KMS::ReplicaKey"]
        case .kmsKeyPolicy: return ["aws:kms/keyPolicy:KeyPolicy", "aws_kms_key_policy"]
        case .kmsGrant: return ["aws:kms/grant:Grant", "aws_kms_grant"]
        case .iamRole: return ["aws:iam/role:Role", "aws_iam_role", "AWS::IAM::Role"]
        case .secret: return ["aws:secretsmanager/secret:Secret", "aws_secretsmanager_secret", "AWS::SecretsManager::Secret"]
        case .secretPolicy: return ["aws:secretsmanager/secretPolicy:SecretPolicy", "aws_secretsmanager_secret_policy", "AWS::SecretsManager::ResourcePolicy"]
        case .ecrRepository: return ["aws:ecr/repository:Repository", "aws_ecr_repository", "AWS::ECR::Repository"]
        case .ecrRepositoryPolicy: return ["aws:ecr/repositoryPolicy:RepositoryPolicy", "aws_ecr_repository_policy"]
        case .efsFileSystem: return ["aws:efs/fileSystem:FileSystem", "aws_efs_file_system", "AWS::EFS::FileSystem"]
        case .efsFileSystemPolicy: return ["aws:efs/fileSystemPolicy:FileSystemPolicy", "aws_efs_file_system_policy"]
        case .dynamoDBTable: return ["aws:dynamodb/table:Table", "aws_dynamodb_table", "AWS::DynamoDB::Table"]
        case .dynamoDBResourcePolicy: return ["aws:dynamodb/resourcePolicy:ResourcePolicy", "aws_dynamodb_resource_policy"]
        case .ebsSnapshot: return ["aws:ebs/snapshot:Snapshot", "aws_ebs_snapshot"]
        case .ebsSnapshotPermission: return ["aws:ec2/snapshotCreateVolumePermission:SnapshotCreateVolumePermission", "aws_snapshot_create_volume_permission"]
        case .machineImage: return ["aws:ec2/ami:Ami", "aws_ami"]
        case .machineImageLaunchPermission: return ["aws:ec2/amiLaunchPermission:AmiLaunchPermission", "aws_ami_launch_permission"]
        case .rdsSnapshot: return ["aws:rds/snapshot:Snapshot", "aws_db_snapshot"]
        case .rdsClusterSnapshot: return ["aws:rds/clusterSnapshot:ClusterSnapshot", "aws_db_cluster_snapshot"]
        case .glacierVault: return ["aws:glacier/vault:Vault", "aws_glacier_vault"]
        }
    }

    static let byTypeName: [String: ResourceConcept] = {
        var table: [String: ResourceConcept] = [:]
        for concept in allCases {
            for name in concept.typeNames {
                table[name] = concept
            }
        }
        return table
    }()

    /// Returns the concept a type name stands for; nil for types outside access analysis.
    static func of(_ type: String) -> ResourceConcept? {
        byTypeName[type]
    }

    /// Types that can grant access to principals outside the account but that AccessGuard does
    /// not evaluate; they are reported, never skipped silently.
    static let notEvaluatedTypes: Set<String> = [
        "aws:opensearch/domainPolicy:DomainPolicy", "aws:opensearch/domain:Domain", "aws_opensearch_domain", "aws_opensearch_domain_policy",
        "aws_elasticsearch_domain", "aws_elasticsearch_domain_policy", "AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain",
        "aws:apigateway/restApiPolicy:RestApiPolicy", "aws_api_gateway_rest_api_policy", "AWS::ApiGateway::RestApi",
        "aws:cloudwatch/eventBusPolicy:EventBusPolicy", "aws_cloudwatch_event_bus_policy", "AWS::Events::EventBusPolicy",
        "aws:cloudwatch/logResourcePolicy:LogResourcePolicy", "aws_cloudwatch_log_resource_policy", "AWS::Logs::ResourcePolicy",
        "aws:cloudwatch/logDestinationPolicy:LogDestinationPolicy", "aws_cloudwatch_log_destination_policy", "AWS::Logs::Destination",
        "aws:backup/vaultPolicy:VaultPolicy", "aws_backup_vault_policy", "AWS::Backup::BackupVault",
        "aws:codeartifact/domainPermissions:DomainPermissions", "aws_codeartifact_domain_permissions_policy",
        "aws:codeartifact/repositoryPermissionsPolicy:RepositoryPermissionsPolicy", "aws_codeartifact_repository_permissions_policy",
        "AWS::CodeArtifact::Domain", "AWS::CodeArtifact::Repository",
        "aws:s3control/multiRegionAccessPointPolicy:MultiRegionAccessPointPolicy", "aws_s3control_multi_region_access_point_policy",
        "AWS::S3::MultiRegionAccessPointPolicy", "AWS::S3Express::AccessPoint", "AWS::S3Tables::TableBucketPolicy", "AWS::S3Tables::TablePolicy",
        "aws_s3tables_table_bucket_policy", "aws_s3tables_table_policy",
        "aws:glue/resourcePolicy:ResourcePolicy", "aws_glue_resource_policy",
        "aws:ses/identityPolicy:IdentityPolicy", "aws_ses_identity_policy",
        "aws:ecr/registryPolicy:RegistryPolicy", "aws_ecr_registry_policy", "AWS::ECR::RegistryPolicy",
        "aws:cloudtrail/eventDataStore:EventDataStore", "AWS::CloudTrail::Dashboard", "AWS::CloudTrail::EventDataStore",
        "aws:kinesis/resourcePolicy:ResourcePolicy", "aws_kinesis_resource_policy", "AWS::Kinesis::ResourcePolicy",
        "AWS::CloudTrail::ResourcePolicy",
        "aws:s3tables/tableBucketPolicy:TableBucketPolicy", "aws:s3tables/tablePolicy:TablePolicy",
        "aws:vpclattice/authPolicy:AuthPolicy", "aws:vpclattice/resourcePolicy:ResourcePolicy", "aws_vpclattice_auth_policy",
        "aws_vpclattice_resource_policy", "AWS::VpcLattice::AuthPolicy", "AWS::VpcLattice::ResourcePolicy",
        "aws:opensearch/serverlessAccessPolicy:ServerlessAccessPolicy", "aws_opensearchserverless_access_policy",
        "AWS::OpenSearchServerless::AccessPolicy", "AWS::Lex::ResourcePolicy",
        "aws:serverlessrepository/cloudFormationStack:CloudFormationStack", "aws_iam_organizations_features",
        "aws:ram/resourceShare:ResourceShare", "aws_ram_resource_share", "AWS::RAM::ResourceShare",
    ]
}
