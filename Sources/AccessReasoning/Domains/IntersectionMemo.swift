import Synchronization

/// Intersections of string sets that needed an automaton product, kept for reuse. The search
/// meets the same pairs again and again across queries and resources, such as the account
/// universe without the zone's accounts. Hashing a pair costs far less than its product.
final class IntersectionMemo: Sendable {
    static let shared = IntersectionMemo()

    struct Key: Hashable {
        let left: StringSet
        let right: StringSet
        /// The automaton state limit in force: a smaller one may reject what a larger one built.
        let stateLimit: Int
    }

    /// Entries kept at most; past it the table starts over, which bounds its memory. Pairs
    /// that repeat come back within a few resources: on a generated 2,000-resource Pulumi
    /// state, 256 entries took the same instructions as 2,048 (callgrind), and at 20,000
    /// resources 4 MB less memory. 512 leaves room for deployments with more varied pairs.
    static let capacity = 512

    private let table = Mutex<[Key: StringSet]>([:])

    func result(_ left: StringSet, _ right: StringSet, compute: () throws(AutomatonTooLarge) -> StringSet) throws(AutomatonTooLarge) -> StringSet {
        let key = Key(left: left, right: right, stateLimit: AutomatonLimit.states)
        if let known = table.withLock({ $0[key] }) {
            return known
        }
        let value = try compute()
        table.withLock { entries in
            if entries.count >= Self.capacity {
                entries.removeAll(keepingCapacity: true)
            }
            entries[key] = value
        }
        return value
    }
}
