import PolicyLanguage
import Synchronization

/// The catalog actions that patterns without `:` match, by service, computed once per
/// pattern and catalog because testing every full name takes a while.
final class ColonlessPatterns: Sendable {
    static let shared = ColonlessPatterns()

    /// The key keeps a reference to the catalog, so that no other catalog can take its address while the
    /// entry exists.
    private struct Key: Hashable, Sendable {
        let catalog: ActionCatalog
        let pattern: String

        static func == (lhs: Key, rhs: Key) -> Bool {
            lhs.catalog === rhs.catalog && lhs.pattern == rhs.pattern
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(ObjectIdentifier(catalog))
            hasher.combine(pattern)
        }
    }

    private let table = Mutex<[Key: [String: BitSet]]>([:])

    func bits(_ loweredPattern: String, catalog: ActionCatalog) -> [String: BitSet] {
        let key = Key(catalog: catalog, pattern: loweredPattern)
        if let known = table.withLock({ $0[key] }) { return known }
        let glob = Glob(pattern: loweredPattern)
        var services: [String: BitSet] = [:]
        for service in catalog.services {
            let prefix = CaseFolding.lowercased(service.prefix)
            var bits = BitSet(count: service.actions.count)
            for (index, action) in service.actions.enumerated() where glob.matches(prefix + ":" + CaseFolding.lowercased(action.name)) {
                bits.insert(index)
            }
            if !bits.isEmpty { services[prefix] = bits }
        }
        table.withLock { $0[key] = services }
        return services
    }
}

/// A fixed-size set of small integers.
struct BitSet: Hashable, Sendable {
    let count: Int
    private(set) var words: [UInt64]

    init(count: Int, filled: Bool = false) {
        self.count = count
        words = Array(repeating: filled ? UInt64.max : 0, count: (count + 63) / 64)
        if filled { clearTail() }
    }

    private mutating func clearTail() {
        let extra = words.count * 64 - count
        if extra > 0, !words.isEmpty {
            words[words.count - 1] &= UInt64.max >> UInt64(extra)
        }
    }

    mutating func insert(_ index: Int) {
        words[index / 64] |= 1 << UInt64(index % 64)
    }

    func contains(_ index: Int) -> Bool {
        words[index / 64] & (1 << UInt64(index % 64)) != 0
    }

    var isEmpty: Bool { words.allSatisfy { $0 == 0 } }

    var isFull: Bool { self == BitSet(count: count, filled: true) }

    var first: Int? {
        for (position, word) in words.enumerated() where word != 0 {
            return position * 64 + word.trailingZeroBitCount
        }
        return nil
    }

    var complement: BitSet {
        var result = self
        result.words = words.map { ~$0 }
        result.clearTail()
        return result
    }

    func intersection(_ other: BitSet) -> BitSet {
        var result = self
        for index in words.indices {
            result.words[index] &= other.words[index]
        }
        return result
    }

    var indices: [Int] {
        (0..<count).filter(contains)
    }
}

/// A set of actions: catalog actions per service, plus action names the catalog does not
/// list (actions AWS may add later), so that wildcards and `NotAction` stay exact.
///
/// Catalog actions are kept as one bit set per service prefix mentioned so far; every other
/// service is wholly in or wholly out of the set (`otherServices`). Names outside the catalog
/// are a language of lowercased `service:name` strings whose catalog members are ignored.
struct ActionSet: Sendable {
    /// Bits over each service's catalog actions, by lowercased service prefix.
    private(set) var services: [String: BitSet]
    /// Whether catalog actions of services not in `services` belong to the set.
    private(set) var otherServices: Bool
    /// Lowercased action names outside the catalog.
    private(set) var uncataloged: StringSet
    let catalog: ActionCatalog

    /// Drops catalog actions from finite and cofinite `uncataloged` sets, where they mean
    /// nothing, so that a long list of catalog actions never becomes an automaton of their
    /// names when it meets a wildcard.
    private init(services: [String: BitSet], otherServices: Bool, uncataloged: StringSet, catalog: ActionCatalog) {
        self.services = services
        self.otherServices = otherServices
        self.catalog = catalog
        switch uncataloged {
        case .finite(let members):
            self.uncataloged = .finite(members.filter { catalog.action(named: $0.text) == nil })
        case .cofinite(let excluded):
            self.uncataloged = .cofinite(excluded.filter { catalog.action(named: $0.text) == nil })
        case .regular:
            self.uncataloged = uncataloged
        }
    }

