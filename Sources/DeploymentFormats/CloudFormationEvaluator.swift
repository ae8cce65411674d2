import PolicyLanguage

/// Evaluates CloudFormation intrinsic functions where the template, its parameters and the
/// settings determine them, and keeps everything else as an unknown value with its reason.
///
/// `Ref` and `Fn::GetAtt` to a resource return a placeholder of the right form: its name from
/// its name property, or the stack name and logical ID when CloudFormation assigns the name;
/// its ARN in the configured partition, region and account. Every logical ID that a
/// property's value refers to is recorded, so that attachments link by reference.
struct CloudFormationEvaluator {
    let template: CloudFormationTemplate
    let settings: DeploymentSettings
    let parameterValues: [String: DeployedValue]
    /// The values assumed for undecided `Fn::Equals` comparisons, by their key.
    let assignment: [String: Bool]
    /// Whether to evaluate both branches of an undecided `Fn::If`, to find every comparison
    /// that decides the template.
    var exploresBothBranches = false

    var diagnostics: [Diagnostic] = []
    /// The undecided comparisons met, in order, with a readable description.
    var atoms: [(key: String, description: String)] = []
    /// The logical IDs referenced since the last reset.
    var referenced: Set<String> = []
    var conditionCache: [String: Truth] = [:]
    var conditionsInProgress: Set<String> = []
    var identityCache: [String: ResourceIdentity] = [:]
    var identitiesInProgress: Set<String> = []
    /// The resources whose `Condition` is false in this scenario.
    var excluded: Set<String> = []

    init(template: CloudFormationTemplate, settings: DeploymentSettings, parameterValues: [String: DeployedValue], assignment: [String: Bool]) {
        self.template = template
        self.settings = settings
        self.parameterValues = parameterValues
        self.assignment = assignment
    }

    var file: String { template.file }

    mutating func invalid(_ message: String, _ location: SourceLocation?) {
        diagnostics.append(Diagnostic(.invalidDeployment, message, file: file, location: location))
    }

    mutating func unresolved(_ message: String, _ location: SourceLocation?) {
        diagnostics.append(Diagnostic(.unresolvedValue, message, file: file, location: location))
    }

    // MARK: - Values

    /// Evaluates a template value; nil stands for `AWS::NoValue`, which removes the property
    /// or list element that holds it.
    mutating func evaluate(_ value: JSONValue) -> DeployedValue? {
        switch value.kind {
        case .object(let members):
            if members.count == 1, members[0].key == "Ref" || members[0].key.hasPrefix("Fn::") {
                return intrinsic(members[0].key, members[0].value, at: value.location)
            }
            var result: [(key: String, value: DeployedValue)] = []
            for member in members {
                if let evaluated = evaluate(member.value) {
                    result.append((member.key, evaluated))
                }
            }
            return DeployedValue(.object(result), location: value.location)
        case .array(let elements):
            return DeployedValue(.array(elements.compactMap { evaluate($0) }), location: value.location)
        case .string(let text):
            return DynamicReferences.resolve(text, at: value.location)
        default:
            return DeployedValue(json: value)
        }
    }

    mutating func intrinsic(_ name: String, _ argument: JSONValue, at location: SourceLocation?) -> DeployedValue? {
        switch name {
        case "Ref": return reference(argument, at: location)
        case "Fn::GetAtt": return getAttribute(argument, at: location)
        case "Fn::Sub": return substitute(argument, at: location)
        case "Fn::Join": return join(argument, at: location)
        case "Fn::Select": return select(argument, at: location)
        case "Fn::Split": return split(argument, at: location)
        case "Fn::FindInMap": return findInMap(argument, at: location)
        case "Fn::If": return ifFunction(argument, at: location)
        case "Fn::ToJsonString": return toJSONString(argument, at: location)
        case "Fn::Length": return length(argument, at: location)
        case "Fn::ImportValue":
            let export = evaluate(argument)?.stringValue ?? "an export"
            return .unknown("imported from the stack export '\(export)'", at: location)
        case "Fn::GetAZs": return .unknown("the Availability Zones of the region", at: location)
        case "Fn::Base64": return evaluate(argument).map { _ in .unknown("Base64-encoded text", at: location) } ?? nil
        case "Fn::Cidr": return .unknown("CIDR blocks computed by Fn::Cidr", at: location)
        case "Fn::Transform":
            unresolved("Fn::Transform runs a macro at deployment, so its result is not known", location)
            return .unknown("the result of a macro", at: location)
        case "Fn::ForEach":
            unresolved("Fn::ForEach is not expanded, so the resources it generates are not analyzed", location)
            return .unknown("generated by Fn::ForEach", at: location)
        case "Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not":
            invalid("\(name) can be used only in Conditions and in the condition of Fn::If", location)
            return .unknown("a condition function outside Conditions", at: location)
        default:
            invalid("unknown intrinsic function '\(name)'", location)
            return .unknown("the unknown function \(name)", at: location)
        }
    }

    // MARK: - Ref and Fn::GetAtt

    mutating func reference(_ argument: JSONValue, at location: SourceLocation?) -> DeployedValue? {
        guard let name = argument.stringValue else {
            invalid("Ref needs the name of a parameter, a resource or a pseudo parameter", argument.location)
            return .unknown("an invalid Ref", at: location)
        }
        return referenceValue(name, at: location)
    }

