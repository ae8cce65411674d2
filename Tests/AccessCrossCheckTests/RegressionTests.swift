import AccessReasoning
import PolicyLanguage
import Testing

@testable import AccessCrossCheck

/// Policies on which the engines once disagreed, shrunk to their core, with the answer the
/// concrete evaluator gives.
struct RegressionTests {
    static let checker = CrossChecker(catalog: Z3EngineTests.catalog)

    static func agreeOnAccess(_ text: String, within region: RequestConstraint) -> Bool? {
        var tally = CrossCheckTally()
        let outcome = checker.checkAllowed([Z3EngineTests.policy(text)], within: region, tally: &tally)
        switch outcome {
        case .agreed(let access): return access
        case .disagreed(let disagreement):
            Issue.record("\(disagreement)")
            return nil
        case .undecided:
            Issue.record("undecided: \(outcome)")
            return nil
        }
    }

    /// `*object` has no `:`, yet its `*` matches the colon of `s3:GetObject`; the native
    /// engine once matched such patterns against no catalog action.
    @Test func actionPatternWithoutColonMatchesCatalogAction() {
        let text = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*object","Resource":"*"}]}"#
        #expect(Self.agreeOnAccess(text, within: .actions(["s3:GetObject"])) == true)
    }

    @Test func servicePrefixPatternMatchesCatalogAction() {
        let text = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3*","Resource":"*"}]}"#
        #expect(Self.agreeOnAccess(text, within: .actions(["s3:GetObject"])) == true)
    }

    /// The native engine once built the witness action `*` for names outside the catalog
    /// that only long words reach, which the evaluator rejected.
    @Test func actionOutsideCatalogGetsAWitness() {
        let text = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*object","Resource":"*"}]}"#
        #expect(Self.agreeOnAccess(text, within: .futureActions(["*object"])) == true)
    }

    /// Here the shortest name of the language, `s3:putobject`, is a catalog action, and the
    /// native engine once gave up on finding a longer one and built the action `*`.
    @Test func actionOutsideCatalogBesideCatalogName() {
        let text = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*object"}]}"#
        #expect(Self.agreeOnAccess(text, within: .all([.futureActions(["s3:*"]), .actions(["s3:Put*"])])) == true)
    }

    /// A service acting for another account's resource may leave out `aws:SourceAccount`;
    /// the native engine once took the key as always present for such services.
    @Test func serviceWithoutSourceAccountKey() {
        let text = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}"#
        #expect(Self.agreeOnAccess(text, within: .all([.keyAbsent("aws:SourceAccount"), .serviceSourceAccounts(["444455556666"])])) == true)
    }

    /// `kms:CallerAccount` is absent from the requests of other services; the native engine
    /// once took it as present for every account identity.
    @Test func callerAccountAbsentOutsideKMS() {
        let text = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}"#
        #expect(Self.agreeOnAccess(text, within: .keyAbsent("kms:CallerAccount")) == true)
        #expect(Self.agreeOnAccess(text, within: .all([.keyAbsent("kms:CallerAccount"), .actions(["kms:Decrypt"])])) == false)
    }

    /// A region asking for `aws:SourceIp` to be absent once typed the key as a string, and
    /// the native engine crashed on the policy's `IpAddress` clause on the same key.
    @Test func absentAddressKeyMeetsAddressCondition() {
        let text = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}},{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"192.0.2.1"}}}]}"#
        #expect(Self.agreeOnAccess(text, within: .all([.keyAbsent("aws:SourceIp"), .actions(["s3:GetObject"])])) == true)
        #expect(Self.agreeOnAccess(text, within: .not(.keyAbsent("aws:SourceIp"))) == true)
    }

    /// Account identities carry no `aws:SourceArn`, so the Allow never matches. The native
    /// engine once ran past its time limit here, splitting the `StringLike` pattern over the
    /// source ARN's components for the service kinds.
    @Test func sourceArnPatternOnAccountIdentities() {
        let text = #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"S3:get?bject","NotResource":"arn:aws:s3:::*","Condition":{"ForAllValues:StringNotEquals":{"aws:PrincipalOrgPaths":["o-2/*","o-1/*"]}}},{"Effect":"Allow","NotPrincipal":{"AWS":"111122223333"},"NotAction":"s3:*","Resource":"*","Condition":{"StringLike":{"aws:SourceArn":"arn:aws:sns:*:444455556666:*"},"StringNotEquals":{"aws:PrincipalOrgID":"o-1"}}}]}"#
        #expect(Self.agreeOnAccess(text, within: .principalClasses([.accountIdentity])) == false)
    }

    /// With `aws:SourceAccount` present and other than 444455556666, a source ARN matches
    /// `arn:aws:sns:*:444455556666:*` only when its resource part starts with
    /// `444455556666:`, because the first `*` of `StringLike` also matches colons.
    @Test func sourceArnPatternWithOtherSourceAccount() {
        let text = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{"StringLike":{"aws:SourceArn":"arn:aws:sns:*:444455556666:*"}}},{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:SourceAccount":"444455556666"}}},{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{"Null":{"aws:SourceAccount":"true"}}}]}"#
        #expect(Self.agreeOnAccess(text, within: .principalClasses([.serviceForResource])) == true)
        #expect(Self.agreeOnAccess(text, within: .principalClasses([.accountIdentity])) == false)
    }

    /// A Deny on every action whose condition is the same `StringLike` pattern: a service
    /// whose source ARN does not match the pattern, or that sends none, is still allowed.
    @Test func denyOnSourceArnPattern() {
        let text = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"},{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{"StringLike":{"aws:SourceArn":"arn:aws:sns:*:444455556666:*"}}}]}"#
        #expect(Self.agreeOnAccess(text, within: .principalClasses([.serviceForResource])) == true)
        #expect(Self.agreeOnAccess(text, within: .all([.principalClasses([.serviceForResource]), .not(.keyAbsent("aws:SourceArn"))])) == true)
        #expect(Self.agreeOnAccess(text, within: .all([.principalClasses([.serviceForResource]), .condition(operator: "StringLike", key: "aws:SourceArn", values: ["arn:aws:sns:us-east-1:444455556666:*"])])) == false)
    }
}
