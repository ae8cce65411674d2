import PolicyLanguage
import PolicyPacks
import Testing

/// Reading the pack configuration: levels, properties, suppressions, and every problem at once.
struct PackConfigurationTests {
    static let pack = AccessAnalyzerPack.pack

    static func read(_ text: String) -> (PackConfiguration, [String]) {
        let (configuration, diagnostics) = PackConfiguration.read(text: text, file: "config.json", pack: pack)
        return (configuration, diagnostics.map { "\($0.location.map { "\($0.line):\($0.column) " } ?? "")\($0.message)\($0.help.map { " (\($0))" } ?? "")" })
    }

    @Test func levelsFromEntriesAndAll() throws {
        let (configuration, problems) = Self.read(#"{"all": "advisory", "no-public-access": "mandatory", "unsupported-resources": {"enforcementLevel": "disabled"}}"#)
        #expect(problems.isEmpty)
        let levels = Dictionary(uniqueKeysWithValues: Self.pack.policies.map { ($0.name, configuration.settings(for: $0).level) })
        #expect(levels["no-public-access"] == .mandatory)
        #expect(levels["unsupported-resources"] == .disabled)
        #expect(levels["no-external-access"] == .advisory)
        #expect(levels["undecidable-access"] == .advisory)
    }

    @Test func defaultsWithoutConfiguration() {
        let configuration = PackConfiguration()
        let levels = Self.pack.policies.map { "\($0.name)=\(configuration.settings(for: $0).level.rawValue)" }
        #expect(levels == [
            "no-public-access=mandatory", "no-external-access=advisory", "no-new-external-access=mandatory", "access-not-granted=mandatory",
            "policy-validation=mandatory", "undecidable-access=mandatory", "unsupported-resources=advisory",
        ])
    }

    @Test func propertiesOfAccessNotGranted() throws {
        let (configuration, problems) = Self.read(#"{"access-not-granted": {"actions": ["kms:Decrypt", "iam:PassRole"], "resources": ["arn:aws:s3:::b"]}}"#)
        #expect(problems.isEmpty)
        let policy = try #require(Self.pack.policy(named: "access-not-granted"))
        #expect(configuration.settings(for: policy).strings["actions"] == ["kms:Decrypt", "iam:PassRole"])
        #expect(configuration.settings(for: policy).strings["resources"] == ["arn:aws:s3:::b"])
    }

    /// Every problem is reported with its line and column.
    @Test func allProblemsAreLocated() {
        let text = """
            {"all": "strict",
             "no-public-acess": "mandatory",
             "access-not-granted": {"action": ["kms:Decrypt"], "resources": "arn:aws:s3:::b"},
             "suppressions": [{"resources": ["arn:aws:s3:::site"]}, {"reason": "partner", "principal": ["x"]}]}
            """
        let (_, problems) = Self.read(text)
        #expect(problems == [
            "1:9 invalid enforcement level 'strict' (expected one of: advisory, mandatory, disabled)",
            "2:2 unknown policy 'no-public-acess' in pack 'aws-access-analyzer' (did you mean 'no-public-access'?)",
            "3:25 unknown property 'action' of policy 'access-not-granted' (did you mean 'actions'?)",
            "3:65 'resources' of policy 'access-not-granted' must be an array of strings, found string",
            "4:19 a suppression needs a 'reason' that says why the access is accepted",
            "4:57 a suppression needs at least one filter: policies, resources, principals, conditionKeys or isPublic",
            "4:79 unknown field 'principal' of a suppression (did you mean 'principals'?)",
        ])
    }

    @Test func invalidJSONIsLocated() {
        let (_, problems) = Self.read("{\"all\": }")
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("1:9 invalid JSON") == true, "\(problems)")
    }
}
