@testable import PolicyLanguage
import Testing

@testable import AccessReasoning

/// Condition clauses compiled into value sets, row by row, against the concrete evaluator:
/// membership of each sample, absent keys, complements, and a witness on each side that the
/// evaluator confirms.
struct ConditionDomainTests {
    struct Row: CustomTestStringConvertible, Sendable {
        let operatorName: String
        let key: String
        let values: [String]
        /// Request values of the key; an empty list leaves the key out of the request.
        let samples: [[String]]
        let line: Int

        init(_ operatorName: String, _ key: String, _ values: [String], _ samples: [[String]], line: Int = #line) {
            self.operatorName = operatorName
            self.key = key
            self.values = values
            self.samples = samples
            self.line = line
        }

        var testDescription: String { "line \(line): \(operatorName) \(key) \(values)" }

        var clause: ConditionClause {
            ConditionClause(
                operatorName: Located(operatorName), conditionOperator: ConditionOperator(name: operatorName),
                key: Located(key), values: values.map { ConditionValue(text: $0) })
        }
    }

    static let rows: [Row] = [
        // Strings, globs and their edge cases.
        Row("StringEquals", "aws:SourceVpc", ["vpc-1", "vpc-2"], [["vpc-1"], ["vpc-2"], ["VPC-1"], ["vpc-3"], [""], []]),
        Row("StringNotEquals", "aws:SourceVpc", ["vpc-1"], [["vpc-1"], ["vpc-2"], []]),
        Row("StringEqualsIgnoreCase", "aws:SourceVpc", ["VPC-ß"], [["vpc-ß"], ["VPC-SS"], ["vpc-1"], []]),
        Row("StringLike", "s3:prefix", ["home/*"], [["home/"], ["home/a/b"], ["hom"], ["Home/a"], []]),
        Row("StringLike", "s3:prefix", ["a?c", "*"], [["abc"], [""], ["anything"]]),
        Row("StringLike", "s3:prefix", ["?"], [[""], ["a"], ["ab"], ["é"]]),
        Row("StringLike", "s3:prefix", ["**"], [[""], ["x"]]),
        Row("StringLike", "s3:prefix", ["*a*a*b"], [["aab"], ["aaab"], ["ab"], ["abab"], ["aaba"]]),
        Row("StringNotLike", "s3:prefix", ["a*", "*z"], [["abc"], ["xyz"], ["m"], [""], []]),
        Row("StringEqualsIfExists", "aws:SourceVpc", ["vpc-1"], [["vpc-1"], ["vpc-2"], []]),
        // ARNs: wildcards stay inside their segment, except in the last one.
        Row("ArnLike", "aws:SourceArn", ["arn:aws:sns:*:111122223333:*"], [
            ["arn:aws:sns:us-east-1:111122223333:topic"], ["arn:aws:sns::111122223333:t:x"],
            ["arn:aws:sns:us-east-1:444455556666:topic"], ["arn:aws:sqs:us-east-1:111122223333:q"], ["not-an-arn"],
        ]),
        Row("ArnLike", "aws:SourceArn", ["arn:aws:s3:::bucket/*"], [["arn:aws:s3:::bucket/a/b"], ["arn:aws:s3:::bucket"], ["arn:aws:s3:::bucket2/a"]]),
        Row("ArnEquals", "aws:SourceArn", ["arn:aws:iam::*:role/?"], [["arn:aws:iam::1:role/a"], ["arn:aws:iam::1:role/ab"], ["arn:aws:iam:x:1:role/a"]]),
        Row("ArnNotLike", "aws:SourceArn", ["arn:aws:*:*:111122223333:*"], [["arn:aws:s3:us-east-1:111122223333:x"], ["arn:aws:s3:us-east-1:444455556666:x"], []]),
        // IP addresses: unions, complements, both families, host bits.
        Row("IpAddress", "aws:SourceIp", ["10.0.0.0/8", "192.168.1.7/24"], [["10.1.2.3"], ["11.0.0.1"], ["192.168.1.255"], ["192.168.2.0"], ["2001:db8::1"], ["bogus"], []]),
        Row("NotIpAddress", "aws:SourceIp", ["10.0.0.0/8", "2001:db8::/32"], [["10.1.2.3"], ["11.0.0.1"], ["2001:db8:ffff::1"], ["2001:db9::1"], []]),
        Row("IpAddress", "aws:SourceIp", ["0.0.0.0/0"], [["255.255.255.255"], ["::1"]]),
        Row("IpAddress", "aws:SourceIp", ["::/0"], [["::1"], ["1.2.3.4"]]),
        Row("IpAddress", "aws:SourceIp", ["203.0.113.9/32", "not-a-cidr"], [["203.0.113.9"], ["203.0.113.10"]]),
        // Numbers and dates: open and closed interval ends.
        Row("NumericLessThan", "s3:max-keys", ["10"], [["9"], ["10"], ["9.999"], ["-5"], ["abc"], []]),
        Row("NumericGreaterThanEquals", "s3:max-keys", ["10", "100"], [["9"], ["10"], ["1000"]]),
        Row("NumericNotEquals", "s3:max-keys", ["10"], [["10"], ["10.0"], ["11"], []]),
        Row("NumericEquals", "s3:max-keys", ["1e2"], [["100"], ["1e2"], ["99"]]),
        Row("DateGreaterThan", "aws:CurrentTime", ["2024-06-01T00:00:00Z"], [["2024-06-01T00:00:00Z"], ["2024-06-01T00:00:01Z"], ["2023-01-01"], ["garbage"], []]),
        Row("DateLessThanEquals", "aws:CurrentTime", ["2024-06-01"], [["2024-05-31T23:59:59Z"], ["2024-06-01T00:00:00Z"], ["2024-06-01T00:00:00.001Z"]]),
        Row("DateNotEquals", "aws:CurrentTime", ["2024-06-01T00:00:00Z"], [["2024-06-01T00:00:00Z"], ["2024-06-02T00:00:00Z"], []]),
        // Booleans and Null.
        Row("Bool", "aws:SecureTransport", ["true"], [["true"], ["TRUE"], ["false"], ["yes"], []]),
        Row("BoolIfExists", "aws:SecureTransport", ["false"], [["false"], ["true"], []]),
        Row("Null", "aws:SourceVpc", ["true"], [["vpc-1"], []]),
        Row("Null", "aws:SourceVpc", ["false"], [["vpc-1"], []]),
        // Set operators on a multivalued key.
        Row("ForAllValues:StringEquals", "aws:TagKeys", ["a", "b"], [["a"], ["a", "b"], ["a", "c"], []]),
        Row("ForAnyValue:StringEquals", "aws:TagKeys", ["b"], [["a"], ["a", "b"], []]),
        Row("ForAnyValue:StringNotLike", "aws:TagKeys", ["a*"], [["ab"], ["ab", "x"], []]),
        Row("ForAllValues:StringNotEquals", "aws:TagKeys", ["secret"], [["a", "b"], ["a", "secret"], []]),
        Row("ForAnyValue:StringLikeIfExists", "aws:TagKeys", ["team-*"], [["team-a"], ["x"], []]),
        Row("StringEquals", "aws:TagKeys", ["a"], [["a"], ["a", "b"], ["b"], []]),
    ]

