import Testing

@testable import DeploymentFormats

/// Property names match whatever their case and their `_` and `-` separators, as Pulumi,
/// Terraform and CloudFormation spell the same property differently.
struct DeployedValueMemberTests {
    @Test(arguments: [
        ("bucket_name", "bucketName", true),
        ("BucketName", "bucket-name", true),
        ("policy", "Policy", true),
        ("policy", "policyDocument", false),
        ("policyDocument", "policy", false),
        ("__a__", "A", true),
        ("", "", true),
        ("Straße", "straße", true),
        ("Straße", "STRASSE", false),
        ("ÄRN", "ärn", true),
    ])
    func keyMatchesName(key: String, name: String, matches: Bool) {
        let value = DeployedValue(.object([(key, .string("value"))]))
        #expect((value.member([name]) != nil) == matches)
        #expect(DeployedValue.key(key, matches: Array(DeployedValue.normalizedKey(name).unicodeScalars)) == matches)
    }

    @Test func firstMatchingMemberWins() {
        let value = DeployedValue(.object([("bucket_name", .string("first")), ("bucketName", .string("second"))]))
        #expect(value.member(["bucketName"])?.stringValue == "first")
        #expect(value.member(["other", "BUCKET-NAME"])?.stringValue == "first")
    }
}
