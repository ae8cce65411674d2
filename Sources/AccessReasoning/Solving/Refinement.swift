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
}
