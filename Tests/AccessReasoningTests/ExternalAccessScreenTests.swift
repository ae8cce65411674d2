import AccessCrossCheck
import CloudResources
import PolicyLanguage
import Testing

@testable import AccessReasoning

/// The screen that proves "no external access" one Allow statement at a time: which
/// statements it clears, that it never clears a policy in which the full query finds
/// external access, and that resources with the same statement share one stored result.
struct ExternalAccessScreenTests {
    static let owner = "111122223333"
    static let zone = ZoneOfTrust(accounts: [owner])

    struct Row: Sendable, CustomTestStringConvertible {
        let name: String
        let type: String
        let statements: String
        let cleared: Bool

        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "role trusted by a service", type: "AWS::IAM::Role",
            statements: #"[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]"#, cleared: true),
        Row(name: "role trusted by another account", type: "AWS::IAM::Role",
            statements: #"[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"sts:AssumeRole"}]"#, cleared: false),
        Row(name: "key of the owner account", type: "AWS::KMS::Key",
            statements: #"[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]"#, cleared: true),
        Row(name: "key shared with a partner", type: "AWS::KMS::Key",
            statements: #"[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"},{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"kms:Decrypt","Resource":"*"}]"#, cleared: false),
        Row(name: "log delivery for the owner account", type: "AWS::SQS::Queue",
            statements: #"[{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":"sqs:SendMessage","Resource":"*","Condition":{"StringEquals":{"aws:SourceAccount":"111122223333"}}}]"#, cleared: true),
        Row(name: "service for any account", type: "AWS::SQS::Queue",
            statements: #"[{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":"sqs:SendMessage","Resource":"*"}]"#, cleared: false),
        Row(name: "service for a topic of another account", type: "AWS::SQS::Queue",
            statements: #"[{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":"sqs:SendMessage","Resource":"*","Condition":{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:eu-west-1:444455556666:events"}}}]"#, cleared: false),
        Row(name: "anyone in the owner account", type: "AWS::SQS::Queue",
            statements: #"[{"Effect":"Allow","Principal":"*","Action":"sqs:*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalAccount":"111122223333"}}}]"#, cleared: true),
        Row(name: "anyone", type: "AWS::SQS::Queue",
            statements: #"[{"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*"}]"#, cleared: false),
        Row(name: "anyone but one role", type: "AWS::SQS::Queue",
            statements: #"[{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:role/r"},"Action":"sqs:SendMessage","Resource":"*"}]"#, cleared: false),
        Row(name: "a denied account does not clear an allowed one", type: "AWS::SQS::Queue",
            statements: #"[{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"sqs:SendMessage","Resource":"*"},{"Effect":"Deny","Principal":"*","Action":"sqs:*","Resource":"*"}]"#, cleared: false),
        Row(name: "only Deny statements", type: "AWS::SQS::Queue",
            statements: #"[{"Effect":"Deny","Principal":"*","Action":"sqs:*","Resource":"*"}]"#, cleared: true),
        Row(name: "web identity", type: "AWS::IAM::Role",
            statements: #"[{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity"}]"#, cleared: false),
    ]

    static func access(_ row: Row, name: String = "r", catalog: ActionCatalog) throws -> ResourceAccess {
        let type = try #require(ResourceType.named(row.type))
        let arn: String
        switch row.type {
        case "AWS::IAM::Role": arn = "arn:aws:iam::\(owner):role/\(name)"
        case "AWS::KMS::Key": arn = "arn:aws:kms:eu-west-1:\(owner):key/\(name)"
        default: arn = "arn:aws:sqs:eu-west-1:\(owner):\(name)"
        }
        return PolicyResourceConfiguration(arn: arn, type: type, ownerAccount: owner, policy: try statements(row.statements))
            .access(catalog: catalog)
    }

    /// Returns whether the full query, over the resource's own requests, finds external access.
    static func hasExternalAccess(_ access: ResourceAccess, analyzer: FindingsAnalyzer) throws -> Bool {
        let scope = analyzer.externalScope(access, zone: zone)
        let answer = try analyzer.engine.prepare(access.documents.map(\.document), bindings: FindingsAnalyzer.resourceBindings(access))
            .allowed(within: scope)
        if case .noAccess = answer { return false }
        return true
    }

    @Test(arguments: rows) func clearsOnlyInternalPrincipals(row: Row) throws {
        let analyzer = FindingsAnalyzer(engine: try engine())
        let access = try Self.access(row, catalog: analyzer.engine.catalog)
        let cleared = try analyzer.screen.provesNoExternalAccess(access, zone: Self.zone, engine: analyzer.engine)
        #expect(cleared == row.cleared, "screen answer for \(row.statements)")
        if cleared {
            #expect(try !Self.hasExternalAccess(access, analyzer: analyzer), "cleared, yet the full query finds external access")
        }
    }

    @Test func sharedStatementStoredOnce() throws {
        let analyzer = FindingsAnalyzer(engine: try engine())
        let row = Self.rows[0]
        for name in ["first", "second", "third"] {
            let access = try Self.access(row, name: name, catalog: analyzer.engine.catalog)
            #expect(try analyzer.screen.provesNoExternalAccess(access, zone: Self.zone, engine: analyzer.engine))
        }
        #expect(analyzer.screen.storedAnswers == 1)
    }

    /// On random policies, with one analyzer so that stored results are reused across policies,
    /// a cleared policy has no external access, and findings equal those of a fresh analyzer.
    @Test func clearedRandomPoliciesHaveNoExternalAccess() throws {
        let shared = FindingsAnalyzer(engine: try engine())
        var generator = PolicyGenerator(random: SeededRandom(seed: 91))
        var cleared = 0
        var checked = 0
        for _ in 0..<300 {
            let text = generator.policyText(statements: Int.random(in: 1...3, using: &generator.random))
                .replacingOccurrences(of: "s3:", with: "sqs:").replacingOccurrences(of: "arn:aws:s3:::b", with: "arn:aws:sqs:eu-west-1:111122223333:r")
            guard let document = PolicyReader.read(text: text).document else { continue }
            let access = PolicyResourceConfiguration(
                arn: "arn:aws:sqs:eu-west-1:111122223333:r", type: try #require(ResourceType.named("AWS::SQS::Queue")),
                ownerAccount: Self.owner, policy: document).access(catalog: shared.engine.catalog)
            checked += 1
            if try shared.screen.provesNoExternalAccess(access, zone: Self.zone, engine: shared.engine) {
                cleared += 1
                #expect(try !Self.hasExternalAccess(access, analyzer: shared), "cleared, yet external access under \(text)")
            }
            let reused = try shared.analyze(access, zone: Self.zone)
            let fresh = try FindingsAnalyzer(engine: shared.engine).analyze(access, zone: Self.zone)
            #expect(reused.findings.map(\.id) == fresh.findings.map(\.id), "findings differ under \(text)")
        }
        #expect(checked > 250)
        #expect(cleared > 20, "the generated policies exercise the screen")
    }
}
