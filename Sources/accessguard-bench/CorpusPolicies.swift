import Foundation
import PolicyLanguage

/// Every policy document in a folder of JSON files: objects with a `Statement` member at any
/// depth, including policies held as JSON text in strings, as Terraform plans hold them.
enum CorpusPolicies {
    /// A policy document with the file it came from.
    struct Entry {
        let file: String
        /// The position of the policy among those of its file, from 1.
        let ordinal: Int
        let document: PolicyDocument
    }

    static func load(from folder: URL) -> [Entry] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        var entries: [Entry] = []
        let files = enumerator.compactMap { $0 as? URL }.filter { $0.pathExtension == "json" }.sorted { $0.path < $1.path }
        for file in files {
            guard let data = try? Data(contentsOf: file), let (utf8, _) = try? TextDecoding.utf8(from: [UInt8](data)) else { continue }
            let firstOfFile = entries.count
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
                        entries.append(Entry(file: file.path, ordinal: entries.count - firstOfFile + 1, document: document))
                    }
                }
            }
        }
        return entries
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
