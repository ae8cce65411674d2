import Testing

@testable import PolicyLanguage

struct PolicyVariableTests {
    @Test func parsesVariablesDefaultsAndEscapes() {
        let template = PolicyTemplate("home/${aws:username}/${aws:PrincipalTag/team, 'it''s'}/${*}${?}${$}*", wildcards: true, variables: true)
        #expect(template.parts == [
            .text("home/"), .variable(key: "aws:username", defaultValue: nil), .text("/"),
            .variable(key: "aws:principaltag/team", defaultValue: "it's"), .text("/*?$"), .anyRun,
        ])
        #expect(template.syntaxErrors.isEmpty)
    }

    @Test func keepsMalformedVariablesAsText() {
        let unclosed = PolicyTemplate("a/${aws:username", wildcards: false, variables: true)
        #expect(unclosed.parts == [.text("a/${aws:username")])
        #expect(unclosed.syntaxErrors == [.missingClosingBrace("${aws:username")])
        let empty = PolicyTemplate("${ }", wildcards: false, variables: true)
        #expect(empty.syntaxErrors == [.emptyVariable])
        let badDefault = PolicyTemplate("${aws:username, none}", wildcards: false, variables: true)
        #expect(badDefault.syntaxErrors == [.invalidDefault("aws:username, none")])
    }

    @Test func variablesAreTextWhenDisabled() {
        let template = PolicyTemplate("${aws:username}*", wildcards: true, variables: false)
        #expect(template.parts == [.text("${aws:username}"), .anyRun])
    }

    static let userPolicy = #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::home/${aws:username}/*"}}"#

    @Test func substitutesVariablesInResources() throws {
        let policy = try document(Self.userPolicy)
        #expect(try decision([policy], resource: "arn:aws:s3:::home/alice/notes") == .allowed)
        #expect(try decision([policy], resource: "arn:aws:s3:::home/bob/notes") == .implicitDeny)
    }

    @Test func missingVariableMatchesNothing() throws {
        let policy = try document(Self.userPolicy)
        // Role sessions have no aws:username.
        #expect(try decision([policy], principal: Principals.adminSession, resource: "arn:aws:s3:::home/${aws:username}/x") == .implicitDeny)
        #expect(try decision([policy], principal: Principals.adminSession, resource: "arn:aws:s3:::home//x") == .implicitDeny)
    }

    @Test func missingVariableLeavesNotResourceUnrestricted() throws {
        let policy = try document(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","NotResource":"arn:aws:s3:::home/${aws:username}/*"}}"#)
        #expect(try decision([policy], principal: Principals.adminSession, resource: "arn:aws:s3:::home/x/y") == .allowed)
        #expect(try decision([policy], resource: "arn:aws:s3:::home/alice/y") == .implicitDeny)
    }

    @Test func defaultReplacesMissingValue() throws {
        let policy = try document(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::team-${aws:PrincipalTag/team, 'none'}/*"}}"#)
        #expect(try decision([policy], resource: "arn:aws:s3:::team-none/k") == .allowed)
        let tagged = RequestPrincipal(.iamUser(arn: "arn:aws:iam::111122223333:user/alice"), tags: ["team": "red"])
        #expect(try decision([policy], principal: tagged, resource: "arn:aws:s3:::team-red/k") == .allowed)
        #expect(try decision([policy], principal: tagged, resource: "arn:aws:s3:::team-none/k") == .implicitDeny)
    }

    @Test func substitutedValuesAreLiteral() throws {
        let policy = try document(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringLike":{"s3:prefix":"${aws:PrincipalTag/p}/*"}}}}"#)
        let starTag = RequestPrincipal(.iamUser(arn: "arn:aws:iam::111122223333:user/a"), tags: ["p": "*"])
        #expect(try decision([policy], principal: starTag, context: ["s3:prefix": "*/x"]) == .allowed)
        #expect(try decision([policy], principal: starTag, context: ["s3:prefix": "any/x"]) == .implicitDeny)
    }

    @Test func specialCharacterVariablesAreLiteral() throws {
        let policy = try document(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringLike":{"s3:prefix":"a${*}b${?}"}}}}"#)
        #expect(try decision([policy], context: ["s3:prefix": "a*b?"]) == .allowed)
        #expect(try decision([policy], context: ["s3:prefix": "axbx"]) == .implicitDeny)
    }

    @Test func variablesInConditionValues() throws {
        let policy = try document(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/owner":"${aws:username}"}}}}"#)
        #expect(try decision([policy], context: ["aws:ResourceTag/owner": "alice"]) == .allowed)
        #expect(try decision([policy], context: ["aws:ResourceTag/owner": "bob"]) == .implicitDeny)
        #expect(try decision([policy], context: ["aws:ResourceTag/owner": "${aws:username}"]) == .implicitDeny)
    }

    @Test func negatedOperatorWithMissingVariableHolds() throws {
        let policy = try document(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringNotEquals":{"aws:ResourceTag/owner":"${aws:username}"}}}]}"#)
        #expect(try decision([policy], context: ["aws:ResourceTag/owner": "alice"]) == .allowed)
        #expect(try decision([policy], principal: Principals.adminSession, context: ["aws:ResourceTag/owner": "alice"]) == .explicitDeny)
    }

    @Test func version2008TreatsVariablesAsText() throws {
        let policy = try document(#"{"Version":"2008-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::home/${aws:username}/*"}}"#)
        #expect(try decision([policy], resource: "arn:aws:s3:::home/alice/x") == .implicitDeny)
        #expect(try decision([policy], resource: "arn:aws:s3:::home/${aws:username}/x") == .allowed)
    }

    @Test func numericOperatorsDoNotSubstitute() throws {
        let policy = try document(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"NumericEquals":{"s3:max-keys":"${aws:PrincipalTag/n}"}}}}"#)
        let tagged = RequestPrincipal(.iamUser(arn: "arn:aws:iam::111122223333:user/a"), tags: ["n": "5"])
        #expect(try decision([policy], principal: tagged, context: ["s3:max-keys": "5"]) == .implicitDeny)
    }
}
