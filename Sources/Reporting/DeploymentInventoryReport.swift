import CloudResources
import DeploymentFormats
import PolicyLanguage

/// What AccessGuard read from deployments: per file, each resource whose access it
/// analyzes with the resources that configure that access, what is not known, and the
/// access-relevant resources it does not evaluate.
public enum DeploymentInventoryReport {
    public static func text(_ deployments: [Deployment], linked: LinkedDeployment) -> String {
        TerminalText.escapingControls(unescapedText(deployments, linked: linked))
    }

    static func unescapedText(_ deployments: [Deployment], linked: LinkedDeployment) -> String {
        var output = ""
        var printedFiles: Set<String> = []
        for deployment in deployments {
            let resources = linked.resources.filter { $0.file == deployment.file && $0.scenario == deployment.scenario }
            if printedFiles.insert(deployment.file).inserted {
                let count = deployment.resources.count
                output += "\(deployment.file): \(deployment.format.rawValue), \(count) resource\(count == 1 ? "" : "s")\n"
                if deployment.baseline != nil {
                    output += "  baseline: \(deployment.baseline?.count ?? 0) resources before the change\n"
                }
            }
            if let scenario = deployment.scenario {
                output += "  scenario: \(scenario)\n"
            }
            for resource in resources {
                output += text(resource)
            }
        }
        if !linked.notEvaluated.isEmpty {
            output += "Not evaluated (can grant access, but AccessGuard does not model the type):\n"
            for resource in linked.notEvaluated {
                output += "  \(resource.address) (\(resource.type)) at \(place(resource.file, resource.location))\n"
            }
        }
        let unknown = linked.resources.filter { !$0.access.unknowns.isEmpty }.count
        output += "Summary: \(linked.resources.count) resource\(linked.resources.count == 1 ? "" : "s") with access configuration, "
            + "\(unknown) not fully known, \(linked.notEvaluated.count) not evaluated\n"
        return output
    }

    static func text(_ resource: LinkedResource) -> String {
        let access = resource.access
        var output = "  \(resource.address) (\(resource.type))\(resource.isOutsideDeployment ? ", outside the deployment" : "")\n"
        output += "    \(access.resourceType) \(access.resource), owner \(access.ownerAccount)\n"
        if !resource.attachments.isEmpty {
            output += "    configured by: \(resource.attachments.joined(separator: ", "))\n"
        }
        if access.documents.isEmpty {
            output += "    grants: nothing to other principals\n"
        }
        for document in access.documents {
            let count = document.document.statements.count
            let detail = document.detail.map { " \($0)" } ?? ""
            output += "    grants: \(document.sourceType.rawValue)\(detail), \(count) statement\(count == 1 ? "" : "s")\n"
        }
        if access.restrictsPublicPolicy {
            output += "    Block Public Access: RestrictPublicBuckets confines public policies to the owner\n"
        }
        for rejection in access.rejections {
            output += "    rejected at deployment: \(rejection)\n"
        }
        for unknown in access.unknowns {
            output += "    unknown: \(unknown)\n"
        }
        return output
    }

    public static func json(_ deployments: [Deployment], linked: LinkedDeployment, diagnostics: [Diagnostic]) -> JSONValue {
        let files = deployments.map { deployment -> JSONValue in
            var members: [(String, JSONValue)] = [
                ("file", .string(deployment.file)),
                ("format", .string(deployment.format.rawValue)),
                ("resources", .number(deployment.resources.count)),
            ]
            if let scenario = deployment.scenario {
                members.append(("scenario", .string(scenario)))
            }
            if let baseline = deployment.baseline {
                members.append(("baselineResources", .number(baseline.count)))
            }
            return .object(members)
        }
        return .object([
            ("deployments", .array(files)),
            ("resources", .array(linked.resources.map(json))),
            ("notEvaluated", .array(linked.notEvaluated.map { resource in
                .object([
                    ("address", .string(resource.address)),
                    ("type", .string(resource.type)),
                    ("location", location(resource.file, resource.location)),
                ])
            })),
            ("diagnostics", .array(diagnostics.map(DiagnosticJSON.value))),
        ])
    }

    static func json(_ resource: LinkedResource) -> JSONValue {
        let access = resource.access
        var members: [(String, JSONValue)] = [
            ("address", .string(resource.address)),
            ("type", .string(resource.type)),
            ("location", location(resource.file, resource.location)),
            ("resource", .string(access.resource)),
            ("resourceType", .string(access.resourceType)),
            ("ownerAccount", .string(access.ownerAccount)),
            ("outsideDeployment", .bool(resource.isOutsideDeployment)),
            ("attachments", .array(resource.attachments.map(JSONValue.string))),
            ("sources", .array(access.documents.map { document in
                var fields: [(String, JSONValue)] = [
                    ("type", .string(document.sourceType.rawValue)),
                    ("statements", .number(document.document.statements.count)),
                ]
                if let detail = document.detail {
                    fields.append(("detail", .string(detail)))
                }
                return .object(fields)
            })),
            ("restrictsPublicPolicy", .bool(access.restrictsPublicPolicy)),
            ("rejections", .array(access.rejections.map(JSONValue.string))),
            ("unknowns", .array(access.unknowns.map(JSONValue.string))),
        ]
        if let scenario = resource.scenario {
            members.append(("scenario", .string(scenario)))
        }
        return .object(members)
    }

    static func location(_ file: String, _ location: SourceLocation?) -> JSONValue {
        var members: [(String, JSONValue)] = [("file", .string(file))]
        if let location {
            members.append(("line", .number(location.line)))
            members.append(("column", .number(location.column)))
        }
        return .object(members)
    }

    static func place(_ file: String, _ location: SourceLocation?) -> String {
        location.map { "\(file):\($0.line):\($0.column)" } ?? file
    }
}
