import CloudResources
import DeploymentFormats
import PolicyLanguage
import Testing

/// Reading and linking deployment text in tests.
enum Deployments {
    static let account = "111122223333"
    static let settings = DeploymentSettings(account: account, region: "eu-west-1")
    static let catalog: ActionCatalog = {
        do {
            return try ActionCatalog.bundled()
        } catch {
            fatalError("the bundled action catalog cannot be loaded: \(error)")
        }
    }()

    static func read(
        _ text: String, name: String = "input.json", format: DeploymentFormat? = nil, parameters: [String: String] = [:],
        settings: DeploymentSettings = settings
    ) -> DeploymentReadResult {
        DeploymentReader.read(
            bytes: Array(text.utf8), name: name, options: DeploymentReadOptions(format: format, settings: settings, parameters: parameters))
    }

    static func link(
        _ text: String, name: String = "input.json", format: DeploymentFormat? = nil, parameters: [String: String] = [:],
        settings: DeploymentSettings = settings
    ) -> (linked: LinkedDeployment, diagnostics: [Diagnostic]) {
        let result = read(text, name: name, format: format, parameters: parameters, settings: settings)
        let linked = Linker.link(result.deployments, settings: settings, catalog: catalog)
        return (linked, result.allDiagnostics + linked.diagnostics)
    }

    /// The one linked resource whose access is to `arn`.
    static func resource(_ linked: LinkedDeployment, arn: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> LinkedResource {
        let matches = linked.resources.filter { $0.access.resource == arn }
        let found = linked.resources.map(\.access.resource).joined(separator: ", ")
        try #require(matches.count == 1, "expected one resource \(arn), found: \(found)", sourceLocation: sourceLocation)
        return matches[0]
    }

    /// The statements of the documents of a resource, by source type.
    static func statements(_ resource: LinkedResource, _ type: AccessSourceType = .policy) -> [Statement] {
        resource.access.documents.filter { $0.sourceType == type }.flatMap(\.document.statements)
    }

    /// A Pulumi stack export holding the given resources.
    static func pulumiState(_ resources: String) -> String {
        #"{"version": 3, "deployment": {"manifest": {"time": "2026-01-01T00:00:00Z", "magic": "", "version": "v3.200.0"}, "resources": [\#(resources)]}}"#
    }

    /// A Terraform state (`terraform show -json` without a plan) holding the given resources.
    static func terraformState(_ resources: String) -> String {
        #"{"format_version": "1.0", "terraform_version": "1.9.0", "values": {"root_module": {"resources": [\#(resources)]}}}"#
    }

    /// One resource of a Terraform state.
    static func terraformResource(_ address: String, _ values: String) -> String {
        let parts = address.split(separator: ".")
        return #"{"address": "\#(address)", "mode": "managed", "type": "\#(parts[0])", "name": "\#(parts[1])", "values": \#(values)}"#
    }

    /// One custom resource of a Pulumi state, with its outputs as its inputs.
    static func pulumiResource(_ type: String, _ name: String, _ properties: String, id: String? = nil, dependencies: String = "{}") -> String {
        let urn = "urn:pulumi:dev::app::\(type)::\(name)"
        let identifier = id.map { #", "id": "\#($0)""# } ?? ""
        return #"{"urn": "\#(urn)", "custom": true, "type": "\#(type)"\#(identifier), "inputs": \#(properties), "outputs": \#(properties), "propertyDependencies": \#(dependencies)}"#
    }

    static func urn(_ type: String, _ name: String) -> String {
        "urn:pulumi:dev::app::\(type)::\(name)"
    }

    /// A JSON policy document as a JSON string value, as Pulumi and Terraform store policies.
    static func policyString(_ statements: String) -> String {
        let document = #"{"Version":"2012-10-17","Statement":[\#(statements)]}"#
        var escaped = ""
        for character in document {
            if character == "\"" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return "\"\(escaped)\""
    }
}

extension LinkedResource {
    /// The `Sid` of every statement of the documents of one source type, in order.
    func sids(_ type: AccessSourceType = .policy) -> [String] {
        Deployments.statements(self, type).compactMap { $0.sid?.value }
    }
}
