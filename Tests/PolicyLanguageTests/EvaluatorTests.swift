import Testing

@testable import PolicyLanguage

func document(_ text: String) throws -> PolicyDocument {
    let read = PolicyReader.read(text: text)
    #expect(!read.diagnostics.containsErrors, "policy has errors: \(renderedDiagnostics(read.diagnostics))")
    return try #require(read.document)
}

func decision(
    _ policies: [PolicyDocument],
    principal: RequestPrincipal = Principals.alice,
    action: String = "s3:GetObject",
    resource: String = "arn:aws:s3:::bucket/key",
    context: [String: String] = [:]
) throws -> EvaluationResult.Decision {
    var requestContext = RequestContext()
    for (key, value) in context {
        requestContext.set(key, value)
    }
    let request = Request(principal: principal, action: action, resource: resource, context: requestContext)
    return try PolicyEvaluator.evaluate(request, policies: policies).decision
}

struct EvaluatorTests {
    @Test func explicitDenyWinsOverAllowInAnyOrder() throws {
        let allowFirst = try document(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"},{"Effect":"Deny","Action":"s3:GetObject","Resource":"*"}]}"#)
        let denyFirst = try document(#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:GetObject","Resource":"*"},{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#)
        #expect(try decision([allowFirst]) == .explicitDeny)
        #expect(try decision([denyFirst]) == .explicitDeny)
        #expect(try decision([allowFirst], action: "s3:PutObject") == .allowed)
    }

    @Test func nothingMatchingIsImplicitDeny() throws {
        let policy = try document(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:PutObject","Resource":"*"}}"#)
        #expect(try decision([policy]) == .implicitDeny)
        let denyOnly = try document(#"{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"s3:PutObject","Resource":"*"}}"#)
        #expect(try decision([denyOnly]) == .implicitDeny)
    }

    @Test func denyInOnePolicyOverridesAllowInAnother() throws {
        let allow = try document(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#)
        let deny = try document(#"{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"s3:Get*","Resource":"arn:aws:s3:::bucket/*"}}"#)
        #expect(try decision([allow, deny]) == .explicitDeny)
        #expect(try decision([allow, deny], resource: "arn:aws:s3:::other/key") == .allowed)
    }

    @Test func reportsDecidingStatementsWithLocations() throws {
        let text = """
            {"Version": "2012-10-17", "Statement": [
              {"Sid": "A", "Effect": "Allow", "Action": "s3:*", "Resource": "*"},
              {"Sid": "B", "Effect": "Allow", "Action": "s3:Get*", "Resource": "*"},
              {"Sid": "C", "Effect": "Allow", "Action": "s3:Put*", "Resource": "*"}
            ]}
            """
        let policy = try document(text)
        let request = Request(principal: Principals.alice, action: "s3:GetObject", resource: "arn:aws:s3:::b/k")
        let result = try PolicyEvaluator.evaluate(request, policies: [policy])
        #expect(result.decision == .allowed)
        #expect(result.decidingStatements.map(\.sid) == ["A", "B"])
        #expect(result.decidingStatements.map { $0.location?.description } == ["2:3", "3:3"])
        #expect(result.statements.map(\.mismatch) == [nil, nil, .action])
    }

    @Test func explainsTheFailingCondition() throws {
        let policy = try document(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"},"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}}"#)
        let request = Request(principal: Principals.alice, action: "s3:GetObject", resource: "arn:aws:s3:::b/k")
        let result = try PolicyEvaluator.evaluate(request, policies: [policy])
        guard case .condition(let operatorName, let key, _) = result.statements[0].mismatch else {
            Issue.record("expected a condition mismatch, found \(String(describing: result.statements[0].mismatch))")
            return
        }
        #expect(operatorName == "Bool")
        #expect(key == "aws:SecureTransport")
    }

    /// Rows: action pattern, request action, expected match.
    static let actionCases: [(String, String, Bool)] = [
        ("s3:GetObject", "s3:GetObject", true),
        ("s3:getobject", "S3:GETOBJECT", true),
        ("s3:Get*", "s3:GetObjectAcl", true),
        ("s3:Get*", "s3:PutObject", false),
        ("s3:*Object*", "s3:DeleteObjectVersion", true),
        ("s3:Get?bject", "s3:GetObject", true),
        ("*", "iam:PassRole", true),
        ("s3:*", "s3express:CreateSession", false),
    ]

    @Test(arguments: actionCases)
    func actionPatternsMatchIgnoringCase(pattern: String, action: String, expected: Bool) throws {
        let policy = try document(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"\#(pattern)","Resource":"*"}}"#)
        #expect(try (decision([policy], action: action) == .allowed) == expected)
    }

    @Test func notActionGrantsEverythingElse() throws {
        let policy = try document(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","NotAction":"s3:DeleteObject","Resource":"*"}}"#)
        #expect(try decision([policy], principal: Principals.anonymous) == .allowed)
        #expect(try decision([policy], action: "s3:DeleteObject") == .implicitDeny)
        #expect(try decision([policy], action: "iam:CreateUser") == .allowed)
    }

    @Test func notResourceGrantsEverythingElse() throws {
        let policy = try document(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","NotResource":"arn:aws:s3:::secret/*"}}"#)
        #expect(try decision([policy], resource: "arn:aws:s3:::secret/k") == .implicitDeny)
        #expect(try decision([policy], resource: "arn:aws:s3:::public/k") == .allowed)
    }

    /// Rows: resource pattern, request resource, expected match.
    static let resourceCases: [(String, String, Bool)] = [
        ("*", "arn:aws:s3:::bucket/key", true),
        ("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b/c", true),
        ("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket", false),
        ("arn:aws:s3:::bucket", "arn:aws:s3:::bucket", true),
        ("arn:aws:s3:::Bucket", "arn:aws:s3:::bucket", false),
        ("arn:aws:s3:::bucket*", "arn:aws:s3:::bucket-logs/x", true),
        ("arn:aws:iam::*:role/*", "arn:aws:iam::111122223333:role/a/b", true),
        ("arn:aws:iam::1111*:role/*", "arn:aws:iam::111122223333:role/r", true),
        ("arn:aws:iam::*:role/x", "arn:aws:iam::111122223333:role/y", false),
        ("arn:aws:*:*:*:*", "arn:aws:sqs:us-east-1:111122223333:q", true),
        ("arn:aws:ec2:*", "arn:aws:ec2:us-east-1:111122223333:instance/i-1", true),
        ("arn:aws:ec2", "arn:aws:ec2:us-east-1:111122223333:instance/i-1", false),
        ("arn:aws:ec2:us-*:*", "arn:aws:ec2:us-east-1:111122223333:instance/i-1", true),
        ("arn:aws:ec2:eu-*:*", "arn:aws:ec2:us-east-1:111122223333:instance/i-1", false),
        ("arn:aws:lambda:*:*:function:f*", "arn:aws:lambda:us-east-1:111122223333:function:fn:prod", true),
        ("arn:aws:sqs:us-?ast-1:*:q", "arn:aws:sqs:us-east-1:111122223333:q", true),
        ("arn:aws:sqs:us-east-1*:111122223333:q", "arn:aws:sqs:us-east-1:111122223333:q", true),
        ("arn:aws:s*:::bucket", "arn:aws:s3:::bucket", true),
        ("arn:aws:s3:::bucket/key", "bucket/key", false),
    ]

    @Test(arguments: resourceCases)
    func resourcePatternsMatchPerARNSegment(pattern: String, resource: String, expected: Bool) throws {
        let policy = try document(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"\#(pattern)"}}"#)
        #expect(try (decision([policy], resource: resource) == .allowed) == expected)
    }

    @Test func rejectsIncompletePolicies() throws {
        let read = PolicyReader.read(text: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"*","Condition":{"StringEqualz":{"a:b":"c"}}}]}"#)
        let policy = try #require(read.document)
        let request = Request(principal: Principals.alice, action: "s3:GetObject", resource: "arn:aws:s3:::b/k")
        #expect(throws: PolicyEvaluationError.self) {
            try PolicyEvaluator.evaluate(request, policies: [policy])
        }
    }
}
