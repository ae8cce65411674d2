import AccessReasoning
import CloudResources
import Foundation
import PolicyLanguage
import SharedMaterialSupport
import Testing

/// Every acceptance case, analyzed as its resource type into findings: the expected access
/// (public, external or none) and the external accounts the findings name.
@Suite(.enabled(if: SharedMaterial.cases != nil, Comment(rawValue: SharedMaterial.absenceMessage)))
struct FindingsAcceptanceTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let resourceType: String
        let resource: String
        let policy: PolicyDocument
        let zone: ZoneOfTrust
        let expected: String
        let principals: [String]?
        var testDescription: String { name }
    }

    static let cases: [Case] = {
        guard let root = SharedMaterial.cases else { return [] }
        return SharedMaterial.files(under: root.appendingPathComponent("policies"), suffix: ".json").compactMap { file in
            guard let data = try? Data(contentsOf: file), let json = try? JSONParser.parse(utf8: [UInt8](data)),
                  let policy = json["policy"], let document = PolicyReader.read(json: policy, file: file.lastPathComponent).document,
                  let expected = json["expected"]?["access"]?.stringValue, let type = json["resourceType"]?.stringValue,
                  let resource = json["resource"]?.stringValue else { return nil }
            let accounts = json["zoneOfTrust"]?["accounts"]?.arrayElements?.compactMap(\.stringValue) ?? []
            return Case(
                name: file.deletingPathExtension().lastPathComponent, resourceType: type, resource: resource, policy: document,
                zone: ZoneOfTrust(accounts: accounts, organization: json["zoneOfTrust"]?["organization"]?.stringValue),
                expected: expected, principals: json["expected"]?["externalPrincipals"]?.arrayElements?.compactMap(\.stringValue))
        }
    }()

    @Test(arguments: cases)
    func findingsMatchTheExpectedAccess(_ testCase: Case) throws {
        let catalog = try ActionCatalog.bundled()
        let type = try #require(ResourceType.named(testCase.resourceType), "unsupported type \(testCase.resourceType)")
        let owner = testCase.zone.accounts.first ?? ""
        let access: ResourceAccess = type.name == "AWS::S3::Bucket"
            ? S3BucketConfiguration(arn: testCase.resource, ownerAccount: owner, policy: testCase.policy).access(catalog: catalog)[0]
            : PolicyResourceConfiguration(arn: testCase.resource, type: type, ownerAccount: owner, policy: testCase.policy).access(catalog: catalog)
        let result = try FindingsAnalyzer(engine: AccessEngine(catalog: catalog)).analyze(access, zone: testCase.zone)
        #expect(result.status == .analyzed, "\(result.reason ?? "")")
        let verdict = result.findings.isEmpty ? "none" : (result.findings.contains(where: \.isPublic) ? "public" : "external")
        #expect(verdict == testCase.expected, "findings: \(result.findings.map { "\($0.principal) \($0.condition) public=\($0.isPublic)" })")
        for finding in result.findings {
            #expect(finding.witness.evaluation.decision == .allowed)
        }
        if ProcessInfo.processInfo.environment["SHOW_FINDINGS"] != nil {
            for finding in result.findings {
                print("FINDING \(testCase.name): \(finding.principal) public=\(finding.isPublic) cond=\(finding.condition) actions=\(finding.action.prefix(8)) (\(finding.action.count)) levels=\(finding.accessLevels) sources=\(finding.sources.map { "\($0.type.rawValue):\($0.statementID ?? String($0.statementIndex))" }) witness=\(finding.witness.request)")
            }
        }
        if let principals = testCase.principals {
            let named = Set(result.findings.compactMap { finding -> String? in
                guard finding.principal.kind == .aws else { return nil }
                return ARN(finding.principal.value)?.account ?? finding.principal.value
            })
            #expect(named == Set(principals))
        }
    }
}
