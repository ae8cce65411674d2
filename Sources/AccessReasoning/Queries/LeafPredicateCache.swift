import Synchronization

/// Predicates of list constraints, compiled once per engine. Findings ask about the same
/// action lists for every resource of a type and about a resource's own ARNs in every query
/// on it, so compiling them again would be a large share of each query's time.
final class LeafPredicateCache: Sendable {
    struct Key: Hashable {
        enum Kind: Hashable {
            case actions, futureActions, resources
        }

        let kind: Kind
        let patterns: [String]
        /// The automaton state limit in force: a smaller one may reject what a larger one built.
        let stateLimit: Int
    }

    /// Entries kept at most; past it the cache starts over, which bounds its memory.
    static let capacity = 4_096

    private let entries = Mutex<[Key: Predicate]>([:])

    func predicate(_ key: Key, compile: () throws(CompilationError) -> Predicate) throws(CompilationError) -> Predicate {
        if let cached = entries.withLock({ $0[key] }) {
            return cached
        }
        let predicate = try compile()
        entries.withLock { entries in
            if entries.count >= Self.capacity {
                entries.removeAll(keepingCapacity: true)
            }
            entries[key] = predicate
        }
        return predicate
    }
}
