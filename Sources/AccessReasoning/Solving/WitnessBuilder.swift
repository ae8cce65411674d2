import PolicyLanguage

/// Builds a concrete request from a non-empty cell, choosing readable values.
///
/// Keys that AWS derives from the principal are left to the evaluator, which derives them
/// from the principal the same way; the organization and tag keys become the principal's
/// organization and tags; every other constrained key goes into the request context, and
/// a key that may be absent is left out.
enum WitnessBuilder {
    static func request(from cell: RequestCell, hints makeHints: @autoclosure () -> WitnessHints = WitnessHints()) throws(AutomatonTooLarge) -> Request {
        // Only principals with named components need the hints, so they are collected on first use.
        lazy var hints = makeHints()
        var context = RequestContext()
        var organizationID: String?
        var organizationPaths: [String] = []
        var tags: [String: String] = [:]
        for key in cell.keys.keys.sorted() {
            guard let theory = cell.keys[key], let values = try theory.witnessValues() else { continue }
            if key == "aws:principalorgid" {
                organizationID = values.first
            } else if key == "aws:principalorgpaths" {
                organizationPaths = values
            } else if key.hasPrefix("aws:principaltag/") {
                tags[String(theory.displayName.dropFirst("aws:PrincipalTag/".count))] = values.first
            } else if theory.isMultiValued {
                context.set(theory.displayName, values: values)
            } else if let value = values.first {
                context.set(theory.displayName, value)
            }
        }

        func value(_ component: PrincipalComponent) throws(AutomatonTooLarge) -> String {
            guard let set = cell.component(component) else { return "" }
            if let named = hints.values(for: component).first(where: set.contains) {
                return named
            }
            for preferred in PrincipalModel.preferred(component) {
                let narrowed = try set.intersection(preferred)
                if let witness = narrowed.witness { return witness }
            }
            return set.witness ?? ""
        }

        let identity: RequestPrincipal.Identity
        var uniqueID: String?
        var rootPartition = "aws"
        switch cell.kind {
        case .anonymous:
            identity = .anonymous
        case .accountRoot:
            rootPartition = try value(.partition)
            identity = .accountRoot(account: try value(.account))
        case .iamUser:
            let arn = "arn:\(try value(.partition)):iam::\(try value(.account)):user\(try value(.path))\(try value(.name))"
            identity = .iamUser(arn: arn)
            uniqueID = try value(.uniqueID)
        case .roleSession:
            let arn = "arn:\(try value(.partition)):iam::\(try value(.account)):role\(try value(.path))\(try value(.name))"
            identity = .roleSession(roleARN: arn, sessionName: try value(.session))
            uniqueID = try value(.uniqueID)
        case .federatedUser:
            identity = .federatedUser(arn: "arn:\(try value(.partition)):sts::\(try value(.account)):federated-user/\(try value(.federatedName))")
        case .service:
            identity = .service(name: try value(.serviceName))
        case .serviceForRegionalResource, .serviceForGlobalResource:
            identity = .service(name: try value(.serviceName))
            let account = try value(.sourceAccount)
            if cell.derivedPresence[.sourceAccount] == true {
                context.set("aws:SourceAccount", account)
            }
            if cell.derivedPresence[.sourceOwner] == true {
                context.set("aws:SourceOwner", account)
            }
            if cell.derivedPresence[.sourceARN] == true {
                let accountField = cell.kind == .serviceForRegionalResource ? account : ""
                let arn = "arn:\(try value(.sourcePartition)):\(try value(.sourceService)):\(try value(.sourceRegion)):\(accountField):\(try value(.sourceResource))"
                context.set("aws:SourceArn", arn)
            }
        case .federatedProvider:
            identity = .federatedProvider(name: try value(.providerName))
        case .canonicalUser:
            identity = .canonicalUser(id: try value(.canonicalID))
        }
        let principal = RequestPrincipal(
            identity, uniqueID: uniqueID, organizationID: organizationID, organizationPaths: organizationPaths,
            tags: tags, rootPartition: rootPartition)

        let action = try cell.action.witness() ?? "*"
        let resource: String
        if let fromCatalog = try catalogResource(for: action, in: cell.resource, catalog: cell.action.catalog) {
            resource = fromCatalog
        } else {
            resource = try resourceWitness(cell.resource)
        }
        return Request(principal: principal, action: action, resource: resource, context: context)
    }

