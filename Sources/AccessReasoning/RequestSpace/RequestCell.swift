import PolicyLanguage

/// A set of requests that is a product: one principal kind, a set of values for each of the
/// kind's components, a set of actions, a set of resources, and per condition key the
/// requirements asserted so far.
///
/// The engine splits the request space into such cells as it applies a policy's
/// constraints; a cell that is not empty holds requests, and its witness is one of them.
struct RequestCell: Sendable {
    var kind: PrincipalKind
    /// Component value sets by `PrincipalComponent.rawValue`; nil for components the kind lacks.
    var components: [StringSet?]
    var action: ActionSet
    var resource: StringSet
    /// Requirements on condition keys, by lowercased key name; keys not listed are unconstrained.
    var keys: [String: KeyTheory]
    /// For derived keys that the kind's principals may send or leave out, whether the cell's
    /// requests carry them; keys not listed are undecided.
    var derivedPresence: [DerivedKey: Bool] = [:]
    /// The truth values assumed for approximated atoms, by name.
    var assumptions: [String: Bool] = [:]

    /// One cell per principal kind, covering every request.
    // NOTE: the principal's partition and the resource's are independent here, although AWS
    // requests never cross partitions; a difference that exists only across partitions gets
    // a witness whose principal and resource are in different partitions.
    static func universe(catalog: ActionCatalog) throws(AutomatonTooLarge) -> [RequestCell] {
        var cells: [RequestCell] = []
        for kind in PrincipalKind.allCases {
            var components: [StringSet?] = Array(repeating: nil, count: PrincipalComponent.allCases.count)
            for component in kind.components {
                components[component.rawValue] = try ComponentUniverses.shared.universe(component, kind: kind)
            }
            cells.append(RequestCell(kind: kind, components: components, action: .all(catalog), resource: .all, keys: [:]))
        }
        return cells
    }

    func component(_ component: PrincipalComponent) -> StringSet? {
        components[component.rawValue]
    }

    /// The theory of a key, starting from every value of its type when first constrained.
    /// Keys that AWS sets only for some principals start absent for the others.
    func theory(for atom: KeyAtom) -> KeyTheory {
        if let theory = keys[atom.key] {
            return theory
        }
        let mayBePresent = KeyPresence.kinds(for: atom.key)?.contains(kind) ?? true
        return KeyTheory(
            displayName: atom.displayName, universe: .universe(atom.valueType),
            isMultiValued: atom.isMultiValued, mayBePresent: mayBePresent)
    }
}

/// The component universes, built once.
final class ComponentUniverses: Sendable {
    static let shared = ComponentUniverses()

    private let table: [Int: StringSet]

    private init() {
        var table: [Int: StringSet] = [:]
        for kind in PrincipalKind.allCases {
            for component in kind.components {
                // These automata have a few dozen states; building them cannot hit the limit.
                table[kind.rawValue * 100 + component.rawValue] = (try? PrincipalModel.universe(component, kind: kind)) ?? .all
            }
        }
        self.table = table
    }

    func universe(_ component: PrincipalComponent, kind: PrincipalKind) throws(AutomatonTooLarge) -> StringSet {
        table[kind.rawValue * 100 + component.rawValue] ?? .all
    }
}
