import CloudResources
import PolicyLanguage

/// The permissions that the AWS SAM transform adds to an `AWS::Serverless::Function`: one
/// for a function URL without authentication, and one per event source that invokes the
/// function through its resource policy.
enum ServerlessPermissions {
    /// Event types that invoke through an event source mapping and the function's role,
    /// which adds nothing to the function's policy.
    static let pollingEvents: Set<String> = ["SQS", "Kinesis", "DynamoDB", "MQ", "MSK", "SelfManagedKafka", "DocumentDB"]

    static func read(_ function: DeployedResource, settings: DeploymentSettings) -> (permissions: [LambdaPermission], unknowns: [String]) {
        var permissions: [LambdaPermission] = []
        var unknowns: [String] = []
        let partition = settings.partition
        let region = settings.region
        let account = settings.account

        if let url = function.properties["functionUrlConfig"] {
            switch url["authType"]?.stringValue {
            case "NONE"?:
                permissions.append(LambdaPermission(
                    statementID: "FunctionUrl", action: "lambda:InvokeFunctionUrl", principal: "*", functionURLAuthType: "NONE", location: url.location))
            case "AWS_IAM"?:
                break
            default:
                unknowns.append("the function URL authentication type of \(function.address) is not known")
            }
        }

        for event in function.properties["events"]?.objectMembers ?? [] {
            let type = event.value["type"]?.stringValue ?? ""
            let properties = event.value["properties"]
            func source(_ property: String) -> String? {
                properties?.member([property]).flatMap { PolicyExtraction.widened($0).stringValue }
            }
            if pollingEvents.contains(type) {
                continue
            }
            // The principal, source ARN and source account that SAM gives each event type.
            let grant: (principal: String, sourceARN: String?, sourceAccount: String?)
            switch type {
            case "Api", "HttpApi":
                grant = ("apigateway.amazonaws.com", "arn:\(partition):execute-api:\(region):\(account):*", nil)
            case "S3":
                grant = ("s3.amazonaws.com", "arn:\(partition):s3:::\(source("bucket") ?? "*")", account)
            case "SNS":
                grant = ("sns.amazonaws.com", source("topic") ?? "*", nil)
            case "Schedule", "CloudWatchEvent", "EventBridgeRule":
                grant = ("events.amazonaws.com", "arn:\(partition):events:\(region):\(account):rule/*", nil)
            case "CloudWatchLogs":
                grant = ("logs.amazonaws.com", "arn:\(partition):logs:\(region):\(account):log-group:*", nil)
            case "IoTRule":
                grant = ("iot.amazonaws.com", "arn:\(partition):iot:\(region):\(account):rule/*", account)
            case "Cognito":
                grant = ("cognito-idp.amazonaws.com", "arn:\(partition):cognito-idp:\(region):\(account):userpool/*", nil)
            case "AlexaSkill":
                grant = ("alexa-appkit.amazon.com", nil, nil)
            default:
                unknowns.append("the SAM event '\(event.key)' of \(function.address) has the type '\(type)', whose permissions are not modelled")
                continue
            }
            permissions.append(LambdaPermission(
                statementID: event.key, action: "lambda:InvokeFunction", principal: grant.principal, sourceARN: grant.sourceARN,
                sourceAccount: grant.sourceAccount, eventSourceToken: type == "AlexaSkill" ? source("skillId") : nil, location: event.value.location))
        }
        return (permissions, unknowns)
    }
}
