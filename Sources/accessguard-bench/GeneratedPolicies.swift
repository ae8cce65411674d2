import PolicyLanguage

/// Policies of a given size made from fixed pools of principals, actions, resources and
/// conditions, with a deterministic choice sequence so that runs are comparable.
struct GeneratedPolicies {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    private mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }

    static let principals = [
        #""Principal":"*""#, #""Principal":{"AWS":"111122223333"}"#, #""Principal":{"AWS":"arn:aws:iam::444455556666:role/app/Reader"}"#,
        #""Principal":{"Service":"sns.amazonaws.com"}"#, #""Principal":{"AWS":["111122223333","444455556666"]}"#,
    ]
    static let actions = [
        #""Action":"s3:GetObject""#, #""Action":"s3:Get*""#, #""Action":["s3:PutObject","s3:DeleteObject"]"#,
        #""Action":"sqs:SendMessage""#, #""Action":"kms:*""#,
    ]
    static let resources = [
        #""Resource":"arn:aws:s3:::bucket/*""#, #""Resource":["arn:aws:s3:::bucket","arn:aws:s3:::bucket/*"]"#,
        #""Resource":"arn:aws:sqs:us-east-1:111122223333:queue""#, #""Resource":"*""#,
    ]
    static let conditions = [
        #""StringEquals":{"aws:SourceVpc":"vpc-1"}"#, #""StringNotEquals":{"aws:SourceVpce":"vpce-1"}"#,
        #""StringLike":{"s3:prefix":"home/*"}"#, #""IpAddress":{"aws:SourceIp":"203.0.113.0/24"}"#,
        #""NotIpAddress":{"aws:SourceIp":"198.51.100.0/24"}"#, #""Bool":{"aws:SecureTransport":"true"}"#,
        #""NumericLessThan":{"s3:max-keys":"100"}"#, #""DateGreaterThan":{"aws:CurrentTime":"2024-01-01T00:00:00Z"}"#,
        #""ForAllValues:StringEquals":{"aws:TagKeys":["env","team"]}"#, #""StringEquals":{"aws:PrincipalOrgID":"o-example"}"#,
        #""ArnLike":{"aws:SourceArn":"arn:aws:sns:*:111122223333:*"}"#, #""StringEqualsIfExists":{"aws:SourceAccount":"111122223333"}"#,
    ]

    /// Returns a policy of `statements` statements with up to `conditions` conditions each; with
    /// `denies`, every fifth statement is a Deny.
    mutating func policy(statements: Int, conditions: Int, denies: Bool = true) -> PolicyDocument? {
        var texts: [String] = []
        for index in 0..<statements {
            var parts = [denies && index % 5 == 4 ? #""Effect":"Deny""# : #""Effect":"Allow""#]
            parts.append(Self.principals[next(Self.principals.count)])
            parts.append(Self.actions[next(Self.actions.count)])
            parts.append(Self.resources[next(Self.resources.count)])
            var chosen: [String] = []
            var operators: Set<String> = []
            for _ in 0..<min(conditions, Self.conditions.count) {
                let condition = Self.conditions[next(Self.conditions.count)]
                if operators.insert(String(condition.split(separator: ":")[0])).inserted {
                    chosen.append(condition)
                }
            }
            if !chosen.isEmpty {
                parts.append(#""Condition":{"# + chosen.joined(separator: ",") + "}")
            }
            texts.append("{" + parts.joined(separator: ",") + "}")
        }
        return PolicyReader.read(text: #"{"Version":"2012-10-17","Statement":["# + texts.joined(separator: ",") + "]}").document
    }
}
