import AccessReasoning
import CloudResources
import PolicyLanguage

/// Text and JSON forms of a resource's findings, with the field names of IAM Access
/// Analyzer's findings.
public enum FindingsReport {
    // MARK: - Text

    public static func text(_ result: ResourceFindings, zone: ZoneOfTrust, policyFile: String?) -> String {
        TerminalText.escapingControls(unescapedText(result, zone: zone, policyFile: policyFile))
    }

    static func unescapedText(_ result: ResourceFindings, zone: ZoneOfTrust, policyFile: String?) -> String {
        var text = "Resource: \(result.resource) (\(result.resourceType))\n"
        text += "Zone of trust: " + (zone.accounts + (zone.organization.map { ["organization \($0)"] } ?? [])).joined(separator: ", ") + "\n"
        for rejection in result.rejections {
            text += "Rejected at deploy time: \(rejection)\n"
        }
        if result.status == .unknown {
            text += "\nUndecided: \(result.reason ?? "the access could not be decided")\n"
            return text
        }
        for (index, finding) in result.findings.enumerated() {
            text += "\n" + block(finding, number: index + 1, of: result.findings.count, policyFile: policyFile)
        }
        text += "\n" + summary(result) + "\n"
        return text
    }

    static func block(_ finding: Finding, number: Int, of count: Int, policyFile: String?) -> String {
        var text = "Finding \(number) of \(count): \(finding.isPublic ? "PUBLIC" : "external") access (id \(finding.id))\n"
        text += "  principal   \(finding.principal)\n"
        text += "  actions     \(finding.action.joined(separator: ", "))\n"
        text += "  levels      \(finding.accessLevels.joined(separator: ", "))\n"
        if finding.condition.isEmpty {
            text += "  conditions  none\n"
        } else {
            for (index, key) in finding.condition.keys.sorted().enumerated() {
                let values = finding.condition[key] ?? []
                text += (index == 0 ? "  conditions  " : "              ") + "\(key) = \(values.joined(separator: " or "))\n"
            }
        }
        for (index, source) in finding.sources.enumerated() {
            text += (index == 0 ? "  sources     " : "              ") + describe(source) + "\n"
        }
        text += "  witness\n" + EvaluationReport.requestLines(finding.witness.request, indent: "    ")
        if let policyFile {
            text += "  replay      \(ReplayCommand.simulate(finding.witness.request, policy: policyFile))\n"
        }
        return text
    }

    static func describe(_ source: FindingSource) -> String {
        let detail = source.detail.map { ", \($0)" } ?? ""
        return EvaluationReport.placedStatement(file: source.file, location: source.location, sid: source.statementID, index: source.statementIndex)
            + " (\(source.type.rawValue)\(detail))"
    }

    public static func summary(_ result: ResourceFindings) -> String {
        if result.status == .unknown {
            return "Result: UNDECIDED, external access could not be ruled out"
        }
        let publicCount = result.findings.filter(\.isPublic).count
        let externalCount = result.findings.count - publicCount
        if result.findings.isEmpty {
            return "Result: no principal outside the zone of trust has access"
        }
        let total = result.findings.count == 1 ? "1 finding" : "\(result.findings.count) findings"
        return "Result: \(total): \(publicCount) public, \(externalCount) external but not public"
    }

    // MARK: - JSON

    /// `statementFile` names the file of statements whose policy has no file of its own, as a
    /// template's policies are written in the template.
    public static func json(_ result: ResourceFindings, policyFile: String?, statementFile: String? = nil) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("resource", .string(result.resource)),
            ("resourceType", .string(result.resourceType)),
            ("status", .string(result.status.rawValue)),
        ]
        if let reason = result.reason {
            members.append(("reason", .string(reason)))
        }
        members.append(("findings", .array(result.findings.map { findingJSON($0, policyFile: policyFile, statementFile: statementFile) })))
        members.append(("rejections", .array(result.rejections.map(JSONValue.string))))
        return .object(members)
    }

    public static func findingJSON(_ finding: Finding, policyFile: String?, statementFile: String? = nil) -> JSONValue {
        var witness: [(String, JSONValue)] = [
            ("request", EvaluationReport.requestJSON(finding.witness.request)),
            ("allowedBy", .array(finding.witness.evaluation.decidingStatements.map { statement in
                var named = statement
                named.file = statement.file ?? statementFile
                return EvaluationReport.statementJSON(named)
            })),
        ]
        if let policyFile {
            witness.append(("replay", .string(ReplayCommand.simulate(finding.witness.request, policy: policyFile))))
        }
        return .object([
            ("id", .string(finding.id)),
            ("resource", .string(finding.resource)),
            ("resourceType", .string(finding.resourceType)),
            ("resourceOwnerAccount", .string(finding.resourceOwnerAccount)),
            ("principal", .object([(finding.principal.kind.rawValue, .string(finding.principal.value))])),
            ("action", .array(finding.action.map(JSONValue.string))),
            ("accessLevels", .array(finding.accessLevels.map(JSONValue.string))),
            ("condition", .object(finding.condition.keys.sorted().map { key in
                (key, .array((finding.condition[key] ?? []).map(JSONValue.string)))
            })),
            ("isPublic", .bool(finding.isPublic)),
            ("sources", .array(finding.sources.map { source in
                var named = source
                named.file = source.file ?? statementFile
                return sourceJSON(named)
            })),
            ("witness", .object(witness)),
        ])
    }

    static func sourceJSON(_ source: FindingSource) -> JSONValue {
        var members: [(String, JSONValue)] = [("type", .string(source.type.rawValue))]
        if let detail = source.detail {
            members.append(("detail", .string(detail)))
        }
        members.append(("file", source.file.map(JSONValue.string) ?? .null))
        members.append(("statementIndex", .number(source.statementIndex)))
        members.append(("statementId", source.statementID.map(JSONValue.string) ?? .null))
        if let location = source.location {
            members.append(("line", .number(location.line)))
            members.append(("column", .number(location.column)))
        }
        return .object(members)
    }
}
