/// The global condition keys (`aws:…`) and the service keys that AWS documents as usable
/// in any service's policies, with their types.
///
/// Source: AWS Identity and Access Management User Guide, "AWS global condition context
/// keys" (docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html).
/// The Service Authorization Reference, from which the rest of the catalog is generated,
/// does not list these.
enum GlobalConditionKeys {
    static let definitions: [ConditionKeyDefinition] = [
        // Properties of the principal.
        key("aws:PrincipalArn", .arn),
        key("aws:PrincipalAccount", .string),
        key("aws:PrincipalOrgPaths", .string, multiValued: true),
        key("aws:PrincipalOrgID", .string),
        key("aws:PrincipalTag/${TagKey}", .string),
        key("aws:PrincipalIsAWSService", .bool),
        key("aws:PrincipalServiceName", .string),
        key("aws:PrincipalServiceNamesList", .string, multiValued: true),
        key("aws:PrincipalType", .string),
        key("aws:userid", .string),
        key("aws:username", .string),

        // Properties of the role session.
        key("aws:AssumedRoot", .bool),
        key("aws:FederatedProvider", .string),
        key("aws:TokenIssueTime", .date),
        key("aws:MultiFactorAuthAge", .numeric),
        key("aws:MultiFactorAuthPresent", .bool),
        key("aws:ChatbotSourceArn", .arn),
        key("aws:Ec2InstanceSourceVpc", .string),
        key("aws:Ec2InstanceSourcePrivateIPv4", .ipAddress),
        key("aws:SourceIdentity", .string),
        key("ec2:RoleDelivery", .numeric),
        key("ec2:SourceInstanceArn", .arn),
        key("glue:RoleAssumedBy", .string),
        key("glue:CredentialIssuingService", .string),
        key("codebuild:BuildArn", .arn),
        key("codebuild:ProjectArn", .arn),
        key("lambda:SourceFunctionArn", .arn),
        key("ssm:SourceInstanceArn", .arn),
        key("identitystore:UserId", .string),

        // Properties of the network.
        key("aws:SourceIp", .ipAddress),
        key("aws:SourceVpc", .string),
        key("aws:SourceVpcArn", .arn),
        key("aws:SourceVpce", .string),
        key("aws:VpceAccount", .string),
        key("aws:VpceOrgID", .string),
        key("aws:VpceOrgPaths", .string, multiValued: true),
        key("aws:VpcSourceIp", .ipAddress),

        // Properties of the resource.
        key("aws:ResourceAccount", .string),
        key("aws:ResourceOrgID", .string),
        key("aws:ResourceOrgPaths", .string, multiValued: true),
        key("aws:ResourceTag/${TagKey}", .string),

        // Properties of the request.
        key("aws:CalledVia", .string, multiValued: true),
        key("aws:CalledViaFirst", .string),
        key("aws:CalledViaLast", .string),
        key("aws:ViaAWSService", .bool),
        key("aws:CurrentTime", .date),
        key("aws:EpochTime", .date),
        key("aws:referer", .string),
        key("aws:RequestedRegion", .string),
        key("aws:RequestTag/${TagKey}", .string),
        key("aws:TagKeys", .string, multiValued: true),
        key("aws:SecureTransport", .bool),
        key("aws:SourceAccount", .string),
        key("aws:SourceArn", .arn),
        key("aws:SourceOrgID", .string),
        key("aws:SourceOrgPaths", .string, multiValued: true),
        // Older key that Amazon SNS still sets for requests from other services.
        key("aws:SourceOwner", .string),
        key("aws:UserAgent", .string),

        // Amazon Cognito identity pools pass the authentication methods as a list; the IAM
        // User Guide matches it with ForAnyValue:StringLike, although the Service
        // Authorization Reference types it String.
        key("cognito-identity.amazonaws.com:amr", .string, multiValued: true),
    ]

    /// Keys whose documented type admits both date and numeric operators.
    static let numericDateKeys: Set<String> = ["aws:epochtime"]

    private static func key(_ name: String, _ valueType: ConditionValueType, multiValued: Bool = false) -> ConditionKeyDefinition {
        ConditionKeyDefinition(name: name, type: ConditionKeyType(valueType, multiValued: multiValued))
    }
}
