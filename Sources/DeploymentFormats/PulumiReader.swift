import PolicyLanguage

/// Reads Pulumi's stack exports (deployment versions 3 and 4), `pulumi preview --json`
/// output, and the resource list a policy pack receives in `AnalyzeStack`.
///
/// Pulumi marks values computed during the deployment with sentinel strings and wraps
/// secrets in a marker object; both become unknown values, never literal text.
enum PulumiReader {
    /// The sentinels Pulumi prints for an unknown string, Boolean, number, array and object.
    static let unknownSentinels: Set<String> = [
        "04da6b54-80e4-46f7-96ec-b56ff0331ba9", "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
        "3eeb2bf0-c639-47a8-9e75-3b44932eb421", "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
        "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
    ]
    /// The key of the object that marks a secret.
    static let secretSignature = "4dabf18193072939515e22adb298388d"

    static func readState(_ root: consuming JSONValue, file: String) -> Deployment {
        var diagnostics: [Diagnostic] = []
        if let version = root["version"], !["3", "4"].contains(version.numberText) {
            let text = version.numberText ?? version.stringValue.map { "'\($0)'" } ?? "of type \(version.typeName)"
            diagnostics.append(Diagnostic(
                .unsupportedVersion, "Pulumi deployment version \(text) is not supported; expected 3 or 4",
                file: file, location: version.location))
        }
        // A stack export holds `deployment`; a state file of a backend holds `checkpoint.latest`.
        let deployment = root["deployment"] ?? root["checkpoint"]?["latest"]
        guard var entries = deployment?["resources"]?.arrayElements else {
            if let deployment, deployment["resources"] == nil {
                return Deployment(file: file, format: .pulumiState, resources: [], diagnostics: diagnostics)
            }
            diagnostics.append(Diagnostic(.invalidDeployment, "a Pulumi stack export needs deployment.resources, an array", file: file, location: root.location))
            return Deployment(file: file, format: .pulumiState, resources: [], diagnostics: diagnostics)
        }
        // Once the tree is dropped, `entries` is the only reference to each resource's JSON,
        // which is freed as soon as it is converted: the JSON of all resources and all their
        // converted values never take memory together.
        root = JSONValue(.null)
        _ = consume deployment
        var resources: [DeployedResource] = []
        for index in entries.indices {
            let entry = entries[index]
            entries[index] = JSONValue(.null)
            if let resource = resource(entry, propertiesKey: entry["outputs"] != nil ? "outputs" : "inputs", file: file, diagnostics: &diagnostics) {
                resources.append(resource)
            }
        }
        return Deployment(file: file, format: .pulumiState, resources: resources, diagnostics: diagnostics)
    }

    static func readPreview(_ root: JSONValue, file: String) -> Deployment {
        var diagnostics: [Diagnostic] = []
        guard let steps = root["steps"]?.arrayElements else {
            diagnostics.append(Diagnostic(.invalidDeployment, "a Pulumi preview needs steps, an array", file: file, location: root.location))
            return Deployment(file: file, format: .pulumiPreview, resources: [], diagnostics: diagnostics)
        }
        var resources: [DeployedResource] = []
        var baseline: [DeployedResource] = []
        var sawSame = false
        for step in steps {
            let operation = step["op"]?.stringValue ?? ""
            if operation == "same" { sawSame = true }
            if let old = step["oldState"], old.objectMembers != nil,
               let resource = resource(old, propertiesKey: old["outputs"] != nil ? "outputs" : "inputs", file: file, diagnostics: &diagnostics) {
                baseline.append(resource)
            }
            let removed = ["delete", "delete-replaced", "discard", "discard-replaced", "remove-pending-replace"].contains(operation)
            guard !removed, let new = step["newState"], new.objectMembers != nil else { continue }
            // A new state's outputs are not computed yet in a preview; its inputs are what it asks for.
            let key = new["outputs"]?.objectMembers?.isEmpty == false ? "outputs" : "inputs"
            if let resource = resource(new, propertiesKey: key, file: file, urn: step["urn"]?.stringValue, diagnostics: &diagnostics) {
                resources.append(resource)
            }
        }
        if !sawSame && !steps.isEmpty {
            diagnostics.append(Diagnostic(
                .previewWithoutSames, "the preview lists only the resources that change, so unchanged resources are not analyzed",
                file: file, location: root.location, help: "run 'pulumi preview --json --show-sames' to include every resource"))
        }
        return Deployment(file: file, format: .pulumiPreview, resources: resources, baseline: baseline, diagnostics: diagnostics)
    }