    /// Returns an ARN of a resource type the action works on, from the catalog's ARN formats
    /// with readable values in place of the placeholders, when the set contains one.
    static func catalogResource(for action: String, in set: StringSet, catalog: ActionCatalog) throws(AutomatonTooLarge) -> String? {
        guard let definition = catalog.action(named: action) else { return nil }
        // The shortest reads best, and is often the service's main resource type.
        let examples = definition.resourceTypes.map { instantiate($0.resourceType.arnTemplate) }.filter { set.contains($0) }
        if let example = examples.min(by: { ($0.count, $0) < ($1.count, $1) }) {
            return example
        }
        // Otherwise a member of the set in the form of one of the action's resource types,
        // such as an object, not the bucket, for s3:GetObject.
        var members: [String] = []
        for usage in definition.resourceTypes {
            let form = Glob(pattern: placeholdersAsWildcards(usage.resourceType.arnTemplate))
            if let member = try set.intersection(StringSet.arnPattern(form)).witness {
                members.append(named(member, in: set))
            }
        }
        return members.min { ($0.count, $0) < ($1.count, $1) }
    }

    static func placeholdersAsWildcards(_ template: String) -> String {
        var result = ""
        var inPlaceholder = false
        var previous: Character?
        for character in template {
            if inPlaceholder {
                if character == "}" { inPlaceholder = false }
            } else if character == "{" && previous == "$" {
                result.removeLast()
                result += "*"
                inPlaceholder = true
            } else {
                result.append(character)
            }
            previous = character
        }
        return result
    }

    /// Replaces each `${Placeholder}` of an ARN format: the partition, region and account with
    /// common values, and names with the placeholder's words in lowercase.
    static func instantiate(_ template: String) -> String {
        var result = ""
        var rest = template[...]
        while let start = rest.firstRange(of: "${") {
            result += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else {
                rest = rest[start.lowerBound...]
                break
            }
            let name = String(rest[start.upperBound..<end])
            switch name {
            case "Partition": result += "aws"
            case "Region": result += "us-east-1"
            case "Account": result += "111122223333"
            default:
                var words = name.hasSuffix("Name") ? String(name.dropLast(4)) : name
                if words.isEmpty { words = "example" }
                result += "example-" + CaseFolding.lowercased(words)
            }
            rest = rest[rest.index(after: end)...]
        }
        return result + rest
    }

    /// Returns a resource from the set, preferring one shaped like an ARN.
    static func resourceWitness(_ set: StringSet) throws(AutomatonTooLarge) -> String {
        if case .cofinite(let excluded) = set, excluded.isEmpty {
            return arnShapeWitness
        }
        if let shortest = set.witness, ARN(shortest) != nil, arnShape.accepts(shortest) {
            return named(shortest, in: set)
        }
        if let arn = try set.intersection(.regular(arnShape)).witness {
            return named(arn, in: set)
        }
        return set.witness ?? "*"
    }

    /// Returns the ARN with `example` after a trailing `/` or `:` when the set contains that:
    /// `arn:aws:s3:::bucket/example` reads as an object, `arn:aws:s3:::bucket/` does not.
    static func named(_ arn: String, in set: StringSet) -> String {
        guard arn.hasSuffix("/") || arn.hasSuffix(":") else { return arn }
        let longer = arn + "example"
        return set.contains(longer) ? longer : arn
    }

    static let arnShapeWitness = arnShape.shortestWord() ?? "*"

    /// ARNs with a partition, a service and a resource part.
    static let arnShape: Automaton = {
        let word = ScalarSet(ranges: [0x30...0x39, 0x61...0x7A, 0x2D...0x2D])
        let segment = ScalarSet.allExcept([":"])
        // A handful of small automata cannot exceed the state limit.
        return (try? Automaton.concatenation([
            Automaton.literal("arn:aws:"),
            Automaton.repetition(of: word, minimum: 1, maximum: nil),
            Automaton.literal(":"),
            Automaton.repetition(of: segment, minimum: 0, maximum: nil),
            Automaton.literal(":"),
            Automaton.repetition(of: segment, minimum: 0, maximum: nil),
            Automaton.literal(":"),
            Automaton.repetition(of: .all, minimum: 1, maximum: nil),
        ])) ?? .constant(true)
    }()
}
