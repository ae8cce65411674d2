/// A nondeterministic automaton with ε-moves, used only to build `Automaton`s.
struct NFA {
    var edges: [[(ScalarSet, Int)]] = []
    var epsilons: [[Int]] = []
    var accepting: [Bool] = []
    var start = 0

    mutating func addState(accepting isAccepting: Bool = false) -> Int {
        edges.append([])
        epsilons.append([])
        accepting.append(isAccepting)
        return edges.count - 1
    }

    mutating func addEdge(_ from: Int, _ label: ScalarSet, _ to: Int) {
        if !label.isEmpty {
            edges[from].append((label, to))
        }
    }

    mutating func addEpsilon(_ from: Int, _ to: Int) {
        epsilons[from].append(to)
    }

    /// Copies a deterministic automaton's states into this NFA, not accepting; returns the
    /// copy's start state and the copies of its accepting states.
    mutating func embed(_ automaton: Automaton) -> (start: Int, accepting: [Int]) {
        let offset = edges.count
        for state in 0..<automaton.stateCount {
            _ = addState()
            for (lower, upper, target) in automaton.transitions(state) {
                addEdge(offset + state, ScalarSet(ranges: [lower...upper]), offset + target)
            }
        }
        let accepting = (0..<automaton.stateCount).filter { automaton.accepting[$0] }.map { $0 + offset }
        return (offset + automaton.start, accepting)
    }

    func closure(_ states: [Int]) -> [Int] {
        var seen = Set(states)
        var stack = states
        while let state = stack.popLast() {
            for next in epsilons[state] where seen.insert(next).inserted {
                stack.append(next)
            }
        }
        return seen.sorted()
    }
}

/// The automaton grew past the configured limit.
struct AutomatonTooLarge: Error {
    let states: Int
}

/// A complete deterministic finite automaton over Unicode scalars, whose transitions are
/// labeled with ranges.
///
/// Each state's transitions cover every scalar: range `i` of a state runs from its lower
/// bound to the next range's lower bound minus one, and a non-accepting sink absorbs the
/// rest. The representation keeps an alphabet of 1.1 million scalars down to the few ranges
/// a pattern distinguishes, so that products and complements stay small.
struct Automaton: Hashable, Sendable {
    /// For state `s`, its ranges are at `offsets[s]..<offsets[s + 1]`.
    private(set) var offsets: [Int]
    private(set) var lows: [UInt32]
    private(set) var targets: [Int32]
    private(set) var accepting: [Bool]
    private(set) var start: Int

    var stateCount: Int { accepting.count }

    /// Whether both automata have the same states and transitions and opposite accepting
    /// states, so that no string is accepted by both.
    func isComplement(of other: Automaton) -> Bool {
        start == other.start && offsets == other.offsets && lows == other.lows && targets == other.targets
            && accepting.count == other.accepting.count && zip(accepting, other.accepting).allSatisfy { $0 != $1 }
    }

    /// Whether both automata have the same states and transitions, so accept the same strings.
    func hasSameStructure(as other: Automaton) -> Bool {
        start == other.start && accepting == other.accepting && offsets == other.offsets
            && lows == other.lows && targets == other.targets
    }

    private init(offsets: [Int], lows: [UInt32], targets: [Int32], accepting: [Bool], start: Int) {
        self.offsets = offsets
        self.lows = lows
        self.targets = targets
        self.accepting = accepting
        self.start = start
    }

    /// The automaton accepting nothing or everything.
    static func constant(_ acceptsEverything: Bool) -> Automaton {
        Automaton(offsets: [0, 1], lows: [0], targets: [0], accepting: [acceptsEverything], start: 0)
    }

    // MARK: - Building

