import DeploymentFormats
import PolicyLanguage
import Testing

/// Templates whose resources depend on each other in a cycle, which CloudFormation rejects.
struct CloudFormationDependencyTests {
    static func errors(_ template: String) -> [String] {
        let result = Deployments.read(template, name: "t.yaml")
        return result.allDiagnostics.filter { $0.severity == .error }.map { "\($0.location?.description ?? "-") \($0.message)" }
    }

    @Test(arguments: [
        (
            "DependsOn",
            """
            Resources:
              A: {Type: AWS::S3::Bucket, DependsOn: B}
              B: {Type: AWS::S3::Bucket, DependsOn: [A]}
            """,
            "2:41 circular dependency between resources: A → B → A, which CloudFormation rejects"
        ),
        (
            "Ref in a policy",
            """
            Resources:
              Key: {Type: AWS::KMS::Key, Properties: {KeyPolicy: {Statement: [{Effect: Allow, Principal: {AWS: !GetAtt Role.Arn}, Action: kms:*, Resource: '*'}]}}}
              Role: {Type: AWS::IAM::Role, Properties: {Tags: [{Key: k, Value: !Ref Key}]}}
            """,
            "2:100 circular dependency between resources: Key → Role → Key, which CloudFormation rejects"
        ),
        (
            "Fn::Sub",
            """
            Resources:
              A: {Type: AWS::SNS::Topic, Properties: {DisplayName: !Sub '${B.TopicName}-a'}}
              B: {Type: AWS::SNS::Topic, Properties: {DisplayName: !Sub '${C}'}}
              C: {Type: AWS::SNS::Topic, Properties: {DisplayName: !If [Never, !Ref A, x]}}
            """,
            "2:56 circular dependency between resources: A → B → C → A, which CloudFormation rejects"
        ),
        (
            "itself",
            """
            Resources:
              Group: {Type: AWS::EC2::SecurityGroup, Properties: {GroupDescription: !Ref Group}}
            """,
            "2:73 circular dependency between resources: Group → Group, which CloudFormation rejects"
        ),
    ])
    func cycleIsAnError(kind: String, template: String, expected: String) {
        #expect(Self.errors(template).first == expected, "\(kind)")
    }

    /// Names that Fn::Sub takes from its own variables, `${!Literal}` text, parameters and
    /// SAM properties are no dependencies.
    @Test func noCycleWithoutDependency() {
        let template = """
            Parameters:
              B: {Type: String, Default: b}
            Resources:
              A: {Type: AWS::SNS::Topic, Properties: {DisplayName: !Sub ['${C}-${!A}-${B}', {C: x}]}}
              C: {Type: AWS::SNS::Topic, Properties: {DisplayName: !Ref A}}
              Function: {Type: AWS::Serverless::Function, Properties: {DeploymentPreference: {Alarms: [!Ref Alarm]}}}
              Alarm: {Type: AWS::CloudWatch::Alarm, Properties: {Dimensions: [{Name: FunctionName, Value: !Ref Function}]}}
            """
        #expect(Self.errors(template).isEmpty)
    }

    /// A cycle of 20,001 resources is searched without recursion and named in short.
    @Test func longCycleIsNamedInShort() {
        var template = "Resources:\n"
        for index in 0..<20_000 {
            template += "  R\(index): {Type: AWS::SNS::Topic, DependsOn: R\(index + 1)}\n"
        }
        template += "  R20000: {Type: AWS::SNS::Topic, DependsOn: R0}\n"
        #expect(Self.errors(template) == [
            "2:42 circular dependency between resources: R0 → R1 → R2 → R3 → R4 → R5 → R6 → R7 → … → R20000 → R0 (20001 resources), which CloudFormation rejects",
        ])
    }
}
