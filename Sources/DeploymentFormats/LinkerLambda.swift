import CloudResources
import PolicyLanguage

/// What the deployment attaches to one Lambda function or layer version.
struct GatheredPermissions: GatheredParts {
    var common = Gathered()
    var permissions: [LambdaPermission] = []
}

/// A function named in a permission: by name, partial ARN or ARN, possibly with a qualifier.
struct LambdaFunctionReference: Equatable {
    var name: String
    var qualifier: String?
    var account: String?
    var region: String?

    /// Reads `name`, `name:qualifier`, `ACCOUNT:function:name[:qualifier]` or a function ARN.
    init(_ text: String) {
        let fields = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if fields.count >= 7, fields[0] == "arn", fields[5] == "function" {
            name = fields[6]
            qualifier = fields.count > 7 ? fields[7] : nil
            region = fields[3]
            account = fields[4]
        } else if fields.count >= 3, fields[1] == "function" {
            account = fields[0]
            name = fields[2]
            qualifier = fields.count > 3 ? fields[3] : nil
        } else {
            name = fields[0]
            qualifier = fields.count > 1 ? fields[1] : nil
        }
    }
}

extension Linker {
    /// Links Lambda functions and layer versions with their permissions, merged into one
    /// policy per function as Lambda keeps them.
    mutating func linkLambda(_ byConcept: [ResourceConcept: [DeployedResource]]) -> [LinkedResource] {
        linkFunctions(byConcept) + linkLayerVersions(byConcept)
    }

    mutating func linkFunctions(_ byConcept: [ResourceConcept: [DeployedResource]]) -> [LinkedResource] {
        let functions = targets([.lambdaFunction], in: byConcept)
        var gathered = Array(repeating: GatheredPermissions(), count: functions.count)
        var outside = OrderedGroups<GatheredPermissions>()

        for (index, function) in functions.enumerated() where function.resource.type == "AWS::Serverless::Function" {
            let implicit = ServerlessPermissions.read(function.resource, settings: settings)
            gathered[index].permissions += implicit.permissions
            gathered[index].common.unknowns += implicit.unknowns
        }
        for resource in byConcept[.lambdaPermission] ?? [] {
            let read = permission(resource)
            for link in links(of: resource, properties: ["function", "functionName"], among: functions) {
                var permission = read.permission
                switch link {
                case .target(let index):
                    if let text = resource.properties["function", "functionName"]?.stringValue, permission?.qualifier == nil {
                        permission?.qualifier = LambdaFunctionReference(text).qualifier
                    }
                    add(permission, unknown: read.unknown, from: resource, to: &gathered[index])
                case .outside(let text):
                    let reference = LambdaFunctionReference(text)
                    if permission?.qualifier == nil {
                        permission?.qualifier = reference.qualifier
                    }
                    if let index = functions.firstIndex(where: { $0.identity.name == reference.name && (reference.account ?? settings.account) == settings.account }) {
                        add(permission, unknown: read.unknown, from: resource, to: &gathered[index])
                    } else {
                        let region = reference.region ?? settings.region
                        let arn = "arn:\(settings.partition):lambda:\(region):\(reference.account ?? settings.account):function:\(reference.name)"
                        outside.update(arn, first: resource) { add(permission, unknown: read.unknown, from: resource, to: &$0) }
                    }
                case .unknown(let reason):
                    outside.update(unknownKey(resource), first: resource) { group in
                        group.common.unknowns.append(reason)
                        add(permission, unknown: read.unknown, from: resource, to: &group)
                    }
                }
            }
        }

        var result: [LinkedResource] = []
        for (index, function) in functions.enumerated() {
            let parts = gathered[index]
            let configuration = LambdaConfiguration(arn: function.identity.arn, permissions: parts.permissions, unknowns: parts.common.unknowns)
            result.append(linked(function.resource, access: configuration.access(catalog: catalog), attachments: parts.common.attachments, outside: false))
        }
        for (key, group) in outside.groups {
            let arn = key.hasPrefix("\u{0}") ? "arn:\(settings.partition):lambda:\(settings.region):\(settings.account):function:\(ResourceNaming.placeholderName(group.first.address, settings: settings, lowercase: false))" : key
            reportOutside(key, attachment: group.first, kind: "AWS::Lambda::Function", targets: functions)
            let configuration = LambdaConfiguration(arn: arn, permissions: group.value.permissions, unknowns: group.value.common.unknowns)
            result.append(linked(group.first, access: configuration.access(catalog: catalog), attachments: group.value.common.attachments, outside: true))
        }
        return result
    }

    func add(_ permission: LambdaPermission?, unknown: String?, from resource: DeployedResource, to parts: inout GatheredPermissions) {
        parts.common.attach(resource.address)
        if let unknown {
            parts.common.unknowns.append(unknown)
        } else if let permission {
            parts.permissions.append(permission)
        }
    }

