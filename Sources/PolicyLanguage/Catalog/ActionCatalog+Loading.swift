#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The catalog file format written by `scripts/generate-action-catalog.py`.
///
/// One record per line with tab-separated fields: `S prefix name` starts a service,
/// `R name template` and `K name type` define its resource types and condition keys,
/// and `A name level resources keys` defines an action whose resources and keys are
/// indexes into the service's R and K records. `#!name value` lines carry metadata.
///
/// Loading indexes the services and reads every condition key, which takes one pass over
/// the bytes; a service's actions are read the first time the service is used.
struct CatalogFile: Sendable {
    /// Where one service's records are in the file.
    struct ServiceRecord: Sendable {
        let prefix: String
        let name: String
        /// The byte range of the records after the `S` line.
        let body: Range<Int>
        /// The line number of the `S` line, for error messages.
        let line: Int
    }

    let bytes: [UInt8]
    let metadata: [String: String]
    let services: [ServiceRecord]
    /// Every condition key of every service, in file order.
    let conditionKeys: [ConditionKeyDefinition]

    init(bytes: [UInt8]) throws(ActionCatalogError) {
        self.bytes = bytes
        var metadata: [String: String] = [:]
        var services: [ServiceRecord] = []
        var keys: [ConditionKeyDefinition] = []
        var current: (prefix: String, name: String, start: Int, line: Int)?

        var lineNumber = 0
        var lineStart = 0
        while lineStart < bytes.count {
            lineNumber += 1
            let lineEnd = CatalogFile.lineEnd(bytes, from: lineStart)
            defer { lineStart = lineEnd + 1 }
            guard lineEnd > lineStart else { continue }
            let kind = bytes[lineStart]
            // Resource and action records are read with their service, on first use.
            if kind == UInt8(ascii: "R") || kind == UInt8(ascii: "A") {
                guard current != nil else { throw ActionCatalogError(description: "line \(lineNumber): record before the first service") }
                continue
            }
            let fields = CatalogFile.fields(bytes, lineStart..<lineEnd)
            switch kind {
            case UInt8(ascii: "#"):
                if lineEnd - lineStart > 2, bytes[lineStart + 1] == UInt8(ascii: "!"), fields.count >= 2 {
                    let name = CatalogFile.text(bytes, (fields[0].lowerBound + 2)..<fields[0].upperBound)
                    metadata[name] = CatalogFile.text(bytes, fields[1].lowerBound..<fields[fields.count - 1].upperBound)
                }
            case UInt8(ascii: "S"):
                guard fields.count == 3 else { throw CatalogFile.fieldCountError(lineNumber, 3, fields.count) }
                if let open = current {
                    services.append(ServiceRecord(prefix: open.prefix, name: open.name, body: open.start..<lineStart, line: open.line))
                }
                current = (CatalogFile.text(bytes, fields[1]), CatalogFile.text(bytes, fields[2]), lineEnd + 1, lineNumber)
            case UInt8(ascii: "K"):
                guard current != nil else { throw ActionCatalogError(description: "line \(lineNumber): record before the first service") }
                keys.append(try CatalogFile.conditionKey(bytes, fields, line: lineNumber))
            default:
                throw ActionCatalogError(description: "line \(lineNumber): unknown record type '\(CatalogFile.text(bytes, fields[0]))'")
            }
        }
        if let open = current {
            services.append(ServiceRecord(prefix: open.prefix, name: open.name, body: open.start..<bytes.count, line: open.line))
        }
        guard !services.isEmpty else {
            throw ActionCatalogError(description: "the catalog defines no services")
        }
        self.metadata = metadata
        self.services = services
        self.conditionKeys = keys
    }

    /// Reads the resource types, condition keys and actions of one service.
    func readService(_ record: ServiceRecord) throws(ActionCatalogError) -> ServiceDefinition {
        var resourceTypes: [ResourceTypeDefinition] = []
        var conditionKeys: [ConditionKeyDefinition] = []
        var actions: [ActionDefinition] = []
        var lineNumber = record.line
        var lineStart = record.body.lowerBound
        while lineStart < record.body.upperBound {
            lineNumber += 1
            let lineEnd = CatalogFile.lineEnd(bytes, from: lineStart)
            defer { lineStart = lineEnd + 1 }
            guard lineEnd > lineStart else { continue }
            let fields = CatalogFile.fields(bytes, lineStart..<lineEnd)
            switch bytes[lineStart] {
            case UInt8(ascii: "R"):
                guard fields.count == 3 else { throw CatalogFile.fieldCountError(lineNumber, 3, fields.count) }
                resourceTypes.append(ResourceTypeDefinition(name: CatalogFile.text(bytes, fields[1]), arnTemplate: CatalogFile.text(bytes, fields[2])))
            case UInt8(ascii: "K"):
                conditionKeys.append(try CatalogFile.conditionKey(bytes, fields, line: lineNumber))
            case UInt8(ascii: "A"):
                actions.append(try action(fields, service: record.prefix, resourceTypes: resourceTypes, conditionKeys: conditionKeys, line: lineNumber))
            default:
                continue
            }
        }
        return ServiceDefinition(prefix: record.prefix, name: record.name, actions: actions, resourceTypes: resourceTypes, conditionKeys: conditionKeys)
    }

