extension ActionCatalog {
    /// Reads the catalog file format written by `scripts/generate-action-catalog.py`.
    ///
    /// One record per line with tab-separated fields: `S prefix name` starts a service,
    /// `R name template` and `K name type` define its resource types and condition keys,
    /// and `A name level resources keys` defines an action whose resources and keys are
    /// indexes into the service's R and K records. `#!name value` lines carry metadata.
    public convenience init(parsing bytes: [UInt8]) throws(ActionCatalogError) {
        var builder = CatalogBuilder()
        var lineNumber = 0
        var lineStart = 0
        while lineStart < bytes.count {
            lineNumber += 1
            let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            let line = String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self)
            lineStart = lineEnd + 1
            do throws(ActionCatalogError) {
                try builder.read(line: line)
            } catch {
                throw ActionCatalogError(description: "line \(lineNumber): \(error.description)")
            }
        }
        builder.finishService()
        guard !builder.services.isEmpty else {
            throw ActionCatalogError(description: "the catalog defines no services")
        }
        self.init(services: builder.services, metadata: builder.metadata)
    }
}

/// Collects the records of one catalog file.
private struct CatalogBuilder {
    var services: [ServiceDefinition] = []
    var metadata: [String: String] = [:]

    var prefix: String?
    var serviceName = ""
    var resourceTypes: [ResourceTypeDefinition] = []
    var conditionKeys: [ConditionKeyDefinition] = []
    var actions: [ActionDefinition] = []

    mutating func read(line: String) throws(ActionCatalogError) {
        if line.isEmpty {
            return
        }
        if line.hasPrefix("#!") {
            let fields = line.dropFirst(2).split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            if fields.count == 2 {
                metadata[String(fields[0])] = String(fields[1])
            }
            return
        }
        if line.hasPrefix("#") {
            return
        }
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
        switch fields[0] {
        case "S":
            try expect(fields, count: 3)
            finishService()
            prefix = String(fields[1])
            serviceName = String(fields[2])
        case "R":
            try expect(fields, count: 3)
            try requireService()
            resourceTypes.append(ResourceTypeDefinition(name: String(fields[1]), arnTemplate: String(fields[2])))
        case "K":
            try expect(fields, count: 3)
            try requireService()
            guard let type = ConditionKeyType(referenceName: fields[2]) else {
                throw ActionCatalogError(description: "unknown condition key type '\(fields[2])'")
            }
            conditionKeys.append(ConditionKeyDefinition(name: String(fields[1]), type: type))
        case "A":
            try expect(fields, count: 5)
            try requireService()
            actions.append(try action(fields))
        default:
            throw ActionCatalogError(description: "unknown record type '\(fields[0])'")
        }
    }

    func expect(_ fields: [Substring], count: Int) throws(ActionCatalogError) {
        if fields.count != count {
            throw ActionCatalogError(description: "expected \(count) tab-separated fields, found \(fields.count)")
        }
    }

    func requireService() throws(ActionCatalogError) {
        if prefix == nil {
            throw ActionCatalogError(description: "record before the first service")
        }
    }

    func action(_ fields: [Substring]) throws(ActionCatalogError) -> ActionDefinition {
        guard let level = AccessLevel(code: fields[2]) else {
            throw ActionCatalogError(description: "unknown access level code '\(fields[2])'")
        }
        var usages: [ResourceTypeUsage] = []
        for item in fields[3].split(separator: ",") {
            let isRequired = item.hasSuffix("!")
            guard let index = Int(isRequired ? item.dropLast() : item), resourceTypes.indices.contains(index) else {
                throw ActionCatalogError(description: "invalid resource type index '\(item)'")
            }
            usages.append(ResourceTypeUsage(resourceType: resourceTypes[index], isRequired: isRequired))
        }
        var keys: [ConditionKeyDefinition] = []
        for item in fields[4].split(separator: ",") {
            guard let index = Int(item), conditionKeys.indices.contains(index) else {
                throw ActionCatalogError(description: "invalid condition key index '\(item)'")
            }
            keys.append(conditionKeys[index])
        }
        return ActionDefinition(
            service: prefix ?? "",
            name: String(fields[1]),
            accessLevel: level,
            resourceTypes: usages,
            conditionKeys: keys)
    }

    mutating func finishService() {
        guard let prefix else { return }
        var index: [String: Int] = [:]
        for (position, action) in actions.enumerated() {
            index[CaseFolding.lowercased(action.name)] = position
        }
        services.append(ServiceDefinition(
            prefix: prefix,
            name: serviceName,
            actions: actions,
            resourceTypes: resourceTypes,
            conditionKeys: conditionKeys,
            actionIndexByLowercaseName: index))
        self.prefix = nil
        resourceTypes = []
        conditionKeys = []
        actions = []
    }
}
