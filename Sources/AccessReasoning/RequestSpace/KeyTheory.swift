/// What one condition clause requires of a key's values in a request, in the form the
/// engine combines: whether an absent key satisfies it, and what a present key must satisfy.
///
/// A present value set `R` (one value for single-valued keys) must satisfy `present`:
/// `.member(S)` means `R ⊆ S` for single values, `.subset(S)` means `R ⊆ S`, and
/// `.intersects(S)` means `R ∩ S ≠ ∅`. Policies with variables or mixed types get a
/// lower and an upper bound; exact clauses have equal bounds.
struct KeyRequirement: Sendable {
    enum Present: Sendable {
        case always
        case never
        case subset(lower: ValueSet, upper: ValueSet)
        case intersects(lower: ValueSet, upper: ValueSet)
    }

    /// Whether the clause holds when the key is absent (or present with no values).
    var holdsWhenAbsent: Bool
    var present: Present
    /// Why the bounds differ, when they do; nil for exact requirements.
    var approximation: String?

    /// The requirement that holds exactly where this one does not, taken on the side that
    /// keeps the engine's answer sound: `sound == .upper` asks for a superset of the
    /// clause's requests, `.lower` for a subset.
    enum Side { case lower, upper }

    /// The requirement for asserting the clause true (`upper` side) or false (negation of
    /// the `lower` side), so that approximations only ever add requests.
    func asserted(_ truth: Bool) -> (holdsWhenAbsent: Bool, present: ResolvedPresent) {
        if truth {
            return (holdsWhenAbsent, resolved(.upper))
        }
        return (!holdsWhenAbsent, resolved(.lower).negated)
    }

    private func resolved(_ side: Side) -> ResolvedPresent {
        switch present {
        case .always: return .always
        case .never: return .never
        case .subset(let lower, let upper): return .subset(side == .lower ? lower : upper)
        case .intersects(let lower, let upper): return .intersects(side == .lower ? lower : upper)
        }
    }
}

/// A requirement on a present value set with one bound chosen.
enum ResolvedPresent: Sendable {
    case always
    case never
    case subset(ValueSet)
    case intersects(ValueSet)

    /// For a non-empty `R`: not (R ⊆ A) is R ∩ Aᶜ ≠ ∅, and not (R ∩ B ≠ ∅) is R ⊆ Bᶜ.
    var negated: ResolvedPresent {
        switch self {
        case .always: return .never
        case .never: return .always
        case .subset(let set): return .intersects(set.complement)
        case .intersects(let set): return .subset(set.complement)
        }
    }
}

/// The state of one condition key during a search: the conjunction of every requirement
/// asserted so far, and whether some request still satisfies all of them.
///
/// For a multivalued key, a present set `R` must lie inside `superset` (the intersection of
/// every `⊆` requirement) and meet every set in `required`; for a single-valued key the
/// two coincide, since a one-element set meets `B` exactly when it lies inside it.
struct KeyTheory: Sendable {
    /// The key as a policy writes it.
    let displayName: String
    let isMultiValued: Bool
    /// Whether the key may be absent from the request.
    private(set) var mayBeAbsent: Bool
    /// Whether the key may be present.
    private(set) var mayBePresent: Bool
    private(set) var superset: ValueSet
    private(set) var required: [ValueSet]

    init(displayName: String, universe: ValueSet, isMultiValued: Bool, mayBePresent: Bool = true) {
        self.displayName = displayName
        self.isMultiValued = isMultiValued
        self.mayBeAbsent = true
        self.mayBePresent = mayBePresent
        self.superset = universe
        self.required = []
    }

    /// Adds a requirement; returns nil when no request satisfies the result.
    func asserting(_ requirement: KeyRequirement, _ truth: Bool) throws(AutomatonTooLarge) -> KeyTheory? {
        let (holdsWhenAbsent, present) = requirement.asserted(truth)
        var result = self
        result.mayBeAbsent = mayBeAbsent && holdsWhenAbsent
        switch present {
        case .always:
            break
        case .never:
            result.mayBePresent = false
        case .subset(let set):
            result.superset = try superset.intersection(set)
        case .intersects(let set):
            if isMultiValued {
                result.required.append(set)
            } else {
                result.superset = try superset.intersection(set)
            }
        }
        return try result.isSatisfiable ? result : nil
    }

    /// Whether the key can still be absent, or present with values meeting every requirement.
    var isSatisfiable: Bool {
        get throws(AutomatonTooLarge) {
            if mayBeAbsent { return true }
            return try presentIsSatisfiable
        }
    }

    var presentIsSatisfiable: Bool {
        get throws(AutomatonTooLarge) {
            guard mayBePresent, !superset.isEmpty else { return false }
            for set in required where try superset.intersection(set).isEmpty {
                return false
            }
            return true
        }
    }

    /// Values for a witness: nil for an absent key, otherwise one value per requirement
    /// (at least one). An absent key is preferred when allowed.
    func witnessValues() throws(AutomatonTooLarge) -> [String]? {
        if mayBeAbsent { return nil }
        var values: [String] = []
        for set in required {
            if let value = try superset.intersection(set).witness, !values.contains(value) {
                values.append(value)
            }
        }
        if values.isEmpty, let value = superset.witness {
            values.append(value)
        }
        return values
    }
}
