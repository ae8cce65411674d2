import Foundation
import PolicyLanguage

/// How to read deployment files.
public struct DeploymentReadOptions: Sendable {
    /// The format to read; nil to detect it from the content.
    public var format: DeploymentFormat?
    public var settings: DeploymentSettings
    /// Values of CloudFormation parameters, which replace the defaults.
    public var parameters: [String: String]
    /// Whether the result keeps each file's text in `sources`. Without it, a JSON file's
    /// bytes are freed once parsed, which lowers the peak memory of large deployments.
    public var keepsSources: Bool

    public init(format: DeploymentFormat? = nil, settings: DeploymentSettings, parameters: [String: String] = [:], keepsSources: Bool = true) {
        self.format = format
        self.settings = settings
        self.parameters = parameters
        self.keepsSources = keepsSources
    }
}

/// The deployments read from one path, and the problems that kept parts of it from being read.
public struct DeploymentReadResult: Sendable {
    public var deployments: [Deployment]
    public var diagnostics: [Diagnostic]
    /// The text of each file read, for quoting lines in diagnostics.
    public var sources: [SourceText] = []

    public init(deployments: [Deployment], diagnostics: [Diagnostic], sources: [SourceText] = []) {
        self.deployments = deployments
        self.diagnostics = diagnostics
        self.sources = sources
    }

    /// Every diagnostic: those of the reading and those of each deployment.
    public var allDiagnostics: [Diagnostic] {
        diagnostics + deployments.flatMap(\.diagnostics)
    }
}

/// Reads deployment files and `cdk.out` directories, detecting their format.
public enum DeploymentReader {
    /// Reads a file, or a `cdk.out` cloud assembly directory.
    public static func read(path: String, options: DeploymentReadOptions) -> DeploymentReadResult {
        do throws(FileReadError) {
            if try FileContents.isDirectory(path) {
                return readDirectory(path, options: options)
            }
            return read(bytes: try FileContents.bytes(of: path), name: path, options: options)
        } catch {
            return failure(.unreadableInput, error.message, file: path)
        }
    }

    /// Reads a directory as a `cdk.out` cloud assembly, which its `manifest.json` describes.
    static func readDirectory(_ path: String, options: DeploymentReadOptions) -> DeploymentReadResult {
        let manifest = (path as NSString).appendingPathComponent("manifest.json")
        do throws(FileReadError) {
            _ = try FileContents.isDirectory(manifest)
        } catch where error.code == ENOENT {
            return DeploymentReadResult(deployments: [], diagnostics: [Diagnostic(
                .unreadableInput, "cannot read '\(path)': it is a directory without a manifest.json, so it is not a cdk.out cloud assembly",
                file: path, help: "give deployment files, or the cdk.out directory that 'cdk synth' writes")])
        } catch {
            return failure(.unreadableInput, error.message, file: path)
        }
        return CDKAssemblyReader.read(directory: path, options: options)
    }

    /// Reads the bytes of a deployment file; `name` is the file name used in diagnostics.
    public static func read(bytes: consuming [UInt8], name: String, options: DeploymentReadOptions) -> DeploymentReadResult {
        guard options.keepsSources else {
            return readText(bytes: consume bytes, name: name, options: options)
        }
        var result = readText(bytes: copy bytes, name: name, options: options)
        if result.sources.isEmpty, let text = try? TextDecoding.utf8(from: bytes).utf8 {
            result.sources = [SourceText(name: name, utf8: text)]
        }
        return result
    }

    static func readText(bytes: consuming [UInt8], name: String, options: DeploymentReadOptions) -> DeploymentReadResult {
        var text: [UInt8]
        do {
            text = try TextDecoding.utf8(from: bytes).utf8
        } catch {
            return DeploymentReadResult(deployments: [], diagnostics: [Diagnostic(.syntaxError, error.message, file: name, location: error.location)])
        }
        _ = consume bytes
        let first = text.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        let looksLikeJSON = first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
        if looksLikeJSON, options.format != .cloudFormation || first == UInt8(ascii: "{") {
            do {
                let root = try JSONParser.parse(utf8: text)
                if !options.keepsSources {
                    text = []
                }
                let duplicates = DuplicateKeys.diagnostics(in: root, file: name)
                // The reader takes the only reference to the parsed tree, so that it can free
                // the parts it has converted.
                var result = read(json: consume root, name: name, options: options)
                result.diagnostics = duplicates + result.diagnostics
                return result
            } catch {
                if let lines = eventLogLines(text), options.format == nil || options.format == .pulumiEventLog {
                    let duplicates = lines.flatMap { DuplicateKeys.diagnostics(in: $0, file: name) }
                    return DeploymentReadResult(deployments: [PulumiReader.readEventLog(lines, file: name)], diagnostics: duplicates)
                }
                if options.format != .cloudFormation {
                    return DeploymentReadResult(deployments: [], diagnostics: [Diagnostic(.syntaxError, "invalid JSON: \(error.message)", file: name, location: error.location)])
                }
            }
        }
        guard options.format == nil || options.format == .cloudFormation else {
            return failure(.syntaxError, "expected JSON for the \(options.format!.rawValue) format", file: name, location: SourceLocation(line: 1, column: 1, offset: 0))
        }
        var reader = YAMLReader(file: name, tagged: CloudFormationTemplate.longForm)
        guard let root = reader.read(text) else {
            return DeploymentReadResult(deployments: [], diagnostics: reader.diagnostics)
        }
        guard options.format == .cloudFormation || root["Resources"] != nil || root["AWSTemplateFormatVersion"] != nil else {
            return DeploymentReadResult(deployments: [], diagnostics: reader.diagnostics + [unknownFormat(name)])
        }
        let deployments = CloudFormationReader.read(root, file: name, settings: options.settings, parameters: options.parameters)
        return DeploymentReadResult(deployments: deployments, diagnostics: reader.diagnostics)
    }

