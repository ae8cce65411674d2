import PolicyLanguage

/// The sections of a CloudFormation template, checked for shape.
struct CloudFormationTemplate {
    struct Resource {
        let logicalID: String
        let type: String
        let definition: JSONValue
        let location: SourceLocation?
    }

    let file: String
    let root: JSONValue
    let parameters: [String: JSONValue]
    let mappings: [String: JSONValue]
    /// The conditions in template order.
    let conditions: [(name: String, definition: JSONValue)]
    let resources: [Resource]
    let resourcesByID: [String: Resource]
    /// The names of the `Transform` section.
    let transforms: [String]
    /// SAM's `Globals.Function`, which applies to every `AWS::Serverless::Function`.
    let functionGlobals: JSONValue?
    private(set) var diagnostics: [Diagnostic] = []

    /// Reads the sections of a template, reporting every misshapen one.
    init(root: JSONValue, file: String) {
        self.file = file
        self.root = root
        var diagnostics: [Diagnostic] = []
        func invalid(_ message: String, _ location: SourceLocation?) {
            diagnostics.append(Diagnostic(.invalidDeployment, message, file: file, location: location))
        }

        var parameters: [String: JSONValue] = [:]
        if let section = root["Parameters"] {
            if let members = section.objectMembers {
                for member in members {
                    if member.value.objectMembers == nil {
                        invalid("parameter '\(member.key)' must be an object with a Type", member.value.location)
                    }
                    parameters[member.key] = member.value
                }
            } else {
                invalid("Parameters must be an object", section.location)
            }
        }
        var mappings: [String: JSONValue] = [:]
        if let section = root["Mappings"] {
            if let members = section.objectMembers {
                for member in members { mappings[member.key] = member.value }
            } else {
                invalid("Mappings must be an object", section.location)
            }
        }
        var conditions: [(name: String, definition: JSONValue)] = []
        if let section = root["Conditions"] {
            if let members = section.objectMembers {
                conditions = members.map { ($0.key, $0.value) }
            } else {
                invalid("Conditions must be an object", section.location)
            }
        }

        var resources: [Resource] = []
        var byID: [String: Resource] = [:]
        if let section = root["Resources"] {
            if let members = section.objectMembers {
                for member in members {
                    let location = member.keyLocation ?? member.value.location
                    guard member.value.objectMembers != nil else {
                        invalid("resource '\(member.key)' must be an object with a Type", member.value.location)
                        continue
                    }
                    guard let type = member.value["Type"]?.stringValue else {
                        invalid("resource '\(member.key)' has no Type; expected a resource type such as AWS::S3::Bucket", location)
                        continue
                    }
                    if let properties = member.value["Properties"], properties.objectMembers == nil, !(properties.kind.isNull) {
                        invalid("the Properties of resource '\(member.key)' must be an object", properties.location)
                    }
                    if byID[member.key] != nil {
                        invalid("resource '\(member.key)' is defined twice", location)
                        continue
                    }
                    let resource = Resource(logicalID: member.key, type: type, definition: member.value, location: location)
                    resources.append(resource)
                    byID[member.key] = resource
                }
            } else {
                invalid("Resources must be an object", section.location)
            }
        } else {
            invalid("a CloudFormation template needs a Resources section", root.location)
        }

        var transforms: [String] = []
        if let transform = root["Transform"] {
            for element in transform.arrayElements ?? [transform] {
                if let name = element.stringValue ?? element["Name"]?.stringValue {
                    transforms.append(name)
                }
            }
        }

        self.parameters = parameters
        self.mappings = mappings
        self.conditions = conditions
        self.resources = resources
        self.resourcesByID = byID
        self.transforms = transforms
        self.functionGlobals = root["Globals"]?["Function"]
        self.diagnostics = diagnostics
    }

    /// Maps the short-form YAML tags to the long form: `!Ref` and `!Condition` to their bare
    /// names, `!GetAtt A.B` to `Fn::GetAtt: [A, B]`, and every other `!X` to `Fn::X`.
    static func longForm(tag: String, value: JSONValue) -> JSONValue? {
        let name = String(tag.dropFirst())
        let known: Set<String> = [
            "Ref", "Condition", "GetAtt", "Sub", "Join", "Select", "Split", "FindInMap", "ImportValue", "If", "Equals", "And", "Or", "Not",
            "GetAZs", "Base64", "Cidr", "Transform", "Length", "ToJsonString", "ForEach",
        ]
        guard known.contains(name) else { return nil }
        var argument = value
        if name == "GetAtt", let text = value.stringValue, let dot = text.firstIndex(of: ".") {
            argument = JSONValue(.array([
                JSONValue(.string(String(text[..<dot])), location: value.location),
                JSONValue(.string(String(text[text.index(after: dot)...])), location: value.location),
            ]), location: value.location)
        }
        let key = name == "Ref" || name == "Condition" ? name : "Fn::\(name)"
        return JSONValue(.object([JSONMember(key: key, keyLocation: value.location, value: argument)]), location: value.location)
    }
}

extension JSONValue.Kind {
    var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}
