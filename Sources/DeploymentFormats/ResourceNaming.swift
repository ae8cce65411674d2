/// How a resource that attachments point at is named: the properties that hold its name and
/// IDs, the form of its ARN, and what a CloudFormation `Ref` to it returns.
struct ResourceNaming: Sendable {
    enum ReferenceValue: Sendable {
        case name, arn, url
    }

    /// Properties holding the resource's name, in the spellings of Pulumi, Terraform and
    /// CloudFormation, compared loosely.
    let nameProperties: [String]
    /// Other properties that identify the resource: IDs, ARNs, URLs.
    let identityProperties: [String]
    /// Whether AWS names of the type are lowercase, as S3 bucket names are.
    let lowercaseNames: Bool
    let reference: ReferenceValue
    /// Builds the ARN from the name, region and account.
    let arn: @Sendable (_ name: String, _ region: String, _ account: String, _ partition: String, _ resource: DeployedResource) -> String

    static func of(_ concept: ResourceConcept) -> ResourceNaming? {
        switch concept {
        case .s3Bucket:
            return ResourceNaming(nameProperties: ["bucket", "bucketName"], identityProperties: ["id", "arn"], lowercaseNames: true, reference: .name) { name, _, _, partition, _ in
                "arn:\(partition):s3:::\(name)"
            }
        case .s3DirectoryBucket:
            return ResourceNaming(nameProperties: ["bucket", "bucketName"], identityProperties: ["id", "arn"], lowercaseNames: true, reference: .name) { name, region, account, partition, _ in
                "arn:\(partition):s3express:\(region):\(account):bucket/\(name)"
            }
        case .s3AccessPoint:
            return ResourceNaming(nameProperties: ["name"], identityProperties: ["arn", "alias"], lowercaseNames: true, reference: .name) { name, region, account, partition, resource in
                let owner = resource.properties["accountId", "bucketAccountId"]?.stringValue ?? account
                return "arn:\(partition):s3:\(region):\(owner):accesspoint/\(name)"
            }
        case .sqsQueue:
            return ResourceNaming(nameProperties: ["name", "queueName"], identityProperties: ["id", "url", "arn"], lowercaseNames: false, reference: .url) { name, region, account, partition, _ in
                "arn:\(partition):sqs:\(region):\(account):\(name)"
            }
        case .snsTopic:
            return ResourceNaming(nameProperties: ["name", "topicName"], identityProperties: ["id", "arn"], lowercaseNames: false, reference: .arn) { name, region, account, partition, _ in
                "arn:\(partition):sns:\(region):\(account):\(name)"
            }
        case .lambdaFunction:
            return ResourceNaming(nameProperties: ["functionName", "name"], identityProperties: ["id", "arn", "qualifiedArn"], lowercaseNames: false, reference: .name) { name, region, account, partition, _ in
                "arn:\(partition):lambda:\(region):\(account):function:\(name)"
            }
        case .lambdaLayerVersion:
            return ResourceNaming(nameProperties: ["layerName"], identityProperties: ["id", "arn"], lowercaseNames: false, reference: .arn) { name, region, account, partition, resource in
                let version = resource.properties["version"]?.stringValue ?? "1"
                return "arn:\(partition):lambda:\(region):\(account):layer:\(name):\(version)"
            }
        case .kmsKey:
            return ResourceNaming(nameProperties: ["keyId"], identityProperties: ["id", "arn"], lowercaseNames: false, reference: .name) { name, region, account, partition, _ in
                "arn:\(partition):kms:\(region):\(account):key/\(name)"
            }
        case .iamRole:
            return ResourceNaming(nameProperties: ["name", "roleName"], identityProperties: ["id", "arn", "uniqueId"], lowercaseNames: false, reference: .name) { name, _, account, partition, resource in
                let path = resource.properties["path"]?.stringValue ?? "/"
                return "arn:\(partition):iam::\(account):role\(path.hasPrefix("/") ? path : "/" + path)\(name)"
            }
        case .secret:
            // Secrets Manager appends six random characters to the name in the ARN.
            return ResourceNaming(nameProperties: ["name"], identityProperties: ["id", "arn"], lowercaseNames: false, reference: .arn) { name, region, account, partition, _ in
                "arn:\(partition):secretsmanager:\(region):\(account):secret:\(name)-AbCdEf"
            }
        case .ecrRepository:
            return ResourceNaming(nameProperties: ["name", "repositoryName"], identityProperties: ["id", "arn", "repositoryUrl"], lowercaseNames: true, reference: .name) { name, region, account, partition, _ in
                "arn:\(partition):ecr:\(region):\(account):repository/\(name)"
            }
        case .efsFileSystem:
            return ResourceNaming(nameProperties: ["fileSystemId", "id"], identityProperties: ["arn"], lowercaseNames: true, reference: .name) { name, region, account, partition, _ in
                "arn:\(partition):elasticfilesystem:\(region):\(account):file-system/\(name)"
            }
        case .dynamoDBTable:
            return ResourceNaming(nameProperties: ["name", "tableName"], identityProperties: ["id", "arn", "streamArn"], lowercaseNames: false, reference: .name) { name, region, account, partition, _ in
                "arn:\(partition):dynamodb:\(region):\(account):table/\(name)"
            }
        case .glacierVault:
            return ResourceNaming(nameProperties: ["name", "vaultName"], identityProperties: ["id", "arn"], lowercaseNames: false, reference: .name) { name, region, account, partition, _ in
                "arn:\(partition):glacier:\(region):\(account):vaults/\(name)"
            }
        case .ebsSnapshot:
            return ResourceNaming(nameProperties: ["snapshotId", "id"], identityProperties: ["arn"], lowercaseNames: true, reference: .name) { name, region, _, partition, _ in
                "arn:\(partition):ec2:\(region)::snapshot/\(name)"
            }
        case .machineImage:
            return ResourceNaming(nameProperties: ["imageId", "id"], identityProperties: ["arn"], lowercaseNames: true, reference: .name) { name, region, _, partition, _ in
                "arn:\(partition):ec2:\(region)::image/\(name)"
            }
        case .rdsSnapshot:
            return ResourceNaming(nameProperties: ["dbSnapshotIdentifier"], identityProperties: ["id", "dbSnapshotArn"], lowercaseNames: true, reference: .name) { name, region, account, partition, _ in
                "arn:\(partition):rds:\(region):\(account):snapshot:\(name)"
            }
        case .rdsClusterSnapshot:
            return ResourceNaming(nameProperties: ["dbClusterSnapshotIdentifier"], identityProperties: ["id", "dbClusterSnapshotArn"], lowercaseNames: true, reference: .name) { name, region, account, partition, _ in
                "arn:\(partition):rds:\(region):\(account):cluster-snapshot:\(name)"
            }
        default:
            return nil
        }
    }
}

