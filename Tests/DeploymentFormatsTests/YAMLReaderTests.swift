@testable import DeploymentFormats
import PolicyLanguage
import Testing

struct YAMLReaderTests {
    static func read(_ text: String) -> (JSONValue?, [Diagnostic]) {
        var reader = YAMLReader(file: "t.yaml", tagged: CloudFormationTemplate.longForm)
        let value = reader.read(Array(text.utf8))
        return (value, reader.diagnostics)
    }

    @Test(arguments: [
        ("a: 12", "number 12"), ("a: -1.5e3", "number -1.5e3"), ("a: 2012-10-17", "string 2012-10-17"), ("a: '12'", "string 12"),
        ("a: true", "bool true"), ("a: False", "bool false"), ("a: yes", "string yes"), ("a: ~", "null"), ("a:", "null"),
        ("a: 012345678901", "number 012345678901"), ("a: 1.2.3", "string 1.2.3"), ("a: \"true\"", "string true"),
        ("a: |\n  {\"x\": 1}\n", "string {\"x\": 1}\n"), ("a: 10.0.0.0/16", "string 10.0.0.0/16"),
    ])
    func scalarResolution(text: String, expected: String) throws {
        let (value, diagnostics) = Self.read(text)
        #expect(diagnostics.isEmpty)
        let kind = try #require(value?["a"]).kind
        let description: String
        switch kind {
        case .number(let text): description = "number \(text)"
        case .string(let text): description = "string \(text)"
        case .bool(let flag): description = "bool \(flag)"
        case .null: description = "null"
        default: description = "other"
        }
        #expect(description == expected)
    }