    /// Reads a function permission. A `SourceArn` that is partly unknown becomes a pattern
    /// with `*` for its unknown parts, which only widens what the permission allows; any
    /// other unknown field makes the permission unknown.
    func permission(_ resource: DeployedResource) -> (permission: LambdaPermission?, unknown: String?) {
        let properties = resource.properties
        let read = permissionFields(
            resource, ["action", "principal", "sourceAccount", "principalOrgId", "eventSourceToken", "functionUrlAuthType", "statementId", "qualifier"])
        guard let fields = read.fields else { return (nil, read.unknown) }
        guard let action = fields["action"], let principal = fields["principal"] else {
            return (nil, "\(resource.address) has no known action and principal")
        }
        var sourceARN: String?
        if let value = properties["sourceArn"], !value.isNull {
            sourceARN = PolicyExtraction.widened(value).stringValue
        }
        let permission = LambdaPermission(
            statementID: fields["statementId"], action: action, principal: principal, sourceARN: sourceARN, sourceAccount: fields["sourceAccount"],
            principalOrgID: fields["principalOrgId"], eventSourceToken: fields["eventSourceToken"], functionURLAuthType: fields["functionUrlAuthType"],
            qualifier: fields["qualifier"], location: resource.location)
        // NOTE: InvokedViaFunctionUrl narrows a permission to calls through the function URL; leaving it out only widens access.
        return (permission, nil)
    }

    /// Reads the text of a permission's fields; a field that is not known makes the
    /// permission unknown, except the statement ID, which decides no access.
    func permissionFields(_ resource: DeployedResource, _ names: [String]) -> (fields: [String: String]?, unknown: String?) {
        var fields: [String: String] = [:]
        for name in names {
            guard let value = resource.properties[name], !value.isNull else { continue }
            if let reason = value.unknownReason {
                if name == "statementId" { continue }
                return (nil, "the \(name) of \(resource.address) is \(reason)")
            }
            if let text = value.stringValue, !text.isEmpty {
                fields[name] = text
            }
        }
        return (fields, nil)
    }

    mutating func linkLayerVersions(_ byConcept: [ResourceConcept: [DeployedResource]]) -> [LinkedResource] {
        let layers = targets([.lambdaLayerVersion], in: byConcept)
        var gathered = Array(repeating: GatheredPermissions(), count: layers.count)
        var outside = OrderedGroups<GatheredPermissions>()

        for resource in byConcept[.lambdaLayerPermission] ?? [] {
            let read = layerPermission(resource)
            var found: [Link] = links(of: resource, properties: ["layerVersionArn"], among: layers)
            if found.isEmpty {
                let referenced = links(of: resource, properties: ["layerName"], among: layers)
                if case .target? = referenced.first {
                    found = referenced
                } else if let name = resource.properties["layerName"]?.stringValue, let version = resource.properties["versionNumber"]?.stringValue {
                    let arn = ARNText.isARN(name) ? "\(name):\(version)" : "arn:\(settings.partition):lambda:\(settings.region):\(settings.account):layer:\(name):\(version)"
                    found = [link(named: arn, among: layers)]
                } else {
                    found = [.unknown("the layer version of \(resource.address) is not known")]
                }
            }
            for link in found {
                switch link {
                case .target(let index):
                    add(read.permission, unknown: read.unknown, from: resource, to: &gathered[index])
                case .outside(let arn):
                    outside.update(arn, first: resource) { add(read.permission, unknown: read.unknown, from: resource, to: &$0) }
                case .unknown(let reason):
                    outside.update(unknownKey(resource), first: resource) { group in
                        group.common.unknowns.append(reason)
                        add(read.permission, unknown: read.unknown, from: resource, to: &group)
                    }
                }
            }
        }

        var result: [LinkedResource] = []
        for (index, layer) in layers.enumerated() {
            let parts = gathered[index]
            let configuration = LambdaConfiguration(arn: layer.identity.arn, isLayerVersion: true, permissions: parts.permissions, unknowns: parts.common.unknowns)
            result.append(linked(layer.resource, access: configuration.access(catalog: catalog), attachments: parts.common.attachments, outside: false))
        }
        for (key, group) in outside.groups {
            let arn = key.hasPrefix("\u{0}") ? "arn:\(settings.partition):lambda:\(settings.region):\(settings.account):layer:\(ResourceNaming.placeholderName(group.first.address, settings: settings, lowercase: false)):1" : key
            reportOutside(key, attachment: group.first, kind: "AWS::Lambda::LayerVersion", targets: layers)
            let configuration = LambdaConfiguration(arn: arn, isLayerVersion: true, permissions: group.value.permissions, unknowns: group.value.common.unknowns)
            result.append(linked(group.first, access: configuration.access(catalog: catalog), attachments: group.value.common.attachments, outside: true))
        }
        return result
    }

    /// Reads a layer version permission: an account ID or `*`, optionally narrowed to an
    /// organization.
    func layerPermission(_ resource: DeployedResource) -> (permission: LambdaPermission?, unknown: String?) {
        let read = permissionFields(resource, ["action", "principal", "organizationId", "statementId"])
        guard let fields = read.fields else { return (nil, read.unknown) }
        guard let action = fields["action"], let principal = fields["principal"] else {
            return (nil, "\(resource.address) has no known action and principal")
        }
        let permission = LambdaPermission(
            statementID: fields["statementId"], action: action, principal: principal, principalOrgID: fields["organizationId"], location: resource.location)
        return (permission, nil)
    }
}
