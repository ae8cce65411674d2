import PolicyLanguage

/// Reads a CloudFormation template into deployments: one, or one per combination of the
/// undecided conditions that decide the access-relevant resources.
///
/// Conditions that compare a parameter without a value cannot be decided offline, and a
/// template may then create different policies. Each comparison that matters is assumed true
/// and false in turn, up to `maximumEnumeratedComparisons` of them.
enum CloudFormationReader {
    static let maximumEnumeratedComparisons = 6

    /// The transforms whose effect AccessGuard applies itself.
    static let understoodTransforms: Set<String> = ["AWS::Serverless-2016-10-31", "AWS::LanguageExtensions"]

    static func read(_ root: JSONValue, file: String, settings: DeploymentSettings, parameters: [String: String]) -> [Deployment] {
        let template = CloudFormationTemplate(root: root, file: file)
        var diagnostics = template.diagnostics + CloudFormationDependencies.cycleDiagnostics(template)
        for transform in template.transforms where !understoodTransforms.contains(transform) {
            diagnostics.append(Diagnostic(
                .unresolvedValue, "the template uses the transform '\(transform)', which can add or change resources that are then not analyzed",
                file: file, location: root["Transform"]?.location,
                help: "analyze the processed template: 'aws cloudformation get-template --template-stage Processed'"))
        }
        let values = parameterValues(template, overrides: parameters, diagnostics: &diagnostics)

        // Find the undecided comparisons that the access-relevant resources depend on.
        var discovery = CloudFormationEvaluator(template: template, settings: settings, parameterValues: values, assignment: [:])
        discovery.exploresBothBranches = true
        _ = resources(of: template, with: &discovery)
        diagnostics += discovery.diagnostics
        let atoms = Array(discovery.atoms.prefix(maximumEnumeratedComparisons))
        if discovery.atoms.count > atoms.count {
            let rest = discovery.atoms.dropFirst(atoms.count).map(\.description).joined(separator: ", ")
            diagnostics.append(Diagnostic(
                .unresolvedValue,
                "\(discovery.atoms.count) conditions compare values that are not known; the first \(atoms.count) are analyzed in every combination, and values that depend on the others (\(rest)) are unknown",
                file: file, location: root["Conditions"]?.location, help: "give parameter values with --parameter NAME=VALUE"))
        }

        var deployments: [Deployment] = []
        for combination in 0..<(1 << atoms.count) {
            var assignment: [String: Bool] = [:]
            var labels: [String] = []
            for (index, atom) in atoms.enumerated() {
                let value = combination & (1 << index) != 0
                assignment[atom.key] = value
                labels.append(value ? atom.description : atom.description.replacingFirst(" = ", with: " != "))
            }
            var evaluator = CloudFormationEvaluator(template: template, settings: settings, parameterValues: values, assignment: assignment)
            let scenarioResources = resources(of: template, with: &evaluator)
            diagnostics += evaluator.diagnostics
            deployments.append(Deployment(
                file: file, format: .cloudFormation, resources: scenarioResources,
                scenario: atoms.isEmpty ? nil : labels.joined(separator: ", ")))
        }
        var seen = Set<Diagnostic>()
        deployments[0].diagnostics = diagnostics.filter { seen.insert($0).inserted }
        return deployments
    }

