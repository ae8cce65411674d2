/// A search that stopped at one of the engine's limits.
struct SearchLimitReached: Error, Sendable {
    let reason: String
}

/// Finds a request in a set of cells that satisfies a predicate, by depth-first search.
///
/// Conjunctions are applied one part at a time. A disjunction, or a negated conjunction
/// such as a Deny statement that must not match, branches into one case per part that can
/// settle it. Atomic parts narrow the cell, and a case whose cell becomes empty is
/// abandoned. Before branching on a negated conjunction, the search checks whether one of
/// its atomic parts already fails for the whole cell, which settles most Deny statements
/// without branching.
struct Search {
    struct Goal {
        let predicate: Predicate
        let truth: Bool
    }

    let limits: EngineLimits
    let deadline: ContinuousClock.Instant
    private(set) var steps = 0
    /// Calls of `checkTime` left before it reads the clock again.
    private var callsBeforeClock = 0

    init(limits: EngineLimits) {
        self.limits = limits
        let ownDeadline = ContinuousClock.now.advanced(by: limits.timeLimit)
        deadline = limits.deadline.map { min($0, ownDeadline) } ?? ownDeadline
    }

    /// Returns the first non-empty cell of requests in `cells` for which `predicate` is true.
    mutating func firstCell(in cells: [RequestCell], satisfying predicate: Predicate) throws(SearchLimitReached) -> RequestCell? {
        for cell in cells {
            if let found = try solve(cell, [Goal(predicate: predicate, truth: true)]) {
                return found
            }
        }
        return nil
    }

    mutating func solve(_ cell: RequestCell, _ goals: [Goal]) throws(SearchLimitReached) -> RequestCell? {
        steps += 1
        if steps > limits.maximumSearchSteps {
            throw SearchLimitReached(reason: "the search reached its limit of refinement steps (\(limits.maximumSearchSteps))")
        }
        try checkTime()
        guard !goals.isEmpty else { return cell }

        // Goals that do not branch come first.
        if let index = goals.firstIndex(where: { !Search.branches($0) }) {
            var rest = goals
            let goal = rest.remove(at: index)
            switch goal.predicate {
            case .not(let inner):
                return try solve(cell, rest + [Goal(predicate: inner, truth: !goal.truth)])
            case .and(let parts):
                return try solve(cell, parts.map { Goal(predicate: $0, truth: true) } + rest)
            case .or(let parts):
                return try solve(cell, parts.map { Goal(predicate: $0, truth: false) } + rest)
            default:
                for narrowed in try refine(cell, goal.predicate, goal.truth) {
                    if let found = try solve(narrowed, rest) {
                        return found
                    }
                }
                return nil
            }
        }

        // Only branching goals remain: negated conjunctions and disjunctions. Those that the
        // cell already satisfies are dropped. A goal with one live case is forced, so it goes
        // first. Disjunctions such as "some Allow matches" come before negated conjunctions,
        // because fixing which statement allows settles the others fast.
        var rest: [Goal] = []
        var best: (goal: Goal, cases: [Int], rank: Int)?
        for goal in goals {
            guard let cases = try liveCases(of: goal, in: cell) else { continue }
            if cases.isEmpty { return nil }
            let rank = cases.count == 1 ? 0 : (Search.caseTruth(goal) ? 1 : 2)
            if let current = best, (current.rank, current.cases.count) <= (rank, cases.count) {
                rest.append(goal)
            } else {
                if let previous = best { rest.append(previous.goal) }
                best = (goal, cases, rank)
            }
        }
        guard let (goal, cases, _) = best else { return cell }
        let parts = Search.parts(of: goal)
        // Cases that set a partition go last, so that witnesses stay in the commercial
        // partition, where most policies apply, whenever it allows one.
        let ordered = cases.filter { !Search.namesPartition(parts[$0]) } + cases.filter { Search.namesPartition(parts[$0]) }
        for index in ordered {
            // Case i: part i settles the goal. The cases overlap, which is harmless when looking
            // for one request, and saves the negated earlier parts as extra goals.
            if let found = try solve(cell, [Goal(predicate: parts[index], truth: Search.caseTruth(goal))] + rest) {
                return found
            }
        }
        return nil
    }

    /// Whether a goal needs branching: a conjunction that must fail or a disjunction that must hold.
    static func branches(_ goal: Goal) -> Bool {
        switch goal.predicate {
        case .and: return !goal.truth
        case .or: return goal.truth
        default: return false
        }
    }

    static func parts(of goal: Goal) -> [Predicate] {
        switch goal.predicate {
        case .and(let parts), .or(let parts): return parts
        default: return []
        }
    }

    /// The truth a part must take to satisfy the goal on its own: false for a conjunction
    /// that must fail, true for a disjunction that must hold.
    static func caseTruth(_ goal: Goal) -> Bool {
        if case .and = goal.predicate { return false }
        return true
    }

    /// Returns the positions of the parts that can still settle the goal in this cell, or nil
    /// when an atomic part settles it for the whole cell already.
    mutating func liveCases(of goal: Goal, in cell: RequestCell) throws(SearchLimitReached) -> [Int]? {
        let truth = Search.caseTruth(goal)
        var cases: [Int] = []
        for (index, part) in Search.parts(of: goal).enumerated() {
            guard part.isAtomic else {
                cases.append(index)
                continue
            }
            let settling = try refine(cell, part, truth)
            if settling.isEmpty { continue }
            // The part takes the settling truth on the whole cell, so the goal is met already.
            if try refine(cell, part, !truth).isEmpty { return nil }
            cases.append(index)
        }
        return cases
    }

    /// Stops the search past its deadline. It runs before every step and every refinement,
    /// because with thousands of statements one step can refine a cell thousands of times.
    /// It reads the clock on its first call and every 16th call after, because reading it
    /// took a few percent of a query's time, and 16 calls usually take microseconds.
    mutating func checkTime() throws(SearchLimitReached) {
        guard callsBeforeClock == 0 else {
            callsBeforeClock -= 1
            return
        }
        callsBeforeClock = 15
        guard ContinuousClock.now > deadline else { return }
        let reason = limits.deadline == nil
            ? "the search reached its time limit (\(limits.timeLimit))"
            : "the queries about this resource reached their shared time limit (\(limits.timeLimit))"
        throw SearchLimitReached(reason: reason)
    }

    // NOTE: one refinement runs to its end, so a query overruns its time limit by as long as
    // its slowest refinement takes.
    mutating func refine(_ cell: RequestCell, _ predicate: Predicate, _ truth: Bool) throws(SearchLimitReached) -> [RequestCell] {
        try checkTime()
        do throws(AutomatonTooLarge) {
            return try cell.refined(by: predicate, truth)
        } catch {
            throw SearchLimitReached(reason: "an automaton grew past \(limits.maximumAutomatonStates) states")
        }
    }
}

extension Search {
    static func namesPartition(_ predicate: Predicate) -> Bool {
        if case .component(let component, _) = predicate {
            return component == .partition || component == .sourcePartition
        }
        return false
    }
}

extension Predicate {
    var isAtomic: Bool {
        switch self {
        case .and, .or, .not: return false
        default: return true
        }
    }

}
