extension RequestCell {
    /// Returns the cells whose assembled value the automaton accepts: one cell per run of the
    /// automaton through the template, with each component narrowed to the strings that
    /// lead from the run's state before it to the state after it. The automaton is
    /// deterministic, so the runs, and the cells, are disjoint.
    ///
    /// The walk follows only runs that can reach acceptance with this cell's component
    /// values (see `TemplateRuns`). Without that pruning, a pattern such as
    /// `arn:aws:sns:*:444455556666:*` on `aws:SourceArn` gives every component a span to
    /// most of the automaton's states, and the walk tries the product of those spans,
    /// although only a few runs hold requests.
    func decompose(_ pieces: [TemplatePiece], over automaton: Automaton) throws(AutomatonTooLarge) -> [RequestCell] {
        var runs = TemplateRuns(cell: self, pieces: pieces, automaton: automaton)
        var results: [RequestCell] = []
        // A run's component sets are computed only when it reaches acceptance.
        var spans: [(component: PrincipalComponent, from: Int, to: Int)] = []
        var firstSpanSets: [SpanKey: StringSet] = [:]

        func complete(_ cell: RequestCell) throws(AutomatonTooLarge) {
            var narrowedCell = cell
            var seen: Set<PrincipalComponent> = []
            for span in spans {
                guard let current = narrowedCell.component(span.component) else { return }
                let path = StringSet.regular(automaton.path(from: span.from, to: span.to))
                let narrowed: StringSet
                if seen.insert(span.component).inserted {
                    // The walk leaves non-finite components as they are in this cell, so the
                    // first span of a component always starts from the same set.
                    let key = SpanKey(component: span.component, from: span.from, to: span.to)
                    if let known = firstSpanSets[key] {
                        narrowed = known
                    } else {
                        narrowed = try current.intersection(path)
                        firstSpanSets[key] = narrowed
                    }
                } else {
                    narrowed = try current.intersection(path)
                }
                if narrowed.isEmpty { return }
                narrowedCell = narrowedCell.replacing(span.component, with: narrowed)
            }
            results.append(narrowedCell)
        }

        func walk(_ index: Int, _ state: Int, _ cell: RequestCell) throws(AutomatonTooLarge) {
            guard try runs.canComplete(index, state) else { return }
            guard index < pieces.count else {
                try complete(cell)
                return
            }
            switch pieces[index] {
            case .text(let text):
                try walk(index + 1, automaton.run(text, from: state), cell)
            case .component(let component):
                guard let current = cell.component(component) else { return }
                if case .finite(let members) = current {
                    var byTarget: [Int: Set<ExactString>] = [:]
                    for member in members {
                        byTarget[automaton.run(member.text, from: state), default: []].insert(member)
                    }
                    for target in byTarget.keys.sorted() {
                        try walk(index + 1, target, cell.replacing(component, with: .finite(byTarget[target] ?? [])))
                    }
                    return
                }
                for target in try runs.spanTargets(index, state) {
                    spans.append((component, state, target))
                    try walk(index + 1, target, cell)
                    spans.removeLast()
                }
            }
        }

        try walk(0, automaton.start, self)
        return results
    }
}

/// A component's span in a run of `RequestCell.decompose`: from one state to another.
private struct SpanKey: Hashable {
    let component: PrincipalComponent
    let from: Int
    let to: Int
}

/// The runs of an automaton through a template over one cell's component values, for
/// `RequestCell.decompose`: where a run at a piece can go on to, and whether it can still
/// reach acceptance.
///
/// A component's span from a state can end at the states that some value in the cell's
/// set for that component leads to. The walk narrows only finite sets, to subsets, and
/// `complete` checks each span against the component's current set, so these results,
/// taken from the cell the walk starts from, never drop a run that yields a cell.
private struct TemplateRuns {
    let cell: RequestCell
    let pieces: [TemplatePiece]
    let automaton: Automaton
    let live: [Bool]
    /// By piece position and state: whether a run there can reach acceptance.
    private var completes: [Int: Bool] = [:]
    /// By piece position and state: the states a component's span can end at, in the
    /// order of `Automaton.reachableStates(from:)`, each able to complete the run.
    private var targets: [Int: [Int]] = [:]
    /// The component sets as automata, built once each.
    private var componentAutomata: [PrincipalComponent: Automaton] = [:]

