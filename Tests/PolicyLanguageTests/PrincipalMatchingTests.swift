import Testing

@testable import PolicyLanguage

/// One row: the Principal element as JSON, the requester, whether the Allow statement applies.
struct PrincipalCase: Sendable, CustomTestStringConvertible {
    let element: String
    let principal: RequestPrincipal
    let expected: Bool
    let line: Int

    init(_ element: String, _ principal: RequestPrincipal, _ expected: Bool, line: Int = #line) {
        self.element = element
        self.principal = principal
        self.expected = expected
        self.line = line
    }

    var testDescription: String { "line \(line): \(element) vs \(principal)" }
}

func isAllowed(principalElement: String, elementName: String = "Principal", effect: String = "Allow", principal: RequestPrincipal) throws -> Bool {
    let text = """
        {"Version": "2012-10-17", "Statement": [
          {"Effect": "\(effect)", "\(elementName)": \(principalElement), "Action": "s3:GetObject", "Resource": "*"}
          \(effect == "Deny" ? #", {"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}"# : "")
        ]}
        """
    let read = PolicyReader.read(text: text)
    let document = try #require(read.document)
    let request = Request(principal: principal, action: "s3:GetObject", resource: "arn:aws:s3:::b/k")
    return try PolicyEvaluator.evaluate(request, policies: [document]).decision == .allowed
}

enum Principals {
    static let anonymous = RequestPrincipal(.anonymous)
    static let root = RequestPrincipal(.accountRoot(account: "111122223333"))
    static let otherRoot = RequestPrincipal(.accountRoot(account: "444455556666"))
    static let alice = RequestPrincipal(.iamUser(arn: "arn:aws:iam::111122223333:user/team/alice"))
    static let adminSession = RequestPrincipal(.roleSession(roleARN: "arn:aws:iam::111122223333:role/ops/Admin", sessionName: "s1"))
    static let otherSession = RequestPrincipal(.roleSession(roleARN: "arn:aws:iam::444455556666:role/Admin", sessionName: "s1"))
    static let federatedUser = RequestPrincipal(.federatedUser(arn: "arn:aws:sts::111122223333:federated-user/bob"))
    static let s3Service = RequestPrincipal(.service(name: "s3.amazonaws.com"))
    static let cognito = RequestPrincipal(.federatedProvider(name: "cognito-identity.amazonaws.com"))
    static let canonical = RequestPrincipal(.canonicalUser(id: "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"))
    static let sessionWithID = RequestPrincipal(
        .roleSession(roleARN: "arn:aws:iam::111122223333:role/R", sessionName: "s"), uniqueID: "AROAEXAMPLEID1234567")
}

