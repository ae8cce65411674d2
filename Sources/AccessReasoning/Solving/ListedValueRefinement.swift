/// Refinement on a principal-derived key whose clause lists its values: a finite set, or
/// the complement of one. Each listed value is split over the key's template into component
/// values, so the cells come from those values alone, without automata.
extension RequestCell {
    /// Returns the cells, disjoint, whose assembled value lies in `strings`, or nil when the
    /// set is regular or the template repeats a component.
    func refinedByListedValues(_ pieces: [TemplatePiece], _ strings: StringSet) throws(AutomatonTooLarge) -> [RequestCell]? {
        let listed: Set<ExactString>
        let inside: Bool
        switch strings {
        case .finite(let members):
            (listed, inside) = (members, true)
        case .cofinite(let excluded):
            (listed, inside) = (excluded, false)
        case .regular:
            return nil
        }
        let components = pieces.compactMap { piece -> PrincipalComponent? in
            if case .component(let component) = piece { return component } else { return nil }
        }
        guard Set(components).count == components.count else { return nil }
        var sets: [StringSet] = []
        for component in components {
            guard let set = self.component(component) else { return [] }
            sets.append(set)
        }

        var tuples: Set<[String]> = []
        let splitter = TemplateSplitter(pieces: pieces, sets: sets)
        for value in listed {
            for tuple in splitter.splits(of: value.text) {
                tuples.insert(tuple)
            }
        }
        let sorted = tuples.sorted { $0.lexicographicallyPrecedes($1) }
        if inside {
            return try cells(with: sorted, components: components)
        }
        return try cells(without: sorted, components: components, from: 0)
    }

    /// Returns one cell per group of tuples that differ only in the last component.
    private func cells(with tuples: [[String]], components: [PrincipalComponent]) throws(AutomatonTooLarge) -> [RequestCell] {
        guard let last = components.last else {
            // A template of text alone: the cell is kept when its one value is listed.
            return tuples.isEmpty ? [] : [self]
        }
        var groups: [[String]: Set<ExactString>] = [:]
        var order: [[String]] = []
        for tuple in tuples {
            let head = Array(tuple.dropLast())
            if groups[head] == nil { order.append(head) }
            groups[head, default: []].insert(ExactString(tuple[tuple.count - 1]))
        }
        return order.map { head in
            var cell = self
            for (component, value) in zip(components, head) {
                cell = cell.replacing(component, with: .literal(value))
            }
            return cell.replacing(last, with: .finite(groups[head] ?? []))
        }
    }

    /// Returns the requests of this cell whose component values from `position` on form none
    /// of the tuples; the tuples agree on the earlier components. The cells are those outside
    /// every listed value of the next component, and for each listed value, the recursion.
    private func cells(without tuples: [[String]], components: [PrincipalComponent], from position: Int) throws(AutomatonTooLarge) -> [RequestCell] {
        if tuples.isEmpty { return [self] }
        if position == components.count { return [] }
        let component = components[position]
        var groups: [String: [[String]]] = [:]
        var order: [String] = []
        for tuple in tuples {
            if groups[tuple[position]] == nil { order.append(tuple[position]) }
            groups[tuple[position], default: []].append(tuple)
        }
        var result: [RequestCell] = []
        if let current = self.component(component) {
            let outside = try current.intersection(.cofinite(Set(order.map(ExactString.init))))
            if !outside.isEmpty {
                result.append(replacing(component, with: outside))
            }
        }
        for value in order {
            result += try replacing(component, with: .literal(value))
                .cells(without: groups[value] ?? [], components: components, from: position + 1)
        }
        return result
    }
}

/// Splits a string into component values following a template: text pieces must match
/// exactly, scalar by scalar, and each component value must lie in its set.
struct TemplateSplitter {
    let pieces: [TemplatePiece]
    /// The sets of the template's components, in order of appearance.
    let sets: [StringSet]
    /// For each regular set, whether each state of its automaton can still reach acceptance.
    private let liveStates: [[Bool]?]

    init(pieces: [TemplatePiece], sets: [StringSet]) {
        self.pieces = pieces
        self.sets = sets
        liveStates = sets.map { set in
            if case .regular(let automaton) = set { return automaton.liveStates }
            return nil
        }
    }

    func splits(of value: String) -> [[String]] {
        let scalars = Array(value.unicodeScalars)
        var results: [[String]] = []
        var parts: [String] = []

        func textMatches(_ index: Int, at position: Int) -> Bool {
            guard index < pieces.count else { return position == scalars.count }
            guard case .text(let text) = pieces[index] else { return true }
            var current = position
            for scalar in text.unicodeScalars {
                guard current < scalars.count, scalars[current] == scalar else { return false }
                current += 1
            }
            return true
        }

        func walk(_ index: Int, _ position: Int) {
            guard index < pieces.count else {
                if position == scalars.count { results.append(parts) }
                return
            }
            switch pieces[index] {
            case .text(let text):
                guard textMatches(index, at: position) else { return }
                walk(index + 1, position + text.unicodeScalars.count)
            case .component:
                let setIndex = parts.count
                let set = sets[setIndex]
                // An automaton is run once along the value; other sets are asked per end.
                var state = 0
                if case .regular(let automaton) = set { state = automaton.start }
                for end in position...scalars.count {
                    if case .regular(let automaton) = set {
                        if end > position {
                            state = automaton.next(state, scalars[end - 1].value)
                        }
                        if liveStates[setIndex]?[state] == false { return }
                        guard automaton.accepting[state] else { continue }
                    }
                    guard textMatches(index + 1, at: end) else { continue }
                    let part = String(String.UnicodeScalarView(scalars[position..<end]))
                    if case .regular = set {} else if !set.contains(part) { continue }
                    parts.append(part)
                    walk(index + 1, end)
                    parts.removeLast()
                }
            }
        }
        walk(0, 0)
        return results
    }
}