    /// Reads an engine event log (`--event-log`, one JSON event per line): the last state of
    /// each resource that the run does not delete.
    static func readEventLog(_ lines: [JSONValue], file: String) -> Deployment {
        var diagnostics: [Diagnostic] = []
        var order: [String] = []
        var seen: Set<String> = []
        var states: [String: JSONValue] = [:]
        for line in lines {
            guard let metadata = line["resOutputsEvent"]?["metadata"] ?? line["resourcePreEvent"]?["metadata"],
                  let urn = metadata["urn"]?.stringValue else { continue }
            let operation = metadata["op"]?.stringValue ?? ""
            if ["delete", "delete-replaced", "discard", "discard-replaced"].contains(operation) {
                states[urn] = nil
                continue
            }
            guard let new = metadata["new"], new.objectMembers != nil else { continue }
            if seen.insert(urn).inserted { order.append(urn) }
            states[urn] = new
        }
        var resources: [DeployedResource] = []
        for urn in order {
            guard let state = states[urn] else { continue }
            let key = state["outputs"]?.objectMembers?.isEmpty == false ? "outputs" : "inputs"
            if let resource = resource(state, propertiesKey: key, file: file, urn: urn, diagnostics: &diagnostics) {
                resources.append(resource)
            }
        }
        return Deployment(file: file, format: .pulumiEventLog, resources: resources, diagnostics: diagnostics)
    }

    static func readAnalyzeStack(_ root: JSONValue, file: String) -> Deployment {
        var diagnostics: [Diagnostic] = []
        var resources: [DeployedResource] = []
        for entry in root["resources"]?.arrayElements ?? [] {
            if let resource = resource(entry, propertiesKey: "properties", file: file, diagnostics: &diagnostics) {
                resources.append(resource)
            }
        }
        return Deployment(file: file, format: .pulumiResources, resources: resources, diagnostics: diagnostics)
    }

    static func resource(_ entry: JSONValue, propertiesKey: String, file: String, urn: String? = nil, diagnostics: inout [Diagnostic]) -> DeployedResource? {
        guard let type = entry["type"]?.stringValue, let address = entry["urn"]?.stringValue ?? urn else {
            diagnostics.append(Diagnostic(.invalidDeployment, "a Pulumi resource needs a type and a urn", file: file, location: entry.location))
            return nil
        }
        guard !type.hasPrefix("pulumi:") else { return nil }
        var properties = entry[propertiesKey].map(value) ?? DeployedValue(.object([]), location: entry.location)
        // The resource's own ID is how other resources often refer to it.
        if let id = entry["id"].map(value), properties["id"] == nil, case .object(var members) = properties.kind {
            members.append(("id", id))
            properties.kind = .object(members)
        }
        var references: [String: [String]] = [:]
        for member in entry["propertyDependencies"]?.objectMembers ?? [] {
            let urns = member.value.arrayElements ?? member.value["urns"]?.arrayElements ?? []
            references[member.key] = urns.compactMap(\.stringValue)
        }
        // The inputs are what the program sets; the outputs add what AWS computes.
        let inputs = entry[propertiesKey == "outputs" ? "inputs" : propertiesKey]?.objectMembers
        let configured = inputs.map { Set($0.map(\.key).filter { !$0.hasPrefix("__") }) }
        return DeployedResource(
            address: address, type: type, properties: properties, file: file, location: entry.location, references: references,
            configuredProperties: configured)
    }

    /// Converts a Pulumi property value, turning sentinels and secrets into unknowns.
    static func value(_ json: JSONValue) -> DeployedValue {
        switch json.kind {
        case .string(let text):
            if unknownSentinels.contains(text) {
                return .unknown("computed during the deployment", at: json.location)
            }
            if text == "[secret]" {
                return .unknown("a secret", at: json.location)
            }
            return .string(text, at: json.location)
        case .object(let members):
            if members.contains(where: { $0.key == secretSignature }) {
                return .unknown("a secret", at: json.location)
            }
            return DeployedValue(.object(members.filter { !$0.key.hasPrefix("__") }.map { ($0.key, value($0.value)) }), location: json.location)
        case .array(let elements):
            return DeployedValue(.array(elements.map(value)), location: json.location)
        default:
            return DeployedValue(json: json)
        }
    }
}

extension JSONValue {
    /// The source text of a number.
    var numberText: String? {
        if case .number(let text) = kind { return text }
        return nil
    }
}
