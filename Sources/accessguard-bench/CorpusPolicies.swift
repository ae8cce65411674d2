import Foundation
import PolicyLanguage

/// Every policy document in a folder of JSON files: objects with a `Statement` member at any
/// depth, including policies held as JSON text in strings, as Terraform plans hold them.
enum CorpusPolicies {
    static func load(from folder: URL) -> [PolicyDocument] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        var documents: [PolicyDocument] = []
        for case let file as URL in enumerator where file.pathExtension == "json" {
            guard let data = try? Data(contentsOf: file), let (utf8, _) = try? TextDecoding.utf8(from: [UInt8](data)) else { continue }
            var roots: [JSONValue] = []
            if let root = try? JSONParser.parse(utf8: utf8) {
                roots = [root]
            } else {
                roots = utf8.split(separator: UInt8(ascii: "\n")).compactMap { try? JSONParser.parse(utf8: Array($0)) }
            }
            for root in roots {
                for policy in embedded(in: root, depth: 0) {
                    let read = PolicyReader.read(json: policy, file: file.path)
                    if read.isComplete, let document = read.document {
                        documents.append(document)
                    }
                }
            }
        }
        return documents
    }

    static func embedded(in value: JSONValue, depth: Int) -> [JSONValue] {
        guard depth < 64 else { return [] }
        switch value.kind {
        case .object(let members):
            if value["Statement"] != nil { return [value] }
            return members.flatMap { embedded(in: $0.value, depth: depth + 1) }
        case .array(let elements):
            return elements.flatMap { embedded(in: $0, depth: depth + 1) }
        case .string(let text) where text.contains("\"Statement\""):
            guard let inner = try? JSONParser.parse(text) else { return [] }
            return embedded(in: inner, depth: depth + 1)
        default:
            return []
        }
    }
}