    /// Builds the deterministic automaton of `nfa` by subset construction.
    init(determinizing nfa: NFA, limit: Int = AutomatonLimit.states) throws(AutomatonTooLarge) {
        var builder = Builder()
        var index: [[Int]: Int] = [:]
        var queue: [[Int]] = []

        func stateID(_ set: [Int]) -> Int {
            if let id = index[set] { return id }
            let id = index.count
            index[set] = id
            queue.append(set)
            return id
        }

        let startSet = nfa.closure([nfa.start])
        _ = stateID(startSet)
        var processed = 0
        var rows: [(lows: [UInt32], targets: [Int32], accepting: Bool)] = []
        while processed < queue.count {
            let set = queue[processed]
            processed += 1
            if index.count > limit {
                throw AutomatonTooLarge(states: index.count)
            }
            // Split the alphabet at every boundary of the set's outgoing labels.
            var boundaries: Set<UInt32> = [0]
            var moves: [(ScalarSet, Int)] = []
            for state in set {
                for (label, target) in nfa.edges[state] {
                    moves.append((label, target))
                    for range in label.ranges {
                        boundaries.insert(range.lowerBound)
                        if range.upperBound < ScalarSet.maximum {
                            boundaries.insert(range.upperBound + 1)
                        }
                    }
                }
            }
            let points = boundaries.sorted()
            var rowLows: [UInt32] = []
            var rowTargets: [Int32] = []
            for point in points {
                var next: [Int] = []
                for (label, target) in moves where label.contains(point) {
                    next.append(target)
                }
                let target = Int32(stateID(next.isEmpty ? [] : nfa.closure(next)))
                if let last = rowTargets.last, last == target {
                    continue
                }
                rowLows.append(point)
                rowTargets.append(target)
            }
            rows.append((rowLows, rowTargets, set.contains { nfa.accepting[$0] }))
        }
        for row in rows {
            builder.addState(lows: row.lows, targets: row.targets, accepting: row.accepting)
        }
        self = builder.build(start: 0)
    }

    /// Accumulates states in order.
    struct Builder {
        var offsets: [Int] = [0]
        var lows: [UInt32] = []
        var targets: [Int32] = []
        var accepting: [Bool] = []

        mutating func addState(lows stateLows: [UInt32], targets stateTargets: [Int32], accepting isAccepting: Bool) {
            lows += stateLows
            targets += stateTargets
            offsets.append(lows.count)
            accepting.append(isAccepting)
        }

        /// Ends a state whose ranges were appended to `lows` and `targets` directly.
        mutating func closeState(accepting isAccepting: Bool) {
            offsets.append(lows.count)
            accepting.append(isAccepting)
        }

        func build(start: Int) -> Automaton {
            Automaton(offsets: offsets, lows: lows, targets: targets, accepting: accepting, start: start)
        }
    }

    // MARK: - Running

