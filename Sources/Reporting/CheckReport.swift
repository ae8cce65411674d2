import AccessReasoning
import PolicyLanguage
import PolicyPacks

/// Text and JSON forms of `accessguard check`: violations grouped by resource, each with its
/// witness and source location, then a summary line.
public enum CheckReport {
    // MARK: - Text

    public static func text(_ report: PackReport) -> String {
        TerminalText.escapingControls(unescapedText(report))
    }

    static func unescapedText(_ report: PackReport) -> String {
        var text = ""
        var groups: [(key: String, violations: [Violation])] = []
        var index: [String: Int] = [:]
        for violation in report.violations {
            let key = groupKey(violation)
            if let position = index[key] {
                groups[position].violations.append(violation)
            } else {
                index[key] = groups.count
                groups.append((key, [violation]))
            }
        }
        for group in groups {
            let first = group.violations[0]
            text += heading(first) + "\n"
            for violation in group.violations {
                text += "  \(violation.level.rawValue): [\(violation.policy)] \(violation.message)\n"
                for detail in violation.details {
                    text += "    \(detail)\n"
                }
                if let witness = violation.witness {
                    text += "    witness\n" + EvaluationReport.requestLines(witness.request, indent: "      ")
                }
                if let finding = violation.finding {
                    for var source in finding.sources {
                        // Policies read from a deployment are located in the deployment file.
                        source.file = source.file ?? violation.file
                        text += "    granted by " + FindingsReport.describe(source) + "\n"
                    }
                }
                if let file = violation.file, let location = violation.location, violation.location != first.location || violation.file != first.file {
                    text += "    at \(file):\(location.line):\(location.column)\n"
                }
            }
            text += "\n"
        }
        text += summary(report) + "\n"
        return text
    }

    static func groupKey(_ violation: Violation) -> String {
        "\(violation.file ?? "") \(violation.address ?? "")"
    }

    static func heading(_ violation: Violation) -> String {
        var text = violation.address ?? "deployment"
        if let type = violation.type {
            text += " (\(type))"
        }
        if let file = violation.file {
            text += " at \(file)"
            if let location = violation.location {
                text += ":\(location.line):\(location.column)"
            }
        }
        return text
    }

    public static func summary(_ report: PackReport) -> String {
        let resources = report.analysis.analyzed.count
        let verdict = report.passed ? "PASSED" : "FAILED"
        return "\(verdict): \(report.mandatoryCount) mandatory, \(report.advisoryCount) advisory, \(report.suppressed.count) suppressed "
            + "\(report.suppressed.count == 1 ? "violation" : "violations") "
            + "over \(resources) \(resources == 1 ? "resource" : "resources") with access configuration "
            + "(pack \(report.pack.name) \(report.pack.version))"
    }

    // MARK: - JSON

    public static func json(_ report: PackReport, diagnostics: [Diagnostic]) -> JSONValue {
        .object([
            ("pack", .object([("name", .string(report.pack.name)), ("version", .string(report.pack.version))])),
            ("summary", .object([
                ("passed", .bool(report.passed)),
                ("mandatory", .number(report.mandatoryCount)),
                ("advisory", .number(report.advisoryCount)),
                ("suppressed", .number(report.suppressed.count)),
                ("resources", .number(report.analysis.analyzed.count)),
                ("notEvaluated", .number(report.analysis.linked.notEvaluated.count)),
            ])),
            ("policies", .array(report.levels.map { entry in
                .object([("name", .string(entry.policy)), ("enforcementLevel", .string(entry.level.rawValue))])
            })),
            ("violations", .array(report.violations.map { violationJSON($0) })),
            ("suppressed", .array(report.suppressed.map { entry in
                var value = violationJSON(entry.violation)
                if case .object(var members) = value.kind {
                    members.append(JSONMember(key: "reason", value: .string(entry.reason)))
                    value = JSONValue(.object(members))
                }
                return value
            })),
            ("resources", .array(report.analysis.analyzed.map { entry in
                var members: [(String, JSONValue)] = [
                    ("address", .string(entry.resource.address)), ("type", .string(entry.resource.type)), ("file", .string(entry.resource.file)),
                ]
                if let location = entry.resource.location {
                    members.append(("line", .number(location.line)))
                    members.append(("column", .number(location.column)))
                }
                if let scenario = entry.resource.scenario {
                    members.append(("scenario", .string(scenario)))
                }
                members.append(("analysis", FindingsReport.json(entry.findings, policyFile: nil, statementFile: entry.resource.file)))
                return .object(members)
            })),
            ("diagnostics", .array(diagnostics.map(DiagnosticJSON.value))),
        ])
    }

    static func violationJSON(_ violation: Violation) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("policy", .string(violation.policy)),
            ("enforcementLevel", .string(violation.level.rawValue)),
            ("message", .string(violation.message)),
            ("address", violation.address.map(JSONValue.string) ?? .null),
            ("resourceType", violation.type.map(JSONValue.string) ?? .null),
            ("resource", violation.resource.map(JSONValue.string) ?? .null),
        ]
        if let file = violation.file {
            var location: [(String, JSONValue)] = [("file", .string(file))]
            if let place = violation.location {
                location.append(("line", .number(place.line)))
                location.append(("column", .number(place.column)))
            }
            members.append(("location", .object(location)))
        } else {
            members.append(("location", .null))
        }
        members.append(("findingId", violation.finding.map { .string($0.id) } ?? .null))
        if let witness = violation.witness {
            members.append(("witness", EvaluationReport.requestJSON(witness.request)))
        }
        if !violation.details.isEmpty {
            members.append(("details", .array(violation.details.map(JSONValue.string))))
        }
        return .object(members)
    }
}
