import Foundation
import Testing

/// How to run a command in a new network namespace, which has only a loopback interface
/// that is down: `unshare --net`, as root or in a user namespace mapped to root.
enum NetworkIsolation {
    static let candidates: [[String]] = [
        ["/usr/bin/unshare", "--net", "--map-root-user"],
        ["/usr/bin/unshare", "--net"],
    ]

    /// The first prefix that runs `true` here, or nil.
    static let prefix: [String]? = candidates.first { candidate in
        (try? run(candidate + ["/bin/true"]).status) == 0
    }

    static let unavailableReason = """
        network isolation is unavailable: neither 'unshare --net --map-root-user' nor 'unshare --net' can create a \
        network namespace here (unshare missing, or user and network namespaces not permitted, as in a container \
        without CAP_SYS_ADMIN), so accessguard is not run without a network
        """

    static func run(_ command: [String]) throws -> (status: Int32, output: String, error: String) {
        try BuiltExecutable.run(URL(fileURLWithPath: command[0]), Array(command.dropFirst()))
    }
}

/// `accessguard check` needs no network: it reads the deployment, and nothing in it is
/// fetched or run.
@Suite(.enabled(if: BuiltExecutable.url != nil && NetworkIsolation.prefix != nil, Comment(rawValue: NetworkIsolation.unavailableReason)))
struct NetworkIsolationTests {
    static let template = """
        Resources:
          Bucket: {Type: AWS::S3::Bucket, Properties: {BucketName: orders}}
          Policy:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: !Ref Bucket
              PolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - {Effect: Allow, Principal: {AWS: "arn:aws:iam::111122223333:root"}, Action: "s3:GetObject", Resource: "arn:aws:s3:::orders/*"}
                  - {Effect: Deny, Principal: "*", Action: "s3:*", Resource: "arn:aws:s3:::orders/*", Condition: {Bool: {"aws:SecureTransport": "false"}}}
              Metadata: {Source: "https://example.com/template.yaml"}

        """

    @Test func checkPassesWithoutNetwork() throws {
        let prefix = try #require(NetworkIsolation.prefix)
        let executable = try #require(BuiltExecutable.url)

        // The namespace has no interface but the loopback one, which is down.
        let interfaces = try NetworkIsolation.run(prefix + ["/bin/cat", "/proc/net/dev"])
        let names = interfaces.output.split(separator: "\n").dropFirst(2).compactMap { $0.split(separator: ":").first?.trimmingCharacters(in: .whitespaces) }
        #expect(names == ["lo"], "\(interfaces.output)")

        let path = try temporaryFile(Self.template, name: "template.yaml")
        let run = try NetworkIsolation.run(prefix + [executable.path, "check", path, "--account", "111122223333"])
        #expect(run.status == 0, "\(run.output)\(run.error)")
        #expect(run.output.hasPrefix("PASSED: 0 mandatory, 0 advisory, 0 suppressed violations over 1 resource"), "\(run.output)")
    }
}