    func next(_ state: Int, _ scalar: UInt32) -> Int {
        var low = offsets[state]
        var high = offsets[state + 1] - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lows[middle] <= scalar {
                low = middle
            } else {
                high = middle - 1
            }
        }
        return Int(targets[low])
    }

    func run(_ text: String, from state: Int) -> Int {
        var current = state
        for scalar in text.unicodeScalars {
            current = next(current, scalar.value)
        }
        return current
    }

    func accepts(_ text: String) -> Bool {
        accepting[run(text, from: start)]
    }

    /// The ranges of state `s` as `(lower, upper, target)`.
    func transitions(_ state: Int) -> [(UInt32, UInt32, Int)] {
        var result: [(UInt32, UInt32, Int)] = []
        let end = offsets[state + 1]
        for position in offsets[state]..<end {
            let upper = position + 1 < end ? lows[position + 1] - 1 : ScalarSet.maximum
            result.append((lows[position], upper, Int(targets[position])))
        }
        return result
    }

    // MARK: - Boolean operations

    enum Combination {
        case intersection, union, difference

        func accepts(_ left: Bool, _ right: Bool) -> Bool {
            switch self {
            case .intersection: return left && right
            case .union: return left || right
            case .difference: return left && !right
            }
        }
    }

    /// The product automaton of the reachable state pairs.
    static func product(_ left: Automaton, _ right: Automaton, _ combination: Combination, limit: Int = AutomatonLimit.states) throws(AutomatonTooLarge) -> Automaton {
        var queue: [(Int, Int)] = []
        let width = right.stateCount
        // Pair numbers: a flat table when the pair space is small, a dictionary otherwise.
        let pairSpace = left.stateCount * width
        var table = pairSpace <= 65_536 ? Array(repeating: Int32(-1), count: pairSpace) : []
        var index: [Int: Int32] = [:]

        func stateID(_ pair: (Int, Int)) -> Int32 {
            let key = pair.0 * width + pair.1
            if !table.isEmpty {
                if table[key] >= 0 { return table[key] }
                let id = Int32(queue.count)
                table[key] = id
                queue.append(pair)
                return id
            }
            if let id = index[key] { return id }
            let id = Int32(queue.count)
            index[key] = id
            queue.append(pair)
            return id
        }

        _ = stateID((left.start, right.start))
        var builder = Builder()
        var processed = 0
        while processed < queue.count {
            if queue.count > limit {
                throw AutomatonTooLarge(states: queue.count)
            }
            let (p, q) = queue[processed]
            processed += 1
            var i = left.offsets[p]
            var j = right.offsets[q]
            let iEnd = left.offsets[p + 1]
            let jEnd = right.offsets[q + 1]
            // The row goes straight into the builder's arrays.
            let rowStart = builder.lows.count
            var point: UInt32 = 0
            while true {
                let target = stateID((Int(left.targets[i]), Int(right.targets[j])))
                if builder.targets.count == rowStart || builder.targets[builder.targets.count - 1] != target {
                    builder.lows.append(point)
                    builder.targets.append(target)
                }
                let nextLeft = i + 1 < iEnd ? left.lows[i + 1] : UInt32.max
                let nextRight = j + 1 < jEnd ? right.lows[j + 1] : UInt32.max
                let nextPoint = min(nextLeft, nextRight)
                if nextPoint == UInt32.max { break }
                if nextLeft == nextPoint { i += 1 }
                if nextRight == nextPoint { j += 1 }
                point = nextPoint
            }
            builder.closeState(accepting: combination.accepts(left.accepting[p], right.accepting[q]))
        }
        return builder.build(start: 0)
    }

    /// The automaton of every string this one rejects.
    var complement: Automaton {
        var result = self
        result.accepting = accepting.map { !$0 }
        return result
    }

    /// The same transitions, started at `from` and accepting only at `to`: the strings that
    /// lead from one state to the other.
    func path(from: Int, to: Int) -> Automaton {
        var result = self
        result.start = from
        result.accepting = Array(repeating: false, count: stateCount)
        result.accepting[to] = true
        return result.trimmed()
    }

    /// Returns the states reachable from the start through states that `include` accepts, in
    /// breadth-first order, and each state's position in that order (-1 for the others).
    private func breadthFirstOrder(including include: (Int) -> Bool) -> (order: [Int], numbers: [Int32]) {
        var numbers = Array(repeating: Int32(-1), count: stateCount)
        var order = [start]
        numbers[start] = 0
        var head = 0
        while head < order.count {
            let state = order[head]
            head += 1
            for position in offsets[state]..<offsets[state + 1] {
                let target = Int(targets[position])
                if numbers[target] < 0 && include(target) {
                    numbers[target] = Int32(order.count)
                    order.append(target)
                }
            }
        }
        return (order, numbers)
    }

    /// Returns the same language with only the states that are reachable from the start and
    /// can reach acceptance, plus one sink; cheaper than `minimized()` and often as small.
    func trimmed() -> Automaton {
        let live = liveStates
        guard live[start] else { return .constant(false) }
        let (order, numbers) = breadthFirstOrder { live[$0] }
        let sink = Int32(order.count)
        var builder = Builder()
        var needsSink = false
        for state in order {
            var rowLows: [UInt32] = []
            var rowTargets: [Int32] = []
            for position in offsets[state]..<offsets[state + 1] {
                let target = numbers[Int(targets[position])] >= 0 ? numbers[Int(targets[position])] : sink
                if target == sink { needsSink = true }
                if rowTargets.last != target {
                    rowLows.append(lows[position])
                    rowTargets.append(target)
                }
            }
            builder.addState(lows: rowLows, targets: rowTargets, accepting: accepting[state])
        }
        if needsSink {
            builder.addState(lows: [0], targets: [sink], accepting: false)
        }
        return builder.build(start: 0)
    }

    // MARK: - Questions

    /// For each state, whether an accepting state can be reached from it.
    var liveStates: [Bool] {
        var reverse: [[Int]] = Array(repeating: [], count: stateCount)
        for state in 0..<stateCount {
            for position in offsets[state]..<offsets[state + 1] {
                reverse[Int(targets[position])].append(state)
            }
        }
        var live = accepting
        var stack = (0..<stateCount).filter { accepting[$0] }
        while let state = stack.popLast() {
            for previous in reverse[state] where !live[previous] {
                live[previous] = true
                stack.append(previous)
            }
        }
        return live
    }

    var isEmpty: Bool { !liveStates[start] }

    /// Whether the language is finite: no cycle passes through a state that is both
    /// reachable and live. Ranges holding no Unicode scalar are ignored.
    var isFinite: Bool {
        let live = liveStates
        guard live[start] else { return true }
        // Depth-first search for a back edge among reachable live states.
        var color = Array(repeating: 0, count: stateCount)
        var stack: [(Int, Int)] = [(start, offsets[start])]
        color[start] = 1
        while let (state, position) = stack.last {
            if position == offsets[state + 1] {
                color[state] = 2
                stack.removeLast()
                continue
            }
            stack[stack.count - 1].1 = position + 1
            let target = Int(targets[position])
            guard live[target], hasScalar(state, position) else { continue }
            if color[target] == 1 { return false }
            if color[target] == 0 {
                color[target] = 1
                stack.append((target, offsets[target]))
            }
        }
        return true
    }

    private func hasScalar(_ state: Int, _ position: Int) -> Bool {
        let upper = position + 1 < offsets[state + 1] ? lows[position + 1] - 1 : ScalarSet.maximum
        return ScalarSet.representative(lows[position], upper) != nil
    }

    /// A shortest accepted string, built from readable scalars where the ranges allow.
    func shortestWord() -> String? {
        let live = liveStates
        guard live[start] else { return nil }
        // Breadth-first search; each state records the state and scalar it was reached by.
        var parentState = Array(repeating: Int32(-1), count: stateCount)
        var parentScalar = Array(repeating: UInt32(0), count: stateCount)
        var visited = Array(repeating: false, count: stateCount)
        visited[start] = true
        var queue = [start]
        var head = 0
        var choices: [(scalar: UInt32, target: Int)] = []
        while head < queue.count {
            let state = queue[head]
            head += 1
            if accepting[state] {
                var scalars: [Unicode.Scalar] = []
                var current = state
                while current != start {
                    scalars.append(Unicode.Scalar(parentScalar[current]) ?? "?")
                    current = Int(parentState[current])
                }
                return String(String.UnicodeScalarView(scalars.reversed()))
            }
            choices.removeAll(keepingCapacity: true)
            let end = offsets[state + 1]
            for position in offsets[state]..<end {
                let target = Int(targets[position])
                guard live[target], !visited[target] else { continue }
                let upper = position + 1 < end ? lows[position + 1] - 1 : ScalarSet.maximum
                if let scalar = ScalarSet.representative(lows[position], upper) {
                    choices.append((scalar, target))
                }
            }
            choices.sort { ScalarSet.preference($0.scalar) < ScalarSet.preference($1.scalar) }
            for (scalar, target) in choices where !visited[target] {
                visited[target] = true
                parentState[target] = Int32(state)
                parentScalar[target] = scalar
                queue.append(target)
            }
        }
        return nil
    }

    /// Up to `limit` accepted strings in order of length, each path taking the readable
    /// scalar of its ranges. Used to look for a word outside a finite set.
    func words(limit: Int, maximumLength: Int = 256) -> [String] {
        let live = liveStates
        guard live[start] else { return [] }
        var result: [String] = []
        var queue: [(Int, [Unicode.Scalar])] = [(start, [])]
        var head = 0
        while head < queue.count && result.count < limit {
            let (state, prefix) = queue[head]
            head += 1
            if accepting[state] {
                result.append(String(String.UnicodeScalarView(prefix)))
            }
            guard prefix.count < maximumLength, queue.count < limit * 64 else { continue }
            for (lower, upper, target) in transitions(state) where live[target] {
                guard let value = ScalarSet.representative(lower, upper), let scalar = Unicode.Scalar(value) else { continue }
                queue.append((target, prefix + [scalar]))
                // A second scalar from wide ranges gives words that differ from the first.
                if upper > lower, let second = ScalarSet.representative(value == lower ? lower + 1 : lower, upper),
                   second != value, let other = Unicode.Scalar(second) {
                    queue.append((target, prefix + [other]))
                }
            }
        }
        return result
    }

    // MARK: - Minimization

    /// An equivalent automaton with the fewest states (Moore's partition refinement over
    /// the ranges of all states), unreachable states removed.
    func minimized() -> Automaton {
        // Number the reachable states densely, in breadth-first order.
        let (reachable, number) = breadthFirstOrder { _ in true }
        let count = reachable.count

        // Global alphabet classes: every range boundary of every reachable state.
        var classes: [UInt32] = []
        for state in reachable {
            classes.append(contentsOf: lows[offsets[state]..<offsets[state + 1]])
        }
        classes.sort()
        var unique: [UInt32] = []
        for point in classes where unique.last != point {
            unique.append(point)
        }
        classes = unique
        let width = classes.count

        // table[i * width + c]: the dense number of the target of state i on class c.
        var table = Array(repeating: 0, count: count * width)
        for (index, state) in reachable.enumerated() {
            var position = offsets[state]
            let end = offsets[state + 1]
            for (classIndex, point) in classes.enumerated() {
                while position + 1 < end && lows[position + 1] <= point {
                    position += 1
                }
                table[index * width + classIndex] = Int(number[Int(targets[position])])
            }
        }

        var block = reachable.map { accepting[$0] ? 1 : 0 }
        var blockCount = Set(block).count
        var signature = Array(repeating: 0, count: width + 1)
        while true {
            var ids: [[Int]: Int] = [:]
            var next = Array(repeating: 0, count: count)
            for index in 0..<count {
                signature[0] = block[index]
                for classIndex in 0..<width {
                    signature[classIndex + 1] = block[table[index * width + classIndex]]
                }
                if let id = ids[signature] {
                    next[index] = id
                } else {
                    let id = ids.count
                    ids[signature] = id
                    next[index] = id
                }
            }
            block = next
            if ids.count == blockCount { break }
            blockCount = ids.count
        }

        // Rebuild with one state per block, numbered in order of first appearance.
        var order = Array(repeating: -1, count: blockCount)
        var representatives: [Int] = []
        for index in 0..<count where order[block[index]] < 0 {
            order[block[index]] = representatives.count
            representatives.append(index)
        }
        var builder = Builder()
        for index in representatives {
            var rowLows: [UInt32] = []
            var rowTargets: [Int32] = []
            for classIndex in 0..<width {
                let target = Int32(order[block[table[index * width + classIndex]]])
                if rowTargets.last != target {
                    rowLows.append(classes[classIndex])
                    rowTargets.append(target)
                }
            }
            builder.addState(lows: rowLows, targets: rowTargets, accepting: accepting[reachable[index]])
        }
        return builder.build(start: 0)
    }
}
