import AccessReasoning
import PolicyLanguage

/// Pools for policies over the whole fragment both engines decide: every kind of principal
/// and `NotPrincipal`, `NotAction` and `NotResource`, `Deny`, every condition operator with
/// `IfExists` and the set qualifiers, and ARN and address values from small pools so that
/// statements interact.
extension PolicyGenerator {
    static let principalPool: [GeneratedPrincipal] = [
        GeneratedPrincipal(entries: []),
        GeneratedPrincipal(entries: [.init("AWS", ["*"])]),
        GeneratedPrincipal(entries: [.init("AWS", ["111122223333"])]),
        GeneratedPrincipal(entries: [.init("AWS", ["arn:aws:iam::444455556666:root"])]),
        GeneratedPrincipal(entries: [.init("AWS", ["arn:aws:iam::111122223333:role/app/Reader"])]),
        GeneratedPrincipal(entries: [.init("AWS", ["arn:aws:sts::111122223333:assumed-role/Reader/s1"])]),
        GeneratedPrincipal(entries: [.init("AWS", ["111122223333", "arn:aws:iam::444455556666:user/bob"])]),
        GeneratedPrincipal(entries: [.init("AWS", ["arn:aws:sts::444455556666:federated-user/fed"])]),
        GeneratedPrincipal(entries: [.init("AWS", ["AROAREADEREXAMPLE01"])]),
        GeneratedPrincipal(entries: [.init("AWS", ["arn:aws-cn:iam::111122223333:root"])]),
        GeneratedPrincipal(entries: [.init("Service", ["sns.amazonaws.com"])]),
        GeneratedPrincipal(entries: [.init("Service", ["S3.amazonaws.com", "kms.amazonaws.com"])]),
        GeneratedPrincipal(entries: [.init("Federated", ["cognito-identity.amazonaws.com"])]),
        GeneratedPrincipal(entries: [.init("Federated", ["arn:aws:iam::111122223333:saml-provider/Corp"])]),
        GeneratedPrincipal(entries: [.init("CanonicalUser", ["79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"])]),
        GeneratedPrincipal(entries: [.init("AWS", ["111122223333"]), .init("Service", ["sns.amazonaws.com"])]),
        GeneratedPrincipal(isNegated: true, entries: [.init("AWS", ["111122223333"])]),
        GeneratedPrincipal(isNegated: true, entries: [.init("AWS", ["111122223333", "arn:aws:iam::111122223333:role/app/Reader", "arn:aws:sts::111122223333:assumed-role/Reader/s1"])]),
        GeneratedPrincipal(isNegated: true, entries: [.init("Service", ["sns.amazonaws.com"])]),
    ]

    static let actionPool: [GeneratedPatterns] = [
        GeneratedPatterns(["s3:GetObject"]),
        GeneratedPatterns(["s3:Get*"]),
        GeneratedPatterns(["s3:PutObject", "s3:GetObject"]),
        GeneratedPatterns(["s3:*"]),
        GeneratedPatterns(["*"]),
        GeneratedPatterns(["S3:get?bject"]),
        GeneratedPatterns(["s3*"]),
        GeneratedPatterns(["*object"]),
        GeneratedPatterns(["newsvc:Do*"]),
        GeneratedPatterns(["kms:Decrypt", "kms:Encrypt"]),
        GeneratedPatterns(["sqs:SendMessage"]),
        GeneratedPatterns(isNegated: true, ["s3:*"]),
        GeneratedPatterns(isNegated: true, ["s3:GetObject", "iam:*"]),
        GeneratedPatterns(isNegated: true, ["kms:*"]),
    ]

    static let resourcePool: [GeneratedPatterns?] = [
        nil,
        GeneratedPatterns(["*"]),
        GeneratedPatterns(["arn:aws:s3:::b/*"]),
        GeneratedPatterns(["arn:aws:s3:::b", "arn:aws:s3:::b/*"]),
        GeneratedPatterns(["arn:aws:s3:::c*"]),
        GeneratedPatterns(["arn:aws:s3:::b?/k"]),
        GeneratedPatterns(["arn:aws:*:*:111122223333:*"]),
        GeneratedPatterns(["arn:aws:kms*"]),
        GeneratedPatterns(["arn:aws:sqs:us-east-1:111122223333:q"]),
        GeneratedPatterns(isNegated: true, ["arn:aws:s3:::b/secret/*"]),
        GeneratedPatterns(isNegated: true, ["arn:aws:s3:::*"]),
    ]

