@testable import AccessReasoning
import CloudResources
import PolicyLanguage
import Testing

/// Resources whose configurations are equal up to where they are written are analyzed once,
/// and the others get the same findings, pointing into their own files.
struct AnalysisReuseTests {
    static let partnerAndPublic = #"""
        {"Version": "2012-10-17", "Statement": [
          {"Sid": "Partner", "Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": ["s3:GetObject", "s3:PutObject"],
           "Resource": "arn:aws:s3:::example-bucket/*", "Condition": {"StringEquals": {"aws:PrincipalTag/team": "data"}}},
          {"Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::example-bucket/*",
           "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
          {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-bucket/public/*"}
        ]}
        """#

    /// Reads the same policy as from another file, one line lower and indented differently.
    static func copy(of text: String, name: String) -> PolicyDocument {
        PolicyReader.read(text: "\n" + text.replacingOccurrences(of: "\n  ", with: "\n      "), name: name).document!
    }

    static func bucket(_ policy: PolicyDocument, restrictPublicBuckets: Bool = false, acl: String? = nil) -> ResourceAccess {
        let configuration = S3BucketConfiguration(
            arn: Fixture.bucket, ownerAccount: Fixture.owner, policy: policy, aclGrants: acl.flatMap { ACLGrant.canned($0) } ?? [],
            objectOwnership: acl == nil ? .bucketOwnerEnforced : .objectWriter,
            bucketBlockPublicAccess: BlockPublicAccess(restrictPublicBuckets: restrictPublicBuckets))
        return configuration.access(catalog: try! ActionCatalog.bundled())[0]
    }

    /// Everything of a result that names files and locations, with the findings themselves.
    static func summary(_ result: ResourceFindings) -> [String] {
        var lines = ["\(result.resource) \(result.status) \(result.reason ?? "")"]
        for finding in result.findings {
            lines.append("finding \(finding.id) \(finding.principal) \(finding.action) public=\(finding.isPublic)")
            for source in finding.sources {
                lines.append("  source \(source.type) \(source.file ?? "-") \(source.location.map(String.init(describing:)) ?? "-") #\(source.statementIndex)")
            }
            let evaluation = finding.witness.evaluation
            for reference in evaluation.decidingStatements {
                lines.append("  deciding \(reference.file ?? "-") \(reference.location.map(String.init(describing:)) ?? "-") \(reference.pointer)")
            }
            for outcome in evaluation.statements {
                var line = "  statement \(outcome.statement.file ?? "-") \(outcome.statement.location.map(String.init(describing:)) ?? "-")"
                if case .condition(let operatorName, let key, let location) = outcome.mismatch {
                    line += " failed \(operatorName) \(key) at \(location.map(String.init(describing:)) ?? "-")"
                }
                lines.append(line)
            }
        }
        for document in result.effectiveAccess?.documents ?? [] {
            let locations = document.document.statements.map { $0.location.map(String.init(describing:)) ?? "-" }
            lines.append("effective \(document.sourceType) \(document.document.source?.name ?? "-") \(locations)")
        }
        return lines
    }

    static let analyzer = FindingsAnalyzer(engine: AccessEngine(catalog: try! ActionCatalog.bundled()))

    @Test(arguments: [false, true])
    func copiesGetTheirOwnLocations(restrictPublicBuckets: Bool) throws {
        let original = Self.bucket(PolicyReader.read(text: Self.partnerAndPublic, name: "first.json").document!, restrictPublicBuckets: restrictPublicBuckets)
        let copy = Self.bucket(Self.copy(of: Self.partnerAndPublic, name: "second.json"), restrictPublicBuckets: restrictPublicBuckets)
        #expect(original.hasSameAnalysis(as: copy))
        #expect(original.analysisHash == copy.analysisHash)
        #expect(FindingsRelocation(from: original, to: copy) != nil, "the copy's findings are computed, not relocated")

        let together = try Self.analyzer.analyze([original, copy], zone: Fixture.zone)
        let alone = try Self.analyzer.analyze(copy, zone: Fixture.zone)
        #expect(!together[1].findings.isEmpty)
        #expect(Self.summary(together[1]) == Self.summary(alone))
        #expect(Self.summary(together[0]) == Self.summary(try Self.analyzer.analyze(original, zone: Fixture.zone)))
        #expect(together[1].findings.allSatisfy { finding in finding.sources.allSatisfy { $0.file == "second.json" } })
    }

    @Test func copiesWithACLGrants() throws {
        // ACL grants become statements without a file or location, which the relocation
        // cannot tell apart unless their pointers agree.
        let original = Self.bucket(PolicyReader.read(text: Self.partnerAndPublic, name: "first.json").document!, acl: "public-read")
        let copy = Self.bucket(Self.copy(of: Self.partnerAndPublic, name: "second.json"), acl: "public-read")
        let together = try Self.analyzer.analyze([original, copy], zone: Fixture.zone)
        #expect(Self.summary(together[1]) == Self.summary(try Self.analyzer.analyze(copy, zone: Fixture.zone)))
    }

    @Test func changedConfigurationsDiffer() {
        let base = Self.bucket(PolicyReader.read(text: Self.partnerAndPublic).document!)
        var variants: [(String, ResourceAccess)] = []
        let changedValue = Self.bucket(PolicyReader.read(text: Self.partnerAndPublic.replacingOccurrences(of: "data", with: "date")).document!)
        variants.append(("condition value", changedValue))
        let changedEffect = Self.bucket(PolicyReader.read(text: Self.partnerAndPublic.replacingOccurrences(of: #""Deny""#, with: #""Allow""#)).document!)
        variants.append(("effect", changedEffect))
        variants.append(("RestrictPublicBuckets", Self.bucket(PolicyReader.read(text: Self.partnerAndPublic).document!, restrictPublicBuckets: true)))
        var otherResource = base
        otherResource.resource = "arn:aws:s3:::other-bucket"
        variants.append(("resource", otherResource))
        var internalServices = base
        internalServices.servicePrincipalsAreInternal = true
        variants.append(("service principals", internalServices))
        for (change, variant) in variants {
            #expect(!variant.hasSameAnalysis(as: base), "a change of \(change) keeps the analysis")
        }
    }

    /// The comparisons cover every stored property of these types. A failure here means a
    /// property was added: compare it in `ResourceAccess.hasSameAnalysis` or
    /// `PolicyDocument.hasSameContent` when it can change the analysis, then update the count.
    @Test func comparisonsCoverEveryStoredProperty() {
        let document = PolicyReader.read(text: Self.partnerAndPublic).document!
        let access = Self.bucket(document)
        let statement = document.statements[0]
        let counts: [(String, Int, Int)] = [
            ("ResourceAccess", Mirror(reflecting: access).children.count, 14),
            ("AccessDocument", Mirror(reflecting: access.documents[0]).children.count, 3),
            ("PolicyDocument", Mirror(reflecting: document).children.count, 6),
            ("Statement", Mirror(reflecting: statement).children.count, 10),
            ("PrincipalElement", Mirror(reflecting: statement.principal!).children.count, 4),
            ("PrincipalEntry", Mirror(reflecting: statement.principal!.entries[0]).children.count, 4),
            ("ActionElement", Mirror(reflecting: statement.action!).children.count, 4),
            ("ResourceElement", Mirror(reflecting: statement.resource!).children.count, 4),
            ("ConditionClause", Mirror(reflecting: statement.conditions[0]).children.count, 4),
            ("ConditionValue", Mirror(reflecting: statement.conditions[0].values[0]).children.count, 4),
        ]
        for (type, count, expected) in counts {
            #expect(count == expected, "\(type) has \(count) stored properties, the comparison covers \(expected)")
        }
    }
}