    @Test(arguments: [
        ("!Ref Bucket", #"{"Ref":"Bucket"}"#),
        ("!Condition IsProd", #"{"Condition":"IsProd"}"#),
        ("!GetAtt Bucket.Arn", #"{"Fn::GetAtt":["Bucket","Arn"]}"#),
        ("!GetAtt Stack.Outputs.Name", #"{"Fn::GetAtt":["Stack","Outputs.Name"]}"#),
        ("!Sub '${A}-b'", #"{"Fn::Sub":"${A}-b"}"#),
        ("!Join [',', [a, b]]", #"{"Fn::Join":[",",["a","b"]]}"#),
        ("!If [C, 1, !Ref AWS::NoValue]", #"{"Fn::If":["C",1,{"Ref":"AWS::NoValue"}]}"#),
        ("!Base64 {'Fn::Sub': x}", #"{"Fn::Base64":{"Fn::Sub":"x"}}"#),
    ])
    func shortFormTags(text: String, expected: String) throws {
        let (value, diagnostics) = Self.read("a: \(text)")
        #expect(diagnostics.isEmpty)
        #expect(try #require(value?["a"]).serialized() == expected)
    }

    @Test func locationsAreOneBased() throws {
        let (value, _) = Self.read("Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n")
        let bucket = try #require(value?["Resources"]?.objectMembers?.first)
        #expect(bucket.keyLocation?.description == "2:3")
        #expect(bucket.value["Type"]?.location?.description == "3:11")
    }

    @Test func syntaxErrorIsLocated() throws {
        let (value, diagnostics) = Self.read("a: [1, 2\nb: c\n")
        #expect(value == nil)
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.code == "DEPLOYMENT_SYNTAX_ERROR")
        #expect(diagnostic.location?.line == 2)
        #expect(diagnostic.message.hasPrefix("invalid YAML: "))
    }

    /// libyaml notices an unclosed construct only where the text goes on without it, so the
    /// message also names where the construct starts.
    @Test(arguments: [
        (
            "Statement:\n  - Effect: Allow\n    Action: [s3:GetObject, s3:PutObject\n    Resource: '*'\n", "4:13",
            "invalid YAML: did not find expected ',' or ']' while parsing a flow sequence that starts at line 3, column 13"
        ),
        (
            "a: {b: 1, c: 2\nd: 3\n", "2:2",
            "invalid YAML: did not find expected ',' or '}' while parsing a flow mapping that starts at line 1, column 4"
        ),
        (
            "a:\n  b:\n    c: 1\n   d: 2\n", "4:4",
            "invalid YAML: did not find expected key while parsing a block mapping that starts at line 2, column 3"
        ),
        (
            "a:\n  - x\n  b: 1\n", "3:3",
            "invalid YAML: did not find expected '-' indicator while parsing a block collection that starts at line 2, column 3"
        ),
        (
            "a: \"abc\nb: 1\n", "3:1",
            "invalid YAML: found unexpected end of stream while scanning a quoted scalar that starts at line 1, column 4"
        ),
        (
            "a: b\nc\nd: 1\n", "3:1",
            "invalid YAML: could not find expected ':' while scanning a simple key that starts at line 2, column 1"
        ),
        (
            "a: &x 1\nb: &x 2\n", "2:4",
            "invalid YAML: found duplicate anchor; first occurrence at line 1, column 4, second occurrence here"
        ),
        ("a: @b\n", "1:4", "invalid YAML: found character that cannot start any token while scanning for the next token"),
    ])
    func syntaxErrorNamesWhereTheConstructStarts(text: String, location: String, message: String) throws {
        let (value, diagnostics) = Self.read(text)
        #expect(value == nil)
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.message == message)
        #expect(diagnostic.location.map { "\($0.line):\($0.column)" } == location)
    }

    @Test func duplicateKeysAndUnknownTagsAreAllReported() throws {
        let (value, diagnostics) = Self.read("a: 1\nb: !Frob x\na: 2\n")
        #expect(value != nil)
        #expect(diagnostics.map { "\($0.location?.description ?? "") \($0.message)" } == ["2:4 unknown tag '!Frob'", "3:1 duplicate key 'a'"])
    }

    @Test func aliasesExpandWithinALimit() throws {
        let (value, diagnostics) = Self.read("base: &b {x: 1}\ncopy: *b\n")
        #expect(diagnostics.isEmpty)
        #expect(value?["copy"]?["x"]?.numberText == "1")
        var bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...7 {
            let previous = "*a\(level - 1)"
            bomb += "a\(level): &a\(level) [\(Array(repeating: previous, count: 10).joined(separator: ", "))]\n"
        }
        let (_, bombDiagnostics) = Self.read(bomb)
        #expect(bombDiagnostics.map(\.code) == ["DEPLOYMENT_SYNTAX_ERROR"])
    }

    @Test func aliasesOfLongTextHitTheByteLimit() throws {
        // 100 kB of text repeated 10^3 times: few nodes, but 100 MB once expanded.
        var bomb = "a0: &a0 \(String(repeating: "x", count: 100_000))\n"
        for level in 1...3 {
            bomb += "a\(level): &a\(level) [\(Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", "))]\n"
        }
        let (value, diagnostics) = Self.read(bomb)
        #expect(value == nil)
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.message == "aliases repeat more than 16777216 bytes of text of the YAML document, which is not supported (a limit against alias bombs)")
        #expect(diagnostic.location?.line == 4)
    }

    /// libyaml gives the byte offset of a reader error, which was reported at 1:1.
    @Test(arguments: [
        (Array("a: 1\nb: x\u{0}y\nc: 2\n".utf8), "invalid YAML: control characters are not allowed", "2:5"),
        (Array("a: 1\nb: \"é".utf8) + [0xFF] + Array("\"\n".utf8), "invalid YAML: invalid leading UTF-8 octet", "2:6"),
    ])
    func readerErrorsAreLocated(bytes: [UInt8], message: String, location: String) throws {
        var reader = YAMLReader(file: "t.yaml", tagged: CloudFormationTemplate.longForm)
        #expect(reader.read(bytes) == nil)
        let diagnostic = try #require(reader.diagnostics.first)
        #expect(diagnostic.message == message)
        #expect(diagnostic.location.map { "\($0.line):\($0.column)" } == location)
    }

    @Test func recursiveAliasIsRejected() throws {
        let (value, diagnostics) = Self.read("a: &a [x, *a]\n")
        #expect(value == nil)
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.message == "the alias '*a' is inside the collection it names; recursive YAML structures are not supported")
        #expect(diagnostic.location.map { "\($0.line):\($0.column)" } == "1:11")
    }

    @Test(arguments: [
        String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000),
        "a: &a " + String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
            + "\nb: " + String(repeating: "[", count: 300) + "*a" + String(repeating: "]", count: 300),
    ])
    func deepNestingIsRejectedBeforeLoading(text: String) throws {
        let (value, diagnostics) = Self.read(text)
        #expect(value == nil)
        #expect(diagnostics.map(\.message) == ["the YAML document nests collections deeper than 512 levels, which is not supported"])
    }

    @Test(arguments: [
        ("Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n", true),
        ("a: [1, 2, {b: c}]\n", true),
        ("a: &anchor x\nb: *anchor\n", false),
        (String(repeating: "[", count: 300) + String(repeating: "]", count: 300), true),
        (String(repeating: "[", count: 513) + String(repeating: "]", count: 513), false),
        (String(repeating: "- ", count: 513) + "x\n", false),
        ("a: " + String(repeating: "x", count: 1 << 20) + "\n", false),
    ])
    func byteScanSkipsOnlyTextsWithinLimits(text: String, keepsToLimits: Bool) {
        let bytes = Array(text.utf8)
        #expect(bytes.withUnsafeBufferPointer { YAMLSizeCheck.keepsToLimits($0) } == keepsToLimits)
        if keepsToLimits {
            var check = YAMLSizeCheck(file: "t.yaml")
            #expect(bytes.withUnsafeBufferPointer { check.check($0) } == nil, "the full check rejects a text the scan lets through")
        }
    }
}
