import Foundation
import Reporting
import Testing

/// One hostile input, the command run on it, and what the command must do: the exit code,
/// and texts that its output or error stream must contain.
struct HostileInput: CustomTestStringConvertible, Sendable {
    let name: String
    /// The files of the input, by path relative to a new directory.
    let files: [String: [UInt8]]
    /// The command line; an argument `@PATH` names the file or directory PATH of the input.
    let arguments: [String]
    let exitCode: ExitCode
    let messages: [String]

    var testDescription: String { name }

    init(_ name: String, _ files: [String: [UInt8]], _ arguments: [String], _ exitCode: ExitCode, _ messages: [String]) {
        self.name = name
        self.files = files
        self.arguments = arguments
        self.exitCode = exitCode
        self.messages = messages
    }

    init(_ name: String, _ file: String, _ text: String, _ arguments: [String], _ exitCode: ExitCode, _ messages: [String]) {
        self.init(name, [file: Array(text.utf8)], arguments, exitCode, messages)
    }
}

/// Inputs built to break the readers: deep nesting, huge counts, bad encodings, repeated
/// names, numbers out of range, alias bombs, unknown functions and dependency cycles. Each
/// must end in a located error with exit code 2 when it is invalid, and in a bounded result
/// otherwise. The 100 MB inputs are left to `scripts/hostile-inputs`, because a debug build
/// needs 20 to 45 s for each.
struct HostileInputTests {
    static let account = "111122223333"

    static func deep(_ depth: Int, open: String = "[", close: String = "]") -> String {
        String(repeating: open, count: depth) + String(repeating: close, count: depth)
    }

    static func policy(_ statements: String) -> String {
        #"{"Version":"2012-10-17","Statement":[\#(statements)]}"#
    }

    static let publicRead = #"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::orders/*"}"#

    static func utf16(_ text: String, bigEndian: Bool, byteOrderMark: Bool) -> [UInt8] {
        let units = (byteOrderMark ? [0xFEFF] : []) + Array(text.utf16)
        return units.flatMap { unit in
            let bytes = [UInt8(unit & 0xFF), UInt8(unit >> 8)]
            return bigEndian ? bytes.reversed() : bytes
        }
    }

    /// `levels` levels of ten aliases each, over a scalar of `scalarLength` characters.
    static func aliasBomb(scalarLength: Int, levels: Int) -> String {
        var text = "Resources:\n  Queue: {Type: AWS::SQS::Queue}\nx0: &x0 \(String(repeating: "l", count: scalarLength))\n"
        for level in 1...levels {
            text += "x\(level): &x\(level) [\(Array(repeating: "*x\(level - 1)", count: 10).joined(separator: ", "))]\n"
        }
        return text
    }

    static let manyStatements = policy((0..<5_000).map { index in
        #"{"Sid":"S\#(index)","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::\#(100_000_000_000 + index):root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::orders/p\#(index)/*"}"#
    }.joined(separator: ","))

