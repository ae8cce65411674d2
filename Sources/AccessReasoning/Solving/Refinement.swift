import PolicyLanguage

extension RequestCell {
    /// The cells, disjoint, that hold exactly the requests of this cell for which the
    /// atomic predicate has the given truth value. Non-atomic predicates are the search's job.
    func refined(by predicate: Predicate, _ truth: Bool) throws(AutomatonTooLarge) -> [RequestCell] {
        switch predicate {
        case .constant(let value):
            return value == truth ? [self] : []
        case .kinds(let kinds):
            return kinds.contains(kind) == truth ? [self] : []
        case .component(let component, let set):
            guard let current = self.component(component) else {
                return truth ? [] : [self]
            }
            let narrowed = try current.intersection(truth ? set : set.complement)
            return narrowed.isEmpty ? [] : [replacing(component, with: narrowed)]
        case .derived(let atom):
            return try refined(by: atom, truth)
        case .key(let atom):
            guard let theory = try theory(for: atom).asserting(atom.requirement, truth) else { return [] }
            var result = self
            result.keys[atom.key] = theory
            return [result]
        case .action(let set):
            let narrowed = try action.intersection(truth ? set : set.complement)
            guard try !narrowed.isEmpty else { return [] }
            var result = self
            result.action = narrowed
            return [result]
        case .resource(let lower, let upper):
            let narrowed = try resource.intersection(truth ? upper : lower.complement)
            guard !narrowed.isEmpty else { return [] }
            var result = self
            result.resource = narrowed
            return [result]
        case .approximated(let name, let inner):
            if let assumed = assumptions[name], assumed != truth {
                return []
            }
            var result = self
            result.assumptions[name] = truth
            return try result.refined(by: inner, truth)
        case .and, .or, .not:
            preconditionFailure("refined(by:) takes atomic predicates; the search splits \(predicate)")
        }
    }

    func replacing(_ component: PrincipalComponent, with set: StringSet) -> RequestCell {
        var result = self
        result.components[component.rawValue] = set
        return result
    }

    /// Applies a clause on a principal-derived key: the key is absent for kinds that do not
    /// carry it; otherwise its value is assembled from components, and the clause's value
    /// set is split over those components.
    func refined(by atom: DerivedAtom, _ truth: Bool) throws(AutomatonTooLarge) -> [RequestCell] {
        let (holdsWhenAbsent, present) = atom.requirement.asserted(truth)
        if atom.key == .callerAccount {
            return try refinedOnKMSActions(by: atom, truth, holdsWhenAbsent: holdsWhenAbsent)
        }
        guard let pieces = PrincipalModel.template(atom.key, kind: kind) else {
            return holdsWhenAbsent ? [self] : []
        }
        if atom.key.mayBeAbsent {
            switch derivedPresence[atom.key] {
            case false?:
                return holdsWhenAbsent ? [self] : []
            case true?:
                break
            case nil:
                var absent = self
                absent.derivedPresence[atom.key] = false
                var withKey = self
                withKey.derivedPresence[atom.key] = true
                return (holdsWhenAbsent ? [absent] : []) + (try withKey.refined(by: atom, truth))
            }
        }
        switch present {
        case .always:
            return [self]
        case .never:
            return []
        case .subset(let set), .intersects(let set):
            if case .booleans(let booleans) = set {
                let text = pieces.compactMap { if case .text(let text) = $0 { return text } else { return nil } }.joined()
                return booleans.contains(text == "true") ? [self] : []
            }
            guard case .strings(let strings) = set else { return [] }
            if pieces.allSatisfy({ if case .text = $0 { return true } else { return false } }) {
                let text = pieces.compactMap { if case .text(let text) = $0 { return text } else { return nil } }.joined()
                return strings.contains(text) ? [self] : []
            }
            if let cells = try refinedByListedValues(pieces, strings) {
                return cells
            }
            return try decompose(pieces, over: strings.automaton())
        }
    }

    /// Applies a clause on `kms:CallerAccount`, which AWS KMS requests carry as the caller's
    /// account and other requests lack: the cell splits on whether the action is a KMS one.
    func refinedOnKMSActions(by atom: DerivedAtom, _ truth: Bool, holdsWhenAbsent: Bool) throws(AutomatonTooLarge) -> [RequestCell] {
        let kms = try ActionSet.matching("kms:*", catalog: action.catalog)
        var result: [RequestCell] = []
        var onKMS = self
        onKMS.action = try action.intersection(kms)
        if try !onKMS.action.isEmpty {
            result += try onKMS.refined(by: DerivedAtom(key: .principalAccount, requirement: atom.requirement), truth)
        }
        var elsewhere = self
        elsewhere.action = try action.intersection(kms.complement)
        if holdsWhenAbsent {
            let isEmpty = try elsewhere.action.isEmpty
            if !isEmpty {
                result.append(elsewhere)
            }
        }
        return result
    }

    /// The cells whose assembled value the automaton accepts: one cell per run of the
    /// automaton through the template, with each component narrowed to the strings that
    /// lead from the run's state before it to the state after it. The automaton is
    /// deterministic, so the runs, and the cells, are disjoint.
    func decompose(_ pieces: [TemplatePiece], over automaton: Automaton) throws(AutomatonTooLarge) -> [RequestCell] {
        let live = automaton.liveStates
        var results: [RequestCell] = []
        // Runs are found on states alone, and a run's component sets are computed only when
        // it reaches acceptance, because most runs die on a later text piece.
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
            guard live[state] else { return }
            guard index < pieces.count else {
                if automaton.accepting[state] { try complete(cell) }
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
                for target in automaton.reachableStates(from: state) where live[target] {
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

extension Automaton {
    /// The states reachable from `state`, itself included, in order of discovery.
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
}
