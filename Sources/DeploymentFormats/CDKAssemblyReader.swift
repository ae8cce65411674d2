import Foundation
import PolicyLanguage

/// Reads a `cdk.out` cloud assembly: its `manifest.json` lists the stacks, each with its
/// template file, environment and parameters, and nested assemblies of CDK stages.
///
/// Every file a manifest names must lie inside the assembly's directory, so that a manifest
/// cannot make AccessGuard read, and quote in its messages, other files of the machine. Each
/// nested assembly is read once, so that manifests naming each other cannot loop.
struct CDKAssemblyReader {
    /// The maximum nesting depth of nested assemblies.
    static let maximumNesting = 16

    /// The top directory of the assembly, with symbolic links resolved.
    let root: String
    /// The directories of the assemblies read so far, with symbolic links resolved.
    private var visited: Set<String> = []

    private init(root: String) {
        self.root = Self.resolved(root)
    }

    static func read(directory: String, options: DeploymentReadOptions) -> DeploymentReadResult {
        var reader = CDKAssemblyReader(root: directory)
        reader.visited.insert(reader.root)
        return reader.read(directory: directory, options: options, depth: 0)
    }

    private static func resolved(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Returns `relative` inside `directory`, or nil when it is absolute or leads out of the
    /// assembly's top directory, through `..` or a symbolic link.
    private func containedPath(_ relative: String, in directory: String) -> String? {
        guard !relative.hasPrefix("/") else { return nil }
        let path = (directory as NSString).appendingPathComponent(relative)
        let target = Self.resolved(path)
        guard target == root || target.hasPrefix(root.hasSuffix("/") ? root : root + "/") else { return nil }
        return path
    }

    private mutating func read(directory: String, options: DeploymentReadOptions, depth: Int) -> DeploymentReadResult {
        let manifestPath = (directory as NSString).appendingPathComponent("manifest.json")
        var result = DeploymentReadResult(deployments: [], diagnostics: [])
        let bytes: [UInt8]
        do throws(FileReadError) {
            bytes = try FileContents.bytes(of: manifestPath)
        } catch {
            result.diagnostics.append(Diagnostic(.unreadableInput, error.message, file: manifestPath))
            return result
        }
        let manifest: JSONValue
        do {
            manifest = try JSONParser.parse(utf8: try TextDecoding.utf8(from: bytes).utf8)
        } catch {
            result.diagnostics.append(Diagnostic(.syntaxError, "invalid JSON: \(error.message)", file: manifestPath, location: error.location))
            return result
        }
        result.diagnostics += DuplicateKeys.diagnostics(in: manifest, file: manifestPath)
        guard let artifacts = manifest["artifacts"]?.objectMembers else {
            result.diagnostics.append(Diagnostic(.invalidDeployment, "a cloud assembly manifest needs artifacts, an object", file: manifestPath, location: manifest.location))
            return result
        }

        for artifact in artifacts {
            let properties = artifact.value["properties"]
            switch artifact.value["type"]?.stringValue {
            case "aws:cloudformation:stack":
                guard let templateFile = properties?["templateFile"]?.stringValue else {
                    result.diagnostics.append(Diagnostic(
                        .invalidDeployment, "the stack '\(artifact.key)' has no templateFile", file: manifestPath, location: artifact.value.location))
                    continue
                }
                var stackOptions = options
                stackOptions.format = .cloudFormation
                stackOptions.settings = Self.settings(for: artifact.value, name: artifact.key, base: options.settings)
                for parameter in properties?["parameters"]?.objectMembers ?? [] where options.parameters[parameter.key] == nil {
                    if let value = parameter.value.stringValue {
                        stackOptions.parameters[parameter.key] = value
                    }
                }
                guard let templatePath = containedPath(templateFile, in: directory) else {
                    result.diagnostics.append(Diagnostic(
                        .invalidDeployment, "the stack '\(artifact.key)' names the template '\(templateFile)', which is outside the cloud assembly \(root)",
                        file: manifestPath, location: properties?["templateFile"]?.location,
                        help: "a cloud assembly names its files relative to its directory, without '..'"))
                    continue
                }
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: templatePath, isDirectory: &isDirectory) else {
                    result.diagnostics.append(Diagnostic(
                        .invalidDeployment, "the stack '\(artifact.key)' names the template '\(templateFile)', which is not in \(directory)",
                        file: manifestPath, location: properties?["templateFile"]?.location))
                    continue
                }
                // A directory would be read as a cloud assembly again, without end when it is this one.
                guard !isDirectory.boolValue else {
                    result.diagnostics.append(Diagnostic(
                        .invalidDeployment, "the stack '\(artifact.key)' names the template '\(templateFile)', which is a directory",
                        file: manifestPath, location: properties?["templateFile"]?.location))
                    continue
                }
                let stack = DeploymentReader.read(path: templatePath, options: stackOptions)
                result.deployments += stack.deployments
                result.diagnostics += stack.diagnostics
                result.sources += stack.sources
            case "cdk:cloud-assembly":
                guard let nested = properties?["directoryName"]?.stringValue else { continue }
                let location = properties?["directoryName"]?.location
                guard let nestedPath = containedPath(nested, in: directory) else {
                    result.diagnostics.append(Diagnostic(
                        .invalidDeployment, "the nested assembly '\(artifact.key)' names the directory '\(nested)', which is outside the cloud assembly \(root)",
                        file: manifestPath, location: location, help: "a cloud assembly names its files relative to its directory, without '..'"))
                    continue
                }
                guard visited.insert(Self.resolved(nestedPath)).inserted else {
                    result.diagnostics.append(Diagnostic(
                        .invalidDeployment, "the nested assembly '\(artifact.key)' names the directory '\(nested)', which is already read as an assembly",
                        file: manifestPath, location: location))
                    continue
                }
                guard depth < Self.maximumNesting else {
                    result.diagnostics.append(Diagnostic(
                        .invalidDeployment, "nested cloud assemblies go deeper than \(Self.maximumNesting) levels", file: manifestPath, location: location))
                    continue
                }
                let stage = read(directory: nestedPath, options: options, depth: depth + 1)
                result.deployments += stage.deployments
                result.diagnostics += stage.diagnostics
                result.sources += stage.sources
            default:
                continue
            }
        }
        return result
    }

    /// The settings of one stack: its environment's account and region where the manifest
    /// fixes them, and its stack name.
    static func settings(for artifact: JSONValue, name: String, base: DeploymentSettings) -> DeploymentSettings {
        var settings = base
        settings.stackName = artifact["properties"]?["stackName"]?.stringValue ?? name
        // The environment reads aws://ACCOUNT/REGION, with unknown-account and unknown-region
        // for environment-agnostic stacks.
        if let environment = artifact["environment"]?.stringValue, environment.hasPrefix("aws://") {
            let parts = environment.dropFirst("aws://".count).split(separator: "/").map(String.init)
            if parts.count == 2 {
                if parts[0] != "unknown-account" { settings.account = parts[0] }
                if parts[1] != "unknown-region" { settings.region = parts[1] }
            }
        }
        return settings
    }
}
