import AccessReasoning
import CloudResources
import Foundation
import PolicyLanguage
import SharedMaterialSupport
import Testing

/// The expectations of cloudsplaining's tests, as the corpus manifest states them, against
/// our findings. The cases where we deliberately answer otherwise are listed in
/// docs/differences.md; the tests check that they still differ, so that the list stays true.
@Suite(.enabled(if: SharedMaterial.corpus != nil, Comment(rawValue: SharedMaterial.absenceMessage)))
struct CloudsplainingCorpusTests {
    static let folder = SharedMaterial.corpus?.appendingPathComponent("cloudsplaining")

    static func load(_ name: String) throws -> JSONValue {
        let file = try #require(folder?.appendingPathComponent(name))
        return try JSONParser.parse(utf8: [UInt8](try Data(contentsOf: file)))
    }

    static func document(_ json: JSONValue) throws -> PolicyDocument {
        let wrapped = json["Statement"] == nil
            ? JSONValue.object([("Version", .string("2012-10-17")), ("Statement", json)])
            : json
        let read = PolicyReader.read(json: wrapped, file: "case.json")
        return try #require(read.document)
    }

    static func analyze(_ document: PolicyDocument, type: String, arn: String, zone: ZoneOfTrust) throws -> ResourceFindings {
        let catalog = try ActionCatalog.bundled()
        let access = PolicyResourceConfiguration(
            arn: arn, type: try #require(ResourceType.named(type)), ownerAccount: zone.accounts[0], policy: document).access(catalog: catalog)
        return try FindingsAnalyzer(engine: AccessEngine(catalog: catalog)).analyze(access, zone: zone)
    }

    /// SNS topic policies: `internet_accessible_actions` lists what anyone may do.
    @Test func resourcePolicyCases() throws {
        let cases = try #require(try Self.load("resource_policy_cases.json")["cases"]?.arrayElements)
        #expect(cases.count == 5)
        for testCase in cases {
            let name = testCase["case"]?.stringValue ?? "?"
            let document = try Self.document(try #require(testCase["policy"]))
            let result = try Self.analyze(
                document, type: "AWS::SNS::Topic", arn: "arn:aws:sns:us-east-1:111122223333:example-topic",
                zone: ZoneOfTrust(accounts: ["111122223333"]))
            let expected = Set((testCase["expected"]?["internet_accessible_actions"]?.arrayElements ?? []).compactMap(\.stringValue).map(CaseFolding.lowercased))
            let publicActions = Set(result.findings.filter(\.isPublic).flatMap(\.action).map(CaseFolding.lowercased))
            if Self.differences.contains(name) {
                #expect(publicActions != expected, "\(name) now agrees with cloudsplaining; update docs/differences.md")
            } else {
                #expect(publicActions == expected, "\(name): \(publicActions.sorted()) instead of \(expected.sorted())")
            }
        }
    }

    /// Trust policies: which principals outside the account, and whether any principal, may
    /// assume the role.
    @Test func trustPolicyCases() throws {
        let root = try Self.load("trust_policy_cases.json")
        let cases = try #require(root["cases"]?.arrayElements)
        let attributes = ["role_assumable_by_cross_account_principals", "role_assumable_by_any_principal", "role_assumable_by_any_principal_with_conditions"]
        var checked = 0
        for (index, testCase) in cases.enumerated() {
            guard let attribute = testCase["attribute"]?.stringValue, attributes.contains(attribute) else { continue }
            let name = "trust case \(index)"
            let kwargs = testCase["kwargs"]
            let current = kwargs?["current_account_id"]?.stringValue?.trimmingCharacters(in: CharacterSet(charactersIn: "'"))
            let excluded = kwargs?["exclusions"]?.stringValue.flatMap { root["exclusion_objects"]?[$0]?["known-accounts"]?.arrayElements?.compactMap(\.stringValue) } ?? []
            let zone = ZoneOfTrust(accounts: [current ?? "111111111111"] + excluded)
            let result = try Self.analyze(
                try Self.document(try #require(testCase["input"])), type: "AWS::IAM::Role",
                arn: "arn:aws:iam::\(zone.accounts[0]):role/example-role", zone: zone)
            let expected = (testCase["expected"]?.arrayElements ?? []).compactMap(\.stringValue)
            let agrees: Bool
            switch attribute {
            case "role_assumable_by_cross_account_principals":
                agrees = Self.samePrincipals(result.findings.map(\.principal).filter { $0.kind == .aws && !$0.isAnyPrincipal }, expected)
            case "role_assumable_by_any_principal":
                agrees = result.findings.contains { $0.principal.isAnyPrincipal && $0.condition.isEmpty } == !expected.isEmpty
            default:
                agrees = result.findings.contains { $0.principal.isAnyPrincipal && !$0.condition.isEmpty } == !expected.isEmpty
            }
            if Self.differences.contains(name) {
                #expect(!agrees, "\(name) now agrees with cloudsplaining; update docs/differences.md")
            } else {
                #expect(agrees, "\(name) \(attribute): findings \(result.findings.map { "\($0.principal) \($0.condition)" }), expected \(expected)")
            }
            checked += 1
        }
        #expect(checked == 29)
    }

    /// Whether the finding principals name the same principals as the expected list: each
    /// expected one is named or lies in a named account, and each finding names an expected one.
    static func samePrincipals(_ found: [FindingPrincipal], _ expected: [String]) -> Bool {
        let account = { (text: String) -> String in
            if let arn = ARN(text) { return arn.account }
            return text
        }
        let covered = expected.allSatisfy { value in
            found.contains { $0.value == value || $0.value == account(value) && ARN($0.value) == nil }
        }
        let justified = found.allSatisfy { principal in
            expected.contains { $0 == principal.value || account($0) == principal.value }
        }
        return covered && justified
    }

    /// The cases we answer otherwise, with the reasons in docs/differences.md.
    static let differences: Set<String> = [
        "test_resource_policy_document_restricted_by_user_id",
        "trust case 30", "trust case 37", "trust case 38", "trust case 44",
    ]
}
