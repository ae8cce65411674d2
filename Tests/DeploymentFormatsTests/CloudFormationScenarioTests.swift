import DeploymentFormats
import PolicyLanguage
import Testing

/// Conditions that compare values not known offline: each combination of their values is a
/// scenario, so that every policy the template can create is analyzed.
struct CloudFormationScenarioTests {
    static let template = #"""
        Parameters:
          Env: {Type: String}
        Conditions:
          IsProd: !Equals [!Ref Env, prod]
        Resources:
          Queue: {Type: AWS::SQS::Queue, Properties: {QueueName: jobs}}
          ProdPolicy:
            Type: AWS::SQS::QueuePolicy
            Condition: IsProd
            Properties:
              Queues: [!Ref Queue]
              PolicyDocument:
                Statement:
                  - Sid: !If [IsProd, Prod, Other]
                    Effect: Allow
                    Principal: {AWS: "444455556666"}
                    Action: sqs:SendMessage
                    Resource: "*"
        """#

    @Test func undecidedConditionGivesTwoScenarios() throws {
        let result = Deployments.read(Self.template, name: "t.yaml")
        #expect(result.allDiagnostics.isEmpty)
        #expect(result.deployments.map(\.scenario) == ["Env != 'prod'", "Env = 'prod'"])
        #expect(result.deployments.map { $0.resources.map(\.address) } == [["Queue"], ["Queue", "ProdPolicy"]])
        let linked = Linker.link(result.deployments, settings: Deployments.settings, catalog: Deployments.catalog)
        #expect(linked.resources.map(\.scenario) == ["Env != 'prod'", "Env = 'prod'"])
        #expect(linked.resources.map { $0.sids() } == [[], ["Prod"]])
    }

    @Test func givenParameterDecides() throws {
        let result = Deployments.read(Self.template, name: "t.yaml", parameters: ["Env": "dev"])
        #expect(result.deployments.count == 1)
        #expect(result.deployments.first?.scenario == nil)
        #expect(result.deployments.first?.resources.map(\.address) == ["Queue"])
    }

    /// Past the limit, the remaining comparisons stay undecided and what depends on them is
    /// unknown, with a warning that says so.
    @Test func comparisonsBeyondTheLimit() throws {
        var text = "Parameters:\n"
        for index in 0..<8 { text += "  P\(index): {Type: String}\n" }
        text += "Conditions:\n"
        for index in 0..<8 { text += "  C\(index): !Equals [!Ref P\(index), x]\n" }
        text += "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      Tags:\n"
        for index in 0..<8 { text += "        - {Key: k\(index), Value: !If [C\(index), a, b]}\n" }
        let result = Deployments.read(text, name: "t.yaml")
        #expect(result.deployments.count == 64)
        let warning = try #require(result.allDiagnostics.first)
        #expect(warning.code == "UNRESOLVED_VALUE")
        #expect(warning.message.hasPrefix("8 conditions compare values that are not known; the first 6 are analyzed in every combination"))
        let tags = result.deployments[0].resources[0].properties["Tags"]?.arrayElements ?? []
        #expect(tags.last?["Value"]?.unknownReason?.hasPrefix("chosen by the condition C7") == true)
    }
}
