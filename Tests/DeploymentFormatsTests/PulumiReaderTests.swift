import DeploymentFormats
import PolicyLanguage
import Testing

struct PulumiReaderTests {
    @Test func stateSentinelsAndSecretsAreUnknown() throws {
        let state = #"""
            {"version": 4, "deployment": {"resources": [
              {"urn": "urn:pulumi:dev::app::pulumi:pulumi:Stack::app-dev", "type": "pulumi:pulumi:Stack"},
              {"urn": "urn:pulumi:dev::app::aws:sqs/queue:Queue::jobs", "type": "aws:sqs/queue:Queue", "id": "https://sqs/jobs",
               "inputs": {"name": "jobs", "__defaults": []},
               "outputs": {"name": "jobs", "policy": {"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", "ciphertext": "x"},
                           "tags": "04da6b54-80e4-46f7-96ec-b56ff0331ba9", "__meta": "{}"}}]}}
            """#
        let result = Deployments.read(state)
        #expect(result.allDiagnostics.isEmpty)
        let deployment = try #require(result.deployments.first)
        #expect(deployment.format == .pulumiState)
        #expect(deployment.resources.count == 1, "the stack resource is not a cloud resource")
        let queue = try #require(deployment.resources.first)
        #expect(queue.properties["policy"]?.unknownReason == "a secret")
        #expect(queue.properties["tags"]?.unknownReason == "computed during the deployment")
        #expect(queue.properties["id"]?.stringValue == "https://sqs/jobs")
        #expect(queue.properties["__meta"] == nil)
        #expect(queue.configures("name"))
        #expect(!queue.configures("policy"))
    }

    @Test func checkpointFileOfABackend() throws {
        let checkpoint = #"{"version": 3, "checkpoint": {"stack": "dev", "latest": {"resources": [{"urn": "urn:pulumi:dev::app::aws:sns/topic:Topic::t", "type": "aws:sns/topic:Topic", "outputs": {"name": "t"}}]}}}"#
        let deployment = try #require(Deployments.read(checkpoint).deployments.first)
        #expect(deployment.resources.map(\.type) == ["aws:sns/topic:Topic"])
    }

    @Test func unsupportedVersionIsReported() throws {
        let result = Deployments.read(#"{"version": 9, "deployment": {"resources": []}}"#)
        let diagnostic = try #require(result.allDiagnostics.first)
        #expect(diagnostic.code == "UNSUPPORTED_FORMAT_VERSION")
        #expect(diagnostic.message == "Pulumi deployment version 9 is not supported; expected 3 or 4")
        #expect(diagnostic.location?.description == "1:13")
    }

    /// A preview keeps the old states as the baseline, drops deleted resources, and says when
    /// unchanged resources are missing.
    @Test func previewWithoutSames() throws {
        let preview = #"""
            {"steps": [
              {"op": "create", "urn": "urn:pulumi:dev::app::aws:sqs/queue:Queue::new", "newState": {"type": "aws:sqs/queue:Queue", "urn": "urn:pulumi:dev::app::aws:sqs/queue:Queue::new", "inputs": {"name": "new"}}},
              {"op": "update", "urn": "urn:pulumi:dev::app::aws:sqs/queue:Queue::jobs",
               "oldState": {"type": "aws:sqs/queue:Queue", "urn": "urn:pulumi:dev::app::aws:sqs/queue:Queue::jobs", "outputs": {"name": "jobs", "policy": ""}},
               "newState": {"type": "aws:sqs/queue:Queue", "urn": "urn:pulumi:dev::app::aws:sqs/queue:Queue::jobs", "inputs": {"name": "jobs", "policy": "{}"}}},
              {"op": "delete", "urn": "urn:pulumi:dev::app::aws:sqs/queue:Queue::old",
               "oldState": {"type": "aws:sqs/queue:Queue", "urn": "urn:pulumi:dev::app::aws:sqs/queue:Queue::old", "outputs": {"name": "old"}}}]}
            """#
        let result = Deployments.read(preview)
        let deployment = try #require(result.deployments.first)
        #expect(deployment.format == .pulumiPreview)
        #expect(deployment.resources.map(\.address) == ["urn:pulumi:dev::app::aws:sqs/queue:Queue::new", "urn:pulumi:dev::app::aws:sqs/queue:Queue::jobs"])
        #expect(deployment.baseline?.map(\.address) == ["urn:pulumi:dev::app::aws:sqs/queue:Queue::jobs", "urn:pulumi:dev::app::aws:sqs/queue:Queue::old"])
        #expect(result.allDiagnostics.map(\.code) == ["PREVIEW_WITHOUT_SAMES"])
        #expect(result.allDiagnostics.first?.help == "run 'pulumi preview --json --show-sames' to include every resource")
    }

    /// The resources a policy pack receives, with property dependencies as references.
    @Test func analyzeStackResources() throws {
        let resources = #"""
            {"resources": [
              {"type": "aws:s3/bucketPolicy:BucketPolicy", "urn": "urn:pulumi:dev::app::aws:s3/bucketPolicy:BucketPolicy::p", "name": "p",
               "properties": {"bucket": "04da6b54-80e4-46f7-96ec-b56ff0331ba9", "policy": "[secret]"},
               "dependencies": ["urn:pulumi:dev::app::aws:s3/bucketV2:BucketV2::b"],
               "propertyDependencies": {"bucket": ["urn:pulumi:dev::app::aws:s3/bucketV2:BucketV2::b"]}}]}
            """#
        let deployment = try #require(Deployments.read(resources).deployments.first)
        #expect(deployment.format == .pulumiResources)
        let policy = try #require(deployment.resources.first)
        #expect(policy.referencedAddresses("bucket") == ["urn:pulumi:dev::app::aws:s3/bucketV2:BucketV2::b"])
        #expect(policy.properties["policy"]?.unknownReason == "a secret")
    }

    @Test func engineEventLog() throws {
        let log = """
            {"sequence":1,"timestamp":1,"preludeEvent":{"config":{}}}
            {"sequence":2,"timestamp":1,"resourcePreEvent":{"metadata":{"op":"create","urn":"urn:pulumi:dev::app::aws:iam/role:Role::r","type":"aws:iam/role:Role","new":{"type":"aws:iam/role:Role","urn":"urn:pulumi:dev::app::aws:iam/role:Role::r","inputs":{"name":"r"},"outputs":{}}}}}
            {"sequence":3,"timestamp":1,"resOutputsEvent":{"metadata":{"op":"create","urn":"urn:pulumi:dev::app::aws:iam/role:Role::r","type":"aws:iam/role:Role","new":{"type":"aws:iam/role:Role","urn":"urn:pulumi:dev::app::aws:iam/role:Role::r","inputs":{"name":"r"},"outputs":{"name":"r","arn":"arn:aws:iam::111122223333:role/r"}}}}}
            """
        let deployment = try #require(Deployments.read(log).deployments.first)
        #expect(deployment.format == .pulumiEventLog)
        #expect(deployment.resources.count == 1)
        #expect(deployment.resources.first?.properties["arn"]?.stringValue == "arn:aws:iam::111122223333:role/r")
    }
}