    static let glob = "*a*a*a*a*a*a*a*b"
    static let longValue = String(repeating: "a", count: 100_000)
    static let globPolicy = policy(
        #"{"Sid":"Glob","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::orders/\#(glob)"},"#
            + #"{"Sid":"Agent","Effect":"Allow","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::orders/*","Condition":{"StringLike":{"aws:UserAgent":"\#(glob)"}}}"#)

    static let bucketPolicyTemplate = """
        Resources:
          Bucket: {Type: AWS::S3::Bucket, Properties: {BucketName: orders}}
          Policy:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: !Ref Bucket
              PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::orders/*"}]}

        """

    static let rows: [HostileInput] = [
        // Nesting
        HostileInput(
            "policy nested 100,000 deep", "policy.json", #"{"Version":"2012-10-17","Statement":\#(deep(100_000))}"#,
            ["validate", "@policy.json"], .invalidInput,
            ["policy.json:1:548: error: [JSON_SYNTAX_ERROR] invalid JSON: nesting deeper than 512 levels is not supported"]),
        HostileInput(
            "deployment nested 100,000 deep", "plan.json", #"{"format_version":"1.2","planned_values":\#(deep(100_000, open: #"{"a":"#, close: "}"))}"#,
            ["check", "@plan.json", "--account", account], .invalidInput,
            ["plan.json:1:2597: error: [DEPLOYMENT_SYNTAX_ERROR] invalid JSON: nesting deeper than 512 levels is not supported"]),
        HostileInput(
            "YAML nested 100,000 deep", "template.yaml", "Resources:\n  Queue: \(deep(100_000))\n",
            ["check", "@template.yaml", "--account", account], .invalidInput,
            ["template.yaml:2:520: error: [DEPLOYMENT_SYNTAX_ERROR] the YAML document nests collections deeper than 512 levels, which is not supported"]),

        // Many statements and globs against long values
        HostileInput(
            "policy of 5,000 statements", "policy.json", manyStatements, ["validate", "@policy.json"], .success,
            ["policy.json: resource policy: 0 errors, 0 security warnings, 0 warnings, 0 suggestions"]),
        HostileInput(
            "policy of 5,000 empty statements", "policy.json", policy(Array(repeating: "{}", count: 5_000).joined(separator: ",")),
            ["validate", "@policy.json"], .checkFailed,
            ["policy.json:1:15035: error: [MISSING_EFFECT] the statement has no 'Effect'", "15000 errors"]),
        HostileInput(
            "request decided among 5,000 statements", "policy.json", manyStatements,
            ["simulate", "@policy.json", "--principal", "arn:aws:iam::100000004999:root", "--action", "s3:GetObject",
             "--resource", "arn:aws:s3:::orders/p4999/x"],
            .success, ["Decision: Allow", "S4999"]),
        HostileInput(
            "glob against a long resource that fails", "policy.json", globPolicy,
            ["simulate", "@policy.json", "--principal", "anonymous", "--action", "s3:GetObject", "--resource", "arn:aws:s3:::orders/\(longValue)"],
            .checkFailed, ["Decision: ImplicitDeny"]),
        HostileInput(
            "glob against a long resource that matches", "policy.json", globPolicy,
            ["simulate", "@policy.json", "--principal", "anonymous", "--action", "s3:GetObject", "--resource", "arn:aws:s3:::orders/\(longValue)b"],
            .success, ["Decision: Allow", "'Glob'"]),
        HostileInput(
            "StringLike glob against a long user agent", "policy.json", globPolicy,
            ["simulate", "@policy.json", "--principal", "anonymous", "--action", "s3:PutObject", "--resource", "arn:aws:s3:::orders/x",
             "--context", "aws:UserAgent=\(longValue)b"],
            .success, ["Decision: Allow", "'Agent'"]),
        HostileInput(
            "globs in analyze", "policy.json", globPolicy,
            ["analyze", "@policy.json", "--resource-type", "AWS::S3::Bucket", "--resource", "arn:aws:s3:::orders", "--account", account],
            .checkFailed, [
                "resource   arn:aws:s3:::orders/aaaaaaab", "aws:UserAgent=aaaaaaab", "Result: 2 findings: 2 public, 0 external but not public",
            ]),

        // Encodings
        HostileInput(
            "invalid UTF-8 in a policy", ["policy.json": Array(#"{"Version":"2012-10-17","Statement":[{"Sid":""#.utf8) + [0xFF, 0xFE] + Array(#""}]}"#.utf8)],
            ["validate", "@policy.json"], .invalidInput,
            ["policy.json:1:46: error: [JSON_SYNTAX_ERROR] invalid JSON: invalid UTF-8 byte 0xFF in string"]),
        HostileInput(
            "invalid UTF-8 in a template", ["template.yaml": Array("Resources:\n  Queue: {Type: AWS::SQS::Queue, Properties: {QueueName: q".utf8) + [0xC3] + Array("}}\n".utf8)],
            ["check", "@template.yaml", "--account", account], .invalidInput,
            ["template.yaml:2:60: error: [DEPLOYMENT_SYNTAX_ERROR] invalid YAML: invalid trailing UTF-8 octet"]),
        HostileInput(
            "UTF-16LE policy with a byte order mark", ["policy.json": utf16(policy(publicRead), bigEndian: false, byteOrderMark: true)],
            ["validate", "@policy.json"], .success, ["policy.json: resource policy: 0 errors"]),
        HostileInput(
            "UTF-16BE policy without a byte order mark", ["policy.json": utf16(policy(publicRead), bigEndian: true, byteOrderMark: false)],
            ["validate", "@policy.json"], .success, ["policy.json: resource policy: 0 errors"]),
        HostileInput(
            "UTF-16LE template with a byte order mark", ["template.yaml": utf16(bucketPolicyTemplate, bigEndian: false, byteOrderMark: true)],
            ["check", "@template.yaml", "--account", account], .checkFailed, ["[no-public-access]", "FAILED: 1 mandatory"]),
        HostileInput(
            "UTF-16 of an odd number of bytes", ["policy.json": utf16(policy(publicRead), bigEndian: false, byteOrderMark: true) + [0x20]],
            ["validate", "@policy.json"], .invalidInput, ["policy.json:1:1: error: [JSON_SYNTAX_ERROR] UTF-16 input has an odd number of bytes"]),
        HostileInput(
            "UTF-16 with an unpaired surrogate", ["policy.json": [0xFF, 0xFE] + utf16("{\"a\": \"", bigEndian: false, byteOrderMark: false) + [0x00, 0xD8, 0x22, 0x00, 0x7D, 0x00]],
            ["validate", "@policy.json"], .invalidInput, ["policy.json:1:8: error: [JSON_SYNTAX_ERROR] invalid UTF-16: unpaired surrogate"]),
        HostileInput(
            "NUL byte in a policy string", "policy.json", policy(#"{"Sid":"a\#u{0}b","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}"#),
            ["validate", "@policy.json"], .invalidInput,
            ["policy.json:1:47: error: [JSON_SYNTAX_ERROR] invalid JSON: control character U+0000 must be escaped in a string"]),
        HostileInput(
            "NUL byte between JSON tokens", "plan.json", "{\"format_version\": \"1.2\",\u{0} \"planned_values\": {}}",
            ["check", "@plan.json", "--account", account], .invalidInput,
            ["plan.json:1:26: error: [DEPLOYMENT_SYNTAX_ERROR] invalid JSON: expected a member name in double quotes, found 'U+0000'"]),
        HostileInput(
            "NUL byte in a template", "template.yaml", bucketPolicyTemplate.replacingOccurrences(of: "Policy:\n", with: "Policy:\u{0}\n"),
            ["check", "@template.yaml", "--account", account], .invalidInput,
            ["template.yaml:3:10: error: [DEPLOYMENT_SYNTAX_ERROR] invalid YAML: control characters are not allowed"]),

        // Repeated names
        HostileInput(
            "duplicate key in a policy, validated", "policy.json", policy(#"{"Effect":"Allow","Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"*"}"#),
            ["validate", "@policy.json"], .checkFailed,
            ["policy.json:1:56: error: [DUPLICATE_KEY] duplicate member 'Effect' (first at 1:39); AWS rejects or misreads such documents"]),
        HostileInput(
            "duplicate key in a policy, analyzed", "policy.json", policy(#"{"Effect":"Allow","Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"*"}"#),
            ["analyze", "@policy.json", "--resource-type", "AWS::S3::Bucket", "--resource", "arn:aws:s3:::orders", "--account", account],
            .invalidInput, ["[DUPLICATE_KEY] duplicate member 'Effect' (first at 1:39)", "error: the policies have errors"]),
        HostileInput(
            "duplicate key in a JSON template", "template.json",
            #"{"Resources": {"Bucket": {"Type": "AWS::S3::Bucket"}, "Policy": {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": {"Ref": "Bucket"}, "PolicyDocument": {"Version": "2012-10-17", "Statement": []}, "PolicyDocument": \#(policy(publicRead))}}}}"#,
            ["check", "@template.json", "--account", account], .invalidInput,
            ["template.json:1:205: error: [INVALID_DEPLOYMENT] duplicate key 'PolicyDocument' (first at 1:143)"]),
        HostileInput(
            "duplicate key in a YAML template", "template.yaml", "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Type: AWS::SQS::Queue\n",
            ["check", "@template.yaml", "--account", account], .invalidInput,
            ["template.yaml:4:5: error: [INVALID_DEPLOYMENT] duplicate key 'Type'"]),

        // Numbers out of range
        HostileInput(
            "exponent out of range in a condition", "policy.json",
            policy(#"{"Effect":"Allow","Principal":"*","Action":"s3:ListBucket","Resource":"arn:aws:s3:::orders","Condition":{"NumericLessThan":{"s3:max-keys":1e999999999}}}"#),
            ["validate", "@policy.json"], .checkFailed,
            ["error: [INVALID_CONDITION_VALUE] '1e999999999' is out of range: exponents beyond ±100000 are not supported"]),
        HostileInput(
            "integer beyond 64 bits in a condition", "policy.json",
            policy(#"{"Effect":"Allow","Principal":"*","Action":"s3:ListBucket","Resource":"arn:aws:s3:::orders","Condition":{"NumericLessThan":{"s3:max-keys":"99999999999999999999999999999"}}}"#),
            ["simulate", "@policy.json", "--principal", "anonymous", "--action", "s3:ListBucket", "--resource", "arn:aws:s3:::orders",
             "--context", "s3:max-keys=99999999999999999999999999998"],
            .success, ["Decision: Allow"]),
        HostileInput(
            "Pulumi version out of range", "state.json", #"{"version": 1e400, "deployment": {"resources": []}}"#,
            ["check", "@state.json", "--account", account], .invalidInput,
            ["state.json:1:13: error: [UNSUPPORTED_FORMAT_VERSION] Pulumi deployment version 1e400 is not supported; expected 3 or 4"]),
        HostileInput(
            "Terraform format version as a number", "plan.json", #"{"format_version": 1.0, "planned_values": {}}"#,
            ["check", "@plan.json", "--account", account], .invalidInput,
            ["plan.json:1:20: error: [UNSUPPORTED_FORMAT_VERSION] Terraform JSON format of type number is not supported; expected 0.1, 0.2 or 1.x"]),

        // YAML aliases
        HostileInput(
            "billion laughs", "template.yaml", aliasBomb(scalarLength: 3, levels: 9),
            ["check", "@template.yaml", "--account", account], .invalidInput,
            ["template.yaml:9:45: error: [DEPLOYMENT_SYNTAX_ERROR] aliases repeat more than 1000000 nodes of the YAML document, which is not supported (a limit against alias bombs)"]),
        HostileInput(
            "aliases of a long scalar", "template.yaml", aliasBomb(scalarLength: 100_000, levels: 3),
            ["check", "@template.yaml", "--account", account], .invalidInput,
            ["template.yaml:6:10: error: [DEPLOYMENT_SYNTAX_ERROR] aliases repeat more than 16777216 bytes of text of the YAML document"]),
        HostileInput(
            "alias inside the collection it names", "template.yaml", "Resources: &r {Queue: {Type: AWS::SQS::Queue, Properties: *r}}\n",
            ["check", "@template.yaml", "--account", account], .invalidInput,
            ["template.yaml:1:59: error: [DEPLOYMENT_SYNTAX_ERROR] the alias '*r' is inside the collection it names; recursive YAML structures are not supported"]),

        // CloudFormation functions and dependency cycles
        HostileInput(
            "unknown intrinsic function", "template.yaml", bucketPolicyTemplate.replacingOccurrences(of: "!Ref Bucket", with: "{Fn::Frobnicate: [Bucket]}"),
            ["check", "@template.yaml", "--account", account], .invalidInput,
            ["template.yaml:6:15: error: [INVALID_DEPLOYMENT] unknown intrinsic function 'Fn::Frobnicate'"]),
        HostileInput(
            "unknown short-form tag", "template.yaml", bucketPolicyTemplate.replacingOccurrences(of: "!Ref Bucket", with: "!Frobnicate Bucket"),
            ["check", "@template.yaml", "--account", account], .invalidInput,
            ["template.yaml:6:15: error: [INVALID_DEPLOYMENT] unknown tag '!Frobnicate'"]),
        HostileInput(
            "Ref, GetAtt and Sub cycle", "template.yaml",
            """
            Resources:
              A: {Type: AWS::SQS::Queue, Properties: {QueueName: !Sub "${B.QueueName}-a"}}
              B: {Type: AWS::SQS::Queue, Properties: {QueueName: !GetAtt C.QueueName}}
              C: {Type: AWS::SQS::Queue, Properties: {QueueName: !Ref A}}

            """,
            ["check", "@template.yaml", "--account", account], .invalidInput,
            ["template.yaml:2:54: error: [INVALID_DEPLOYMENT] circular dependency between resources: A → B → C → A, which CloudFormation rejects"]),
        HostileInput(
            "DependsOn cycle", "template.yaml",
            "Resources:\n  A: {Type: AWS::S3::Bucket, DependsOn: [B]}\n  B: {Type: AWS::S3::Bucket, DependsOn: A}\n",
            ["check", "@template.yaml", "--account", account], .invalidInput,
            ["template.yaml:2:42: error: [INVALID_DEPLOYMENT] circular dependency between resources: A → B → A, which CloudFormation rejects"]),

        // Cloud assemblies
        HostileInput(
            "cloud assembly naming a file outside it",
            [
                "cdk.out/manifest.json": Array(#"{"version": "36.0.0", "artifacts": {"Stack": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "../secret.yaml"}}}}"#.utf8),
                "secret.yaml": Array("password: hunter2\n".utf8),
            ],
            ["check", "@cdk.out", "--account", account], .invalidInput,
            ["manifest.json:1:114: error: [INVALID_DEPLOYMENT] the stack 'Stack' names the template '../secret.yaml', which is outside the cloud assembly"]),
        HostileInput(
            "cloud assembly naming itself as a template",
            ["cdk.out/manifest.json": Array(#"{"version": "36.0.0", "artifacts": {"Stack": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "."}}}}"#.utf8)],
            ["check", "@cdk.out", "--account", account], .invalidInput,
            ["manifest.json:1:114: error: [INVALID_DEPLOYMENT] the stack 'Stack' names the template '.', which is a directory"]),
        HostileInput(
            "terminal escape sequences in a logical ID",
            "template.json",
            #"{"Resources": {"B\u001b[2J\u001b[31mX": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "esc-b"}},"#
                + #" "P": {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": "esc-b", "PolicyDocument": {"Version": "2012-10-17","#
                + #" "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::esc-b/*"}]}}}}}"#,
            ["check", "@template.json", "--account", account], .checkFailed,
            ["B\u{241B}[2J\u{241B}[31mX (AWS::S3::Bucket) at "]),
        HostileInput(
            "terminal control characters in a quoted source line",
            "template.yaml", "Resources:\n  B: [\u{1B}[31mRED\u{07}\n",
            ["check", "@template.yaml", "--account", account], .invalidInput,
            ["      B: [\u{241B}[31mRED\u{2407}\n"]),
    ]

    @Test(arguments: rows)
    func commandHandlesHostileInput(_ row: HostileInput) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("accessguard-hostile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        for (path, bytes) in row.files {
            let url = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        let arguments = row.arguments.map { $0.hasPrefix("@") ? directory.appendingPathComponent(String($0.dropFirst())).path : $0 }

        let run = runCommand(arguments)
        let streams = run.output + run.error
        #expect(run.exitCode == row.exitCode, "\(streams.prefix(2_000))")
        for message in row.messages {
            #expect(streams.contains(message), "expected \(message) in:\n\(streams.prefix(2_000))")
        }
        #expect(!streams.contains("hunter2"), "a file outside the input is quoted")
        #expect(!streams.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "a control character of the input is written as it is")
    }
}