    static func context(_ key: String, _ values: [String], multiValued: Bool) -> RequestContext {
        var context = RequestContext()
        if multiValued {
            context.set(key, values: values)
        } else if let value = values.first {
            context.set(key, value)
        }
        return context
    }

    /// Returns the engine's verdict on a present value list under a requirement.
    static func holds(_ present: KeyRequirement.Present, _ values: [String]) -> Bool {
        switch present {
        case .always: return true
        case .never: return false
        case .subset(_, let upper): return values.allSatisfy { upper.contains(text: $0) }
        case .intersects(_, let upper): return values.contains { upper.contains(text: $0) }
        }
    }

    @Test(arguments: rows)
    func clauseAgreesWithEvaluator(_ row: Row) throws {
        let catalog = try ActionCatalog.bundled()
        let compiler = ConditionCompiler(catalog: catalog, variables: false)
        let clause = row.clause
        let conditionOperator = try #require(clause.conditionOperator)
        let (domain, multiValued) = compiler.keyType(clause, conditionOperator)
        let requirement = try compiler.requirement(clause, conditionOperator, domain: domain, isMultiValued: multiValued)
        #expect(requirement.approximation == nil, "the row should compile exactly: \(requirement.approximation ?? "")")

        for sample in row.samples {
            let expected = ConditionEvaluation.holds(clause, context: Self.context(row.key, sample, multiValued: multiValued), variables: false)
            let actual = sample.isEmpty ? requirement.holdsWhenAbsent : Self.holds(requirement.present, sample)
            #expect(actual == expected, "\(sample.isEmpty ? "absent key" : "\(sample)"): engine \(actual), evaluator \(expected)")
        }

        // A witness inside the set satisfies the clause and one outside fails it.
        guard case .subset(let lower, let upper) = requirement.present, !multiValued else { return }
        #expect(lower.isEmpty == upper.isEmpty)
        if let inside = upper.witness {
            #expect(ConditionEvaluation.holds(clause, context: Self.context(row.key, [inside], multiValued: false), variables: false), "witness \(inside)")
        }
        if let outside = upper.complement.witness {
            #expect(!ConditionEvaluation.holds(clause, context: Self.context(row.key, [outside], multiValued: false), variables: false), "outside witness \(outside)")
        }
    }