    static func all(_ catalog: ActionCatalog) -> ActionSet {
        ActionSet(services: [:], otherServices: true, uncataloged: .all, catalog: catalog)
    }

    /// The names of `names` that the catalog does not list, and no catalog action.
    static func uncataloged(_ names: StringSet, catalog: ActionCatalog) -> ActionSet {
        ActionSet(services: [:], otherServices: false, uncataloged: names, catalog: catalog)
    }

    /// The actions one policy pattern matches, ignoring case as IAM does.
    ///
    /// A pattern with a `:` matches a catalog action when its text before the first `:`
    /// matches the service prefix and the rest matches the action name: names and prefixes
    /// have no `:`, so the pattern's first `:` can only stand for the action's. A pattern
    /// without `:` matches a catalog action through a wildcard that stands for the action's
    /// `:`, as `s3*` matches `s3:GetObject`, so it is tested against every full name.
    static func matching(_ pattern: String, catalog: ActionCatalog) throws(AutomatonTooLarge) -> ActionSet {
        let lowered = CaseFolding.lowercased(pattern)
        let glob = Glob(pattern: lowered)
        let names = try StringSet.stringLike(glob)
        if glob.matchesEverything {
            return ActionSet(services: [:], otherServices: true, uncataloged: names, catalog: catalog)
        }
        var services: [String: BitSet] = [:]
        if let colon = lowered.firstIndex(of: ":") {
            let prefixGlob = Glob(pattern: String(lowered[..<colon]))
            let nameGlob = Glob(pattern: String(lowered[lowered.index(after: colon)...]))
            let prefixes = prefixGlob.hasWildcards
                ? catalog.servicePrefixes.map(CaseFolding.lowercased).filter(prefixGlob.matches)
                : [prefixGlob.description]
            for prefix in prefixes {
                guard let service = catalog.service(prefix: prefix) else { continue }
                let indices = service.actionIndices(matching: nameGlob)
                guard !indices.isEmpty else { continue }
                var bits = BitSet(count: service.actions.count)
                for index in indices {
                    bits.insert(index)
                }
                services[prefix] = bits
            }
        } else if glob.hasWildcards {
            services = ColonlessPatterns.shared.bits(lowered, catalog: catalog)
        }
        return ActionSet(services: services, otherServices: false, uncataloged: names, catalog: catalog)
    }

    /// Returns the actions any of the patterns matches. Exact catalog names set their bits directly,
    /// so that a list of hundreds of actions costs one lookup each.
    static func matchingAny(_ patterns: some Sequence<String>, catalog: ActionCatalog) throws(AutomatonTooLarge) -> ActionSet {
        var listed: [String: BitSet] = [:]
        var union = ActionSet.all(catalog).complement
        for pattern in patterns {
            let lowered = CaseFolding.lowercased(pattern)
            if !Glob(pattern: lowered).hasWildcards, let colon = lowered.firstIndex(of: ":"),
               case let prefix = String(lowered[..<colon]),
               let service = catalog.service(prefix: prefix),
               let index = service.actionIndex(named: String(lowered[lowered.index(after: colon)...])) {
                listed[prefix, default: BitSet(count: service.actions.count)].insert(index)
            } else {
                union = try union.union(.matching(pattern, catalog: catalog))
            }
        }
        guard !listed.isEmpty else { return union }
        return try union.union(ActionSet(services: listed, otherServices: false, uncataloged: .empty, catalog: catalog))
    }

    var complement: ActionSet {
        ActionSet(
            services: services.mapValues(\.complement), otherServices: !otherServices,
            uncataloged: uncataloged.complement, catalog: catalog)
    }

    func intersection(_ other: ActionSet) throws(AutomatonTooLarge) -> ActionSet {
        var merged: [String: BitSet] = [:]
        for prefix in Set(services.keys).union(other.services.keys) {
            guard let left = bits(for: prefix), let right = other.bits(for: prefix) else { continue }
            merged[prefix] = left.intersection(right)
        }
        return ActionSet(
            services: merged, otherServices: otherServices && other.otherServices,
            uncataloged: try uncataloged.intersection(other.uncataloged), catalog: catalog)
    }

