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
    /// The form of the type's ARNs, as an ARN pattern.
    public let arnPattern: String

    /// Every supported type.
    public static let all: [ResourceType] = [
        ResourceType(name: "AWS::S3::Bucket", services: ["s3"], partSuffixes: ["/*"], arnPattern: "arn:*:s3:::*"),
        ResourceType(name: "AWS::S3::AccessPoint", services: ["s3"], partSuffixes: ["/object/*"], arnPattern: "arn:*:s3:*:*:accesspoint/*"),
        ResourceType(name: "AWS::S3Express::DirectoryBucket", services: ["s3express"], partSuffixes: [], arnPattern: "arn:*:s3express:*:*:bucket/*"),
        ResourceType(name: "AWS::IAM::Role", services: ["sts"], partSuffixes: [], arnPattern: "arn:*:iam::*:role/*"),
        ResourceType(name: "AWS::KMS::Key", services: ["kms"], partSuffixes: [], arnPattern: "arn:*:kms:*:*:key/*"),
        ResourceType(name: "AWS::Lambda::Function", services: ["lambda"], partSuffixes: [":*"], arnPattern: "arn:*:lambda:*:*:function:*"),
        ResourceType(name: "AWS::Lambda::LayerVersion", services: ["lambda"], partSuffixes: [], arnPattern: "arn:*:lambda:*:*:layer:*"),
        ResourceType(name: "AWS::SQS::Queue", services: ["sqs"], partSuffixes: [], arnPattern: "arn:*:sqs:*:*:*"),
        ResourceType(name: "AWS::SNS::Topic", services: ["sns"], partSuffixes: [], arnPattern: "arn:*:sns:*:*:*"),
        ResourceType(name: "AWS::SecretsManager::Secret", services: ["secretsmanager"], partSuffixes: [], arnPattern: "arn:*:secretsmanager:*:*:secret:*"),
        ResourceType(name: "AWS::ECR::Repository", services: ["ecr"], partSuffixes: [], arnPattern: "arn:*:ecr:*:*:repository/*"),
        ResourceType(name: "AWS::EFS::FileSystem", services: ["elasticfilesystem"], partSuffixes: [], arnPattern: "arn:*:elasticfilesystem:*:*:file-system/*"),
        ResourceType(name: "AWS::DynamoDB::Table", services: ["dynamodb"], partSuffixes: ["/index/*"], arnPattern: "arn:*:dynamodb:*:*:table/*"),
        ResourceType(name: "AWS::DynamoDB::Stream", services: ["dynamodb"], partSuffixes: [], arnPattern: "arn:*:dynamodb:*:*:table/*/stream/*"),
        ResourceType(name: "AWS::EC2::Snapshot", services: ["ec2"], partSuffixes: [], arnPattern: "arn:*:ec2:*:*:snapshot/*"),
        ResourceType(name: "AWS::EC2::Image", services: ["ec2"], partSuffixes: [], arnPattern: "arn:*:ec2:*:*:image/*"),
        ResourceType(name: "AWS::RDS::DBSnapshot", services: ["rds"], partSuffixes: [], arnPattern: "arn:*:rds:*:*:snapshot:*"),
        ResourceType(name: "AWS::RDS::DBClusterSnapshot", services: ["rds"], partSuffixes: [], arnPattern: "arn:*:rds:*:*:cluster-snapshot:*"),
        ResourceType(name: "AWS::Glacier::Vault", services: ["glacier"], partSuffixes: [], arnPattern: "arn:*:glacier:*:*:vaults/*"),
    ]

    /// Returns whether `arn` has the form of this type's ARNs.
    public func names(_ arn: String) -> Bool {
        ARNMatching.matches(pattern: Glob(pattern: arnPattern), value: arn)
    }

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
        // The catalog returns one shared array per set of matched resource types, which later
        // comparisons of action lists recognize by identity: a single service keeps it.
        if services.count == 1 {
            return catalog.actions(service: services[0], actingOn: samples)
        }
        return services.flatMap { catalog.actions(service: $0, actingOn: samples) }
    }

    /// Returns the access configuration of a resource of this type granted by `documents`.
    public func access(
        arn: String, ownerAccount: String, documents: [AccessDocument], unknowns: [String], catalog: ActionCatalog
    ) -> ResourceAccess {
        var access = ResourceAccess(
            resource: arn, resourceType: name, ownerAccount: ownerAccount, requestResources: requestResources(for: arn),
            actions: actions(for: arn, catalog: catalog), services: services, documents: documents)
        access.unknowns = unknowns
        return access
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
    func replacingWildcards(with text: String) -> String {
        var result = ""
        for character in self {
            result += character == "*" || character == "?" ? text : String(character)
        }
        return result
    }
}
