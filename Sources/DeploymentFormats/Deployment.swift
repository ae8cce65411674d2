import PolicyLanguage

/// The deployment formats AccessGuard reads.
public enum DeploymentFormat: String, Sendable, CaseIterable {
    /// `pulumi stack export`.
    case pulumiState = "pulumi-state"
    /// `pulumi preview --json`.
    case pulumiPreview = "pulumi-preview"
    /// The resource list a policy pack receives in `AnalyzeStack`, as JSON.
    case pulumiResources = "pulumi-resources"
    /// A Pulumi engine event log (`--event-log`), one JSON event per line.
    case pulumiEventLog = "pulumi-events"
    /// `terraform show -json` of a plan.
    case terraformPlan = "terraform-plan"
    /// `terraform show -json` of a state.
    case terraformState = "terraform-state"
    /// A CloudFormation template, JSON or YAML.
    case cloudFormation = "cloudformation"
    /// A `cdk.out` cloud assembly directory.
    case cdkAssembly = "cdk"
}

/// One resource of a deployment, in the words of its format.
public struct DeployedResource: Sendable {
    /// The resource's address: a Pulumi URN, a Terraform address, a CloudFormation logical ID.
    public var address: String
    /// The type as the format names it: a Pulumi token, a Terraform type, a CloudFormation type.
    public var type: String
    public var properties: DeployedValue
    public var file: String
    public var location: SourceLocation?
    /// For each property, the addresses of the resources its value comes from.
    public var references: [String: [String]]
    /// The properties the deployment's author sets, as opposed to those AWS computes; nil
    /// when the format does not tell them apart.
    public var configuredProperties: Set<String>?

    public init(
        address: String, type: String, properties: DeployedValue, file: String, location: SourceLocation? = nil,
        references: [String: [String]] = [:], configuredProperties: Set<String>? = nil
    ) {
        self.address = address
        self.type = type
        self.properties = properties
        self.file = file
        self.location = location
        self.references = references
        self.configuredProperties = configuredProperties.map { Set($0.map(DeployedValue.normalizedKey)) }
    }

    /// Whether the author sets one of the properties, rather than AWS computing it; true when
    /// the format does not tell them apart.
    public func configures(_ names: String...) -> Bool {
        guard let configuredProperties else { return true }
        return names.contains { configuredProperties.contains(DeployedValue.normalizedKey($0)) }
    }

    /// The addresses a property's value comes from, matching the property name loosely.
    public func referencedAddresses(_ names: String...) -> [String] {
        let wanted = Set(names.map(DeployedValue.normalizedKey))
        return references.filter { wanted.contains(DeployedValue.normalizedKey($0.key)) }.flatMap(\.value)
    }
}

/// What a deployment file holds: its resources and what could not be read.
public struct Deployment: Sendable {
    public var file: String
    public var format: DeploymentFormat
    public var resources: [DeployedResource]
    /// The resources before the change, when the file holds them (a plan's prior state, a
    /// preview's old states), for checks that look only at new access.
    public var baseline: [DeployedResource]?
    /// Problems and limits of the reading, located where possible.
    public var diagnostics: [Diagnostic]
    /// The values assumed for conditions the file leaves open, such as CloudFormation
    /// conditions on parameters without a value; nil when nothing is assumed. A template
    /// with open conditions reads as one deployment per combination of their values.
    public var scenario: String?

    public init(
        file: String, format: DeploymentFormat, resources: [DeployedResource], baseline: [DeployedResource]? = nil,
        diagnostics: [Diagnostic] = [], scenario: String? = nil
    ) {
        self.file = file
        self.scenario = scenario
        self.format = format
        self.resources = resources
        self.baseline = baseline
        self.diagnostics = diagnostics
    }
}