/// The name, ARN and identifiers of one deployed resource.
struct ResourceIdentity: Sendable {
    var name: String
    var arn: String
    /// What a CloudFormation `Ref` returns: the name, the ARN or the URL, by type.
    var reference: String
    /// Every string that can identify the resource in another resource's property.
    var identifiers: Set<String>
    /// Whether the name is made up from the address because AWS assigns it at deployment.
    var isPlaceholder: Bool
}

extension ResourceNaming {
    /// Returns how `resource` is identified, from its properties where they are known and
    /// from its address otherwise.
    func identity(of resource: DeployedResource, settings: DeploymentSettings) -> ResourceIdentity {
        let properties = resource.properties
        let region = properties["region"]?.stringValue ?? settings.region
        var name: String?
        for property in nameProperties {
            if let value = properties.member([property])?.stringValue, !value.isEmpty {
                name = value
                break
            }
        }
        let knownARN = properties["arn"]?.stringValue.flatMap { ARNText.isARN($0) ? $0 : nil }
        var isPlaceholder = false
        if name == nil, let knownARN {
            name = ARNText.lastName(knownARN)
        }
        if name == nil {
            name = Self.placeholderName(resource.address, settings: settings, lowercase: lowercaseNames)
            isPlaceholder = true
        }
        let resolvedName = name ?? "resource"
        let arn = knownARN ?? self.arn(resolvedName, region, settings.account, settings.partition, resource)
        let url = "https://sqs.\(ARNText.region(arn) ?? region).amazonaws.com/\(ARNText.account(arn) ?? settings.account)/\(resolvedName)"
        let referenceText: String
        switch reference {
        case .name: referenceText = resolvedName
        case .arn: referenceText = arn
        case .url: referenceText = properties["url", "id"]?.stringValue ?? url
        }
        var identifiers: Set<String> = [resolvedName, arn, referenceText]
        for property in identityProperties {
            if let value = properties.member([property])?.stringValue, !value.isEmpty {
                identifiers.insert(value)
            }
        }
        return ResourceIdentity(name: resolvedName, arn: arn, reference: referenceText, identifiers: identifiers, isPlaceholder: isPlaceholder)
    }

    /// A name for a resource whose name AWS or CloudFormation assigns at deployment: the
    /// stack name and the last part of the address, as CloudFormation forms generated names.
    static func placeholderName(_ address: String, settings: DeploymentSettings, lowercase: Bool) -> String {
        let last = address.split(whereSeparator: { ":./[]\"".contains($0) }).last.map(String.init) ?? address
        let base = last.isEmpty ? "resource" : last
        let name = "\(settings.stackName)-\(base)"
        return lowercase ? name.lowercased() : name
    }
}

/// Small readings of ARN text that do not need a full parse.
enum ARNText {
    static func isARN(_ text: String) -> Bool {
        text.hasPrefix("arn:") && text.utf8.lazy.filter { $0 == UInt8(ascii: ":") }.prefix(5).count == 5
    }

    static func field(_ text: String, _ index: Int) -> String? {
        guard text.hasPrefix("arn:") else { return nil }
        let fields = text.utf8.split(separator: UInt8(ascii: ":"), maxSplits: 5, omittingEmptySubsequences: false)
        guard fields.count == 6, !fields[index].isEmpty else { return nil }
        return String(Substring(fields[index]))
    }

    static func region(_ text: String) -> String? { field(text, 3) }
    static func account(_ text: String) -> String? { field(text, 4) }

    /// The last part of the ARN's resource, after `/` or `:`.
    static func lastName(_ text: String) -> String? {
        guard let resource = field(text, 5) else { return nil }
        return resource.split(whereSeparator: { $0 == "/" || $0 == ":" }).last.map(String.init)
    }
}