    /// The value of each parameter: the one given, its default, or unknown.
    static func parameterValues(_ template: CloudFormationTemplate, overrides: [String: String], diagnostics: inout [Diagnostic]) -> [String: DeployedValue] {
        var values: [String: DeployedValue] = [:]
        for (name, definition) in template.parameters {
            let type = definition["Type"]?.stringValue ?? "String"
            let isList = type.hasPrefix("List<") || type == "CommaDelimitedList"
            let location = definition.location
            if let given = overrides[name] {
                values[name] = typed(given, isList: isList, at: location)
            } else if type.hasPrefix("AWS::SSM::Parameter::Value<") {
                let path = definition["Default"]?.stringValue ?? name
                values[name] = .unknown("read from the SSM parameter \(path) at deployment", at: location)
            } else if let fallback = definition["Default"] {
                let text = fallback.stringValue ?? fallback.numberText ?? fallback.arrayElements?.compactMap { $0.stringValue ?? $0.numberText }.joined(separator: ",")
                values[name] = text.map { typed($0, isList: isList, at: fallback.location) } ?? DeployedValue(json: fallback)
            } else {
                values[name] = .unknown("the parameter \(name), which has no default and no given value", at: location)
            }
        }
        for name in overrides.keys.sorted() where template.parameters[name] == nil {
            diagnostics.append(Diagnostic(
                .unresolvedValue, "the parameter '\(name)' is given a value but the template \(template.file) does not declare it",
                file: template.file, location: template.root["Parameters"]?.location ?? template.root.location))
        }
        return values
    }

    static func typed(_ text: String, isList: Bool, at location: SourceLocation?) -> DeployedValue {
        guard isList else { return .string(text, at: location) }
        let elements = text.isEmpty ? [] : text.splitting(by: ",").map { DeployedValue.string($0.trimmingWhitespace(), at: location) }
        return DeployedValue(.array(elements), location: location)
    }

    /// The resources the template creates with this evaluator's assignment. Access-relevant
    /// resources get their properties evaluated; the others keep only their type.
    static func resources(of template: CloudFormationTemplate, with evaluator: inout CloudFormationEvaluator) -> [DeployedResource] {
        var undecided: [String: String] = [:]
        for resource in template.resources {
            guard let condition = resource.definition["Condition"] else { continue }
            guard let name = condition.stringValue else {
                evaluator.invalid("the Condition of resource '\(resource.logicalID)' must be the name of a condition", condition.location)
                continue
            }
            switch evaluator.truth(ofCondition: name, at: condition.location) {
            case .known(false): evaluator.excluded.insert(resource.logicalID)
            case .known(true): break
            case .undecided(let reason):
                // An undefined condition is reported as such, not as undecided.
                if template.conditions.contains(where: { $0.name == name }) {
                    undecided[resource.logicalID] = reason
                }
            }
        }

        var result: [DeployedResource] = []
        for resource in template.resources where !evaluator.excluded.contains(resource.logicalID) {
            guard ResourceConcept.of(resource.type) != nil else {
                result.append(DeployedResource(
                    address: resource.logicalID, type: resource.type, properties: DeployedValue(.object([])), file: template.file, location: resource.location))
                continue
            }
            if let reason = undecided[resource.logicalID], !evaluator.exploresBothBranches {
                evaluator.unresolved("\(resource.logicalID) exists only when its condition holds, which is not decided because \(reason); it is analyzed as if it exists", resource.location)
            }
            var members: [(key: String, value: DeployedValue)] = []
            var references: [String: [String]] = [:]
            var definitions = resource.definition["Properties"]?.objectMembers ?? []
            if resource.type == "AWS::Serverless::Function", let globals = template.functionGlobals?.objectMembers {
                for global in globals where !definitions.contains(where: { $0.key == global.key }) {
                    definitions.append(global)
                }
            }
            for member in definitions {
                evaluator.referenced = []
                if let value = evaluator.evaluate(member.value) {
                    members.append((member.key, value))
                }
                if !evaluator.referenced.isEmpty {
                    references[member.key] = evaluator.referenced.sorted()
                }
            }
            let properties = DeployedValue(.object(members), location: resource.definition["Properties"]?.location ?? resource.location)
            result.append(DeployedResource(
                address: resource.logicalID, type: resource.type, properties: properties, file: template.file, location: resource.location,
                references: references))
        }
        return result
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = firstRange(of: target) else { return self }
        return String(self[..<range.lowerBound]) + replacement + String(self[range.upperBound...])
    }
}