    /// Reads parsed JSON in the given format, or in the one its shape shows.
    public static func read(json root: consuming JSONValue, name: String, options: DeploymentReadOptions) -> DeploymentReadResult {
        guard let format = options.format ?? detect(root) else {
            return DeploymentReadResult(deployments: [], diagnostics: [unknownFormat(name)])
        }
        switch format {
        case .pulumiState: return single(PulumiReader.readState(consume root, file: name))
        case .pulumiPreview: return single(PulumiReader.readPreview(root, file: name))
        case .pulumiResources: return single(PulumiReader.readAnalyzeStack(root, file: name))
        case .pulumiEventLog: return single(PulumiReader.readEventLog([root], file: name))
        case .terraformPlan, .terraformState: return single(TerraformReader.read(consume root, file: name))
        case .cloudFormation:
            return DeploymentReadResult(
                deployments: CloudFormationReader.read(root, file: name, settings: options.settings, parameters: options.parameters), diagnostics: [])
        case .cdkAssembly:
            let directory = (name as NSString).deletingLastPathComponent
            return CDKAssemblyReader.read(directory: directory.isEmpty ? "." : directory, options: options)
        }
    }

    /// Returns the format whose shape the JSON has; nil when it has none of them.
    public static func detect(_ root: JSONValue) -> DeploymentFormat? {
        if root["format_version"] != nil {
            return root["planned_values"] != nil || root["resource_changes"] != nil ? .terraformPlan : .terraformState
        }
        if root["deployment"] != nil || root["checkpoint"] != nil {
            return .pulumiState
        }
        if root["steps"] != nil {
            return .pulumiPreview
        }
        if let first = root["resources"]?.arrayElements?.first, first["urn"] != nil {
            return .pulumiResources
        }
        if root["resources"]?.arrayElements?.isEmpty == true {
            return .pulumiResources
        }
        if root["Resources"] != nil || root["AWSTemplateFormatVersion"] != nil {
            return .cloudFormation
        }
        if root["artifacts"] != nil, root["version"] != nil {
            return .cdkAssembly
        }
        if root["sequence"] != nil, root["timestamp"] != nil {
            return .pulumiEventLog
        }
        return nil
    }

    /// The events of a Pulumi engine event log, one JSON object per line; nil when the text
    /// is not one.
    static func eventLogLines(_ text: [UInt8]) -> [JSONValue]? {
        var lines: [JSONValue] = []
        for line in text.split(separator: UInt8(ascii: "\n")) where !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) {
            guard let value = try? JSONParser.parse(utf8: Array(line)), value["sequence"] != nil || value["timestamp"] != nil else {
                return nil
            }
            lines.append(value)
        }
        return lines.isEmpty ? nil : lines
    }

    static func unknownFormat(_ name: String) -> Diagnostic {
        Diagnostic(
            .unknownFormat, "the file is none of the deployment formats AccessGuard reads", file: name,
            location: SourceLocation(line: 1, column: 1, offset: 0),
            help: "expected 'pulumi stack export', 'pulumi preview --json', 'terraform show -json', a CloudFormation template or a cdk.out directory; choose one with --input-format")
    }

    static func single(_ deployment: Deployment) -> DeploymentReadResult {
        DeploymentReadResult(deployments: [deployment], diagnostics: [])
    }

    static func failure(_ issue: DeploymentIssue, _ message: String, file: String, location: SourceLocation? = nil) -> DeploymentReadResult {
        DeploymentReadResult(deployments: [], diagnostics: [Diagnostic(issue, message, file: file, location: location)])
    }
}
