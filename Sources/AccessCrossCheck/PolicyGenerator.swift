import PolicyLanguage

/// Random policies and requests over small pools of values, so that statements, conditions
/// and requests interact often. The same seed gives the same policies.
///
/// `statement()`, `policyText(statements:)` and `policy()` draw from a fixed set of
/// statement parts; `generatedPolicy()` (in `PolicyGenerator+Fragment.swift`) covers the
/// whole fragment the engines decide, as a structure that `PolicyShrinker` can reduce.
public struct PolicyGenerator: Sendable {
    public var random: SeededRandom
    /// Whether statements may use policy variables, which the engines approximate or leave undecided.
    public var variables = false

    public init(random: SeededRandom, variables: Bool = false) {
        self.random = random
        self.variables = variables
    }

    static let principals = [
        #""Principal":"*""#,
        #""Principal":{"AWS":"*"}"#,
        #""Principal":{"AWS":"111122223333"}"#,
        #""Principal":{"AWS":"arn:aws:iam::444455556666:root"}"#,
        #""Principal":{"AWS":"arn:aws:iam::111122223333:role/app/Reader"}"#,
        #""Principal":{"AWS":"arn:aws:sts::111122223333:assumed-role/Reader/s1"}"#,
        #""Principal":{"AWS":["111122223333","arn:aws:iam::444455556666:user/bob"]}"#,
        #""Principal":{"Service":"sns.amazonaws.com"}"#,
        #""Principal":{"Federated":"cognito-identity.amazonaws.com"}"#,
        #""NotPrincipal":{"AWS":"111122223333"}"#,
        #""NotPrincipal":{"AWS":["111122223333","arn:aws:iam::111122223333:role/app/Reader","arn:aws:sts::111122223333:assumed-role/Reader/s1"]}"#,
    ]

    static let actions = [
        #""Action":"s3:GetObject""#,
        #""Action":"s3:Get*""#,
        #""Action":["s3:PutObject","s3:GetObject"]"#,
        #""Action":"s3:*""#,
        #""Action":"*""#,
        #""Action":"newsvc:Do*""#,
        #""NotAction":"s3:*""#,
        #""NotAction":["s3:GetObject","iam:*"]"#,
    ]

    static let resources = [
        #""Resource":"*""#,
        #""Resource":"arn:aws:s3:::b/*""#,
        #""Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"]"#,
        #""Resource":"arn:aws:s3:::c*""#,
        #""NotResource":"arn:aws:s3:::b/secret/*""#,
        "",
    ]

    static let conditions = [
        #""StringEquals":{"aws:SourceVpc":"vpc-1"}"#,
        #""StringEquals":{"aws:SourceVpc":["vpc-1","vpc-2"]}"#,
        #""StringNotEquals":{"aws:SourceVpc":"vpc-1"}"#,
        #""StringEqualsIfExists":{"aws:SourceVpc":"vpc-2"}"#,
        #""StringLike":{"s3:prefix":"a*"}"#,
        #""StringNotLike":{"s3:prefix":["a?","b*"]}"#,
        #""StringEqualsIgnoreCase":{"s3:prefix":"AB"}"#,
        #""IpAddress":{"aws:SourceIp":"10.0.0.0/8"}"#,
        #""NotIpAddress":{"aws:SourceIp":["10.1.0.0/16","2001:db8::/32"]}"#,
        #""Bool":{"aws:SecureTransport":"false"}"#,
        #""BoolIfExists":{"aws:SecureTransport":"true"}"#,
        #""Null":{"aws:SourceVpc":"true"}"#,
        #""Null":{"aws:SourceIp":"false"}"#,
        #""NumericLessThan":{"s3:max-keys":"10"}"#,
        #""NumericGreaterThanEquals":{"s3:max-keys":["10","100"]}"#,
        #""DateGreaterThan":{"aws:CurrentTime":"2024-06-01T00:00:00Z"}"#,
        #""ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}"#,
        #""ForAnyValue:StringEquals":{"aws:TagKeys":"b"}"#,
        #""ForAnyValue:StringNotLike":{"aws:TagKeys":"a*"}"#,
        #""StringEquals":{"aws:PrincipalAccount":"111122223333"}"#,
        #""StringNotEquals":{"aws:PrincipalAccount":"111122223333"}"#,
        #""ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/*"}"#,
        #""StringLike":{"aws:userid":"AROA*:s1"}"#,
        #""StringEquals":{"aws:PrincipalOrgID":"o-1"}"#,
        #""StringEquals":{"aws:SourceAccount":"111122223333"}"#,
        #""ArnLike":{"aws:SourceArn":"arn:aws:sns:*:444455556666:*"}"#,
        #""StringEquals":{"aws:PrincipalType":"Anonymous"}"#,
        #""Bool":{"aws:PrincipalIsAWSService":"true"}"#,
    ]

