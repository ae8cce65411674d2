import AccessReasoning
import PolicyLanguage
import Testing

@testable import AccessCrossCheck

/// Queries of the Z3 engine on small policies whose answers are known.
struct Z3EngineTests {
    static let catalog = try! ActionCatalog.bundled()

    static func policy(_ text: String) -> PolicyDocument {
        PolicyReader.read(text: text).document!
    }

    @Test func publicReadHasAccess() throws {
        let engine = Z3AccessEngine(catalog: Self.catalog)
        let document = Self.policy(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}"#)
        let answer = try engine.allowed([document])
        #expect(answer.request != nil, "\(answer)")
    }

    @Test func denyOfEverythingLeavesNoAccess() throws {
        let engine = Z3AccessEngine(catalog: Self.catalog)
        let document = Self.policy(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"},{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{"StringNotEquals":{"aws:SourceVpc":"vpc-1"}}}]}"#)
        let answer = try engine.allowed([document], within: .keyAbsent("aws:SourceVpc"))
        guard case .noAccess = answer else {
            Issue.record("expected no access, got \(answer)")
            return
        }
    }
}
