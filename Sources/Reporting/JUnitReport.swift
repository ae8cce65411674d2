import PolicyLanguage
import PolicyPacks

/// JUnit XML for CI dashboards: one test suite per pack policy, one test case per resource
/// the policy looked at with a violation, failed for mandatory violations and passed with a
/// system-out note for advisory ones.
public enum JUnitReport {
    public static func xml(_ report: PackReport) -> String {
        var suites = ""
        var totalTests = 0
        var totalFailures = 0
        for (policy, level) in report.levels {
            let violations = report.violations.filter { $0.policy == policy }
            var cases = ""
            var failures = 0
            for violation in violations {
                let name = violation.address ?? violation.resource ?? "deployment"
                cases += testCaseStart(classname: policy, name: name, file: violation.file, location: violation.location)
                if violation.level == .mandatory {
                    failures += 1
                    cases += "      <failure type=\"mandatory\" message=\"\(escape(violation.message))\"/>\n"
                } else {
                    cases += "      <system-out>\(escape("advisory: " + violation.message))</system-out>\n"
                }
                cases += "    </testcase>\n"
            }
            if violations.isEmpty {
                let state = level == .disabled ? "      <skipped message=\"disabled\"/>\n" : ""
                cases += "    <testcase classname=\"\(escape(policy))\" name=\"deployment\">\n\(state)    </testcase>\n"
            }
            let tests = max(1, violations.count)
            totalTests += tests
            totalFailures += failures
            suites += "  <testsuite name=\"\(escape(policy))\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\">\n\(cases)  </testsuite>\n"
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"\(escape(report.pack.name))\" tests=\"\(totalTests)\" failures=\"\(totalFailures)\" errors=\"0\">\n"
            + suites + "</testsuites>\n"
    }

    /// Returns the start tag of a test case on its own line, with the file and line when known.
    static func testCaseStart(classname: String, name: String, file: String?, location: SourceLocation?) -> String {
        var tag = "    <testcase classname=\"\(escape(classname))\" name=\"\(escape(name))\""
        if let file {
            tag += " file=\"\(escape(file))\""
            if let location {
                tag += " line=\"\(location.line)\""
            }
        }
        return tag + ">\n"
    }

    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\n": result += "&#10;"
            default: result.append(character)
            }
        }
        return result
    }
}