    static let variableResources = [
        #""Resource":"arn:aws:s3:::b/${aws:username}/*""#,
        #""NotResource":"arn:aws:s3:::b/${aws:username}/*""#,
    ]

    static let variableConditions = [
        #""StringLike":{"s3:prefix":"${aws:username}/*"}"#,
        #""StringEquals":{"aws:ResourceTag/owner":"${aws:username}"}"#,
        #""StringNotEquals":{"aws:ResourceTag/owner":"${aws:PrincipalTag/team}"}"#,
        #""StringEqualsIfExists":{"s3:prefix":"${aws:ResourceTag/owner, 'nobody'}"}"#,
    ]

    public mutating func statement() -> String {
        var parts = [random.pick([#""Effect":"Allow""#, #""Effect":"Allow""#, #""Effect":"Deny""#]), random.pick(Self.principals), random.pick(Self.actions)]
        let resource = random.pick(variables ? Self.resources + Self.variableResources : Self.resources)
        if !resource.isEmpty { parts.append(resource) }
        let count = Int.random(in: 0...3, using: &random)
        var chosen: [String] = []
        var operators: Set<String> = []
        for _ in 0..<count {
            let condition = random.pick(variables ? Self.conditions + Self.variableConditions : Self.conditions)
            let name = String(condition.split(separator: ":", maxSplits: 1)[0])
            if operators.insert(name).inserted { chosen.append(condition) }
        }
        if !chosen.isEmpty {
            parts.append(#""Condition":{"# + chosen.joined(separator: ",") + "}")
        }
        return "{" + parts.joined(separator: ",") + "}"
    }

    public mutating func policyText(statements count: Int) -> String {
        #"{"Version":"2012-10-17","Statement":["# + (0..<count).map { _ in statement() }.joined(separator: ",") + "]}"
    }

    public mutating func policy() -> PolicyDocument? {
        PolicyReader.read(text: policyText(statements: Int.random(in: 1...4, using: &random))).document
    }

    // MARK: - Requests

    public static let requestPrincipals: [RequestPrincipal] = [
        RequestPrincipal(.anonymous),
        RequestPrincipal(.accountRoot(account: "111122223333")),
        RequestPrincipal(.roleSession(roleARN: "arn:aws:iam::111122223333:role/app/Reader", sessionName: "s1"), uniqueID: "AROAREADER"),
        RequestPrincipal(.roleSession(roleARN: "arn:aws:iam::444455556666:role/Other", sessionName: "x"), uniqueID: "AROAOTHER", organizationID: "o-1"),
        RequestPrincipal(.iamUser(arn: "arn:aws:iam::444455556666:user/bob"), uniqueID: "AIDABOB"),
        RequestPrincipal(.iamUser(arn: "arn:aws:iam::111122223333:user/nobody"), uniqueID: "AIDANOBODY", tags: ["team": "nobody"]),
        RequestPrincipal(.service(name: "sns.amazonaws.com")),
        RequestPrincipal(.federatedProvider(name: "cognito-identity.amazonaws.com")),
    ]

    public mutating func request() -> Request {
        let principal = random.pick(Self.requestPrincipals)
        var context = RequestContext()
        if case .service = principal.identity, Bool.random(using: &random) {
            let account = random.pick(["111122223333", "444455556666"])
            context.set("aws:SourceAccount", account)
            context.set("aws:SourceArn", "arn:aws:sns:us-east-1:\(account):topic")
        }
        let options: [(String, [String?])] = [
            ("aws:SourceVpc", ["vpc-1", "vpc-2", nil]),
            ("s3:prefix", ["a1", "ab", "AB", "b", "bob/x", "nobody", nil]),
            ("aws:ResourceTag/owner", ["bob", "nobody", nil]),
            ("aws:SourceIp", ["10.1.2.3", "10.2.0.1", "203.0.113.9", "2001:db8::1", nil]),
            ("aws:SecureTransport", ["true", "false", nil]),
            ("s3:max-keys", ["5", "10", "500", nil]),
            ("aws:CurrentTime", ["2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z", nil]),
        ]
        for (key, values) in options {
            if let value = random.pick(values) {
                context.set(key, value)
            }
        }
        let tagSets: [[String]?] = [nil, ["a"], ["a", "b"], ["c"]]
        if let tags = random.pick(tagSets) {
            context.set("aws:TagKeys", values: tags)
        }
        let action = random.pick(["s3:GetObject", "s3:PutObject", "iam:PassRole", "newsvc:DoThing"])
        let resource = random.pick(["arn:aws:s3:::b/k", "arn:aws:s3:::b", "arn:aws:s3:::b/secret/k", "arn:aws:s3:::cx/k", "arn:aws:s3:::b/bob/k"])
        return Request(principal: principal, action: action, resource: resource, context: context)
    }
}
