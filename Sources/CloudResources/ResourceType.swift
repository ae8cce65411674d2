import PolicyLanguage

/// A resource type that can grant access to principals outside its account, as IAM Access
/// Analyzer covers them: how requests name a resource of the type, and which services act
/// on it.
public struct ResourceType: Sendable, Hashable {
    /// The CloudFormation type name, which Access Analyzer uses, such as `AWS::S3::Bucket`.
    public let name: String
    /// The service prefixes whose actions apply to the resource.
    public let services: [String]
    /// Suffixes that, appended to the resource ARN, name the resource's parts in requests,
    /// such as a bucket's objects (`/*`).
    let partSuffixes: [String]

    /// Every supported type.
    public static let all: [ResourceType] = [
        ResourceType(name: "AWS::S3::Bucket", services: ["s3"], partSuffixes: ["/*"]),
        ResourceType(name: "AWS::S3::AccessPoint", services: ["s3"], partSuffixes: ["/object/*"]),
        ResourceType(name: "AWS::S3Express::DirectoryBucket", services: ["s3express"], partSuffixes: []),
        ResourceType(name: "AWS::IAM::Role", services: ["sts"], partSuffixes: []),
        ResourceType(name: "AWS::KMS::Key", services: ["kms"], partSuffixes: []),
        ResourceType(name: "AWS::Lambda::Function", services: ["lambda"], partSuffixes: [":*"]),
        ResourceType(name: "AWS::Lambda::LayerVersion", services: ["lambda"], partSuffixes: []),
        ResourceType(name: "AWS::SQS::Queue", services: ["sqs"], partSuffixes: []),
        ResourceType(name: "AWS::SNS::Topic", services: ["sns"], partSuffixes: []),
        ResourceType(name: "AWS::SecretsManager::Secret", services: ["secretsmanager"], partSuffixes: []),
        ResourceType(name: "AWS::ECR::Repository", services: ["ecr"], partSuffixes: []),
        ResourceType(name: "AWS::EFS::FileSystem", services: ["elasticfilesystem"], partSuffixes: []),
        ResourceType(name: "AWS::DynamoDB::Table", services: ["dynamodb"], partSuffixes: ["/index/*"]),
        ResourceType(name: "AWS::DynamoDB::Stream", services: ["dynamodb"], partSuffixes: []),
        ResourceType(name: "AWS::EC2::Snapshot", services: ["ec2"], partSuffixes: []),
        ResourceType(name: "AWS::EC2::Image", services: ["ec2"], partSuffixes: []),
        ResourceType(name: "AWS::RDS::DBSnapshot", services: ["rds"], partSuffixes: []),
        ResourceType(name: "AWS::RDS::DBClusterSnapshot", services: ["rds"], partSuffixes: []),
        ResourceType(name: "AWS::Glacier::Vault", services: ["glacier"], partSuffixes: []),
    ]

    /// Returns the supported type with this name, ignoring case.
    public static func named(_ name: String) -> ResourceType? {
        all.first { CaseFolding.equalIgnoringCase($0.name, name) }
    }

    /// Returns the ARN patterns that requests to `arn` name: the resource and its parts.
    public func requestResources(for arn: String) -> [String] {
        [arn] + partSuffixes.map { arn + $0 }
    }

    /// Returns the catalog actions of the type's services that act on the resource or its
    /// parts: those with a resource type whose ARN format matches the resource.
    public func actions(for arn: String, catalog: ActionCatalog) -> [String] {
        let samples = [arn] + partSuffixes.map { arn + $0.replacingWildcards(with: "example") }
        var result: [String] = []
        for prefix in services {
            guard let service = catalog.service(prefix: prefix) else { continue }
            for action in service.actions {
                let applies = action.resourceTypes.contains { usage in
                    let pattern = Glob(pattern: usage.resourceType.arnTemplate.replacingPlaceholders(with: "*"))
                    return samples.contains { ARNMatching.matches(pattern: pattern, value: $0) }
                }
                if applies {
                    result.append(action.fullName)
                }
            }
        }
        return result
    }

    /// Returns the account that owns the resource: the ARN's account field, or `fallback`
    /// for ARNs without one, such as S3 buckets'.
    public func ownerAccount(of arn: String, fallback: String?) -> String? {
        if let parsed = ARN(arn), !parsed.account.isEmpty {
            return parsed.account
        }
        return fallback
    }
}

extension String {
    /// Replaces each `${Placeholder}` of an ARN format with `text`.
    func replacingPlaceholders(with text: String) -> String {
        var result = ""
        var rest = self[...]
        while let start = rest.range(of: "${"), let end = rest[start.upperBound...].firstIndex(of: "}") {
            result += rest[..<start.lowerBound] + text
            rest = rest[rest.index(after: end)...]
        }
        return result + rest
    }

    func replacingWildcards(with text: String) -> String {
        var result = ""
        for character in self {
            result += character == "*" || character == "?" ? text : String(character)
        }
        return result
    }
}