    /// Keys with the values each operator family compares them with.
    static let stringKeys: [(String, [String])] = [
        ("aws:SourceVpc", ["vpc-1", "vpc-2", "vpc-*"]),
        ("s3:prefix", ["a", "ab", "AB", "a*", "b?", "${aws:username}"]),
        ("aws:PrincipalTag/team", ["red", "blue", "R*"]),
        ("aws:PrincipalOrgID", ["o-1", "o-2"]),
        ("aws:userid", ["AROA*:s1", "anonymous", "111122223333", "AIDA*"]),
        ("aws:PrincipalType", ["Anonymous", "AssumedRole", "User", "Account"]),
        ("aws:PrincipalAccount", ["111122223333", "444455556666"]),
        ("aws:SourceAccount", ["111122223333", "444455556666"]),
        ("aws:username", ["bob", "BOB"]),
        ("aws:PrincipalServiceName", ["sns.amazonaws.com", "*.amazonaws.com"]),
        ("aws:FederatedProvider", ["cognito-identity.amazonaws.com"]),
        ("kms:CallerAccount", ["111122223333", "444455556666"]),
        ("aws:ResourceAccount", ["111122223333"]),
    ]

    static let arnKeys: [(String, [String])] = [
        ("aws:PrincipalArn", ["arn:aws:iam::111122223333:role/*", "arn:aws:iam::*:root", "arn:aws:iam::444455556666:user/bob", "arn:aws:iam::111122223333:role/app/Reader"]),
        ("aws:SourceArn", ["arn:aws:sns:*:444455556666:*", "arn:aws:s3:::b", "arn:aws:sns:us-east-1:111122223333:t"]),
    ]

    static let numericKeys: [(String, [String])] = [
        ("s3:max-keys", ["10", "100", "2.5", "-1", "1e2"]),
        ("aws:MultiFactorAuthAge", ["3600", "0"]),
    ]

    static let dateKeys: [(String, [String])] = [
        ("aws:CurrentTime", ["2024-06-01T00:00:00Z", "2025-01-01", "1700000000"]),
        ("aws:TokenIssueTime", ["2024-06-01T12:00:00+02:00", "2024"]),
    ]

    static let boolKeys: [(String, [String])] = [
        ("aws:SecureTransport", ["true", "false", "True"]),
        ("aws:MultiFactorAuthPresent", ["true", "false"]),
        ("aws:PrincipalIsAWSService", ["true", "false"]),
    ]

    static let addressValues = ["10.0.0.0/8", "10.1.0.0/16", "203.0.113.0/24", "2001:db8::/32", "0.0.0.0/0", "::/0", "192.0.2.1", "10.1.2.3/8"]

    static let multiValuedKeys: [(String, [String])] = [
        ("aws:TagKeys", ["a", "b", "a*", "c"]),
        ("aws:PrincipalOrgPaths", ["o-1/*", "o-1/r-1/ou-1/", "o-2/*"]),
        ("aws:CalledVia", ["athena.amazonaws.com", "*.amazonaws.com"]),
    ]

    /// A random clause over the whole fragment.
    mutating func condition() -> GeneratedCondition {
        func values(_ pool: [String]) -> [String] {
            var chosen: [String] = []
            for _ in 0..<Int.random(in: 1...2, using: &random) {
                let value = random.pick(pool)
                if !chosen.contains(value) { chosen.append(value) }
            }
            return chosen
        }
        func maybeIfExists(_ name: String) -> String {
            Int.random(in: 0..<5, using: &random) == 0 ? name + "IfExists" : name
        }
        switch Int.random(in: 0..<20, using: &random) {
        case 0..<5:
            let (key, pool) = random.pick(Self.stringKeys)
            let name = random.pick(["StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike"])
            return GeneratedCondition(maybeIfExists(name), key, values(pool))
        case 5..<7:
            let (key, pool) = random.pick(Self.arnKeys)
            let name = random.pick(["ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike", "StringLike"])
            return GeneratedCondition(maybeIfExists(name), key, values(pool))
        case 7..<9:
            let (key, pool) = random.pick(Self.numericKeys)
            let name = random.pick(["NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals", "StringEquals"])
            return GeneratedCondition(maybeIfExists(name), key, values(pool))
        case 9..<11:
            let (key, pool) = random.pick(Self.dateKeys)
            let name = random.pick(["DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals"])
            return GeneratedCondition(maybeIfExists(name), key, values(pool))
        case 11..<13:
            let (key, pool) = random.pick(Self.boolKeys)
            let name = random.pick(["Bool", "Bool", "StringEquals", "StringLike"])
            return GeneratedCondition(maybeIfExists(name), key, values(pool))
        case 13..<15:
            let name = random.pick(["IpAddress", "NotIpAddress"])
            return GeneratedCondition(maybeIfExists(name), "aws:SourceIp", values(Self.addressValues))
        case 15:
            return GeneratedCondition("BinaryEquals", "example:Payload", values(["QUJD", "QUJDRA==", "not base64!"]))
        case 16..<18:
            let (key, pool) = random.pick(Self.multiValuedKeys)
            let qualifier = random.pick(["ForAnyValue:", "ForAllValues:", ""])
            let name = random.pick(["StringEquals", "StringNotEquals", "StringLike", "StringNotLike"])
            return GeneratedCondition(qualifier + maybeIfExists(name), key, values(pool))
        default:
            let key = random.pick(["aws:SourceVpc", "aws:SourceIp", "aws:PrincipalOrgID", "aws:TagKeys", "aws:SourceAccount", "aws:PrincipalArn", "aws:PrincipalTag/team"])
            return GeneratedCondition("Null", key, [random.pick(["true", "false"])])
        }
    }

