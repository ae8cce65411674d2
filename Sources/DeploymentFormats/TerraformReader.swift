import PolicyLanguage

/// Reads `terraform show -json` output (format 1.x) of a plan or a state, as OpenTofu
/// writes it too.
///
/// A plan's attributes come from `resource_changes` (`after`, with `after_unknown` marking
/// what is known only after apply), or from `planned_values`; references between resources
/// come from `configuration`; the prior state is the baseline. Values marked sensitive
/// become unknown, so that they are never printed.
enum TerraformReader {
    /// Whether a `format_version` is one AccessGuard reads; the version must be a string.
    static func isSupported(formatVersion version: String?) -> Bool {
        guard let version else { return false }
        return version.hasPrefix("1.") || version == "0.1" || version == "0.2"
    }

    static func read(_ root: consuming JSONValue, file: String) -> Deployment {
        var diagnostics: [Diagnostic] = []
        // Terraform 0.12 to 0.15 wrote formats 0.1 and 0.2, which 1.x extends compatibly.
        if let value = root["format_version"], !isSupported(formatVersion: value.stringValue) {
            let version = value.stringValue ?? "of type \(value.typeName)"
            diagnostics.append(Diagnostic(
                .unsupportedVersion, "Terraform JSON format \(version) is not supported; expected 0.1, 0.2 or 1.x",
                file: file, location: value.location))
            return Deployment(file: file, format: .terraformPlan, resources: [], diagnostics: diagnostics)
        }
        let configuration = configuration(root["configuration"]?["root_module"], prefix: "")
        let isPlan = root["planned_values"] != nil || root["resource_changes"] != nil
        if !isPlan {
            var noChanges: [String: JSONValue] = [:]
            let resources = moduleResources(root["values"]?["root_module"], file: file, configuration: configuration, changes: &noChanges)
            return Deployment(file: file, format: .terraformState, resources: resources, diagnostics: diagnostics)
        }

        var changes: [String: JSONValue] = [:]
        for change in root["resource_changes"]?.arrayElements ?? [] {
            if let address = change["address"]?.stringValue, change["deposed"] == nil {
                changes[address] = change
            }
        }
        let plannedModule = root["planned_values"]?["root_module"]
        let priorState = root["prior_state"]
        // A plan without prior state whose changes all create managed resources, or read data
        // sources, starts from an empty state, as the first plan of a new stack does.
        let startsEmpty = priorState == nil && (root["resource_changes"]?.arrayElements ?? []).allSatisfy { change in
            let actions = change["change"]?["actions"]?.arrayElements?.compactMap(\.stringValue) ?? []
            return actions == ["create"] || (change["mode"]?.stringValue == "data" && actions == ["read"])
        }
        // From here on, `changes` and `plannedModule` keep the only references to their JSON,
        // which is freed resource by resource as it is converted.
        root = JSONValue(.null)
        var resources = moduleResources(plannedModule, file: file, configuration: configuration, changes: &changes)
        // Data sources read during apply appear only as changes, with unknown attributes: the
        // changes of planned resources are gone from `changes` once read.
        for (address, change) in changes.sorted(by: { $0.key < $1.key }) {
            let actions = change["change"]?["actions"]?.arrayElements?.compactMap(\.stringValue) ?? []
            guard !actions.contains("delete") || actions.contains("create"), let type = change["type"]?.stringValue else { continue }
            let properties = merged(
                after: change["change"]?["after"] ?? JSONValue(.object([])), unknown: change["change"]?["after_unknown"],
                sensitive: change["change"]?["after_sensitive"])
            let configured = configuration[address] ?? configuration[unindexed(address)]
            resources.append(DeployedResource(
                address: address, type: type, properties: properties, file: file, location: change.location,
                references: configured?.references ?? [:], configuredProperties: configured?.attributes))
        }
        var noChanges: [String: JSONValue] = [:]
        let baseline = priorState.map { moduleResources($0["values"]?["root_module"], file: file, configuration: [:], changes: &noChanges) }
            ?? (startsEmpty ? [] : nil)
        return Deployment(file: file, format: .terraformPlan, resources: resources, baseline: baseline, diagnostics: diagnostics)
    }

