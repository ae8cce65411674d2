import Foundation
import SharedMaterialSupport
import Testing

@testable import PolicyLanguage

/// Reads the policies of the shared acceptance cases. Their access answers are checked by
/// the findings tests; here every policy must read completely and validate without crashing.
@Suite(.enabled(if: SharedMaterial.cases != nil, Comment(rawValue: SharedMaterial.absenceMessage)))
struct AcceptanceCaseTests {
    static var caseFiles: [URL] {
        guard let cases = SharedMaterial.cases else { return [] }
        return SharedMaterial.files(under: cases.appendingPathComponent("policies"), suffix: ".json")
    }

    @Test func everyCasePolicyReadsCompletely() throws {
        let catalog = try ActionCatalog.bundled()
        let files = Self.caseFiles
        #expect(files.count >= 20, "found only \(files.count) acceptance cases")
        for file in files {
            let root = try JSONParser.parse(utf8: [UInt8](Data(contentsOf: file)))
            let policy = try #require(root["policy"], "\(file.lastPathComponent) has no policy")
            let read = PolicyReader.read(json: policy, file: file.lastPathComponent, pointer: JSONPointer.root.appending("policy"))
            #expect(read.isComplete, "\(file.lastPathComponent): \(renderedDiagnostics(read.diagnostics))")
            if let document = read.document {
                let findings = PolicyValidator.validate(document, as: PolicyType.detect(document), catalog: catalog)
                #expect(!findings.containsErrors, "\(file.lastPathComponent): \(renderedDiagnostics(findings))")
            }
        }
    }
}
