import AccessCrossCheck
import AccessReasoning
import CloudResources
import PolicyLanguage

/// `--cross-check`: decides the command's queries again with the Z3 engine, an independent
/// implementation, and reports any difference between the engines as an internal error.
enum CrossCheckOption {
    static let spec = OptionSpec.flag(
        "--cross-check",
        help: "Also decide the queries with the independent Z3 engine (slower); exit with status 3 when the two engines disagree.")

    /// The message for disagreements between the engines on `subject`, such as a policy file
    /// or a resource, with both answers and the policies that reproduce each.
    static func message(subject: String, disagreements: [Disagreement]) -> String {
        var lines = ["internal error: the native engine and the Z3 engine disagree on \(subject)"]
        for disagreement in disagreements {
            lines.append("  query: \(disagreement.query), within \(disagreement.region)")
            lines.append("    native engine: \(disagreement.nativeAnswer)")
            lines.append("    Z3 engine: \(disagreement.z3Answer)")
            for (index, policy) in disagreement.policies.enumerated() {
                lines.append("    policy \(index + 1): \(policy)")
            }
        }
        lines.append("This is a defect of AccessGuard; please report it with the policies.")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes a note for each query the Z3 engine left undecided; such queries are not checked.
    static func reportUndecided(_ undecided: [String], io: CommandIO) {
        for reason in undecided {
            io.writeError("note: the cross-check did not decide \(reason)\n")
        }
    }

    /// Cross-checks the findings of each resource; returns the disagreements by resource.
    static func checkFindings(
        _ entries: [(access: ResourceAccess, findings: ResourceFindings)], zone: ZoneOfTrust, analyzer: FindingsAnalyzer, io: CommandIO
    ) -> [(resource: String, disagreements: [Disagreement])] {
        let z3 = Z3AccessEngine(catalog: analyzer.engine.catalog)
        var failed: [(String, [Disagreement])] = []
        for entry in entries {
            let check = FindingsCrossCheck(access: entry.access, findings: entry.findings, zone: zone, analyzer: analyzer, z3: z3)
            reportUndecided(check.undecided, io: io)
            if !check.disagreements.isEmpty {
                failed.append(("\(entry.findings.resourceType) \(entry.findings.resource)", check.disagreements))
            }
        }
        return failed
    }
}