    /// Returns the resources of a module and its child modules, managed and data alike. A
    /// resource with a change takes its attributes from the change's `after`, because that
    /// marks the values known only after apply. The others take them from `values`. The
    /// changes of the resources read are removed from `changes`, and each resource's JSON is
    /// dropped once it is converted, so that a caller keeping no other reference frees it.
    static func moduleResources(
        _ module: consuming JSONValue?, file: String, configuration: [String: ConfiguredResource], changes: inout [String: JSONValue]
    ) -> [DeployedResource] {
        guard let module else { return [] }
        var entries = module["resources"]?.arrayElements ?? []
        let children = module["child_modules"]?.arrayElements ?? []
        _ = consume module
        var result: [DeployedResource] = []
        for index in entries.indices {
            let entry = entries[index]
            entries[index] = JSONValue(.null)
            guard let address = entry["address"]?.stringValue, let type = entry["type"]?.stringValue else { continue }
            let properties: DeployedValue
            if let change = changes.removeValue(forKey: address)?["change"], let after = change["after"], after.objectMembers != nil {
                properties = merged(after: after, unknown: change["after_unknown"], sensitive: change["after_sensitive"])
            } else {
                properties = merged(after: entry["values"] ?? JSONValue(.object([])), unknown: nil, sensitive: entry["sensitive_values"])
            }
            let configured = configuration[address] ?? configuration[unindexed(address)]
            result.append(DeployedResource(
                address: address, type: type, properties: properties, file: file, location: entry.location,
                references: configured?.references ?? [:], configuredProperties: configured?.attributes))
        }
        for child in children {
            result += moduleResources(child, file: file, configuration: configuration, changes: &changes)
        }
        return result
    }

    /// The address without instance keys, as `configuration` names resources.
    static func unindexed(_ address: String) -> String {
        var result = ""
        var depth = 0
        for character in address {
            if character == "[" { depth += 1; continue }
            if character == "]" { depth -= 1; continue }
            if depth == 0 { result.append(character) }
        }
        return result
    }

    /// Combines known attributes with the `after_unknown` and sensitivity masks.
    static func merged(after: JSONValue, unknown: JSONValue?, sensitive: JSONValue?) -> DeployedValue {
        if unknown?.kind.isTrue == true {
            return .unknown("known only after apply", at: after.location)
        }
        if sensitive?.kind.isTrue == true {
            return .unknown("a sensitive value", at: after.location)
        }
        switch after.kind {
        case .object(let members):
            var result: [(key: String, value: DeployedValue)] = members.map { member in
                (member.key, merged(after: member.value, unknown: unknown?[member.key], sensitive: sensitive?[member.key]))
            }
            // Attributes unknown until apply are absent from `after` and marked in the mask.
            for member in unknown?.objectMembers ?? [] where member.value.kind.isTrue && !members.contains(where: { $0.key == member.key }) {
                result.append((member.key, .unknown("known only after apply", at: after.location)))
            }
            return DeployedValue(.object(result), location: after.location)
        case .array(let elements):
            let unknowns = unknown?.arrayElements
            let sensitives = sensitive?.arrayElements
            return DeployedValue(.array(elements.enumerated().map { index, element in
                merged(
                    after: element, unknown: unknowns.flatMap { index < $0.count ? $0[index] : nil },
                    sensitive: sensitives.flatMap { index < $0.count ? $0[index] : nil })
            }), location: after.location)
        default:
            return DeployedValue(json: after)
        }
    }

    /// What the configuration says about one resource: each attribute's referenced addresses,
    /// and which attributes it sets.
    struct ConfiguredResource {
        var references: [String: [String]] = [:]
        var attributes: Set<String> = []
    }

    /// The configuration of each resource address, with module call prefixes; references are
    /// trimmed to resource addresses.
    static func configuration(_ module: JSONValue?, prefix: String) -> [String: ConfiguredResource] {
        guard let module else { return [:] }
        var result: [String: ConfiguredResource] = [:]
        for resource in module["resources"]?.arrayElements ?? [] {
            guard let address = resource["address"]?.stringValue else { continue }
            var configured = ConfiguredResource()
            for expression in resource["expressions"]?.objectMembers ?? [] {
                configured.attributes.insert(expression.key)
                let referenced = references(in: expression.value).map { prefix + resourceAddress($0) }
                if !referenced.isEmpty {
                    configured.references[expression.key] = Array(Set(referenced)).sorted()
                }
            }
            result[prefix + address] = configured
        }
        for call in module["module_calls"]?.objectMembers ?? [] {
            result.merge(configuration(call.value["module"], prefix: prefix + "module.\(call.key)."), uniquingKeysWith: { first, _ in first })
        }
        return result
    }

    /// Every string of every `references` list inside an expression.
    static func references(in expression: JSONValue) -> [String] {
        switch expression.kind {
        case .object(let members):
            return members.flatMap { member -> [String] in
                if member.key == "references" {
                    return member.value.arrayElements?.compactMap(\.stringValue) ?? []
                }
                return references(in: member.value)
            }
        case .array(let elements):
            return elements.flatMap(references(in:))
        default:
            return []
        }
    }

    /// Trims a reference such as `aws_s3_bucket.site.id` or `data.x.y.json` to the resource's address.
    static func resourceAddress(_ reference: String) -> String {
        let parts = reference.split(separator: ".").map(String.init)
        let keep = parts.first == "data" ? 3 : 2
        return parts.prefix(keep).joined(separator: ".")
    }
}

extension JSONValue.Kind {
    var isTrue: Bool {
        if case .bool(true) = self { return true }
        return false
    }
}
