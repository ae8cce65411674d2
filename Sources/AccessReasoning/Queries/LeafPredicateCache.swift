import Synchronization

/// Predicates of the leaves of request constraints, compiled once per engine. Findings ask about the same
/// action lists for every resource of a type and about a resource's own ARNs in every query
/// on it, so compiling them again would be a large share of each query's time.
final class LeafPredicateCache: Sendable {
    struct Key: Hashable {
        enum Kind: Hashable {
            case actions, futureActions, resources, principalNamed, principalAccounts, principalClasses
            case serviceSourceAccounts, keyAbsent, condition
        }

        let kind: Kind
        let patterns: [String]
        /// The automaton state limit in force: a smaller one may reject what a larger one built.
        let stateLimit: Int

        /// Hashes the count and the first and last patterns only, because a resource type's
        /// action list has hundreds of names and is looked up in every query. Equal lists
        /// mostly share their storage, which makes the full comparison on a hit cheap.
        func hash(into hasher: inout Hasher) {
            hasher.combine(kind)
            hasher.combine(stateLimit)
            hasher.combine(patterns.count)
            for pattern in patterns.prefix(2) {
                hasher.combine(pattern)
            }
            for pattern in patterns.suffix(2) {
                hasher.combine(pattern)
            }
        }
    }

    /// Entries kept at most in the table of action lists and other leaves. Past it the table
    /// starts over, which bounds its memory.
    static let capacity = 4_096
    /// Entries kept at most in the table of resource lists. A resource's own ARNs repeat in
    /// the queries about it, rarely afterwards, and each entry keeps an automaton.
    static let resourceCapacity = 256

    /// Action lists and the other leaves, which repeat across resources.
    private let actions = Mutex<[Key: Predicate]>([:])
    /// Resource lists, mostly one resource's own ARNs: kept apart so that their turnover does
    /// not evict the action lists.
    private let resources = Mutex<[Key: Predicate]>([:])

    func predicate(_ key: Key, compile: () throws(CompilationError) -> Predicate) throws(CompilationError) -> Predicate {
        if key.kind == .resources {
            return try Self.predicate(key, in: resources, capacity: Self.resourceCapacity, compile: compile)
        }
        return try Self.predicate(key, in: actions, capacity: Self.capacity, compile: compile)
    }

    private static func predicate(
        _ key: Key, in table: borrowing Mutex<[Key: Predicate]>, capacity: Int, compile: () throws(CompilationError) -> Predicate
    ) throws(CompilationError) -> Predicate {
        if let cached = table.withLock({ $0[key] }) {
            return cached
        }
        let predicate = try compile()
        table.withLock { entries in
            if entries.count >= capacity {
                entries.removeAll(keepingCapacity: true)
            }
            entries[key] = predicate
        }
        return predicate
    }
}
