import PolicyLanguage

/// What the deployment attaches to one target, gathered from every resource that names it
/// before the target's access configuration is built.
struct Gathered {
    /// The addresses of the resources that contributed.
    var attachments: [String] = []
    var unknowns: [String] = []
    /// The resource policies set by separate resources or the target's own property, each with
    /// the value it was read from, to tell a repeat from a conflict.
    var policies: [(document: PolicyDocument, value: DeployedValue?, source: String)] = []

    mutating func attach(_ address: String) {
        if !attachments.contains(address) {
            attachments.append(address)
        }
    }

    mutating func addPolicy(_ read: (PolicyDocument?, unknown: String?), value: DeployedValue?, source: String) {
        attach(source)
        if let reason = read.unknown {
            unknowns.append(reason)
        } else if let document = read.0 {
            policies.append((document, value, source))
        }
    }

    /// The single policy a resource keeps. AWS holds one resource policy per resource, so two
    /// different policies set by different resources replace each other in an order that the
    /// deployment does not decide, which makes the policy unknown.
    mutating func policy(of target: String) -> PolicyDocument? {
        guard let first = policies.first else { return nil }
        if policies.count > 1, Set(policies.map { Self.canonicalText($0.value) }).count > 1 {
            let sources = policies.map(\.source).joined(separator: ", ")
            unknowns.append("\(sources) set different policies on \(target), and the one applied last replaces the others")
            return nil
        }
        return first.document
    }

    /// The policy as compact JSON text, so that formatting does not count as a difference.
    static func canonicalText(_ value: DeployedValue?) -> String {
        guard let value else { return "" }
        if case .string(let text) = value.kind, let parsed = try? JSONParser.parse(text) {
            return parsed.serialized()
        }
        return value.json()?.serialized() ?? ""
    }
}

/// A type that can be created empty, for values gathered per key.
protocol DefaultInitializable {
    init()
}

/// What is gathered for one target of some kind, with the parts every kind has.
protocol GatheredParts: DefaultInitializable {
    var common: Gathered { get set }
}

extension Gathered: GatheredParts {
    var common: Gathered {
        get { self }
        set { self = newValue }
    }
}
