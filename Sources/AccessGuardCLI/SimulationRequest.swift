import PolicyLanguage

/// Builds the request of `accessguard simulate` from its options.
enum SimulationRequest {
    static func make(_ arguments: ParsedArguments, catalog: ActionCatalog) throws(UsageError) -> Request {
        guard let principalText = arguments.value("--principal") else {
            throw UsageError(message: "missing --principal", help: "for example --principal anonymous or --principal 111122223333")
        }
        guard let action = arguments.value("--action") else {
            throw UsageError(message: "missing --action", help: "for example --action s3:GetObject")
        }
        guard let resource = arguments.value("--resource") else {
            throw UsageError(message: "missing --resource", help: "for example --resource arn:aws:s3:::example-bucket/key")
        }
        try checkAction(action)
        guard resource == "*" || ARN(resource) != nil else {
            throw UsageError(
                message: "invalid --resource '\(resource)': expected an ARN such as arn:aws:s3:::example-bucket/key, or *")
        }
        let sessionName = arguments.value("--session-name") ?? "session"
        guard let identity = RequestPrincipal.Identity(parsing: principalText, sessionName: sessionName) else {
            throw UsageError(message: "cannot read --principal '\(principalText)'", help: "expected \(RequestPrincipal.Identity.acceptedForms)")
        }

        var tags: [String: String] = [:]
        for item in arguments.allValues("--principal-tag") {
            let (key, value) = try keyValue(item, option: "--principal-tag")
            tags[key] = value
        }
        if case .accountRoot = identity, !tags.isEmpty {
            throw UsageError(
                message: "invalid --principal-tag: the root user of an account carries no principal tags",
                help: "name an IAM user or role with --principal to simulate tags")
        }
        let principal = RequestPrincipal(
            identity,
            uniqueID: arguments.value("--principal-id"),
            organizationID: arguments.value("--principal-org-id"),
            organizationPaths: arguments.allValues("--principal-org-path"),
            tags: tags,
            rootPartition: ARN(principalText)?.partition ?? "aws")

        var context = RequestContext()
        if let json = arguments.value("--context-json") {
            try readContextJSON(json, into: &context)
            for entry in context.sortedEntries {
                for value in entry.values {
                    try checkValue(value, key: entry.key, catalog: catalog)
                }
            }
        }
        try readContextPairs(arguments.allValues("--context"), into: &context, catalog: catalog)
        return Request(principal: principal, action: action, resource: resource, context: context)
    }

    /// Checks that a request names one action: `service:Name`, without wildcards.
    static func checkAction(_ action: String) throws(UsageError) {
        let parts = action.split(separator: ":", omittingEmptySubsequences: false)
        let hasWildcard = action.contains("*") || action.contains("?")
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, !hasWildcard else {
            throw UsageError(
                message: "invalid --action '\(action)': expected one action such as s3:GetObject, without wildcards",
                help: hasWildcard ? "run 'accessguard actions \(action)' to list the actions a pattern matches" : nil)
        }
    }

    /// Checks that a value reads as its key's documented type, as AWS would supply it.
    static func checkValue(_ value: String, key: String, catalog: ActionCatalog) throws(UsageError) {
        guard let type = catalog.conditionKey(named: key)?.type.valueType else { return }
        let expected: String?
        switch type {
        case .ipAddress: expected = IPAddress(value) == nil ? "an IP address such as 203.0.113.7" : nil
        case .numeric: expected = DecimalNumber(value) == nil ? "a number" : nil
        case .date: expected = PolicyDate(value) == nil ? "a date such as 2024-01-31T12:00:00Z or epoch seconds" : nil
        case .bool: expected = value == "true" || value == "false" ? nil : "true or false"
        case .arn: expected = ARN(value) == nil ? "an ARN" : nil
        case .string, .binary: expected = nil
        }
        if let expected {
            throw UsageError(message: "invalid value '\(value)' for \(key): expected \(expected)")
        }
    }

    static func keyValue(_ item: String, option: String) throws(UsageError) -> (String, String) {
        guard let equals = item.firstIndex(of: "="), equals != item.startIndex else {
            throw UsageError(message: "invalid \(option) '\(item)'", help: "expected KEY=VALUE")
        }
        return (String(item[..<equals]), String(item[item.index(after: equals)...]))
    }

    static func readContextPairs(_ items: [String], into context: inout RequestContext, catalog: ActionCatalog) throws(UsageError) {
        var order: [String] = []
        var values: [String: (key: String, values: [String])] = [:]
        for item in items {
            let (key, value) = try keyValue(item, option: "--context")
            try checkValue(value, key: key, catalog: catalog)
            let normalized = CaseFolding.lowercased(key)
            if values[normalized] == nil {
                order.append(normalized)
                values[normalized] = (key, [])
            }
            values[normalized]?.values.append(value)
        }
        for normalized in order {
            guard let entry = values[normalized] else { continue }
            let isMultiValued = catalog.conditionKey(named: entry.key)?.type.isMultiValued ?? false
            if isMultiValued || entry.values.count > 1 {
                context.set(entry.key, values: entry.values)
            } else {
                context.set(entry.key, entry.values[0])
            }
        }
    }

    static func readContextJSON(_ text: String, into context: inout RequestContext) throws(UsageError) {
        let root: JSONValue
        do {
            root = try JSONParser.parse(text)
        } catch {
            throw UsageError(message: "invalid --context-json: \(error.message) at \(error.location)")
        }
        guard let members = root.objectMembers else {
            throw UsageError(message: "invalid --context-json: expected an object, found \(root.typeName)")
        }
        for member in members {
            switch member.value.kind {
            case .string(let value):
                context.set(member.key, value)
            case .number(let value):
                context.set(member.key, value)
            case .bool(let value):
                context.set(member.key, value ? "true" : "false")
            case .array(let elements):
                var list: [String] = []
                for element in elements {
                    guard let value = element.stringValue else {
                        throw UsageError(message: "invalid --context-json: the values of '\(member.key)' must be strings")
                    }
                    list.append(value)
                }
                context.set(member.key, values: list)
            default:
                throw UsageError(message: "invalid --context-json: '\(member.key)' must be a string or an array of strings")
            }
        }
    }
}
