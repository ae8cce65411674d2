import DeploymentFormats
import PolicyLanguage
import Testing

struct DeploymentReaderTests {
    @Test(arguments: [
        (#"{"version": 3, "deployment": {"resources": []}}"#, DeploymentFormat.pulumiState),
        (#"{"version": 3, "checkpoint": {"latest": {}}}"#, .pulumiState),
        (#"{"steps": []}"#, .pulumiPreview),
        (#"{"resources": [{"urn": "urn:pulumi:a::b::aws:sqs/queue:Queue::q", "type": "aws:sqs/queue:Queue"}]}"#, .pulumiResources),
        (#"{"format_version": "1.2", "planned_values": {}}"#, .terraformPlan),
        (#"{"format_version": "1.0", "values": {}}"#, .terraformState),
        (#"{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {}}"#, .cloudFormation),
        (#"{"version": "36.0.0", "artifacts": {}}"#, .cdkAssembly),
    ])
    func detectsFormatFromShape(text: String, format: DeploymentFormat) throws {
        #expect(DeploymentReader.detect(try JSONParser.parse(text)) == format)
    }

    @Test func unknownFormatExplainsTheChoices() throws {
        let result = Deployments.read(#"{"Version": "2012-10-17", "Statement": []}"#)
        let diagnostic = try #require(result.allDiagnostics.first)
        #expect(diagnostic.code == "UNKNOWN_DEPLOYMENT_FORMAT")
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.help?.contains("--input-format") == true)
        #expect(result.deployments.isEmpty)
    }

    @Test func invalidJSONIsLocated() throws {
        let result = Deployments.read("{\n  \"steps\": [\n    {\"op\": }\n  ]\n}")
        let diagnostic = try #require(result.allDiagnostics.first)
        #expect(diagnostic.code == "DEPLOYMENT_SYNTAX_ERROR")
        #expect(diagnostic.location?.description == "3:12")
    }

    /// Another tool may take the last of two members with one name, so every repeat is an error.
    @Test(arguments: [
        ("{\"Resources\": {\"Q\": {\"Type\": \"AWS::SQS::Queue\",\n  \"Type\": \"AWS::S3::Bucket\"}}}", "Type", "2:3", "1:22"),
        (#"{"format_version": "1.0", "format_version": "1.1", "values": {}}"#, "format_version", "1:27", "1:2"),
        (#"{"version": 3, "deployment": {"resources": [{"urn": "a", "urn": "b"}]}}"#, "urn", "1:58", "1:46"),
    ])
    func duplicateJSONKeyIsAnError(text: String, key: String, location: String, first: String) throws {
        let result = Deployments.read(text)
        let diagnostic = try #require(result.allDiagnostics.first)
        #expect(diagnostic.code == "INVALID_DEPLOYMENT")
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.message == "duplicate key '\(key)' (first at \(first))")
        #expect(diagnostic.location?.description == location)
    }

    @Test func chosenFormatOverridesDetection() throws {
        let result = Deployments.read(#"{"resources": []}"#, format: .pulumiState)
        let diagnostic = try #require(result.allDiagnostics.first)
        #expect(diagnostic.message == "a Pulumi stack export needs deployment.resources, an array")
    }

    @Test func yamlThatIsNoTemplate() throws {
        let result = Deployments.read("name: ci\non: push\n", name: "workflow.yaml")
        #expect(result.allDiagnostics.map(\.code) == ["UNKNOWN_DEPLOYMENT_FORMAT"])
    }

    /// Unresolvable transforms are named, and the help says how to get the processed template.
    @Test func macroTransformIsReported() throws {
        let result = Deployments.read("Transform: [AWS::Serverless-2016-10-31, Company::Macro]\nResources: {}\n", name: "t.yaml")
        #expect(result.allDiagnostics.map(\.message) == ["the template uses the transform 'Company::Macro', which can add or change resources that are then not analyzed"])
    }

    @Test func accountFromCallerIdentityOrARNs() {
        let state = Deployments.terraformState([
            Deployments.terraformResource("aws_sqs_queue.a", #"{"arn": "arn:aws:sqs:eu-west-1:444455556666:a"}"#),
            Deployments.terraformResource("aws_sqs_queue.b", #"{"arn": "arn:aws:sqs:eu-west-1:444455556666:b"}"#),
            Deployments.terraformResource("aws_sqs_queue.c", #"{"arn": "arn:aws:sqs:eu-west-1:777788889999:c"}"#),
        ].joined(separator: ","))
        #expect(AccountInference.account(in: Deployments.read(state).deployments) == "444455556666")
        let withIdentity = Deployments.terraformState([
            Deployments.terraformResource("aws_sqs_queue.a", #"{"arn": "arn:aws:sqs:eu-west-1:444455556666:a"}"#),
            #"{"address": "data.aws_caller_identity.current", "mode": "data", "type": "aws_caller_identity", "name": "current", "values": {"account_id": "777788889999"}}"#,
        ].joined(separator: ","))
        #expect(AccountInference.account(in: Deployments.read(withIdentity).deployments) == "777788889999")
    }
}
