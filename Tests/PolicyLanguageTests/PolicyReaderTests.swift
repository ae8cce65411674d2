import Testing

@testable import PolicyLanguage

/// Renders diagnostics as "line:column CODE message" for compact, pinned comparisons.
func renderedDiagnostics(_ diagnostics: [Diagnostic]) -> [String] {
    diagnostics.map { diagnostic in
        let place = diagnostic.location.map { "\($0.line):\($0.column)" } ?? "-"
        return "\(place) \(diagnostic.code) \(diagnostic.message)"
    }
}

struct PolicyReaderTests {
    @Test func readsEveryElementWithLocationsAndPointers() throws {
        let text = """
            {
              "Version": "2012-10-17",
              "Id": "example",
              "Statement": [
                {
                  "Sid": "Public",
                  "Effect": "Allow",
                  "Principal": {"AWS": ["111122223333", "arn:aws:iam::444455556666:role/R"], "Service": "s3.amazonaws.com"},
                  "Action": ["s3:GetObject", "s3:List*"],
                  "Resource": "arn:aws:s3:::bucket/*",
                  "Condition": {"StringEquals": {"aws:SourceVpc": ["vpc-1", "vpc-2"]}, "Bool": {"aws:SecureTransport": true}}
                },
                {"Effect": "Deny", "NotPrincipal": "*", "NotAction": "s3:*", "NotResource": ["arn:aws:s3:::x"]}
              ]
            }
            """
        let result = PolicyReader.read(text: text, name: "policy.json")
        #expect(result.diagnostics.isEmpty)
        let document = try #require(result.document)
        #expect(document.version?.value == .v2012_10_17)
        #expect(document.id?.value == "example")
        #expect(document.statements.count == 2)

        let first = document.statements[0]
        #expect(first.sid?.value == "Public")
        #expect(first.effect?.value == .allow)
        #expect(first.effect?.location?.description == "7:17")
        let principal = try #require(first.principal)
        #expect(!principal.isNegated)
        #expect(principal.entries.map(\.displayText) == [
            #"{"AWS":"111122223333"}"#, #"{"AWS":"arn:aws:iam::444455556666:role/R"}"#, #"{"Service":"s3.amazonaws.com"}"#,
        ])
        #expect(principal.entries[1].pointer.description == "/Statement/0/Principal/AWS/1")
        #expect(first.action?.patterns.map(\.value) == ["s3:GetObject", "s3:List*"])
        #expect(first.action?.patterns[1].location?.description == "9:34")
        #expect(first.resource?.patterns.map(\.value) == ["arn:aws:s3:::bucket/*"])
        #expect(first.conditions.count == 2)
        #expect(first.conditions[0].conditionOperator == ConditionOperator(.stringEquals))
        #expect(first.conditions[0].key.pointer.description == "/Statement/0/Condition/StringEquals/aws:SourceVpc")
        #expect(first.conditions[0].values.map(\.text) == ["vpc-1", "vpc-2"])
        #expect(first.conditions[1].values == [ConditionValue(text: "true", jsonType: .boolean)])

        let second = document.statements[1]
        #expect(second.effect?.value == .deny)
        #expect(second.principal?.isNegated == true)
        #expect(second.principal?.entries.first?.isWildcard == true)
        #expect(second.action?.isNegated == true)
        #expect(second.resource?.isNegated == true)
    }

    @Test func acceptsStatementAsSingleObject() throws {
        let result = PolicyReader.read(text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#)
        #expect(result.diagnostics.isEmpty)
        #expect(result.document?.statements.count == 1)
        #expect(result.document?.statements[0].pointer.description == "/Statement")
    }

    @Test func readsNumbersAndBooleansAsConditionValues() throws {
        let result = PolicyReader.read(text: #"{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"NumericGreaterThan":{"aws:MultiFactorAuthAge":[28800, "3600"]},"Null":{"aws:TokenIssueTime":false}}}}"#)
        #expect(result.diagnostics.isEmpty)
        let clauses = try #require(result.document?.statements.first?.conditions)
        #expect(clauses[0].values.map(\.jsonType) == [.number, .string])
        #expect(clauses[0].values.map(\.text) == ["28800", "3600"])
        #expect(clauses[1].values.map(\.text) == ["false"])
    }

    @Test func parsesOperatorModifiersIgnoringCase() {
        #expect(ConditionOperator(name: "ForAnyValue:StringEqualsIfExists") == ConditionOperator(.stringEquals, ifExists: true, qualifier: .forAnyValue))
        #expect(ConditionOperator(name: "forallvalues:stringlike") == ConditionOperator(.stringLike, qualifier: .forAllValues))
        #expect(ConditionOperator(name: "ARNEquals") == ConditionOperator(.arnEquals))
        #expect(ConditionOperator(name: "NullIfExists") == ConditionOperator(.null, ifExists: true))
        #expect(ConditionOperator(name: "StringEqual") == nil)
        #expect(ConditionOperator(name: "SomeValues:StringEquals") == nil)
        #expect(ConditionOperator(name: "IfExists") == nil)
    }

    /// Each row: a policy and the diagnostics it must produce, as "line:column CODE message".
    static let invalidPolicies: [(String, [String])] = [
        (
            "not json",
            ["1:1 JSON_SYNTAX_ERROR invalid JSON: expected a JSON value, found 'not'"]
        ),
        (
            "[1]",
            ["1:1 INVALID_POLICY_DOCUMENT expected a policy document object, found array"]
        ),
        (
            #"{"Version": "2012-10-17"}"#,
            ["1:1 MISSING_STATEMENT the policy has no 'Statement'"]
        ),
        (
            #"{"Version": "2012-10-17", "Statement": []}"#,
            ["1:40 MISSING_STATEMENT 'Statement' is an empty array; a policy needs at least one statement"]
        ),
        (
            #"{"Version": "2012-10-18", "Statement": "x"}"#,
            [
                "1:13 INVALID_VERSION '2012-10-18' is not a policy language version, expected '2012-10-17' or '2008-10-17'",
                "1:40 INVALID_ELEMENT_TYPE expected an object or an array of objects for 'Statement', found string",
            ]
        ),
        (
            #"{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}"#,
            ["1:1 MISSING_VERSION the policy has no 'Version', so AWS applies version 2008-10-17, in which policy variables are plain text"]
        ),
        (
            #"{"Version": "2012-10-17", "Statment": [], "Statement": {"Effect": "Allow", "Action": "*"}}"#,
            ["1:27 UNKNOWN_ELEMENT unknown element 'Statment' in policy document"]
        ),
        (
            #"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Action": "*", "resource": "*"}}"#,
            [
                "1:78 DUPLICATE_KEY duplicate member 'Action' (first at 1:60); AWS rejects or misreads such documents",
                "1:93 UNKNOWN_ELEMENT unknown element 'resource' in statement",
            ]
        ),
        (
            #"{"Version": "2012-10-17", "Statement": {"Resource": "*"}}"#,
            [
                "1:40 MISSING_EFFECT the statement has no 'Effect'",
                "1:40 MISSING_ACTION the statement has no 'Action' or 'NotAction'",
            ]
        ),
        (
            #"{"Version": "2012-10-17", "Statement": {"Effect": "allow", "Action": "*"}}"#,
            ["1:51 INVALID_EFFECT 'allow' is not a valid 'Effect', expected 'Allow' or 'Deny'"]
        ),
        (
            #"{"Version": "2012-10-17", "Statement": {"Effect": true, "Action": "*"}}"#,
            ["1:51 INVALID_ELEMENT_TYPE expected \"Allow\" or \"Deny\" for 'Effect', found boolean"]
        ),
        (
            #"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "NotAction": "s3:PutObject"}}"#,
            ["1:86 UNSUPPORTED_ELEMENT_COMBINATION a statement cannot have both 'Action' and 'NotAction'"]
        ),
        (
            #"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": ["s3:GetObject", 7], "Resource": []}}"#,
            [
                "1:87 INVALID_ELEMENT_TYPE expected a string in 'Action', found number",
                "1:103 EMPTY_ARRAY_RESOURCE 'Resource' is empty, so the statement applies to no resource",
            ]
        ),
        (
            #"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": "arn:aws:iam::111122223333:root", "Action": "*"}}"#,
            ["1:73 INVALID_ELEMENT_TYPE expected \"*\" or an object of AWS, Service, Federated or CanonicalUser values for 'Principal', found the string 'arn:aws:iam::111122223333:root'"]
        ),
        (
            #"{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "NotPrincipal": ["a", "b"], "Action": "*"}}"#,
            ["1:75 INVALID_ELEMENT_TYPE expected \"*\" or an object of AWS, Service, Federated or CanonicalUser values for 'NotPrincipal', found array"]
        ),
        (
            #"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"aws": "*", "Service": []}, "Action": "*"}}"#,
            [
                "1:74 INVALID_PRINCIPAL_KEY 'aws' is not a principal type, expected AWS, Service, Federated or CanonicalUser",
                "1:97 EMPTY_ARRAY_PRINCIPAL 'Principal' lists no Service principal",
            ]
        ),
        (
            #"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Condition": {"StringEqual": {"aws:SourceVpc": "v"}}}}"#,
            ["1:89 UNKNOWN_CONDITION_OPERATOR 'StringEqual' is not a condition operator"]
        ),
        (
            #"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Condition": {"StringEquals": {"aws:SourceVpc": null, "aws:SourceIp": [{}], "aws:userid": []}}}}"#,
            [
                "1:123 INVALID_ELEMENT_TYPE expected a string, number, boolean or an array of them for condition key 'aws:SourceVpc', found null",
                "1:146 INVALID_ELEMENT_TYPE expected a string, number or boolean in the values of 'aws:SourceIp', found object",
                "1:165 EMPTY_ARRAY_CONDITION condition key 'aws:userid' has no values",
            ]
        ),
        (
            #"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Condition": {"StringEquals": {"aws:SourceVpc": "a", "AWS:SOURCEVPC": "b"}}}}"#,
            ["1:128 DUPLICATE_KEYS_WITH_DIFFERENT_CASE condition key 'AWS:SOURCEVPC' repeats 'aws:SourceVpc' with different case; key names are case-insensitive"]
        ),
        (
            #"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {}, "Action": [], "NotAction": []}}"#,
            [
                "1:73 EMPTY_OBJECT_PRINCIPAL 'Principal' is an empty object and names no principal",
                "1:91 UNSUPPORTED_ELEMENT_COMBINATION a statement cannot have both 'Action' and 'NotAction'",
                "1:87 EMPTY_ARRAY_ACTION 'Action' is empty, so the statement applies to no action",
            ]
        ),
        (
            #"{"Version": "2012-10-17", "Statement": {"Sid": "", "Effect": "Allow", "Action": "*", "Condition": {}}}"#,
            [
                "1:48 EMPTY_SID_VALUE 'Sid' is empty",
                "1:99 EMPTY_OBJECT_CONDITION 'Condition' is empty and restricts nothing",
            ]
        ),
    ]

    @Test(arguments: invalidPolicies)
    func reportsStructuralProblems(text: String, expected: [String]) {
        let result = PolicyReader.read(text: text)
        #expect(renderedDiagnostics(result.diagnostics) == expected)
    }

    @Test func suggestsCorrectSpellings() {
        let result = PolicyReader.read(text: #"{"Version": "2012-10-17", "Statement": {"effect": "Allow", "Action": "*", "Condition": {"StringEqual": {"k:k": "v"}}, "Principal": {"Aws": "*"}}}"#)
        let help = result.diagnostics.compactMap(\.help)
        #expect(help.contains("did you mean 'Effect'? Element names are case-sensitive"))
        #expect(help.contains("did you mean 'StringEquals'?"))
        #expect(help.contains("did you mean 'AWS'?"))
    }

    @Test func marksStatementsWithErrors() throws {
        let result = PolicyReader.read(text: #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*"}, {"Effect": "Allow", "Action": "*", "Condition": {"Bad": {"a:b": "c"}}}]}"#)
        let statements = try #require(result.document?.statements)
        #expect(!statements[0].hasReadErrors)
        #expect(statements[1].hasReadErrors)
        #expect(!result.isComplete)
    }

    @Test func readsUTF16Policies() throws {
        let text = #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}"#
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 {
            bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        let result = PolicyReader.read(bytes: bytes, name: "utf16.json")
        #expect(result.diagnostics.isEmpty)
        #expect(result.document?.statements.first?.action?.patterns.first?.value == "s3:GetObject")
    }
}
