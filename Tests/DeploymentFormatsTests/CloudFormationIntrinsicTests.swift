import DeploymentFormats
import PolicyLanguage
import Testing

/// Intrinsic functions, evaluated in the property `Value` of a resource `Probe` of a type
/// that AccessGuard reads.
struct CloudFormationIntrinsicTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        /// The YAML of the `Value` property.
        let value: String
        /// The expected text, or nil when the value must be unknown.
        let expected: String?
        /// For unknown and partial values, the expected unknown reason.
        var reason: String?

        var testDescription: String { name }
    }

    static let header = #"""
        Parameters:
          Env: {Type: String, Default: dev}
          Tenant: {Type: String}
          Zones: {Type: CommaDelimitedList, Default: "a,b,c"}
          Secret: {Type: "AWS::SSM::Parameter::Value<String>", Default: /app/secret}
        Mappings:
          Accounts:
            dev: {Id: "111111111111"}
            prod: {Id: "222222222222"}
        Conditions:
          IsDev: !Equals [!Ref Env, dev]
          IsProd: !Not [!Condition IsDev]
        Resources:
          Jobs: {Type: AWS::SQS::Queue, Properties: {QueueName: jobs}}
          Bucket: {Type: AWS::S3::Bucket}
          Topic: {Type: AWS::SNS::Topic}
          Probe:
            Type: AWS::SNS::Topic
            Properties:
              Value:
        """#

    static let cases: [Case] = [
        Case(name: "Ref parameter default", value: "!Ref Env", expected: "dev"),
        Case(name: "Ref pseudo parameters", value: #"!Sub "${AWS::AccountId}/${AWS::Region}/${AWS::Partition}/${AWS::URLSuffix}/${AWS::StackName}""#, expected: "111122223333/eu-west-1/aws/amazonaws.com/stack"),
        Case(name: "Ref queue is its URL", value: "!Ref Jobs", expected: "https://sqs.eu-west-1.amazonaws.com/111122223333/jobs"),
        Case(name: "Ref topic is its ARN", value: "!Ref Topic", expected: "arn:aws:sns:eu-west-1:111122223333:stack-Topic"),
        Case(name: "Ref bucket is its generated name", value: "!Ref Bucket", expected: "stack-bucket"),
        Case(name: "GetAtt short form", value: "!GetAtt Jobs.Arn", expected: "arn:aws:sqs:eu-west-1:111122223333:jobs"),
        Case(name: "GetAtt long form", value: "{'Fn::GetAtt': [Bucket, DomainName]}", expected: "stack-bucket.s3.amazonaws.com"),
        Case(name: "GetAtt attribute assigned at deployment", value: "!GetAtt Jobs.RedrivePolicy", expected: nil, reason: "the RedrivePolicy attribute of Jobs, assigned at deployment"),
        Case(name: "Sub with variables and literal", value: #"!Sub ["${Name}-${!Literal}-${Env}", {Name: !Ref Env}]"#, expected: "dev-${Literal}-dev"),
        Case(name: "Sub with GetAtt", value: #"!Sub "${Bucket.Arn}/*""#, expected: "arn:aws:s3:::stack-bucket/*"),
        Case(name: "Join", value: #"!Join [":", [a, !Ref Env, c]]"#, expected: "a:dev:c"),
        Case(name: "Join of a list parameter", value: #"!Join ["+", !Ref Zones]"#, expected: "a+b+c"),
        Case(name: "Select", value: "!Select [1, !Ref Zones]", expected: "b"),
        Case(name: "Select from Split", value: #"!Select [2, !Split [":", "arn:aws:sqs:eu-west-1"]]"#, expected: "sqs"),
        Case(name: "FindInMap", value: "!FindInMap [Accounts, !Ref Env, Id]", expected: "111111111111"),
        Case(name: "If true branch", value: "!If [IsDev, yes-dev, no-dev]", expected: "yes-dev"),
        Case(name: "If through Not and Condition", value: "!If [IsProd, prod, other]", expected: "other"),
        Case(name: "ToJsonString", value: "{'Fn::ToJsonString': {a: [1, !Ref Env]}}", expected: #"{"a":[1,"dev"]}"#),
        Case(name: "Parameter without a value", value: "!Ref Tenant", expected: nil, reason: "the parameter Tenant, which has no default and no given value"),
        Case(name: "SSM parameter type", value: "!Ref Secret", expected: nil, reason: "read from the SSM parameter /app/secret at deployment"),
        Case(name: "ImportValue", value: "!ImportValue shared-topic", expected: nil, reason: "imported from the stack export 'shared-topic'"),
        Case(name: "Partial Sub keeps known parts", value: #"!Sub "arn:aws:iam::${Tenant}:root""#, expected: nil, reason: "the parameter Tenant, which has no default and no given value"),
        Case(name: "Dynamic reference", value: "'{{resolve:ssm:/app/name}}-x'", expected: nil, reason: "read from ssm at deployment"),
    ]

    static func probe(_ value: String, parameters: [String: String] = [:]) throws -> (DeployedValue?, [Diagnostic]) {
        let template = header + " " + value + "\n"
        let result = Deployments.read(template, name: "template.yaml", parameters: parameters)
        let deployment = try #require(result.deployments.first)
        let probe = try #require(deployment.resources.first { $0.address == "Probe" })
        return (probe.properties["Value"], result.allDiagnostics)
    }

    @Test(arguments: cases)
    func intrinsic(_ testCase: Case) throws {
        let (value, diagnostics) = try Self.probe(testCase.value)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        let evaluated = try #require(value)
        if let expected = testCase.expected {
            #expect(evaluated.stringValue == expected)
        } else {
            #expect(evaluated.stringValue == nil)
            #expect(evaluated.unknownReason == testCase.reason)
        }
    }

    @Test func partialStringKeepsKnownParts() throws {
        let (value, _) = try Self.probe(#"!Sub "arn:aws:iam::${Tenant}:root""#)
        guard case .partial(let parts)? = value?.kind else {
            Issue.record("expected a partial string, got \(String(describing: value?.kind))")
            return
        }
        #expect(parts.count == 3)
        guard case .text(let first) = parts[0], case .text(let last) = parts[2] else {
            Issue.record("expected known text around the unknown part")
            return
        }
        #expect(first == "arn:aws:iam::")
        #expect(last == ":root")
    }

    /// Each variable used to copy the rest of the text and the text joined so far: 100,000
    /// variables took 25 s in a release build.
    @Test func subOfManyVariables() throws {
        let count = 20_000
        let (value, diagnostics) = try Self.probe("!Sub \"" + String(repeating: "${AWS::Region}-${!Literal}/", count: count) + "\"")
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        #expect(value?.stringValue == String(repeating: "eu-west-1-${Literal}/", count: count))
    }

    @Test func givenParameterReplacesDefault() throws {
        let (value, _) = try Self.probe("!Ref Env", parameters: ["Env": "prod"])
        #expect(value?.stringValue == "prod")
        let (branch, _) = try Self.probe("!If [IsProd, prod, other]", parameters: ["Env": "prod"])
        #expect(branch?.stringValue == "prod")
    }

    /// `AWS::NoValue` removes the property or the list element that holds it.
    @Test func noValueRemovesPropertyAndElement() throws {
        let (list, _) = try Self.probe("[a, !Ref AWS::NoValue, !If [IsDev, !Ref AWS::NoValue, c]]")
        #expect(list?.arrayElements?.compactMap(\.stringValue) == ["a"])
        let (removed, _) = try Self.probe("!If [IsDev, !Ref AWS::NoValue, x]")
        #expect(removed == nil)
    }

    /// Every problem of a template is reported, each at its line and column.
    @Test func everyProblemIsLocated() throws {
        let template = #"""
            Resources:
              Queue: {Type: AWS::SQS::Queue}
              NoType: {Properties: {}}
              Policy:
                Type: AWS::SQS::QueuePolicy
                Condition: Missing
                Properties:
                  Queues: [!Ref Nothing]
                  PolicyDocument: !GetAtt Ghost.Arn
                  Other: {'Fn::Frobnicate': 1}
            """#
        let diagnostics = Deployments.read(template, name: "t.yaml").allDiagnostics.sortedForOutput()
        let rendered = diagnostics.map { "\($0.location?.description ?? "-") \($0.code) \($0.message)" }
        #expect(rendered == [
            "3:3 INVALID_DEPLOYMENT resource 'NoType' has no Type; expected a resource type such as AWS::S3::Bucket",
            "6:16 INVALID_DEPLOYMENT the condition 'Missing' is not defined in Conditions",
            "8:16 INVALID_DEPLOYMENT Ref names 'Nothing', which is neither a parameter, a resource nor a pseudo parameter of the template",
            "9:23 INVALID_DEPLOYMENT Fn::GetAtt names 'Ghost', which is not a resource of the template",
            "10:14 INVALID_DEPLOYMENT unknown intrinsic function 'Fn::Frobnicate'",
        ])
    }

    @Test func circularNamesDoNotLoop() throws {
        let template = #"""
            Resources:
              A: {Type: AWS::SQS::Queue, Properties: {QueueName: !GetAtt B.QueueName}}
              B: {Type: AWS::SQS::Queue, Properties: {QueueName: !GetAtt A.QueueName}}
            """#
        let result = Deployments.read(template, name: "t.yaml")
        #expect(result.deployments.first?.resources.count == 2)
        #expect(result.allDiagnostics.map(\.message) == [
            "circular dependency between resources: A → B → A, which CloudFormation rejects",
            "the name of resource 'B' depends on itself",
        ])
    }
}
