import AccessReasoning
import DeploymentFormats
import PolicyLanguage
import PolicyPacks
import Testing

/// The built-in pack on small CloudFormation templates: which policy reports what, at which level.
struct AccessAnalyzerPackTests {
    static let catalog: ActionCatalog = {
        do {
            return try ActionCatalog.bundled()
        } catch {
            fatalError("the bundled action catalog cannot be loaded: \(error)")
        }
    }()
    static let settings = DeploymentSettings(account: "111122223333", region: "eu-west-1")

    static func linked(_ template: String) -> LinkedDeployment {
        let result = DeploymentReader.read(bytes: Array(template.utf8), name: "template.yaml", options: DeploymentReadOptions(settings: settings))
        return Linker.link(result.deployments, settings: settings, catalog: catalog)
    }

    static func run(_ template: String, config: String = "{}", baseline: String? = nil) throws -> PackReport {
        let (configuration, problems) = PackConfiguration.read(text: config, file: "config.json", pack: AccessAnalyzerPack.pack)
        #expect(problems.isEmpty, "\(problems.map(\.message))")
        let analysis = try StackAnalysis(
            linked: linked(template), baseline: baseline.map(linked), zone: ZoneOfTrust(accounts: ["111122223333"]), catalog: catalog)
        return try PackReport.run(AccessAnalyzerPack.pack, configuration: configuration, on: analysis)
    }

    /// `policy level address` of each violation.
    static func lines(_ report: PackReport) -> [String] {
        report.violations.map { "\($0.policy) \($0.level.rawValue) \($0.address ?? "-")" }
    }

    static func bucket(_ statements: String, blockPublicPolicy: Bool = false) -> String {
        """
        Resources:
          Site:
            Type: AWS::S3::Bucket
            Properties:
              BucketName: site-1a2b
              PublicAccessBlockConfiguration: {BlockPublicPolicy: \(blockPublicPolicy), RestrictPublicBuckets: false}
          SitePolicy:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: !Ref Site
              PolicyDocument:
                Version: "2012-10-17"
                Statement: \(statements)
        """
    }

    static let publicRead = #"[{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::site-1a2b/*"}]"#
    static let partnerRead = #"[{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::site-1a2b/*"}]"#
    static let ownRead = #"[{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::site-1a2b/*"}]"#

    @Test func publicBucketIsMandatory() throws {
        let report = try Self.run(Self.bucket(Self.publicRead))
        #expect(Self.lines(report) == ["no-public-access mandatory Site"])
        #expect(!report.passed)
        let violation = try #require(report.violations.first)
        #expect(violation.message.hasPrefix(#"{"AWS":"*"} has s3:GetObject access to AWS::S3::Bucket arn:aws:s3:::site-1a2b (public) (finding "#))
        #expect(violation.witness?.request.action == "s3:GetObject")
        #expect(violation.location?.line == 2)
    }

    @Test func blockedPublicPolicyIsStillMandatory() throws {
        let report = try Self.run(Self.bucket(Self.publicRead, blockPublicPolicy: true))
        #expect(Self.lines(report) == ["no-public-access mandatory Site", "no-public-access mandatory Site"])
        #expect(report.violations.filter { $0.message.contains("rejects at deployment") }.count == 1)
    }

    @Test func partnerAccessIsAdvisory() throws {
        let report = try Self.run(Self.bucket(Self.partnerRead))
        #expect(Self.lines(report) == ["no-external-access advisory Site"])
        #expect(report.passed)
    }

    @Test func ownAccountIsClean() throws {
        let report = try Self.run(Self.bucket(Self.ownRead))
        #expect(report.violations.isEmpty, "\(Self.lines(report))")
    }

    @Test func newAccessAgainstBaseline() throws {
        let report = try Self.run(Self.bucket(Self.partnerRead), baseline: Self.bucket(Self.ownRead))
        #expect(Self.lines(report) == ["no-new-external-access mandatory Site", "no-external-access advisory Site"])
        #expect(report.violations.first?.witness?.request.principal.description == "arn:aws:iam::444455556666:root")
    }

    @Test func unchangedAccessIsNotNew() throws {
        let report = try Self.run(Self.bucket(Self.partnerRead), baseline: Self.bucket(Self.partnerRead))
        #expect(Self.lines(report) == ["no-external-access advisory Site"])
    }

    @Test func accessNotGrantedNamesTheAction() throws {
        let config = #"{"access-not-granted": {"actions": ["s3:GetObject"]}}"#
        let report = try Self.run(Self.bucket(Self.partnerRead), config: config)
        #expect(Self.lines(report) == ["access-not-granted mandatory Site", "no-external-access advisory Site"])
        let other = try Self.run(Self.bucket(Self.partnerRead), config: #"{"access-not-granted": {"actions": ["s3:PutObject"]}}"#)
        #expect(Self.lines(other) == ["no-external-access advisory Site"])
    }

    @Test func validationErrorsAndWarnings() throws {
        let statements = #"[{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:GetObjekt", "Resource": "arn:aws:s3:::site-1a2b/*"}]"#
        let report = try Self.run(Self.bucket(statements))
        #expect(Self.lines(report) == ["policy-validation mandatory Site"], "\(report.violations.map(\.message))")
        #expect(report.violations.first?.message == "ERROR UNKNOWN_ACTION: 'GetObjekt' is not an action of Amazon S3 ('s3')")
    }

    @Test func unknownPolicyIsUndecidable() throws {
        let template = """
            Parameters:
              Policy: {Type: String}
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties: {QueueName: jobs}
              QueuePolicy:
                Type: AWS::SQS::QueuePolicy
                Properties:
                  Queues: [!Ref Queue]
                  PolicyDocument: {"Fn::ImportValue": "shared-queue-policy"}
            """
        let report = try Self.run(template)
        #expect(Self.lines(report) == ["undecidable-access mandatory Queue"])
    }

    @Test func suppressionNeedsIsPublicForPublicFindings() throws {
        let loose = #"{"suppressions": [{"resources": ["arn:aws:s3:::site-*"], "reason": "static website"}]}"#
        #expect(Self.lines(try Self.run(Self.bucket(Self.publicRead), config: loose)) == ["no-public-access mandatory Site"])
        let explicit = #"{"suppressions": [{"resources": ["arn:aws:s3:::site-*"], "isPublic": true, "reason": "static website"}]}"#
        let report = try Self.run(Self.bucket(Self.publicRead), config: explicit)
        #expect(report.violations.isEmpty)
        #expect(report.suppressed.map(\.reason) == ["static website"])
        #expect(report.passed)
    }

    @Test func suppressionByPrincipal() throws {
        let config = #"{"suppressions": [{"principals": ["arn:aws:iam::444455556666:root"], "reason": "fulfilment partner"}]}"#
        let report = try Self.run(Self.bucket(Self.partnerRead), config: config)
        #expect(report.violations.isEmpty)
        #expect(report.suppressed.count == 1)
    }

    @Test func disabledPolicyDoesNotRun() throws {
        let report = try Self.run(Self.bucket(Self.publicRead), config: #"{"no-public-access": "disabled"}"#)
        #expect(Self.lines(report).isEmpty)
        #expect(report.passed)
    }
}
