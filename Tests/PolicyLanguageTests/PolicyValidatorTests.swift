import Foundation
import Testing

@testable import PolicyLanguage

/// Reads and validates a policy and renders every diagnostic as "line:column CODE message", in output order.
func validationFindings(_ text: String, as type: PolicyType? = nil) throws -> [String] {
    let catalog = try ActionCatalog.bundled()
    let read = PolicyReader.read(text: text)
    let document = try #require(read.document)
    let findings = PolicyValidator.validate(document, as: type ?? PolicyType.detect(document), catalog: catalog)
    return renderedDiagnostics((read.diagnostics + findings).sortedForOutput())
}

struct PolicyValidatorTests {
    /// Each row: policy type, policy, the diagnostics it must produce.
    static let cases: [(PolicyType, String, [String])] = [
        (
            .identity,
            #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}}"#,
            [
                #"1:67 UNSUPPORTED_PRINCIPAL identity policies cannot have 'Principal'; the principal is whoever the policy is attached to"#,
            ]
        ),
        (
            .resource,
            #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}"#,
            [
                #"1:37 MISSING_PRINCIPAL statement 0 has no 'Principal', which resource policies require"#,
            ]
        ),
        (
            .trust,
            #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","NotPrincipal":{"AWS":"111122223333"},"Action":"sts:AssumeRole","Resource":"*"}}"#,
            [
                #"1:70 UNSUPPORTED_NOT_PRINCIPAL role trust policies cannot have 'NotPrincipal'"#,
                #"1:70 ALLOW_WITH_NOT_PRINCIPAL 'Allow' with 'NotPrincipal' grants access to every principal not listed, anonymous callers included"#,
                #"1:130 UNSUPPORTED_RESOURCE_IN_TRUST_POLICY role trust policies cannot have 'Resource'; the resource is the role"#,
            ]
        ),
        (
            .identity,
            #"{"Version":"2012-10-17","Statement":[{"Sid":"A b","Effect":"Allow","Action":"s3:GetObject","Resource":"*"},{"Sid":"A b","Effect":"Allow","Action":"s3:PutObject"}]}"#,
            [
                #"1:45 UNSUPPORTED_SID Sid 'A b' has characters other than letters and digits, which identity policies reject"#,
                #"1:108 MISSING_RESOURCE statement 'A b' has no 'Resource' or 'NotResource'"#,
                #"1:115 DUPLICATE_SID Sid 'A b' is also used by statement 0; statement ids must be unique"#,
                #"1:115 UNSUPPORTED_SID Sid 'A b' has characters other than letters and digits, which identity policies reject"#,
            ]
        ),
        (
            .identity,
            #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["GetObject","s4:GetObject","iam:list","s3:Foo*","s*:GetObject","iam:PassRole"],"Resource":"*"}}"#,
            [
                #"1:65 INVALID_ACTION_FORMAT 'GetObject' is not an action, expected 'service:ActionName' or '*'"#,
                #"1:77 UNKNOWN_SERVICE 's4' is not a known service prefix"#,
                #"1:77 REDUNDANT_ACTION the action 's4:GetObject' is already covered by 's*:GetObject'"#,
                #"1:92 UNKNOWN_ACTION 'list' is not an action of AWS Identity and Access Management (IAM) ('iam')"#,
                #"1:103 ACTION_MATCHES_NO_KNOWN_ACTION 's3:Foo*' matches no known action of Amazon S3; it can only match actions added later"#,
                #"1:113 WILDCARD_IN_SERVICE_NAME the service prefix of 's*:GetObject' has a wildcard, which IAM does not support in actions"#,
                #"1:155 PASS_ROLE_WITH_STAR_IN_RESOURCE statement 0 allows iam:PassRole on every role, so the principal can give any role's permissions to a service"#,
            ]
        ),
        (
            .identity,
            #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:*","NotResource":"arn:aws:iam::111122223333:role/x"}}"#,
            [
                #"1:86 PASS_ROLE_WITH_NOT_RESOURCE statement 0 allows iam:PassRole for every role except those in 'NotResource'"#,
            ]
        ),
        (
            .resource,
            #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":["99999999999","arn:aws:iam::12345667789012:root","arn:aws:iam::*:root","arn:aws:s3:::b","AROAEXAMPLEID1234567","arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E1"],"Service":["s3"],"Federated":"bad","CanonicalUser":"abc"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}"#,
            [
                #"1:75 INVALID_PRINCIPAL_FORMAT '99999999999' is not a 12-digit account ID (it has 11 digits)"#,
                #"1:89 INVALID_PRINCIPAL_FORMAT 'arn:aws:iam::12345667789012:root' does not name a 12-digit account ID"#,
                #"1:124 UNSUPPORTED_WILDCARD_IN_PRINCIPAL 'arn:aws:iam::*:root' has a wildcard; principals match exactly, so only "*" alone names everyone"#,
                #"1:146 INVALID_PRINCIPAL_FORMAT 'arn:aws:s3:::b' is not an account, user, role, role session or federated user ARN"#,
                #"1:266 INVALID_PRINCIPAL_FORMAT 's3' is not a service principal, expected a name such as 's3.amazonaws.com'"#,
                #"1:284 INVALID_PRINCIPAL_FORMAT 'bad' is not an identity provider, expected a provider ARN or a name such as 'cognito-identity.amazonaws.com'"#,
                #"1:306 INVALID_PRINCIPAL_FORMAT 'abc' is not a canonical user ID, expected 64 hexadecimal characters"#,
            ]
        ),
        (
            .trust,
            #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"}}}}"#,
            [
                #"1:80 MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL any identity of 'token.actions.githubusercontent.com' can assume this role, because no condition restricts 'token.actions.githubusercontent.com:sub'"#,
            ]
        ),
        (
            .resource,
            #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":["s3","arn:aws:s3","arn:awz:s3:::b","arn:aws:*:::b","arn:aws:sqs:us-east-1:12:q","arn:aws:s3:*"]}}"#,
            [
                #"1:107 INVALID_ARN 's3' is not an ARN, expected 'arn:partition:service:region:account:resource' or '*'"#,
                #"1:112 INVALID_ARN 'arn:aws:s3' has 3 of the 6 ARN parts; only a part ending in '*' may stand for the rest"#,
                #"1:125 INVALID_ARN_PARTITION 'awz' in 'arn:awz:s3:::b' is not an AWS partition"#,
                #"1:142 WILDCARD_IN_ARN_SERVICE the service part of 'arn:aws:*:::b' has a wildcard, which IAM does not support"#,
                #"1:158 INVALID_ARN_ACCOUNT '12' in 'arn:aws:sqs:us-east-1:12:q' is not a 12-digit account ID"#,
            ]
        ),
        (
            .resource,
            #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"s3:ListBucket","Resource":"arn:aws:s3:::b","Condition":{"stringequals":{"aws:SourceVpc":"vpc-*"},"StringEquals":{"bad":"x","aws:SourceVPCX":"y","s3:x-amz-storage-class":"z","s3:signatureAge":"bad"},"NumericLessThan":{"s3:max-keys":"ten","aws:SourceVpc":"1"},"ForAllValues:StringEquals":{"aws:SourceVpc":"v"},"ForAnyValue:StringEquals":{"aws:SourceVpce":"v"},"StringLike":{"aws:TagKeys":"a*"}}}}"#,
            [
                #"1:137 NONCANONICAL_OPERATOR_CASE 'stringequals' is not spelled as the IAM operator 'StringEquals', and AWS rejects other spellings"#,
                #"1:169 WILDCARD_WITHOUT_LIKE_OPERATOR 'vpc-*' contains a wildcard, but 'StringEquals' compares it literally"#,
                #"1:194 INVALID_CONDITION_KEY_FORMAT 'bad' is not a condition key, expected 'prefix:name' such as 'aws:SourceIp'"#,
                #"1:204 UNKNOWN_GLOBAL_CONDITION_KEY 'aws:SourceVPCX' is not a global condition key"#,
                #"1:225 CONDITION_KEY_NOT_SUPPORTED_BY_ACTIONS none of the statement's actions (s3) supports 's3:x-amz-storage-class', so requests for them never carry it"#,
                #"1:254 DATA_TYPE_MISMATCH 'StringEquals' compares String values, but 's3:signatureAge' is of type Numeric"#,
                #"1:312 INVALID_CONDITION_VALUE 'ten' is not a number"#,
                #"1:318 DATA_TYPE_MISMATCH 'NumericLessThan' compares Numeric values, but 'aws:SourceVpc' is of type String"#,
                #"1:368 FORALLVALUES_WITH_SINGLE_VALUED_KEY 'ForAllValues' with the single-valued key 'aws:SourceVpc' also holds when the key is absent, so it grants more than it seems"#,
                #"1:417 FORANYVALUE_WITH_SINGLE_VALUED_KEY 'ForAnyValue' has no effect with the single-valued key 'aws:SourceVpce'"#,
                #"1:453 MISSING_QUALIFIER 'aws:TagKeys' can have several values; say whether all or any of them must match"#,
            ]
        ),
        (
            .resource,
            #"{"Version":"2012-10-17","Statement":{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"NullIfExists":{"aws:SourceIp":"true"},"ForAllValues:Null":{"aws:TagKeys":"maybe"},"Bool":{"aws:SecureTransport":"False"},"DateGreaterThan":{"aws:CurrentTime":"tomorrow"},"IpAddress":{"aws:SourceIp":["10.1.0.0/8","300.0.0.1"]},"BinaryEquals":{"aws:SourceVpc":"%%%"},"ArnLike":{"aws:SourceArn":"nope"}}}}"#,
            [
                #"1:114 NULL_WITH_IF_EXISTS 'Null' cannot take 'IfExists'"#,
                #"1:153 NULL_WITH_QUALIFIER 'ForAllValues' has no effect on 'Null', which tests only whether the key is present"#,
                #"1:188 INVALID_CONDITION_VALUE 'Null' takes true (key absent) or false (key present), found 'maybe'"#,
                #"1:227 NONCANONICAL_BOOLEAN write the Boolean 'False' as false"#,
                #"1:273 INVALID_CONDITION_VALUE 'tomorrow' is not a date, expected ISO 8601 such as '2024-01-31T12:00:00Z' or epoch seconds"#,
                #"1:314 PRIVATE_IP_ADDRESS '10.1.0.0/8' is a private range, but aws:SourceIp carries public addresses only; requests through a VPC endpoint carry aws:VpcSourceIp"#,
                #"1:314 CIDR_HOST_BITS_SET '10.1.0.0/8' has bits set beyond its prefix and means 10.0.0.0/8"#,
                #"1:327 INVALID_CONDITION_VALUE '300.0.0.1' is not an IP address or CIDR range"#,
                #"1:357 DATA_TYPE_MISMATCH 'BinaryEquals' compares Binary values, but 'aws:SourceVpc' is of type String"#,
                #"1:373 INVALID_CONDITION_VALUE '%%%' is not base64-encoded"#,
                #"1:407 INVALID_CONDITION_VALUE 'nope' is not an ARN, expected 'arn:partition:service:region:account:resource'"#,
            ]
        ),
        (
            .identity,
            #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["s3:${aws:username}"],"Resource":["arn:aws:s3:::b/${aws:username","arn:aws:s3:::b/${}","arn:aws:s3:::b/${aws:nokey}","arn:aws:s3:::b/${aws:TagKeys}"],"Condition":{"NumericEquals":{"s3:max-keys":"${aws:username}"}}}}"#,
            [
                #"1:65 VARIABLE_UNSUPPORTED_IN_ELEMENT policy variables are not supported in 'Action': 's3:${aws:username}'"#,
                #"1:99 MALFORMED_VARIABLE the policy variable '${aws:username' has no closing '}'"#,
                #"1:131 MALFORMED_VARIABLE 'arn:aws:s3:::b/${}' has an empty policy variable"#,
                #"1:152 UNKNOWN_VARIABLE_KEY '${aws:nokey}' names no known condition key, so it never has a value"#,
                #"1:182 UNKNOWN_VARIABLE_KEY '${aws:tagkeys}' names a multivalued key, which IAM does not substitute"#,
                #"1:259 INVALID_VARIABLE_FOR_OPERATOR 'NumericEquals' does not substitute policy variables, so '${aws:username}' is compared as written"#,
            ]
        ),
        (
            .identity,
            #"{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/${aws:username}"}}"#,
            [
                #"1:1 MISSING_VERSION the policy has no 'Version', so AWS applies version 2008-10-17, in which policy variables are plain text"#,
                #"1:59 VARIABLE_UNSUPPORTED_IN_VERSION 'arn:aws:s3:::b/${aws:username}' uses a policy variable, which is plain text unless the policy has "Version": "2012-10-17""#,
            ]
        ),
        (
            .identity,
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:Get*","s3:*","S3:GETOBJECT"],"Resource":["arn:aws:s3:::b/k","arn:aws:s3:::b/*","arn:aws:s3:::b/*"]},{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/k"}]}"#,
            [
                #"1:66 REDUNDANT_ACTION the action 's3:GetObject' is already covered by 's3:Get*'"#,
                #"1:81 REDUNDANT_ACTION the action 's3:Get*' is already covered by 's3:*'"#,
                #"1:98 REDUNDANT_ACTION the action 'S3:GETOBJECT' is already covered by 's3:GetObject'"#,
                #"1:126 REDUNDANT_RESOURCE the resource 'arn:aws:s3:::b/k' is already covered by 'arn:aws:s3:::b/*'"#,
                #"1:164 REDUNDANT_RESOURCE the resource 'arn:aws:s3:::b/*' is listed more than once"#,
                #"1:185 REDUNDANT_STATEMENT statement 1 is already covered by statement 0, which has the same effect, principal and conditions"#,
            ]
        ),
        (
            .resource,
            #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":["111122223333","arn:aws:iam::111122223333:role/R","arn:aws:iam::444455556666:root","444455556666"]},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}"#,
            [
                #"1:90 REDUNDANT_PRINCIPAL the principal {"AWS":"arn:aws:iam::111122223333:role/R"} is already covered by {"AWS":"111122223333"}"#,
                #"1:158 REDUNDANT_PRINCIPAL the principal {"AWS":"444455556666"} is already covered by {"AWS":"arn:aws:iam::444455556666:root"}"#,
            ]
        ),
        (
            .identity,
            #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"s3:ExistingObjectTagg/x":"y"}}}}"#,
            [
                #"1:123 UNKNOWN_CONDITION_KEY 's3:ExistingObjectTagg/x' is not a condition key that the action catalog knows"#,
            ]
        ),
        (
            .trust,
            #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":["lamda.amazonaws.com","ecs-tasks.amazonaws.com","lambda.amazonaws.com"]},"Action":"sts:AssumeRole"}}"#,
            [
                #"1:79 UNKNOWN_SERVICE_PRINCIPAL 'lamda.amazonaws.com' names no AWS service"#,
            ]
        ),
    ]

    @Test(arguments: cases)
    func reportsLocatedFindings(type: PolicyType, text: String, expected: [String]) throws {
        let findings = try validationFindings(text, as: type)
        #expect(findings == expected)
    }

    @Test func everyIssueCodeIsExercised() throws {
        var seen: Set<String> = []
        for (type, text, _) in Self.cases {
            for finding in try validationFindings(text, as: type) {
                seen.insert(String(finding.split(separator: " ")[1]))
            }
        }
        for (text, _) in PolicyReaderTests.invalidPolicies {
            for finding in renderedDiagnostics(PolicyReader.read(text: text).diagnostics) {
                seen.insert(String(finding.split(separator: " ")[1]))
            }
        }
        let missing = IssueCode.allCases.map(\.rawValue).filter { !seen.contains($0) }
        #expect(missing.isEmpty, "issue codes without a test: \(missing)")
    }

    @Test func cleanPoliciesHaveNoFindings() throws {
        let clean = [
            (PolicyType.resource, #"{"Version":"2012-10-17","Statement":[{"Sid":"PublicRead","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}]}"#),
            (PolicyType.identity, #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:ListBucket"],"Resource":"arn:aws:s3:::b","Condition":{"StringLike":{"s3:prefix":["home/${aws:username}/*"]}}}]}"#),
            (PolicyType.trust, #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#),
            (PolicyType.trust, #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},"StringLike":{"token.actions.githubusercontent.com:sub":"repo:example/app:*"}}}]}"#),
        ]
        for (type, text) in clean {
            let findings = try validationFindings(text, as: type)
            #expect(findings == [])
        }
    }

    /// Rows: policy, detected type.
    static let typeDetection: [(String, PolicyType)] = [
        (#"{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}"#, .identity),
        (#"{"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}}"#, .resource),
        (#"{"Statement":{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}}"#, .trust),
        (#"{"Statement":{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":["sts:AssumeRole","sts:TagSession"]}}"#, .trust),
        (#"{"Statement":{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:*"}}"#, .trust),
        (#"{"Statement":{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":["sts:AssumeRole","s3:GetObject"]}}"#, .resource),
    ]

    @Test(arguments: typeDetection)
    func detectsPolicyType(text: String, expected: PolicyType) throws {
        let document = try #require(PolicyReader.read(text: text).document)
        #expect(PolicyType.detect(document) == expected)
    }
}

struct ValidationDocumentationTests {
    @Test func everyIssueCodeIsDocumentedWithItsLevel() throws {
        let page = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/validation-checks.md")
        let text = try String(contentsOf: page, encoding: .utf8)
        for code in IssueCode.allCases {
            let row = text.split(separator: "\n").first { $0.hasPrefix("| `\(code.rawValue)` |") }
            #expect(row != nil, "docs/validation-checks.md has no row for \(code.rawValue)")
            if let row {
                #expect(row.contains("| \(code.severity.rawValue) |"), "the row of \(code.rawValue) does not give level \(code.severity.rawValue)")
            }
        }
    }
}
