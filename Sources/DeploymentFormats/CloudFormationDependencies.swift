import PolicyLanguage

/// Finds circular dependencies between the resources of a template, which CloudFormation
/// rejects ("Circular dependency between resources").
///
/// A resource depends on the resources its `Properties` name through `Ref`, `Fn::GetAtt` and
/// `Fn::Sub`, in every branch of `Fn::If`, and on those its `DependsOn` lists. The search is
/// iterative, so a long chain of resources cannot exhaust the call stack.
/// NOTE: Cycles through the properties of SAM resources are not found (see `dependencies`).
enum CloudFormationDependencies {
    /// A dependency of one resource on another, located at the reference.
    struct Edge {
        let target: Int
        let location: SourceLocation?
    }

    /// Returns one error for each cycle found, located at its first reference.
    static func cycleDiagnostics(_ template: CloudFormationTemplate) -> [Diagnostic] {
        let resources = template.resources
        var index: [String: Int] = [:]
        for (position, resource) in resources.enumerated() {
            index[resource.logicalID] = position
        }
        let edges = resources.map { dependencies(of: $0, index: index) }

        // Remove each resource whose dependencies are all removed. Every resource left lies on
        // a cycle or depends on one, so it has a dependency among those left.
        var remainingDependencies = edges.map(\.count)
        var dependents: [[Int]] = Array(repeating: [], count: resources.count)
        for (source, outgoing) in edges.enumerated() {
            for edge in outgoing {
                dependents[edge.target].append(source)
            }
        }
        var ready = remainingDependencies.indices.filter { remainingDependencies[$0] == 0 }
        while let node = ready.popLast() {
            for dependent in dependents[node] {
                remainingDependencies[dependent] -= 1
                if remainingDependencies[dependent] == 0 {
                    ready.append(dependent)
                }
            }
        }

        // Walk from each remaining resource along remaining dependencies until a resource
        // repeats: a repeat on the current walk closes a new cycle.
        enum State { case unvisited, onWalk, done }
        var state = Array(repeating: State.unvisited, count: resources.count)
        var diagnostics: [Diagnostic] = []
        for start in resources.indices where remainingDependencies[start] > 0 && state[start] == .unvisited {
            var walk: [(node: Int, edge: Edge)] = []
            var node = start
            while state[node] == .unvisited {
                state[node] = .onWalk
                guard let edge = edges[node].first(where: { remainingDependencies[$0.target] > 0 }) else { break }
                walk.append((node, edge))
                node = edge.target
            }
            if state[node] == .onWalk, let cycleStart = walk.firstIndex(where: { $0.node == node }) {
                let cycle = walk[cycleStart...]
                let names = cycle.map { resources[$0.node].logicalID }
                diagnostics.append(Diagnostic(
                    .invalidDeployment,
                    "circular dependency between resources: \(describe(names)), which CloudFormation rejects",
                    file: template.file, location: cycle.first?.edge.location ?? resources[node].location,
                    help: "remove a reference or a DependsOn entry of the cycle"))
            }
            for step in walk {
                state[step.node] = .done
            }
            state[node] = .done
        }
        return diagnostics
    }

    /// Returns the cycle as `A → B → A`, with the middle of a long cycle left out.
    static func describe(_ names: [String]) -> String {
        let listed = names.count <= 10 ? names : Array(names.prefix(8)) + ["…", names[names.count - 1]]
        let path = (listed + [names[0]]).joined(separator: " → ")
        return names.count <= 10 ? path : "\(path) (\(names.count) resources)"
    }

    /// Returns the distinct resources that one resource depends on, each with its first reference.
    static func dependencies(of resource: CloudFormationTemplate.Resource, index: [String: Int]) -> [Edge] {
        var edges: [Edge] = []
        var seen: Set<Int> = []
        func add(_ name: String, at location: SourceLocation?) {
            if let target = index[name], seen.insert(target).inserted {
                edges.append(Edge(target: target, location: location))
            }
        }

        if let dependsOn = resource.definition["DependsOn"] {
            for name in dependsOn.arrayElements ?? [dependsOn] {
                if let text = name.stringValue {
                    add(text, at: name.location)
                }
            }
        }
        // The SAM transform turns the properties of an AWS::Serverless resource into other
        // resources, which need not depend on what those properties name: a function's
        // deployment alarm may name the function itself.
        guard !resource.type.hasPrefix("AWS::Serverless::") else { return edges }
        var pending = resource.definition["Properties"].map { [$0] } ?? []
        while let value = pending.popLast() {
            switch value.kind {
            case .object(let members):
                if members.count == 1 {
                    let argument = members[0].value
                    switch members[0].key {
                    case "Ref":
                        if let name = argument.stringValue { add(name, at: value.location) }
                    case "Fn::GetAtt":
                        if let text = argument.stringValue ?? argument.arrayElements?.first?.stringValue {
                            add(String(text.prefix { $0 != "." }), at: value.location)
                        }
                    case "Fn::Sub":
                        let text = argument.stringValue ?? argument.arrayElements?.first?.stringValue ?? ""
                        let variables = Set(argument.arrayElements?.dropFirst().first?.objectMembers?.map(\.key) ?? [])
                        for name in substitutedNames(text) where !variables.contains(name) {
                            add(String(name.prefix { $0 != "." }), at: value.location)
                        }
                    default:
                        break
                    }
                }
                pending.append(contentsOf: members.map(\.value))
            case .array(let elements):
                pending.append(contentsOf: elements)
            default:
                break
            }
        }
        return edges
    }

    /// Returns the names inside `${…}` of an `Fn::Sub` string, except the literal `${!…}` form.
    static func substitutedNames(_ text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let start = rest.firstRange(of: "${") {
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else { break }
            let name = rest[start.upperBound..<end]
            if !name.hasPrefix("!") {
                names.append(String(name).trimmingWhitespace())
            }
            rest = rest[rest.index(after: end)...]
        }
        return names
    }
}
