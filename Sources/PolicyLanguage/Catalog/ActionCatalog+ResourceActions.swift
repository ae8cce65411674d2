import Synchronization

/// A resource type's ARN format as a glob, split at its colons for matching.
struct ResourceTypePattern {
    let template: String
    let glob: Glob
    let segments: [[Glob.Token]]
}

extension ActionCatalog {
    /// Returns the actions of the service with `prefix` that act on one of `arns`: those with
    /// a resource type whose ARN format matches one of them, in catalog order.
    ///
    /// Results are cached per set of matching formats, so thousands of resources of one type
    /// read the service's actions once.
    public func actions(service prefix: String, actingOn arns: [String]) -> [String] {
        let arnsKey = ([prefix] + arns).joined(separator: "\n")
        if let cached = actionsByARNs.withLock({ $0[arnsKey] }) {
            return cached
        }
        let actions = matchingActions(service: prefix, actingOn: arns)
        actionsByARNs.withLock { entries in
            if entries.count >= Self.actionsByARNsCapacity {
                entries.removeAll(keepingCapacity: true)
            }
            entries[arnsKey] = actions
        }
        return actions
    }

    private func matchingActions(service prefix: String, actingOn arns: [String]) -> [String] {
        guard let index = serviceIndexByPrefix[CaseFolding.lowercased(prefix)], let service = service(at: index) else { return [] }
        let globs = resourceTypeGlobs(of: service, at: index)
        let samples = arns.map { ARNMatching.split(Array($0.unicodeScalars)) }
        let matched = globs.filter { entry in
            entry.glob.matchesEverything
                || samples.contains { ARNMatching.matches(patternSegments: entry.segments, valueSegments: $0) }
        }.map(\.template)
        let key = prefix + "\n" + matched.joined(separator: "\n")
        if let cached = actionsByMatchedTemplates.withLock({ $0[key] }) {
            return cached
        }
        let matchedSet = Set(matched)
        let actions = service.actions.filter { action in
            action.resourceTypes.contains { matchedSet.contains($0.resourceType.arnTemplate) }
        }.map(\.fullName)
        actionsByMatchedTemplates.withLock { $0[key] = actions }
        return actions
    }

    private func resourceTypeGlobs(of service: ServiceDefinition, at index: Int) -> [ResourceTypePattern] {
        if let cached = resourceTypeGlobs.withLock({ $0[index] }) {
            return cached
        }
        var templates: [String] = []
        var seen: Set<String> = []
        for action in service.actions {
            for usage in action.resourceTypes where seen.insert(usage.resourceType.arnTemplate).inserted {
                templates.append(usage.resourceType.arnTemplate)
            }
        }
        let globs = templates.map { template in
            let glob = Glob(pattern: Self.placeholdersAsWildcards(template))
            return ResourceTypePattern(template: template, glob: glob, segments: ARNMatching.split(glob.tokens))
        }
        resourceTypeGlobs.withLock { $0[index] = globs }
        return globs
    }

    /// Replaces each `${Placeholder}` of an ARN format with `*`.
    static func placeholdersAsWildcards(_ template: String) -> String {
        var result = ""
        var inPlaceholder = false
        var previous: Character?
        for character in template {
            if inPlaceholder {
                if character == "}" { inPlaceholder = false }
            } else if character == "{", previous == "$" {
                result.removeLast()
                result.append("*")
                inPlaceholder = true
            } else {
                result.append(character)
            }
            previous = character
        }
        return result
    }
}
