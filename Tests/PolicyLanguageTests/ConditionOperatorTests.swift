import Testing

@testable import PolicyLanguage

/// A request value for a condition key in a table row.
enum KeyValue: Sendable, CustomStringConvertible {
    case absent
    case single(String)
    case multiple([String])

    var description: String {
        switch self {
        case .absent: return "absent"
        case .single(let value): return value.debugDescription
        case .multiple(let values): return values.description
        }
    }
}

/// One row: operator, key, policy values (as JSON), request value, expected result.
struct OperatorCase: Sendable, CustomTestStringConvertible {
    let operatorName: String
    let key: String
    let policyValues: String
    let request: KeyValue
    let expected: Bool
    let line: Int

    init(_ operatorName: String, _ key: String, _ policyValues: String, _ request: KeyValue, _ expected: Bool, line: Int = #line) {
        self.operatorName = operatorName
        self.key = key
        self.policyValues = policyValues
        self.request = request
        self.expected = expected
        self.line = line
    }

    var testDescription: String { "line \(line): \(operatorName) \(key) \(policyValues) vs \(request)" }
}

/// Evaluates an Allow statement with one condition clause against a request that carries `value` for `key`.
func conditionHolds(_ operatorName: String, _ key: String, _ policyValues: String, _ value: KeyValue, version: String = "2012-10-17", extraContext: [String: String] = [:]) throws -> Bool {
    let text = """
        {"Version": "\(version)", "Statement": {"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*",
         "Condition": {"\(operatorName)": {"\(key)": \(policyValues)}}}}
        """
    let read = PolicyReader.read(text: text)
    let document = try #require(read.document, "policy did not read: \(renderedDiagnostics(read.diagnostics))")
    var context = RequestContext()
    switch value {
    case .absent: break
    case .single(let text): context.set(key, text)
    case .multiple(let values): context.set(key, values: values)
    }
    for (extraKey, extraValue) in extraContext {
        context.set(extraKey, extraValue)
    }
    let request = Request(principal: RequestPrincipal(.anonymous), action: "s3:GetObject", resource: "arn:aws:s3:::b/k", context: context)
    return try PolicyEvaluator.evaluate(request, policies: [document]).decision == .allowed
}