    init(cell: RequestCell, pieces: [TemplatePiece], automaton: Automaton) {
        self.cell = cell
        self.pieces = pieces
        self.automaton = automaton
        live = automaton.liveStates
    }

    private func key(_ index: Int, _ state: Int) -> Int {
        index * automaton.stateCount + state
    }

    mutating func canComplete(_ index: Int, _ state: Int) throws(AutomatonTooLarge) -> Bool {
        guard live[state] else { return false }
        guard index < pieces.count else { return automaton.accepting[state] }
        if let known = completes[key(index, state)] { return known }
        let result: Bool
        switch pieces[index] {
        case .text(let text):
            result = try canComplete(index + 1, automaton.run(text, from: state))
        case .component:
            result = try !spanTargets(index, state).isEmpty
        }
        completes[key(index, state)] = result
        return result
    }

    /// Returns the states where a span of the component at `index`, starting at `state`,
    /// can end with the run still able to reach acceptance.
    mutating func spanTargets(_ index: Int, _ state: Int) throws(AutomatonTooLarge) -> [Int] {
        if let known = targets[key(index, state)] { return known }
        guard case .component(let component) = pieces[index], let values = cell.component(component) else { return [] }
        let ends: Set<Int>
        if case .finite(let members) = values {
            ends = Set(members.map { automaton.run($0.text, from: state) })
        } else {
            let words: Automaton
            if let known = componentAutomata[component] {
                words = known
            } else {
                words = try values.automaton()
                componentAutomata[component] = words
            }
            ends = automaton.states(reachedFrom: state, by: words)
        }
        var result: [Int] = []
        for target in automaton.reachableStates(from: state) where ends.contains(target) {
            if try canComplete(index + 1, target) { result.append(target) }
        }
        targets[key(index, state)] = result
        return result
    }
}

extension Automaton {
    /// Returns the states reachable from `state`, itself included, in order of discovery.
    func reachableStates(from state: Int) -> [Int] {
        var seen: Set<Int> = [state]
        var order = [state]
        var head = 0
        while head < order.count {
            let current = order[head]
            head += 1
            for (_, _, target) in transitions(current) where seen.insert(target).inserted {
                order.append(target)
            }
        }
        return order
    }

    /// Returns the states that the strings `words` accepts lead to from `state`, by a search
    /// of the pairs of states the two automata reach together on the same input.
    func states(reachedFrom state: Int, by words: Automaton) -> Set<Int> {
        let wordsLive = words.liveStates
        guard wordsLive[words.start] else { return [] }
        var result: Set<Int> = []
        var seen: Set<Int> = [words.start * stateCount + state]
        var stack = [(words.start, state)]
        while let (word, current) = stack.popLast() {
            if words.accepting[word] { result.insert(current) }
            // Both rows cover every scalar, so walking their boundaries in step visits each
            // pair of targets that one scalar range leads to.
            var i = words.offsets[word]
            var j = offsets[current]
            let iEnd = words.offsets[word + 1]
            let jEnd = offsets[current + 1]
            while true {
                let next = (Int(words.targets[i]), Int(targets[j]))
                if wordsLive[next.0], seen.insert(next.0 * stateCount + next.1).inserted {
                    stack.append(next)
                }
                let nextWords = i + 1 < iEnd ? words.lows[i + 1] : UInt32.max
                let nextSelf = j + 1 < jEnd ? lows[j + 1] : UInt32.max
                let point = min(nextWords, nextSelf)
                if point == UInt32.max { break }
                if nextWords == point { i += 1 }
                if nextSelf == point { j += 1 }
            }
        }
        return result
    }
}
