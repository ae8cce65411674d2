import Foundation
import PolicyLanguage
import SharedMaterialSupport
import Testing

@testable import AccessReasoning

func policy(_ text: String) throws -> PolicyDocument {
    let read = PolicyReader.read(text: text)
    let complete = read.isComplete
    #expect(complete, "policy does not read: \(read.diagnostics.map(\.message))")
    return try #require(read.document)
}

/// A statement list wrapped in a version 2012-10-17 document.
func statements(_ text: String) throws -> PolicyDocument {
    try policy(#"{"Version":"2012-10-17","Statement":\#(text)}"#)
}

func engine() throws -> AccessEngine {
    AccessEngine(catalog: try ActionCatalog.bundled())
}

/// One row: statements, a constraint, whether access is expected.
struct AllowedCase: Sendable, CustomTestStringConvertible {
    let statements: String
    let constraint: RequestConstraint
    let expectsAccess: Bool
    let line: Int

    init(_ statements: String, within constraint: RequestConstraint = .any, _ expectsAccess: Bool, line: Int = #line) {
        self.statements = statements
        self.constraint = constraint
        self.expectsAccess = expectsAccess
        self.line = line
    }

    var testDescription: String { "line \(line)" }
}

struct EngineQueryTests {
    static let anonymous = RequestConstraint.principalClasses([.anonymous])

    static let allowedCases: [AllowedCase] = [
        AllowedCase(#"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}"#, true),
        AllowedCase(#"{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*"}"#, false),
        AllowedCase(#"[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"},{"Effect":"Deny","Principal":"*","Action":"s3:Get*","Resource":"*"}]"#, false),
        AllowedCase(#"[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"},{"Effect":"Deny","Principal":"*","Action":"s3:Get*","Resource":"*"}]"#, within: .actions(["s3:GetObject"]), false),
        AllowedCase(#"[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"},{"Effect":"Deny","Principal":"*","Action":"s3:Get*","Resource":"*"}]"#, within: .actions(["s3:PutObject"]), true),
        // Missing keys: negated operators hold, positive ones do not, IfExists holds.
        AllowedCase(#"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringNotEquals":{"aws:SourceVpc":"vpc-1"}}}"#, within: .keyAbsent("aws:SourceVpc"), true),
        AllowedCase(#"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpc":"vpc-1"}}}"#, within: .keyAbsent("aws:SourceVpc"), false),
        AllowedCase(#"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringEqualsIfExists":{"aws:SourceVpc":"vpc-1"}}}"#, within: .keyAbsent("aws:SourceVpc"), true),
        // A Deny whose condition needs the key present leaves absent-key requests allowed.
        AllowedCase(#"[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"},{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]"#, true),
        // Two Denies: only TLS requests through one endpoint remain.
        AllowedCase(#"[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"},{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{"BoolIfExists":{"aws:SecureTransport":"false"}}},{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-1"}}}]"#, true),
        AllowedCase(#"[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpce":"vpce-2"}}},{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-1"}}}]"#, false),
        // Typed operators on keys of another type: a policy value the operator cannot read
        // matches nothing.
        AllowedCase(#"{"Effect":"Allow","Principal":"*","Action":"s3:ListBucket","Resource":"*","Condition":{"NumericEquals":{"s3:prefix":"home/${aws:username}/*"}}}"#, false),
        AllowedCase(#"{"Effect":"Allow","Principal":"*","Action":"s3:ListBucket","Resource":"*","Condition":{"DateLessThan":{"s3:prefix":"yesterday"}}}"#, false),
        // kms:CallerAccount comes with AWS KMS requests only; the root user carries no tags.
        AllowedCase(#"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"kms:CallerAccount":"111122223333"}}}"#, false),
        AllowedCase(#"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringNotEquals":{"kms:CallerAccount":"111122223333"}}}"#, within: .principalAccounts(["111122223333"]), true),
        AllowedCase(#"{"Effect":"Allow","Principal":"*","Action":["s3:GetObject","kms:Decrypt"],"Resource":"*","Condition":{"StringEquals":{"kms:CallerAccount":"111122223333"}}}"#, within: .actions(["kms:*"]), true),
        AllowedCase(#"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"red"}}}"#, within: .principalAccounts(["111122223333"]), true),
        // NotAction grants every other action, including ones the catalog lacks.
        AllowedCase(#"{"Effect":"Allow","Principal":"*","NotAction":"s3:*","Resource":"*"}"#, within: .actions(["s3:*"]), false),
        AllowedCase(#"{"Effect":"Allow","Principal":"*","NotAction":"s3:*","Resource":"*"}"#, within: .actions(["newservice:*"]), true),
        // NotResource.
        AllowedCase(#"{"Effect":"Allow","Principal":"*","Action":"s3:*","NotResource":"arn:aws:s3:::secret/*"}"#, within: .resources(["arn:aws:s3:::secret/*"]), false),
        AllowedCase(#"{"Effect":"Allow","Principal":"*","Action":"s3:*","NotResource":"arn:aws:s3:::secret/*"}"#, within: .resources(["arn:aws:s3:::public/*"]), true),
        // Principals: an account grant does not reach anonymous callers or other accounts.
        AllowedCase(#"{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:*","Resource":"*"}"#, within: anonymous, false),
        AllowedCase(#"{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:*","Resource":"*"}"#, within: .principalAccounts(["444455556666"]), false),
        AllowedCase(#"{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:*","Resource":"*"}"#, within: .principalAccounts(["111122223333"]), true),
        // NotPrincipal with Allow grants anonymous callers.
        AllowedCase(#"{"Effect":"Allow","NotPrincipal":{"AWS":"111122223333"},"Action":"s3:*","Resource":"*"}"#, within: anonymous, true),
        // Deny with NotPrincipal exempts only principals whose whole chain is listed.
        AllowedCase(#"[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"},{"Effect":"Deny","NotPrincipal":{"AWS":["111122223333","arn:aws:iam::111122223333:role/Admin"]},"Action":"s3:*","Resource":"*"}]"#, within: .principalAccounts(["111122223333"]), true),
        AllowedCase(#"[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"},{"Effect":"Deny","NotPrincipal":{"AWS":["111122223333","arn:aws:iam::111122223333:role/Admin"]},"Action":"s3:*","Resource":"*"}]"#, within: .principalAccounts(["444455556666"]), false),
        // Principal-derived keys follow the principal.
        AllowedCase(#"{"Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:CallerAccount":"111122223333"}}}"#, within: .principalAccounts(["444455556666"]), false),
        AllowedCase(#"{"Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalAccount":"111122223333"}}}"#, within: anonymous, false),
        AllowedCase(#"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/ci-*"}}}"#, within: .principalAccounts(["444455556666"]), true),
        AllowedCase(#"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringLike":{"aws:userid":"AROA*:*"}}}"#, within: .principalClasses([.anonymous, .service]), false),
        AllowedCase(#"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-1"}}}"#, within: anonymous, false),
        AllowedCase(#"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceAccount":"111122223333"}}}"#, within: .principalClasses([.accountIdentity]), false),
        // Typed keys: numbers, dates, IP ranges, Booleans, multivalued keys.
        AllowedCase(#"{"Effect":"Allow","Principal":"*","Action":"s3:ListBucket","Resource":"*","Condition":{"NumericLessThan":{"s3:max-keys":"10"},"NumericGreaterThan":{"s3:max-keys":"9"}}}"#, true),
        AllowedCase(#"{"Effect":"Allow","Principal":"*","Action":"s3:ListBucket","Resource":"*","Condition":{"NumericLessThan":{"s3:max-keys":"10"},"NumericGreaterThanEquals":{"s3:max-keys":"10"}}}"#, false),
        AllowedCase(#"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2030-01-01T00:00:00Z"},"DateLessThan":{"aws:CurrentTime":"2030-01-01T00:00:00.000000001Z"}}}"#, false),
        AllowedCase(#"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"},"NotIpAddress":{"aws:SourceIp":["203.0.113.0/25","203.0.113.128/25"]}}}"#, false),
        AllowedCase(#"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"},"NotIpAddress":{"aws:SourceIp":["203.0.113.0/25"]}}}"#, true),
        AllowedCase(#"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"},"BoolIfExists":{"aws:SecureTransport":"false"}}}"#, false),
        AllowedCase(#"{"Effect":"Allow","Principal":"*","Action":"ec2:CreateTags","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["a"]},"ForAnyValue:StringEquals":{"aws:TagKeys":["b"]}}}"#, false),
        AllowedCase(#"{"Effect":"Allow","Principal":"*","Action":"ec2:CreateTags","Resource":"*","Condition":{"ForAllValues:StringLike":{"aws:TagKeys":["a*"]},"ForAnyValue:StringEquals":{"aws:TagKeys":["ab"]},"ForAnyValue:StringLike":{"aws:TagKeys":["ac"]}}}"#, true),
        AllowedCase(#"{"Effect":"Allow","Principal":"*","Action":"ec2:CreateTags","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["a"]}}}"#, within: .keyAbsent("aws:TagKeys"), true),
        AllowedCase(#"{"Effect":"Allow","Principal":"*","Action":"ec2:CreateTags","Resource":"*","Condition":{"ForAnyValue:StringEquals":{"aws:TagKeys":["a"]}}}"#, within: .keyAbsent("aws:TagKeys"), false),
        AllowedCase(#"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"Null":{"aws:SourceVpc":"true"},"StringLike":{"aws:SourceVpc":"*"}}}"#, false),
        // Globs: an intersection of patterns that no string meets.
        AllowedCase(#"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringLike":{"s3:prefix":"a*"},"StringNotLike":{"s3:prefix":["a*b","a*c*","a"]}}}"#, true),
        AllowedCase(#"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringLike":{"s3:prefix":"a?"},"StringNotLike":{"s3:prefix":["a*"]}}}"#, false),
        AllowedCase(#"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringEqualsIgnoreCase":{"s3:prefix":"ABC"},"StringNotEquals":{"s3:prefix":["abc","ABC"]}}}"#, true),
    ]

    @Test(arguments: allowedCases)
    func allowedFindsConfirmedWitnesses(_ row: AllowedCase) throws {
        let answer = try engine().allowed([try statements(row.statements)], within: row.constraint)
        switch answer {
        case .access(let witness):
            #expect(row.expectsAccess, "line \(row.line): unexpected access by \(witness.request)")
            #expect(witness.evaluation.decision == .allowed)
        case .noAccess:
            #expect(!row.expectsAccess, "line \(row.line): expected access, found none")
        case .unknown(let reason):
            Issue.record("line \(row.line): unknown: \(reason)")
        }
    }

    @Test func witnessCarriesTheRequestedValues() throws {
        let document = try statements(#"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:role/Reader"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"IpAddress":{"aws:SourceIp":"198.51.100.0/24"},"ForAnyValue:StringEquals":{"aws:PrincipalOrgPaths":"o-1/r-1/ou-1/"}}}"#)
        let witness = try #require(try engine().allowed([document]).witness)
        let request = witness.request
        #expect(request.principal.identity == .roleSession(roleARN: "arn:aws:iam::444455556666:role/Reader", sessionName: "a"))
        #expect(request.action == "s3:GetObject")
        #expect(request.resource.hasPrefix("arn:aws:s3:::b/"))
        #expect(request.context.entry(for: "aws:SourceIp")?.values == ["198.51.100.1"])
        #expect(request.principal.organizationPaths == ["o-1/r-1/ou-1/"])
    }

    @Test func compareFindsWitnessesInBothDirections() throws {
        let old = try statements(#"{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::b/*"}"#)
        let narrower = try statements(#"{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}"#)
        let other = try statements(#"{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}"#)
        let reordered = try statements(#"[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*"},{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"S3:GETOBJECT","Resource":"arn:aws:s3:::b/*"}]"#)

        let equal = try engine().compare([old], [reordered])
        #expect(equal.verdict == .equivalent)

        let less = try engine().compare([old], [narrower])
        #expect(less.verdict == .lessPermissive)
        #expect(less.onlyFirst.witness?.request.action == "s3:PutObject")

        let more = try engine().compare([narrower], [old])
        #expect(more.verdict == .morePermissive)
        #expect(more.onlySecond.witness?.request.action == "s3:PutObject")

        let neither = try engine().compare([narrower], [other])
        #expect(neither.verdict == .incomparable)
        #expect(neither.onlyFirst.witness?.request.principal.account == "111122223333")
        #expect(neither.onlySecond.witness?.request.principal.account == "444455556666")
    }

    @Test func verdictOfUndecidedDirection() {
        #expect(ComparisonVerdict(onlyFirst: nil, onlySecond: false) == .unknown)
        #expect(ComparisonVerdict(onlyFirst: true, onlySecond: nil) == .unknown)
        #expect(ComparisonVerdict(onlyFirst: nil, onlySecond: nil) == .unknown)
        #expect(ComparisonVerdict(onlyFirst: false, onlySecond: false) == .equivalent)
        #expect(ComparisonVerdict(onlyFirst: true, onlySecond: false) == .lessPermissive)
        #expect(ComparisonVerdict(onlyFirst: false, onlySecond: true) == .morePermissive)
        #expect(ComparisonVerdict(onlyFirst: true, onlySecond: true) == .incomparable)
    }

    @Test func accessNotGrantedFollowsTheCheckSemantics() throws {
        let document = try statements(#"[{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::example","arn:aws:s3:::example/*"]},{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::other/*"}]"#)
        let engine = try engine()
        #expect(try engine.accessNotGranted([document], actions: ["s3:ListBucket"], resources: []).witness != nil)
        #expect(try engine.accessNotGranted([document], actions: [], resources: ["arn:aws:s3:::example"]).witness != nil)
        #expect(try engine.accessNotGranted([document], actions: ["s3:ListBucket"], resources: ["arn:aws:s3:::example"]).witness != nil)
        if case .noAccess = try engine.accessNotGranted([document], actions: ["s3:PutObject"], resources: ["arn:aws:s3:::example"]) {} else {
            Issue.record("s3:PutObject on arn:aws:s3:::example is not granted")
        }
        if case .noAccess = try engine.accessNotGranted([document], actions: ["s3:DeleteBucket", "iam:PassRole"], resources: []) {} else {
            Issue.record("neither s3:DeleteBucket nor iam:PassRole is granted")
        }
    }

    @Test func wrongWitnessIsAnInternalError() throws {
        var engine = try engine()
        engine.witnessTransform = { request in
            var broken = request
            broken.action = "s3:DeleteBucket"
            return broken
        }
        let document = try statements(#"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}"#)
        do {
            _ = try engine.allowed([document])
            Issue.record("expected an internal error")
        } catch {
            #expect(error.description.contains("internal error: the engine found the request anonymous s3:DeleteBucket"))
            #expect(error.description.contains("the policies that should allow it decide ImplicitDeny"))
        }
    }

    @Test func approximatedVariablesGiveUnknownWhenNoWitnessHolds() throws {
        var engine = try engine()
        // The rewrite stands for candidates that the approximation lets through: every
        // witness is moved to another user's folder, so no binding of the variable helps.
        engine.witnessTransform = { request in
            var changed = request
            changed.resource = "arn:aws:s3:::home/somebody-else/x"
            return changed
        }
        let document = try statements(#"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::home/${aws:username}/*"}"#)
        do {
            _ = try engine.allowed([document])
            Issue.record("expected the rewritten witness of the exact, bound search to be an internal error")
        } catch {
            #expect(error.description.contains("internal error: the engine found the request arn:aws:iam::"))
        }
        engine.witnessTransform = nil
        // Only alice may use her folder, and a Deny closes it, so nothing is allowed; the
        // engine does not relate the variable to the name and says unknown.
        let closed = try statements(#"[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::home/${aws:username}/*","Condition":{"StringEquals":{"aws:username":"alice"}}},{"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::home/alice/*"}]"#)
        guard case .unknown(let reason) = try engine.allowed([closed]) else {
            Issue.record("expected unknown")
            return
        }
        #expect(reason.contains("${aws:username}"))
    }

    @Test func absentVariableKeysAreExact() throws {
        // Services carry no aws:username, so the pattern matches nothing for them.
        let neverResolved = try statements(#"{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::home/${aws:username}/*"}"#)
        guard case .noAccess = try engine().allowed([neverResolved]) else {
            Issue.record("expected no access")
            return
        }
        // Without the key, the default applies, exactly.
        let withDefault = try statements(#"{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::home/${aws:username, 'shared'}/*"}"#)
        let witness = try #require(try engine().allowed([withDefault]).witness)
        #expect(witness.request.resource.hasPrefix("arn:aws:s3:::home/shared/"))
    }

    @Test func witnessResourceFollowsTheActionsARNFormat() throws {
        let queue = try statements(#"{"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*"}"#)
        let queueWitness = try #require(try engine().allowed([queue]).witness)
        #expect(queueWitness.request.resource == "arn:aws:sqs:us-east-1:111122223333:example-queue")
        // A resource outside every format of the action keeps the set's own member.
        let odd = try statements(#"{"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"arn:aws:s3:::b/k"}"#)
        let oddWitness = try #require(try engine().allowed([odd]).witness)
        #expect(oddWitness.request.resource == "arn:aws:s3:::b/k")
    }

    @Test func identityPolicyWitnessesAreRoleSessions() throws {
        let document = try statements(#"{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}"#)
        let witness = try #require(try engine().allowed([document]).witness)
        guard case .roleSession = witness.request.principal.identity else {
            Issue.record("expected a role session, found \(witness.request.principal)")
            return
        }
        let taggedRoot = try statements(#"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"red"}}}"#)
        let tagged = try #require(try engine().allowed([taggedRoot]).witness)
        #expect(!tagged.request.principal.isAccountRoot)
        #expect(tagged.request.principal.tags["team"] == "red")
    }

    @Test func boundVariablesGiveConfirmedWitnesses() throws {
        let document = try statements(#"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::home/${aws:username}/*"}"#)
        guard case .access(let witness) = try engine().allowed([document]) else {
            Issue.record("expected access with a witness")
            return
        }
        let name = try #require(witness.request.effectiveContext.entry(for: "aws:username")?.values.first)
        #expect(witness.request.resource.hasPrefix("arn:aws:s3:::home/\(name)/"))
        #expect(witness.evaluation.decision == .allowed)
    }

    @Test func sameApproximatedTextTakesOneTruthValue() throws {
        // Both sides hold the same variable condition, so they are equivalent, although the
        // condition itself is approximated.
        let document = try statements(#"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/owner":"${aws:PrincipalTag/team}"}}}"#)
        let comparison = try engine().compare([document], [document])
        #expect(comparison.verdict == .equivalent)
    }

    @Test func variablesAreNeverAssumedToRestrict() throws {
        // A Deny that only variables could make match is treated as not matching.
        let document = try statements(#"[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"},{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{"StringNotEquals":{"aws:ResourceTag/owner":"${aws:username}"}}}]"#)
        let answer = try engine().allowed([document])
        switch answer {
        case .access(let witness):
            #expect(witness.evaluation.decision == .allowed)
        case .unknown(let reason):
            #expect(reason.contains("approximated"))
        case .noAccess:
            Issue.record("an approximated Deny must not remove access")
        }
    }

    @Test func limitsGiveUnknown() throws {
        var limited = try engine()
        limited.limits.maximumSearchSteps = 2
        let document = try statements(#"[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"},{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpc":"a"}}}]"#)
        guard case .unknown(let reason) = try limited.allowed([document]) else {
            Issue.record("expected unknown")
            return
        }
        #expect(reason == "the search reached its limit of refinement steps (2)")

        var tiny = try engine()
        tiny.limits.maximumStatements = 1
        guard case .unknown(let statementReason) = try tiny.allowed([document]) else {
            Issue.record("expected unknown")
            return
        }
        #expect(statementReason == "the policies have 2 statements, more than the limit of 1")
    }

    @Test func incompletePoliciesGiveUnknownWithLocation() throws {
        let read = PolicyReader.read(text: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"*","Condition":{"StringEqualz":{"a:b":"c"}}}]}"#)
        let document = try #require(read.document)
        guard case .unknown(let reason) = try engine().allowed([document]) else {
            Issue.record("expected unknown")
            return
        }
        #expect(reason.hasPrefix("1:"))
        #expect(reason.contains("statement 1 has errors"))
    }
}

/// IAM Access Analyzer's CheckNoNewAccess samples: each candidate passes exactly when it
/// grants nothing the reference policy does not.
@Suite(.enabled(if: SharedMaterial.corpus != nil, Comment(rawValue: SharedMaterial.absenceMessage)))
struct CheckNoNewAccessSampleTests {
    @Test func candidatesPassOrFailAsAccessAnalyzerSays() throws {
        let folder = try #require(SharedMaterial.corpus).appendingPathComponent("iam-access-analyzer-custom-policy-check-samples")
        let engine = try engine()
        var checked = 0
        for file in SharedMaterial.files(under: folder, suffix: ".json") {
            let root = try JSONParser.parse(utf8: [UInt8](Data(contentsOf: file)))
            // The samples write the reference's account as a placeholder; the candidates use 111111111111.
            let referenceText = try #require(root["reference_policy"]).serialized().replacingOccurrences(of: "<ACCOUNT ID>", with: "111111111111")
            let reference = try policy(referenceText)
            for candidate in try #require(root["candidates"]?.arrayElements) {
                let expected = try #require(candidate["expected"]?.stringValue)
                let candidatePolicy = try policy(try #require(candidate["policy"]).serialized())
                let comparison = try engine.compare([reference], [candidatePolicy])
                let passes: Bool
                switch comparison.onlySecond {
                case .noAccess: passes = true
                case .access: passes = false
                case .unknown(let reason):
                    Issue.record("\(file.lastPathComponent) candidate \(candidate["n"]?.serialized() ?? "?"): unknown: \(reason)")
                    continue
                }
                #expect(passes == (expected == "PASS"), "\(file.lastPathComponent) candidate \(candidate["n"]?.serialized() ?? "?") (\(candidate["description"]?.stringValue ?? "")): expected \(expected), witness \(comparison.onlySecond.witness?.request.description ?? "none")")
                checked += 1
            }
        }
        #expect(checked >= 30)
    }
}
