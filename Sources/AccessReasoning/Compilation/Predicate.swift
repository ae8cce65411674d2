import PolicyLanguage

/// A constraint on one condition key, compiled from a condition clause.
struct KeyAtom: Sendable {
    /// The key, lowercased.
    let key: String
    /// The key as the policy writes it, for witnesses.
    let displayName: String
    let valueType: ConditionValueType
    let isMultiValued: Bool
    let requirement: KeyRequirement
}

/// A constraint on a principal-derived key such as `aws:PrincipalArn`.
struct DerivedAtom: Sendable {
    let key: DerivedKey
    let requirement: KeyRequirement
}

/// Formulas over requests, built from the elements of policy statements.
indirect enum Predicate: Sendable {
    case constant(Bool)
    case and([Predicate])
    case or([Predicate])
    case not(Predicate)
    /// The principal is of one of these kinds.
    case kinds(Set<PrincipalKind>)
    /// The principal has the component and its value is in the set.
    case component(PrincipalComponent, StringSet)
    case derived(DerivedAtom)
    case key(KeyAtom)
    case action(ActionSet)
    /// The resource is in the set; `lower` and `upper` differ when the set is approximated.
    case resource(lower: StringSet, upper: StringSet)
    /// An approximated atom, named by the policy text it comes from. The search gives each
    /// name one truth value per cell, so the same text in two statements or policies takes
    /// the same value, as it does on every real request.
    case approximated(name: String, Predicate)

    static let alwaysTrue = Predicate.constant(true)
    static let alwaysFalse = Predicate.constant(false)

    static func all(_ parts: [Predicate]) -> Predicate {
        let kept = parts.filter { if case .constant(true) = $0 { return false } else { return true } }
        if kept.contains(where: { if case .constant(false) = $0 { return true } else { return false } }) {
            return .alwaysFalse
        }
        if kept.isEmpty { return .alwaysTrue }
        return kept.count == 1 ? kept[0] : .and(kept)
    }

    static func any(_ parts: [Predicate]) -> Predicate {
        let kept = parts.filter { if case .constant(false) = $0 { return false } else { return true } }
        if kept.contains(where: { if case .constant(true) = $0 { return true } else { return false } }) {
            return .alwaysTrue
        }
        if kept.isEmpty { return .alwaysFalse }
        return kept.count == 1 ? kept[0] : .or(kept)
    }
}
