import Foundation
import SharedMaterialSupport
import Testing

@testable import PolicyLanguage

/// Runs the reader, validator and evaluator over the real third-party inputs of the shared corpus.
@Suite(.enabled(if: SharedMaterial.corpus != nil, Comment(rawValue: SharedMaterial.absenceMessage)))
struct CorpusTests {
    /// Every JSON object with a `Statement` member inside `value`, including policies held
    /// as JSON text in strings (as Terraform plans hold them).
    static func embeddedPolicies(in value: JSONValue, pointer: JSONPointer = .root, depth: Int = 0) -> [(JSONValue, JSONPointer)] {
        guard depth < 64 else { return [] }
        switch value.kind {
        case .object(let members):
            if value["Statement"] != nil {
                return [(value, pointer)]
            }
            return members.flatMap { embeddedPolicies(in: $0.value, pointer: pointer.appending($0.key), depth: depth + 1) }
        case .array(let elements):
            return elements.enumerated().flatMap { embeddedPolicies(in: $0.element, pointer: pointer.appending($0.offset), depth: depth + 1) }
        case .string(let text) where text.contains("\"Statement\""):
            guard let inner = try? JSONParser.parse(text) else { return [] }
            return embeddedPolicies(in: inner, pointer: pointer, depth: depth + 1)
        default:
            return []
        }
    }

    /// The JSON value of a file, or the values of its lines for JSON Lines files such as Pulumi event logs.
    static func jsonDocuments(_ bytes: [UInt8]) -> [JSONValue]? {
        guard let (utf8, _) = try? TextDecoding.utf8(from: bytes) else { return nil }
        if let root = try? JSONParser.parse(utf8: utf8) {
            return [root]
        }
        let lines = utf8.split(separator: UInt8(ascii: "\n")).filter { !$0.allSatisfy { $0 == 32 || $0 == 13 } }
        let values = lines.compactMap { try? JSONParser.parse(utf8: Array($0)) }
        return values.count == lines.count && !values.isEmpty ? values : nil
    }

    @Test func everyCorpusPolicyReadsAndValidatesWithoutCrashing() throws {
        let corpus = try #require(SharedMaterial.corpus)
        let catalog = try ActionCatalog.bundled()
        var policyCount = 0
        var unreadable: [String] = []
        for file in SharedMaterial.files(under: corpus, suffix: ".json") {
            let bytes = try [UInt8](Data(contentsOf: file))
            guard let roots = Self.jsonDocuments(bytes) else {
                unreadable.append(file.lastPathComponent)
                continue
            }
            for (policy, pointer) in roots.flatMap({ Self.embeddedPolicies(in: $0) }) {
                policyCount += 1
                let read = PolicyReader.read(json: policy, file: file.path, pointer: pointer)
                guard let document = read.document else { continue }
                _ = PolicyValidator.validate(document, as: PolicyType.detect(document), catalog: catalog)
                if read.isComplete {
                    let request = Request(principal: RequestPrincipal(.anonymous), action: "s3:GetObject", resource: "arn:aws:s3:::example/key")
                    _ = try PolicyEvaluator.evaluate(request, policies: [document])
                }
            }
        }
        #expect(policyCount > 200, "found only \(policyCount) policies in the corpus")
        #expect(unreadable.isEmpty, "corpus JSON files that did not parse: \(unreadable)")
    }

    /// parliament's lint cases: documents it calls malformed must give an ERROR, clean ones none.
    @Test func parliamentMalformedCasesAreErrorsAndCleanCasesAreNot() throws {
        let corpus = try #require(SharedMaterial.corpus)
        let catalog = try ActionCatalog.bundled()
        let data = try Data(contentsOf: corpus.appendingPathComponent("parliament/lint_cases.json"))
        let root = try JSONParser.parse(utf8: [UInt8](data))
        let cases = try #require(root["cases"]?.arrayElements)
        var malformedCount = 0
        var cleanCount = 0
        for (index, entry) in cases.enumerated() {
            guard let text = entry["policy_text"]?.stringValue, let expected = entry["expected_finding_ids"]?.arrayElements else { continue }
            let ids = expected.compactMap(\.stringValue)
            let test = entry["test"]?.stringValue ?? "case \(index)"
            let read = PolicyReader.read(text: text, name: test)
            var diagnostics = read.diagnostics
            if let document = read.document {
                diagnostics += PolicyValidator.validate(document, as: PolicyType.detect(document), catalog: catalog)
            }
            let errors = diagnostics.filter { $0.severity == .error }.map(\.code)
            if ids.contains("MALFORMED") || ids.contains("MALFORMED_JSON") {
                malformedCount += 1
                #expect(!errors.isEmpty, "case \(index) (\(test)) is malformed but produced no ERROR")
            } else if ids.isEmpty {
                cleanCount += 1
                #expect(errors.isEmpty, "case \(index) (\(test)) is clean but produced \(errors)")
            }
        }
        #expect(malformedCount == 4)
        #expect(cleanCount >= 20)
    }
}