    /// A random statement over the whole fragment; without `Principal` one time in eight.
    public mutating func generatedStatement() -> GeneratedStatement {
        let isAllow = Int.random(in: 0..<3, using: &random) < 2
        let principal = Int.random(in: 0..<8, using: &random) == 0 ? nil : random.pick(Self.principalPool)
        var conditions: [GeneratedCondition] = []
        for _ in 0..<Int.random(in: 0...3, using: &random) {
            let candidate = condition()
            if !conditions.contains(where: { $0.operatorName == candidate.operatorName && CaseFolding.lowercased($0.key) == CaseFolding.lowercased(candidate.key) }) {
                conditions.append(candidate)
            }
        }
        if !variables {
            conditions.removeAll { $0.values.contains { $0.contains("${") } }
        }
        var resource = random.pick(Self.resourcePool)
        if variables, Int.random(in: 0..<6, using: &random) == 0 {
            resource = GeneratedPatterns(isNegated: Bool.random(using: &random), ["arn:aws:s3:::b/${aws:username}/*"])
        }
        return GeneratedStatement(
            isAllow: isAllow, principal: principal, action: random.pick(Self.actionPool), resource: resource, conditions: conditions)
    }

    /// A random policy of one to four statements over the whole fragment.
    public mutating func generatedPolicy() -> GeneratedPolicy {
        let count = Int.random(in: 1...4, using: &random)
        var statements: [GeneratedStatement] = []
        for _ in 0..<count { statements.append(generatedStatement()) }
        return GeneratedPolicy(statements: statements)
    }

    /// A random region of requests, mostly `.any`, otherwise a combination of the constraints
    /// `RequestConstraint` offers.
    public mutating func region(depth: Int = 0) -> RequestConstraint {
        if depth == 0, Int.random(in: 0..<3, using: &random) == 0 { return .any }
        switch Int.random(in: 0..<(depth >= 2 ? 10 : 13), using: &random) {
        case 0: return .actions([random.pick(["s3:GetObject", "s3:Put*", "kms:*", "newsvc:*", "iam:PassRole"])])
        case 1: return .resources([random.pick(["arn:aws:s3:::b/*", "arn:aws:s3:::b", "*", "arn:aws:kms:*:111122223333:key/*"])])
        case 2: return .principalAccounts([random.pick(["111122223333", "444455556666"])])
        case 3:
            let classes = Set((0..<Int.random(in: 1...2, using: &random)).map { _ in random.pick(PrincipalClass.allCases) })
            return .principalClasses(classes)
        case 4: return .serviceSourceAccounts([random.pick(["111122223333", "444455556666"])])
        case 5:
            let entry = random.pick([
                PrincipalEntry(kind: .aws, value: "111122223333", pointer: .root),
                PrincipalEntry(kind: .aws, value: "*", pointer: .root),
                PrincipalEntry(kind: .service, value: "sns.amazonaws.com", pointer: .root),
                PrincipalEntry(kind: .aws, value: "arn:aws:iam::111122223333:role/app/Reader", pointer: .root),
            ])
            return .principalNamed(entry)
        case 6: return .futureActions([random.pick(["s3:*", "newsvc:*", "sqs:*"])])
        case 7: return .keyAbsent(random.pick(["aws:SourceVpc", "aws:SourceIp", "aws:PrincipalOrgID", "aws:SourceAccount", "aws:TagKeys"]))
        case 8, 9:
            let clause = condition()
            return .condition(operator: clause.operatorName, key: clause.key, values: clause.values.filter { !$0.contains("${") }.isEmpty ? ["x"] : clause.values.filter { !$0.contains("${") })
        case 10: return .all([region(depth: depth + 1), region(depth: depth + 1)])
        case 11: return .either([region(depth: depth + 1), region(depth: depth + 1)])
        default: return .not(region(depth: depth + 1))
        }
    }
}
