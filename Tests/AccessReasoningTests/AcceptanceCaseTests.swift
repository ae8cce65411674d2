import Foundation
import PolicyLanguage
import SharedMaterialSupport
import Testing

@testable import AccessReasoning

/// One acceptance case: a resource policy, its zone of trust and the expected access.
struct AcceptanceCase: CustomTestStringConvertible, Sendable {
    let name: String
    let policy: PolicyDocument
    let zone: ZoneOfTrust
    /// "public", "external" or "none".
    let expectedAccess: String
    let expectedPrincipals: [String]?

    var testDescription: String { name }

    static func load() -> [AcceptanceCase] {
        guard let cases = SharedMaterial.cases else { return [] }
        return SharedMaterial.files(under: cases.appendingPathComponent("policies"), suffix: ".json").compactMap { file in
            guard let data = try? Data(contentsOf: file), let root = try? JSONParser.parse(utf8: [UInt8](data)),
                  let policy = root["policy"], let document = PolicyReader.read(json: policy, file: file.lastPathComponent).document,
                  let expected = root["expected"]?["access"]?.stringValue else { return nil }
            let accounts = root["zoneOfTrust"]?["accounts"]?.arrayElements?.compactMap(\.stringValue) ?? []
            let organization = root["zoneOfTrust"]?["organization"]?.stringValue
            let principals = root["expected"]?["externalPrincipals"]?.arrayElements?.compactMap(\.stringValue)
            return AcceptanceCase(
                name: file.deletingPathExtension().lastPathComponent, policy: document,
                zone: ZoneOfTrust(accounts: accounts, organization: organization),
                expectedAccess: expected, expectedPrincipals: principals)
        }
    }
}

/// Every acceptance case must come out consistent with its expected answer: external
/// access (public or not) is found with a confirmed witness, and "none" means the engine
/// proves that no principal outside the zone gets in.
@Suite(.enabled(if: SharedMaterial.cases != nil, Comment(rawValue: SharedMaterial.absenceMessage)))
struct AcceptanceCaseTests {
    static let cases = AcceptanceCase.load()

    @Test func casesAreFound() {
        #expect(Self.cases.count >= 20)
    }

    @Test(arguments: cases)
    func externalAccessMatchesExpectation(_ testCase: AcceptanceCase) throws {
        let engine = AccessEngine(catalog: try ActionCatalog.bundled())
        let answer = try engine.allowed([testCase.policy], within: testCase.zone.externalPrincipals)
        switch (answer, testCase.expectedAccess) {
        case (.noAccess, "none"):
            break
        case (.access(let witness), "public"), (.access(let witness), "external"):
            #expect(witness.evaluation.decision == .allowed)
        default:
            Issue.record("\(testCase.name): expected \(testCase.expectedAccess), engine answered \(answer)")
        }
    }

    /// The external accounts a case names are exactly those whose identities get in.
    @Test(arguments: cases.filter { $0.expectedPrincipals != nil })
    func externalAccountsAreExactlyTheExpectedOnes(_ testCase: AcceptanceCase) throws {
        let engine = AccessEngine(catalog: try ActionCatalog.bundled())
        let expected = testCase.expectedPrincipals ?? []
        for account in expected {
            let answer = try engine.allowed([testCase.policy], within: .principalAccounts([account]))
            #expect(answer.witness != nil, "\(testCase.name): account \(account) should get in")
        }
        let others: RequestConstraint = .all([
            testCase.zone.externalPrincipals,
            .principalClasses([.accountIdentity]),
            .not(.principalAccounts(expected)),
        ])
        let answer = try engine.allowed([testCase.policy], within: others)
        if case .noAccess = answer {} else {
            Issue.record("\(testCase.name): an account other than \(expected) gets in: \(answer)")
        }
    }
}
