import PolicyLanguage
import PolicyPacks

/// SARIF 2.1.0, as code-scanning services read it: one rule per pack policy, one result per
/// violation with its location in the input file.
public enum SARIFReport {
    public static func json(_ report: PackReport, toolVersion: String) -> JSONValue {
        let ruleIndex = Dictionary(uniqueKeysWithValues: report.pack.policies.enumerated().map { ($1.name, $0) })
        let results: [JSONValue] = report.violations.map { violation in
            var members: [(String, JSONValue)] = [
                ("ruleId", .string(violation.policy)),
                ("ruleIndex", .number(ruleIndex[violation.policy] ?? 0)),
                ("level", .string(level(violation.level))),
                ("message", .object([("text", .string(violation.message))])),
            ]
            if let file = violation.file {
                var location: [(String, JSONValue)] = [("physicalLocation", physicalLocation(file: file, at: violation.location))]
                if let address = violation.address {
                    location.append(("logicalLocations", .array([.object([("fullyQualifiedName", .string(address)), ("kind", .string("resource"))])])))
                }
                members.append(("locations", .array([.object(location)])))
            }
            if let finding = violation.finding {
                // Copies of one template share the finding's ID, so the file is part of the fingerprint.
                members.append(("partialFingerprints", .object([("accessGuardFinding/v1", .string("\(finding.id):\(violation.file ?? "")"))])))
            }
            return .object(members)
        }
        return log(run: [
            ("tool", tool(report.pack, version: toolVersion)),
            ("results", .array(results)),
        ])
    }

    /// Returns a SARIF log of one run with the given members.
    static func log(run: [(String, JSONValue)]) -> JSONValue {
        .object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([.object(run)])),
        ])
    }

    /// Returns the run's `tool`: AccessGuard, with one rule per policy of the pack.
    static func tool(_ pack: PolicyPack, version: String) -> JSONValue {
        let rules: [JSONValue] = pack.policies.map { policy in
            .object([
                ("id", .string(policy.name)),
                ("name", .string(policy.name)),
                ("shortDescription", .object([("text", .string(policy.description))])),
                ("defaultConfiguration", .object([("level", .string(level(policy.defaultLevel)))])),
            ])
        }
        return .object([("driver", .object([
            ("name", .string("AccessGuard")),
            ("version", .string(version)),
            ("rules", .array(rules)),
        ]))])
    }

    /// Returns a `physicalLocation`: the file, and the line and column when known.
    static func physicalLocation(file: String, at location: SourceLocation?) -> JSONValue {
        var physical: [(String, JSONValue)] = [("artifactLocation", .object([("uri", .string(uri(file)))]))]
        if let location {
            physical.append(("region", .object([("startLine", .number(location.line)), ("startColumn", .number(location.column))])))
        }
        return .object(physical)
    }

    /// SARIF's levels: mandatory violations are errors, advisory ones warnings.
    static func level(_ level: EnforcementLevel) -> String {
        switch level {
        case .mandatory: return "error"
        case .advisory: return "warning"
        case .disabled: return "none"
        }
    }

    /// Returns a relative path unchanged and an absolute one as a `file://` URI.
    static func uri(_ path: String) -> String {
        guard path.hasPrefix("/") else { return path }
        var text = "file://"
        for scalar in path.unicodeScalars {
            if scalar.isASCII, scalar == "/" || scalar == "." || scalar == "-" || scalar == "_" || scalar == "~"
                || (scalar.properties.isAlphabetic && scalar.value < 128) || (scalar.value >= 48 && scalar.value <= 57) {
                text.unicodeScalars.append(scalar)
            } else {
                for byte in String(scalar).utf8 {
                    text += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
                }
            }
        }
        return text
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