struct PrincipalMatchingTests {
    static let cases: [PrincipalCase] = [
        // "*" and {"AWS": "*"} name everyone, anonymous callers and services included.
        PrincipalCase(#""*""#, Principals.anonymous, true),
        PrincipalCase(#""*""#, Principals.s3Service, true),
        PrincipalCase(#"{"AWS": "*"}"#, Principals.anonymous, true),
        PrincipalCase(#"{"AWS": "*"}"#, Principals.alice, true),
        // An account id, bare or as the root ARN, names every principal of that account.
        PrincipalCase(#"{"AWS": "111122223333"}"#, Principals.root, true),
        PrincipalCase(#"{"AWS": "111122223333"}"#, Principals.alice, true),
        PrincipalCase(#"{"AWS": "111122223333"}"#, Principals.adminSession, true),
        PrincipalCase(#"{"AWS": "111122223333"}"#, Principals.federatedUser, true),
        PrincipalCase(#"{"AWS": "111122223333"}"#, Principals.otherSession, false),
        PrincipalCase(#"{"AWS": "111122223333"}"#, Principals.anonymous, false),
        PrincipalCase(#"{"AWS": "111122223333"}"#, Principals.s3Service, false),
        PrincipalCase(#"{"AWS": "arn:aws:iam::111122223333:root"}"#, Principals.alice, true),
        PrincipalCase(#"{"AWS": "arn:aws:iam::444455556666:root"}"#, Principals.alice, false),
        // Users and roles by ARN; a role ARN names its sessions.
        PrincipalCase(#"{"AWS": "arn:aws:iam::111122223333:user/team/alice"}"#, Principals.alice, true),
        PrincipalCase(#"{"AWS": "arn:aws:iam::111122223333:user/team/ALICE"}"#, Principals.alice, true),
        PrincipalCase(#"{"AWS": "arn:aws:iam::111122223333:user/alice"}"#, Principals.alice, false),
        PrincipalCase(#"{"AWS": "arn:aws:iam::111122223333:role/ops/Admin"}"#, Principals.adminSession, true),
        PrincipalCase(#"{"AWS": "arn:aws:iam::111122223333:role/ops/Admin"}"#, Principals.root, false),
        PrincipalCase(#"{"AWS": "arn:aws:sts::111122223333:assumed-role/Admin/s1"}"#, Principals.adminSession, true),
        PrincipalCase(#"{"AWS": "arn:aws:sts::111122223333:assumed-role/Admin/s2"}"#, Principals.adminSession, false),
        PrincipalCase(#"{"AWS": "arn:aws:sts::111122223333:federated-user/bob"}"#, Principals.federatedUser, true),
        // Wildcards inside an AWS principal are not patterns.
        PrincipalCase(#"{"AWS": "arn:aws:iam::*:root"}"#, Principals.root, false),
        PrincipalCase(#"{"AWS": ["444455556666", "*"]}"#, Principals.anonymous, true),
        // Unique ids match only a principal with that id; placeholders never collide with them.
        PrincipalCase(#"{"AWS": "AROAEXAMPLEID1234567"}"#, Principals.sessionWithID, true),
        PrincipalCase(#"{"AWS": "AROAEXAMPLEID1234567"}"#, Principals.adminSession, false),
        // Services, identity providers and canonical users.
        PrincipalCase(#"{"Service": "s3.amazonaws.com"}"#, Principals.s3Service, true),
        PrincipalCase(#"{"Service": ["sns.amazonaws.com"]}"#, Principals.s3Service, false),
        PrincipalCase(#"{"Service": "s3.amazonaws.com"}"#, Principals.root, false),
        PrincipalCase(#"{"Federated": "cognito-identity.amazonaws.com"}"#, Principals.cognito, true),
        PrincipalCase(#"{"Federated": "accounts.google.com"}"#, Principals.cognito, false),
        PrincipalCase(#"{"CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"}"#, Principals.canonical, true),
        PrincipalCase(#"{"CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"}"#, Principals.root, false),
    ]

    @Test(arguments: cases)
    func principalElementNamesRequester(_ row: PrincipalCase) throws {
        #expect(try isAllowed(principalElement: row.element, principal: row.principal) == row.expected, "line \(row.line)")
    }

    /// Rows for a Deny with NotPrincipal next to an Allow for everyone: expected is whether the requester escapes the Deny.
    static let notPrincipalCases: [PrincipalCase] = [
        PrincipalCase(#"{"AWS": "111122223333"}"#, Principals.root, true),
        PrincipalCase(#"{"AWS": "111122223333"}"#, Principals.alice, false),
        PrincipalCase(#"{"AWS": "arn:aws:iam::111122223333:role/ops/Admin"}"#, Principals.adminSession, false),
        PrincipalCase(#"{"AWS": ["111122223333", "arn:aws:iam::111122223333:role/ops/Admin"]}"#, Principals.adminSession, false),
        PrincipalCase(
            #"{"AWS": ["111122223333", "arn:aws:iam::111122223333:role/ops/Admin", "arn:aws:sts::111122223333:assumed-role/Admin/s1"]}"#,
            Principals.adminSession, true),
        PrincipalCase(#"{"AWS": ["111122223333", "arn:aws:iam::111122223333:user/team/alice"]}"#, Principals.alice, true),
        PrincipalCase(#"{"AWS": "111122223333"}"#, Principals.anonymous, false),
        PrincipalCase(#"{"Service": "s3.amazonaws.com"}"#, Principals.s3Service, true),
        PrincipalCase(#""*""#, Principals.anonymous, true),
    ]

    @Test(arguments: notPrincipalCases)
    func denyWithNotPrincipalExemptsOnlyTheWholeChain(_ row: PrincipalCase) throws {
        let allowed = try isAllowed(principalElement: row.element, elementName: "NotPrincipal", effect: "Deny", principal: row.principal)
        #expect(allowed == row.expected, "line \(row.line)")
    }

    @Test func allowWithNotPrincipalGrantsEveryoneElse() throws {
        #expect(try isAllowed(principalElement: #"{"AWS": "111122223333"}"#, elementName: "NotPrincipal", principal: Principals.anonymous))
        #expect(try isAllowed(principalElement: #"{"AWS": "111122223333"}"#, elementName: "NotPrincipal", principal: Principals.otherRoot))
        #expect(try !isAllowed(principalElement: #"{"AWS": "111122223333"}"#, elementName: "NotPrincipal", principal: Principals.root))
    }

    @Test func derivedContextDescribesThePrincipal() {
        let context = Request(principal: Principals.adminSession, action: "s3:GetObject", resource: "*").effectiveContext
        #expect(context.entry(for: "aws:PrincipalArn")?.values == ["arn:aws:iam::111122223333:role/ops/Admin"])
        #expect(context.entry(for: "aws:PrincipalAccount")?.values == ["111122223333"])
        #expect(context.entry(for: "aws:PrincipalType")?.values == ["AssumedRole"])
        #expect(context.entry(for: "aws:userid")?.values.first?.hasPrefix("AROA") == true)
        #expect(context.entry(for: "aws:userid")?.values.first?.hasSuffix(":s1") == true)
        #expect(context.entry(for: "aws:username") == nil)
        #expect(Principals.adminSession.callerARN == "arn:aws:sts::111122223333:assumed-role/Admin/s1")

        let userContext = Request(principal: Principals.alice, action: "s3:GetObject", resource: "*").effectiveContext
        #expect(userContext.entry(for: "aws:username")?.values == ["alice"])
        let anonymousContext = Request(principal: Principals.anonymous, action: "s3:GetObject", resource: "*").effectiveContext
        #expect(anonymousContext.entry(for: "aws:PrincipalArn") == nil)
        #expect(anonymousContext.entry(for: "aws:userid")?.values == ["anonymous"])
    }

    @Test func callerAccountOnlyOnKMSRequests() {
        let onKMS = Request(principal: Principals.alice, action: "KMS:Decrypt", resource: "*").effectiveContext
        #expect(onKMS.entry(for: "kms:CallerAccount")?.values == ["111122223333"])
        let onS3 = Request(principal: Principals.alice, action: "s3:GetObject", resource: "*").effectiveContext
        #expect(onS3.entry(for: "kms:CallerAccount") == nil)
    }

    @Test func rootUserCarriesNoPrincipalTags() {
        let tagged = RequestPrincipal(.accountRoot(account: "111122223333"), tags: ["team": "red"])
        let context = Request(principal: tagged, action: "s3:GetObject", resource: "*").effectiveContext
        #expect(context.entry(for: "aws:PrincipalTag/team") == nil)
        let user = RequestPrincipal(.iamUser(arn: "arn:aws:iam::111122223333:user/alice"), tags: ["team": "red"])
        #expect(Request(principal: user, action: "s3:GetObject", resource: "*").effectiveContext.entry(for: "aws:PrincipalTag/team")?.values == ["red"])
    }

    @Test func explicitContextOverridesDerivedKeys() {
        var context = RequestContext()
        context.set("aws:PrincipalAccount", "999999999999")
        let request = Request(principal: Principals.alice, action: "s3:GetObject", resource: "*", context: context)
        #expect(request.effectiveContext.entry(for: "aws:principalaccount")?.values == ["999999999999"])
    }
}