    /// The value of a name that `Ref` and `Fn::Sub` look up.
    mutating func referenceValue(_ name: String, at location: SourceLocation?) -> DeployedValue? {
        if name == "AWS::NoValue" {
            return nil
        }
        if name.hasPrefix("AWS::") {
            return pseudoParameter(name, at: location)
        }
        if let value = parameterValues[name] {
            var located = value
            located.location = location
            return located
        }
        if template.resourcesByID[name] != nil {
            referenced.insert(name)
            guard !excluded.contains(name) else {
                return .unknown("\(name) is not created in this scenario", at: location)
            }
            return .string(identity(of: name).reference, at: location)
        }
        invalid("Ref names '\(name)', which is neither a parameter, a resource nor a pseudo parameter of the template", location)
        return .unknown("the undefined name \(name)", at: location)
    }

    func pseudoParameter(_ name: String, at location: SourceLocation?) -> DeployedValue {
        switch name {
        case "AWS::AccountId": return .string(settings.account, at: location)
        case "AWS::Region": return .string(settings.region, at: location)
        case "AWS::Partition": return .string(settings.partition, at: location)
        case "AWS::URLSuffix": return .string(settings.partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com", at: location)
        case "AWS::StackName": return .string(settings.stackName, at: location)
        case "AWS::StackId":
            return .string("arn:\(settings.partition):cloudformation:\(settings.region):\(settings.account):stack/\(settings.stackName)/00000000-0000-0000-0000-000000000000", at: location)
        case "AWS::NotificationARNs": return .unknown("the stack's notification ARNs", at: location)
        default: return .unknown("the unknown pseudo parameter \(name)", at: location)
        }
    }

    mutating func getAttribute(_ argument: JSONValue, at location: SourceLocation?) -> DeployedValue? {
        var parts: [String] = []
        if let text = argument.stringValue, let dot = text.firstIndex(of: ".") {
            parts = [String(text[..<dot]), String(text[text.index(after: dot)...])]
        } else if let elements = argument.arrayElements, elements.count == 2, let id = elements[0].stringValue {
            guard let attribute = evaluate(elements[1])?.stringValue else {
                invalid("the attribute name of Fn::GetAtt must be known text", elements[1].location)
                return .unknown("an invalid Fn::GetAtt", at: location)
            }
            parts = [id, attribute]
        } else {
            invalid("Fn::GetAtt needs [logical ID, attribute name]", argument.location)
            return .unknown("an invalid Fn::GetAtt", at: location)
        }
        let (id, attribute) = (parts[0], parts[1])
        guard let resource = template.resourcesByID[id] else {
            invalid("Fn::GetAtt names '\(id)', which is not a resource of the template", argument.location)
            return .unknown("the undefined resource \(id)", at: location)
        }
        referenced.insert(id)
        guard !excluded.contains(id) else {
            return .unknown("\(id) is not created in this scenario", at: location)
        }
        let identity = identity(of: id)
        if let value = ResourceAttributes.value(attribute, type: resource.type, identity: identity, settings: settings) {
            return .string(value, at: location)
        }
        return .unknown("the \(attribute) attribute of \(id), assigned at deployment", at: location)
    }

    /// The name, ARN and reference value of a resource of the template.
    mutating func identity(of id: String) -> ResourceIdentity {
        if let cached = identityCache[id] {
            return cached
        }
        guard let resource = template.resourcesByID[id] else {
            return ResourceIdentity(name: id, arn: id, reference: id, identifiers: [id], isPlaceholder: true)
        }
        let naming = ResourceConcept.of(resource.type).flatMap(ResourceNaming.of) ?? ResourceNaming.generic(type: resource.type)
        var properties: [(key: String, value: DeployedValue)] = []
        if identitiesInProgress.insert(id).inserted {
            // Only the properties that name the resource are needed, and only they are read,
            // so that resources referring to each other in other properties do not loop.
            let names = (naming.nameProperties + ["path"]).map(DeployedValue.normalizedKey)
            for member in resource.definition["Properties"]?.objectMembers ?? [] {
                guard names.contains(DeployedValue.normalizedKey(member.key)) else { continue }
                if let value = evaluate(member.value), value.unknownReason == nil {
                    properties.append((member.key, value))
                }
            }
            identitiesInProgress.remove(id)
        } else {
            invalid("the name of resource '\(id)' depends on itself", resource.location)
        }
        let deployed = DeployedResource(
            address: id, type: resource.type, properties: DeployedValue(.object(properties)), file: file, location: resource.location)
        let identity = naming.identity(of: deployed, settings: settings)
        identityCache[id] = identity
        return identity
    }
}

extension ResourceNaming {
    /// A naming for resource types outside access analysis: `Ref` returns the name, and the
    /// ARN has the service and type from the type name.
    static func generic(type: String) -> ResourceNaming {
        let parts = type.split(separator: ":", omittingEmptySubsequences: true).map(String.init)
        let service = parts.count >= 2 ? parts[1].lowercased() : "service"
        let kind = parts.count >= 3 ? parts[2].lowercased() : "resource"
        return ResourceNaming(nameProperties: ["name"], identityProperties: [], lowercaseNames: false, reference: .name) { name, region, account, partition, _ in
            if service == "iam" {
                return "arn:\(partition):iam::\(account):\(kind)/\(name)"
            }
            return "arn:\(partition):\(service):\(region):\(account):\(kind)/\(name)"
        }
    }
}