    private func action(
        _ fields: [Range<Int>],
        service: String,
        resourceTypes: [ResourceTypeDefinition],
        conditionKeys: [ConditionKeyDefinition],
        line: Int
    ) throws(ActionCatalogError) -> ActionDefinition {
        guard fields.count == 5 else { throw CatalogFile.fieldCountError(line, 5, fields.count) }
        let levelField = fields[2]
        guard levelField.count == 1, let level = AccessLevel(code: bytes[levelField.lowerBound]) else {
            throw ActionCatalogError(description: "line \(line): unknown access level code '\(CatalogFile.text(bytes, levelField))'")
        }
        var usages: [ResourceTypeUsage] = []
        for item in CatalogFile.numbers(bytes, fields[3]) {
            guard let index = item.value, resourceTypes.indices.contains(index) else {
                throw ActionCatalogError(description: "line \(line): invalid resource type index '\(CatalogFile.text(bytes, item.range))'")
            }
            usages.append(ResourceTypeUsage(resourceType: resourceTypes[index], isRequired: item.marked))
        }
        var keys: [ConditionKeyDefinition] = []
        for item in CatalogFile.numbers(bytes, fields[4]) {
            guard let index = item.value, !item.marked, conditionKeys.indices.contains(index) else {
                throw ActionCatalogError(description: "line \(line): invalid condition key index '\(CatalogFile.text(bytes, item.range))'")
            }
            keys.append(conditionKeys[index])
        }
        return ActionDefinition(
            service: service, name: CatalogFile.text(bytes, fields[1]), accessLevel: level,
            resourceTypes: usages, conditionKeys: keys)
    }

    // MARK: - Byte-level helpers

    /// Returns the position of the next line feed at or after `start`, or the end of the bytes.
    static func lineEnd(_ bytes: [UInt8], from start: Int) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            guard start < buffer.count, let base = buffer.baseAddress,
                  let found = memchr(base + start, Int32(UInt8(ascii: "\n")), buffer.count - start) else { return buffer.count }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    static func fields(_ bytes: [UInt8], _ line: Range<Int>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = line.lowerBound
        for index in line where bytes[index] == UInt8(ascii: "\t") {
            result.append(start..<index)
            start = index + 1
        }
        result.append(start..<line.upperBound)
        return result
    }

    static func text(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// Reads a comma-separated list of decimal numbers, each optionally followed by `!`.
    static func numbers(_ bytes: [UInt8], _ range: Range<Int>) -> [(value: Int?, marked: Bool, range: Range<Int>)] {
        guard !range.isEmpty else { return [] }
        var result: [(Int?, Bool, Range<Int>)] = []
        var start = range.lowerBound
        var value: Int? = 0
        var marked = false
        for index in range.lowerBound...range.upperBound {
            let byte = index < range.upperBound ? bytes[index] : UInt8(ascii: ",")
            switch byte {
            case UInt8(ascii: ","):
                result.append((index > start ? value : nil, marked, start..<index))
                start = index + 1
                value = 0
                marked = false
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                value = value.map { $0 * 10 + Int(byte - UInt8(ascii: "0")) }
            case UInt8(ascii: "!"):
                marked = true
            default:
                value = nil
            }
        }
        return result
    }

    static func conditionKey(_ bytes: [UInt8], _ fields: [Range<Int>], line: Int) throws(ActionCatalogError) -> ConditionKeyDefinition {
        guard fields.count == 3 else { throw fieldCountError(line, 3, fields.count) }
        let typeName = text(bytes, fields[2])
        guard let type = ConditionKeyType(referenceName: typeName) else {
            throw ActionCatalogError(description: "line \(line): unknown condition key type '\(typeName)'")
        }
        return ConditionKeyDefinition(name: text(bytes, fields[1]), type: type)
    }

    static func fieldCountError(_ line: Int, _ expected: Int, _ found: Int) -> ActionCatalogError {
        ActionCatalogError(description: "line \(line): expected \(expected) tab-separated fields, found \(found)")
    }
}

extension ActionCatalog {
    /// Reads a catalog file. Its services' actions are read on first use, unless
    /// `checkingEveryService` asks to read them all now so that any error surfaces here.
    public convenience init(parsing bytes: [UInt8], checkingEveryService: Bool = false) throws(ActionCatalogError) {
        let file = try CatalogFile(bytes: bytes)
        if checkingEveryService {
            for record in file.services {
                _ = try file.readService(record)
            }
        }
        self.init(file: file)
    }
}
