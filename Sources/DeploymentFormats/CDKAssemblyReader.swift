import Foundation
import PolicyLanguage

/// Reads a `cdk.out` cloud assembly: its `manifest.json` lists the stacks, each with its
/// template file, environment and parameters, and nested assemblies of CDK stages.
enum CDKAssemblyReader {
    /// How deep nested assemblies may go, against manifests that name each other.
    static let maximumNesting = 16

    static func read(directory: String, options: DeploymentReadOptions, depth: Int = 0) -> DeploymentReadResult {
        let manifestPath = (directory as NSString).appendingPathComponent("manifest.json")
        var result = DeploymentReadResult(deployments: [], diagnostics: [])
        guard depth <= maximumNesting else {
            result.diagnostics.append(Diagnostic(.invalidDeployment, "nested cloud assemblies go deeper than \(maximumNesting) levels", file: manifestPath))
            return result
        }
        guard let data = FileManager.default.contents(atPath: manifestPath) else {
            result.diagnostics.append(Diagnostic(.syntaxError, "cannot read '\(manifestPath)'", file: manifestPath))
            return result
        }
        let manifest: JSONValue
        do {
            manifest = try JSONParser.parse(utf8: try TextDecoding.utf8(from: [UInt8](data)).utf8)
        } catch {
            result.diagnostics.append(Diagnostic(.syntaxError, "invalid JSON: \(error.message)", file: manifestPath, location: error.location))
            return result
        }
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
                stackOptions.settings = settings(for: artifact.value, name: artifact.key, base: options.settings)
                for parameter in properties?["parameters"]?.objectMembers ?? [] where options.parameters[parameter.key] == nil {
                    if let value = parameter.value.stringValue {
                        stackOptions.parameters[parameter.key] = value
                    }
                }
                let templatePath = (directory as NSString).appendingPathComponent(templateFile)
                guard FileManager.default.fileExists(atPath: templatePath) else {
                    result.diagnostics.append(Diagnostic(
                        .invalidDeployment, "the stack '\(artifact.key)' names the template '\(templateFile)', which is not in \(directory)",
                        file: manifestPath, location: properties?["templateFile"]?.location))
                    continue
                }
                let stack = DeploymentReader.read(path: templatePath, options: stackOptions)
                result.deployments += stack.deployments
                result.diagnostics += stack.diagnostics
                result.sources += stack.sources
            case "cdk:cloud-assembly":
                guard let nested = properties?["directoryName"]?.stringValue else { continue }
                let stage = read(directory: (directory as NSString).appendingPathComponent(nested), options: options, depth: depth + 1)
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