struct ConditionOperatorTests {
    static let stringCases: [OperatorCase] = [
        OperatorCase("StringEquals", "aws:SourceVpc", #""vpc-1""#, .single("vpc-1"), true),
        OperatorCase("StringEquals", "aws:SourceVpc", #""vpc-1""#, .single("VPC-1"), false),
        OperatorCase("StringEquals", "aws:SourceVpc", #"["vpc-1", "vpc-2"]"#, .single("vpc-2"), true),
        OperatorCase("StringEquals", "aws:SourceVpc", #""vpc-*""#, .single("vpc-1"), false),
        OperatorCase("StringEquals", "aws:SourceVpc", #""vpc-*""#, .single("vpc-*"), true),
        OperatorCase("StringEquals", "aws:SourceVpc", #""vpc-1""#, .absent, false),
        OperatorCase("StringEquals", "s3:prefix", #""\u00e9""#, .single("e\u{301}"), false),
        OperatorCase("StringEquals", "aws:MultiFactorAuthAge", "3600", .single("3600"), true),
        OperatorCase("StringNotEquals", "aws:SourceVpc", #""vpc-1""#, .single("vpc-1"), false),
        OperatorCase("StringNotEquals", "aws:SourceVpc", #""vpc-1""#, .single("vpc-2"), true),
        OperatorCase("StringNotEquals", "aws:SourceVpc", #"["vpc-1", "vpc-2"]"#, .single("vpc-2"), false),
        OperatorCase("StringNotEquals", "aws:SourceVpc", #""vpc-1""#, .absent, true),
        OperatorCase("StringEqualsIgnoreCase", "aws:SourceVpc", #""VPC-1""#, .single("vpc-1"), true),
        OperatorCase("StringEqualsIgnoreCase", "aws:SourceVpc", #""VPC-1""#, .absent, false),
        OperatorCase("StringNotEqualsIgnoreCase", "aws:SourceVpc", #""VPC-1""#, .single("vpc-1"), false),
        OperatorCase("StringNotEqualsIgnoreCase", "aws:SourceVpc", #""VPC-1""#, .single("vpc-2"), true),
        OperatorCase("StringNotEqualsIgnoreCase", "aws:SourceVpc", #""VPC-1""#, .absent, true),
        OperatorCase("StringLike", "s3:prefix", #""home/*""#, .single("home/alice/file"), true),
        OperatorCase("StringLike", "s3:prefix", #""home/?""#, .single("home/ab"), false),
        OperatorCase("StringLike", "s3:prefix", #""Home/*""#, .single("home/a"), false),
        OperatorCase("StringLike", "s3:prefix", #""home/*""#, .absent, false),
        OperatorCase("StringNotLike", "s3:prefix", #""home/*""#, .single("home/a"), false),
        OperatorCase("StringNotLike", "s3:prefix", #""home/*""#, .single("tmp/a"), true),
        OperatorCase("StringNotLike", "s3:prefix", #""home/*""#, .absent, true),
    ]

    static let numericCases: [OperatorCase] = [
        OperatorCase("NumericEquals", "s3:max-keys", #""10""#, .single("10"), true),
        OperatorCase("NumericEquals", "s3:max-keys", "10", .single("10.0"), true),
        OperatorCase("NumericEquals", "s3:max-keys", #""10""#, .single("11"), false),
        OperatorCase("NumericEquals", "s3:max-keys", #""10""#, .single("ten"), false),
        OperatorCase("NumericEquals", "s3:max-keys", #""10""#, .absent, false),
        OperatorCase("NumericNotEquals", "s3:max-keys", #""10""#, .single("10"), false),
        OperatorCase("NumericNotEquals", "s3:max-keys", #""10""#, .single("9"), true),
        OperatorCase("NumericNotEquals", "s3:max-keys", #""10""#, .absent, true),
        OperatorCase("NumericLessThan", "s3:max-keys", #""10""#, .single("9.99"), true),
        OperatorCase("NumericLessThan", "s3:max-keys", #""10""#, .single("10"), false),
        OperatorCase("NumericLessThan", "s3:max-keys", #""-1""#, .single("-2"), true),
        OperatorCase("NumericLessThanEquals", "s3:max-keys", #""10""#, .single("10"), true),
        OperatorCase("NumericLessThanEquals", "s3:max-keys", #""10""#, .single("10.5"), false),
        OperatorCase("NumericGreaterThan", "aws:MultiFactorAuthAge", #""3600""#, .single("3601"), true),
        OperatorCase("NumericGreaterThan", "aws:MultiFactorAuthAge", #""3600""#, .single("3600"), false),
        OperatorCase("NumericGreaterThan", "aws:MultiFactorAuthAge", #""3600""#, .absent, false),
        OperatorCase("NumericGreaterThanEquals", "aws:MultiFactorAuthAge", #""3600""#, .single("3600"), true),
        OperatorCase("NumericGreaterThanEquals", "aws:MultiFactorAuthAge", #""99999999999999999999""#, .single("99999999999999999998"), false),
    ]

    static let dateCases: [OperatorCase] = [
        OperatorCase("DateEquals", "aws:CurrentTime", #""2024-01-01T00:00:00Z""#, .single("2024-01-01T00:00:00Z"), true),
        OperatorCase("DateEquals", "aws:CurrentTime", #""2024-01-01T01:00:00+01:00""#, .single("2024-01-01T00:00:00Z"), true),
        OperatorCase("DateEquals", "aws:CurrentTime", #""2024-01-01""#, .single("2024-01-01T00:00:00Z"), true),
        OperatorCase("DateEquals", "aws:CurrentTime", #""1704067200""#, .single("2024-01-01T00:00:00Z"), true),
        OperatorCase("DateNotEquals", "aws:CurrentTime", #""2024-01-01T00:00:00Z""#, .single("2024-01-02T00:00:00Z"), true),
        OperatorCase("DateNotEquals", "aws:CurrentTime", #""2024-01-01T00:00:00Z""#, .absent, true),
        OperatorCase("DateLessThan", "aws:CurrentTime", #""2024-01-01T00:00:00Z""#, .single("2023-12-31T23:59:59.999Z"), true),
        OperatorCase("DateLessThan", "aws:CurrentTime", #""2024-01-01T00:00:00Z""#, .single("2024-01-01T00:00:00Z"), false),
        OperatorCase("DateLessThanEquals", "aws:CurrentTime", #""2024-01-01T00:00:00Z""#, .single("2024-01-01T00:00:00Z"), true),
        OperatorCase("DateGreaterThan", "aws:CurrentTime", #""2019-07-16T12:00:00Z""#, .single("2019-07-16T12:00:01Z"), true),
        OperatorCase("DateGreaterThan", "aws:CurrentTime", #""2019-07-16T12:00:00Z""#, .absent, false),
        OperatorCase("DateGreaterThanEquals", "aws:CurrentTime", #""2019-07-16T12:00:00Z""#, .single("2019-07-16T12:00:00Z"), true),
        OperatorCase("DateGreaterThan", "aws:CurrentTime", #""bad""#, .single("2019-07-16T12:00:00Z"), false),
    ]

    static let otherCases: [OperatorCase] = [
        OperatorCase("Bool", "aws:SecureTransport", #""true""#, .single("true"), true),
        OperatorCase("Bool", "aws:SecureTransport", "true", .single("true"), true),
        OperatorCase("Bool", "aws:SecureTransport", #""false""#, .single("true"), false),
        OperatorCase("Bool", "aws:SecureTransport", #""false""#, .absent, false),
        OperatorCase("Bool", "aws:SecureTransport", #""True""#, .single("true"), true),
        OperatorCase("BinaryEquals", "aws:SourceVpc", #""QmluYXJ5""#, .single("QmluYXJ5"), true),
        OperatorCase("BinaryEquals", "aws:SourceVpc", #""QmluYXJ5""#, .single("QmluYXJ6"), false),
        OperatorCase("BinaryEquals", "aws:SourceVpc", #""QmluYXJ5""#, .absent, false),
        OperatorCase("IpAddress", "aws:SourceIp", #""203.0.113.0/24""#, .single("203.0.113.77"), true),
        OperatorCase("IpAddress", "aws:SourceIp", #""203.0.113.0/24""#, .single("203.0.114.1"), false),
        OperatorCase("IpAddress", "aws:SourceIp", #""203.0.113.5""#, .single("203.0.113.5"), true),
        OperatorCase("IpAddress", "aws:SourceIp", #""2001:db8::/32""#, .single("2001:db8:1::5"), true),
        OperatorCase("IpAddress", "aws:SourceIp", #""2001:db8::/32""#, .single("2001:db9::5"), false),
        OperatorCase("IpAddress", "aws:SourceIp", #""2001:db8::/32""#, .single("203.0.113.5"), false),
        OperatorCase("IpAddress", "aws:SourceIp", #""0.0.0.0/0""#, .single("198.51.100.1"), true),
        OperatorCase("IpAddress", "aws:SourceIp", #""203.0.113.0/24""#, .absent, false),
        OperatorCase("NotIpAddress", "aws:SourceIp", #""203.0.113.0/24""#, .single("203.0.113.77"), false),
        OperatorCase("NotIpAddress", "aws:SourceIp", #""203.0.113.0/24""#, .single("198.51.100.1"), true),
        OperatorCase("NotIpAddress", "aws:SourceIp", #""203.0.113.0/24""#, .absent, true),
        OperatorCase("ArnEquals", "aws:SourceArn", #""arn:aws:sns:us-east-1:111122223333:topic""#, .single("arn:aws:sns:us-east-1:111122223333:topic"), true),
        OperatorCase("ArnEquals", "aws:SourceArn", #""arn:aws:sns:*:111122223333:*""#, .single("arn:aws:sns:us-east-1:111122223333:topic"), true),
        OperatorCase("ArnLike", "aws:SourceArn", #""arn:aws:sns:*:111122223333:*""#, .single("arn:aws:sns:us-east-1:444455556666:topic"), false),
        OperatorCase("ArnLike", "aws:SourceArn", #""arn:aws:s3:::bucket-*""#, .single("arn:aws:s3:::bucket-a"), true),
        OperatorCase("ArnLike", "aws:SourceArn", #""arn:aws:*""#, .single("arn:aws:s3:::bucket-a"), true),
        OperatorCase("ArnLike", "aws:SourceArn", #""arn:aws:s3:::bucket-*""#, .single("not-an-arn"), false),
        OperatorCase("ArnLike", "aws:SourceArn", #""arn:aws:s3:::bucket-*""#, .absent, false),
        OperatorCase("ArnNotEquals", "aws:SourceArn", #""arn:aws:s3:::a""#, .single("arn:aws:s3:::a"), false),
        OperatorCase("ArnNotEquals", "aws:SourceArn", #""arn:aws:s3:::a""#, .absent, true),
        OperatorCase("ArnNotLike", "aws:SourceArn", #""arn:aws:s3:::a*""#, .single("arn:aws:s3:::b"), true),
        OperatorCase("ArnNotLike", "aws:SourceArn", #""arn:aws:s3:::a*""#, .single("arn:aws:s3:::ab"), false),
        OperatorCase("Null", "aws:TokenIssueTime", #""true""#, .absent, true),
        OperatorCase("Null", "aws:TokenIssueTime", #""true""#, .single("2024-01-01T00:00:00Z"), false),
        OperatorCase("Null", "aws:TokenIssueTime", "false", .single("2024-01-01T00:00:00Z"), true),
        OperatorCase("Null", "aws:TokenIssueTime", #""false""#, .absent, false),
        OperatorCase("Null", "aws:TagKeys", #""true""#, .multiple([]), true),
    ]

    static let modifierCases: [OperatorCase] = [
        OperatorCase("StringEqualsIfExists", "aws:SourceVpc", #""vpc-1""#, .absent, true),
        OperatorCase("StringEqualsIfExists", "aws:SourceVpc", #""vpc-1""#, .single("vpc-2"), false),
        OperatorCase("StringEqualsIfExists", "aws:SourceVpc", #""vpc-1""#, .single("vpc-1"), true),
        OperatorCase("StringNotEqualsIfExists", "aws:SourceVpc", #""vpc-1""#, .absent, true),
        OperatorCase("NumericLessThanIfExists", "s3:max-keys", #""10""#, .absent, true),
        OperatorCase("IpAddressIfExists", "aws:SourceIp", #""10.0.0.0/8""#, .single("11.0.0.1"), false),
        OperatorCase("ArnLikeIfExists", "aws:SourceArn", #""arn:aws:s3:::a*""#, .absent, true),
        OperatorCase("BoolIfExists", "aws:MultiFactorAuthPresent", #""true""#, .absent, true),
        OperatorCase("ForAllValues:StringEquals", "aws:TagKeys", #"["a", "b"]"#, .absent, true),
        OperatorCase("ForAllValues:StringEquals", "aws:TagKeys", #"["a", "b"]"#, .multiple([]), true),
        OperatorCase("ForAllValues:StringEquals", "aws:TagKeys", #"["a", "b"]"#, .multiple(["a"]), true),
        OperatorCase("ForAllValues:StringEquals", "aws:TagKeys", #"["a", "b"]"#, .multiple(["a", "b"]), true),
        OperatorCase("ForAllValues:StringEquals", "aws:TagKeys", #"["a", "b"]"#, .multiple(["a", "c"]), false),
        OperatorCase("ForAnyValue:StringEquals", "aws:TagKeys", #"["a", "b"]"#, .absent, false),
        OperatorCase("ForAnyValue:StringEquals", "aws:TagKeys", #"["a", "b"]"#, .multiple([]), false),
        OperatorCase("ForAnyValue:StringEquals", "aws:TagKeys", #"["a", "b"]"#, .multiple(["c", "b"]), true),
        OperatorCase("ForAnyValue:StringEquals", "aws:TagKeys", #"["a", "b"]"#, .multiple(["c", "d"]), false),
        OperatorCase("ForAllValues:StringNotEquals", "aws:TagKeys", #"["a"]"#, .multiple(["b", "c"]), true),
        OperatorCase("ForAllValues:StringNotEquals", "aws:TagKeys", #"["a"]"#, .multiple(["a", "c"]), false),
        OperatorCase("ForAnyValue:StringNotEquals", "aws:TagKeys", #"["a"]"#, .multiple(["a", "c"]), true),
        OperatorCase("ForAnyValue:StringNotEquals", "aws:TagKeys", #"["a"]"#, .multiple(["a"]), false),
        OperatorCase("ForAnyValue:StringLike", "aws:PrincipalOrgPaths", #""o-1/r-1/ou-1/*""#, .multiple(["o-1/r-1/ou-1/ou-2/"]), true),
        OperatorCase("ForAllValues:StringEqualsIfExists", "aws:TagKeys", #""a""#, .absent, true),
        OperatorCase("ForAnyValue:StringEqualsIfExists", "aws:TagKeys", #""a""#, .absent, true),
        OperatorCase("ForAnyValue:StringEquals", "aws:SourceVpc", #""vpc-1""#, .single("vpc-1"), true),
        OperatorCase("ForAllValues:StringEquals", "aws:SourceVpc", #""vpc-1""#, .single("vpc-2"), false),
        OperatorCase("StringEquals", "aws:TagKeys", #""a""#, .multiple(["b", "a"]), true),
        OperatorCase("StringNotEquals", "aws:TagKeys", #""a""#, .multiple(["b", "a"]), false),
        OperatorCase("StringEquals", "aws:SourceVpc", "[]", .single("vpc-1"), false),
        OperatorCase("StringNotEquals", "aws:SourceVpc", "[]", .single("vpc-1"), true),
    ]

    @Test(arguments: stringCases + numericCases + dateCases + otherCases + modifierCases)
    func operatorDecidesAsIAMDocuments(_ row: OperatorCase) throws {
        let result = try conditionHolds(row.operatorName, row.key, row.policyValues, row.request)
        #expect(result == row.expected, "line \(row.line)")
    }

    @Test func conditionKeyNamesIgnoreCase() throws {
        #expect(try conditionHolds("StringEquals", "AWS:SOURCEVPC", #""vpc-1""#, .single("vpc-1")))
        #expect(try conditionHolds("stringequals", "aws:sourcevpc", #""vpc-1""#, .single("vpc-1")))
    }

    @Test func everyOperatorIsCovered() {
        let rows = Self.stringCases + Self.numericCases + Self.dateCases + Self.otherCases + Self.modifierCases
        let covered = Set(rows.compactMap { ConditionOperator(name: $0.operatorName)?.base })
        #expect(covered == Set(ConditionOperator.Base.allCases))
    }
}