    struct SetAlgebraRow: CustomTestStringConvertible, Sendable {
        let first: [String]
        let second: [String]
        let samples: [String]

        var testDescription: String { "\(first) and \(second)" }
    }

    static let cidrRows: [SetAlgebraRow] = [
        SetAlgebraRow(first: ["10.0.0.0/8"], second: ["10.128.0.0/9", "11.0.0.0/8"], samples: ["10.0.0.1", "10.200.0.1", "11.1.1.1", "12.0.0.1", "::1"]),
        SetAlgebraRow(first: ["0.0.0.0/1"], second: ["128.0.0.0/1"], samples: ["1.1.1.1", "200.1.1.1", "127.255.255.255", "128.0.0.0"]),
        SetAlgebraRow(first: ["2001:db8::/32"], second: ["2001:db8:8000::/33", "::/0"], samples: ["2001:db8::1", "2001:db8:9000::1", "fe80::1", "10.0.0.1"]),
        SetAlgebraRow(first: ["255.255.255.255/32"], second: ["0.0.0.0/32"], samples: ["255.255.255.255", "0.0.0.0", "0.0.0.1"]),
    ]

    static func addresses(_ blocks: [String]) throws -> ValueSet {
        var set = ValueSet.empty(like: .universe(.ipAddress))
        for block in blocks {
            set = try set.union(ValueMatching.match(.ipAddress, policyValue: block, domain: .ipAddress, variables: false).upper)
        }
        return set
    }

    @Test(arguments: cidrRows)
    func cidrUnionsAndComplements(_ row: SetAlgebraRow) throws {
        let first = try Self.addresses(row.first)
        let second = try Self.addresses(row.second)
        let union = try first.union(second)
        let intersection = try first.intersection(second)
        for sample in row.samples {
            let address = try #require(IPAddress(sample))
            let inFirst = row.first.contains { CIDRBlock($0)?.contains(address) ?? false }
            let inSecond = row.second.contains { CIDRBlock($0)?.contains(address) ?? false }
            #expect(first.contains(text: sample) == inFirst, "\(sample) in \(row.first)")
            #expect(union.contains(text: sample) == (inFirst || inSecond), "\(sample) in the union")
            #expect(intersection.contains(text: sample) == (inFirst && inSecond), "\(sample) in the intersection")
            #expect(first.complement.contains(text: sample) == !inFirst, "\(sample) in the complement")
        }
        if let witness = first.complement.witness {
            #expect(!first.contains(text: witness), "complement witness \(witness)")
        }
    }
}
