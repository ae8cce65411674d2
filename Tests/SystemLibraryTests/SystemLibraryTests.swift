import CYAML
import CZ3
import Testing

/// Checks that the Debian C libraries behind the system-library targets link and run.
struct SystemLibraryTests {
    @Test func libyamlReportsItsVersion() {
        var major: Int32 = 0
        var minor: Int32 = 0
        var patch: Int32 = 0
        yaml_get_version(&major, &minor, &patch)
        #expect(major == 0)
        #expect(minor >= 1)
    }

    @Test func z3ReportsItsVersion() {
        var major: UInt32 = 0
        var minor: UInt32 = 0
        var build: UInt32 = 0
        var revision: UInt32 = 0
        Z3_get_version(&major, &minor, &build, &revision)
        #expect(major >= 4)
    }
}