    /// The bits of a service, materialized from `otherServices` when the service is not listed.
    private func bits(for prefix: String) -> BitSet? {
        if let bits = services[prefix] { return bits }
        guard let service = catalog.service(prefix: prefix) else { return nil }
        return BitSet(count: service.actions.count, filled: otherServices)
    }

    var isEmpty: Bool {
        get throws(AutomatonTooLarge) {
            if otherServices && catalog.servicePrefixes.count > services.count { return false }
            if services.values.contains(where: { !$0.isEmpty }) { return false }
            return try uncatalogedIsEmpty
        }
    }

    /// Whether every name of `uncataloged` is a catalog action or not shaped like an action.
    var uncatalogedIsEmpty: Bool {
        get throws(AutomatonTooLarge) {
            switch uncataloged {
            case .cofinite:
                // Infinitely many action-shaped names remain, and the catalog lists finitely many.
                return false
            case .finite(let members):
                return !members.contains { ActionSet.shape.accepts($0.text) && catalog.action(named: $0.text) == nil }
            case .regular(let automaton):
                let key = EmptinessKey(catalog: catalog, names: automaton)
                if let known = ActionSet.knownEmptiness.withLock({ $0[key] }) {
                    return known
                }
                let shaped = try uncataloged.intersection(.regular(ActionSet.shape))
                // With infinitely many names, some are not in the catalog, which lists finitely many.
                let isEmpty = shaped.members(limit: 100_000)?.allSatisfy { catalog.action(named: $0) != nil } ?? false
                ActionSet.knownEmptiness.withLock { table in
                    if table.count >= 1_024 { table.removeAll() }
                    table[key] = isEmpty
                }
                return isEmpty
            }
        }
    }

    /// A language of names with the catalog it is checked against. The key holds the catalog,
    /// so that no other catalog can take its address while the entry exists.
    struct EmptinessKey: Hashable, Sendable {
        let catalog: ActionCatalog
        let names: Automaton

        static func == (lhs: EmptinessKey, rhs: EmptinessKey) -> Bool {
            lhs.catalog === rhs.catalog && lhs.names == rhs.names
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(ObjectIdentifier(catalog))
            hasher.combine(names)
        }
    }

    /// Results of `uncatalogedIsEmpty` for languages of names, which recur across queries.
    static let knownEmptiness = Mutex<[EmptinessKey: Bool]>([:])

    /// A member: a catalog action when there is one, otherwise a name outside the catalog.
    func witness() throws(AutomatonTooLarge) -> String? {
        for prefix in services.keys.sorted() {
            if let bits = services[prefix], let index = bits.first, let service = catalog.service(prefix: prefix) {
                return service.actions[index].fullName
            }
        }
        if otherServices {
            for prefix in catalog.servicePrefixes where services[CaseFolding.lowercased(prefix)] == nil {
                if let action = catalog.service(prefix: prefix)?.actions.first {
                    return action.fullName
                }
            }
        }
        return try uncatalogedWitness()
    }

    /// A lowercased `service:name` in `uncataloged` that the catalog does not list.
    func uncatalogedWitness() throws(AutomatonTooLarge) -> String? {
        let shaped = try uncataloged.intersection(.regular(ActionSet.shape))
        if case .finite(let members) = shaped {
            return members.map(\.text).sorted().first { catalog.action(named: $0) == nil }
        }
        // A breadth-first enumeration of names stops at its limit before it reaches long
        // ones, so the catalog's names are taken out of the language and its shortest
        // remaining name is the witness.
        let automaton = try shaped.automaton()
        if let shortest = automaton.shortestWord(), catalog.action(named: shortest) == nil {
            return shortest
        }
        let listed = catalog.allActions.map { CaseFolding.lowercased($0.fullName) }.filter(automaton.accepts)
        return try shaped.intersection(StringSet.literals(listed).complement).automaton().shortestWord()
    }

    /// Lowercased `service:name` strings of letters, digits and hyphens.
    static let shape: Automaton = {
        let nameScalars = ScalarSet(ranges: [0x30...0x39, 0x61...0x7A, 0x2D...0x2D])
        // Three small automata cannot exceed the state limit.
        return (try? Automaton.concatenation([
            Automaton.repetition(of: nameScalars, minimum: 1, maximum: nil),
            Automaton.literal(":"),
            Automaton.repetition(of: nameScalars, minimum: 1, maximum: nil),
        ])) ?? .constant(true)
    }()
}

