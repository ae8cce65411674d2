import PolicyLanguage

/// The condition values that the policies test each key against, mined so that a finding
/// can name the conditions restricting its access, as IAM Access Analyzer's do.
struct ConditionAtoms: Sendable {
    /// One value a key is compared with, and the positive operator that compares it.
    struct Atom: Sendable, Equatable {
        /// The operator without negation or `IfExists`, with `ForAnyValue:` for multivalued keys.
        let operatorName: String
        let value: String
    }

    /// One key with the values the policies compare it with.
    struct Key: Sendable {
        /// The key as first written.
        let name: String
        /// In order of appearance.
        var atoms: [Atom]

        /// Returns the requests whose value matches the atom.
        func matching(_ atom: Atom) -> RequestConstraint {
            .condition(operator: atom.operatorName, key: name, values: [atom.value])
        }

        /// Requests without the key, or whose values match none of the atoms.
        var matchingNone: RequestConstraint {
            .all(atoms.map { .not(matching($0)) })
        }
    }

    private(set) var keys: [Key] = []

    /// Mines the keys of every condition clause except `Null`, which tests presence only.
    init(_ documents: [PolicyDocument], catalog: ActionCatalog) {
        var index: [String: Int] = [:]
        for document in documents {
            for statement in document.statements {
                for clause in statement.conditions {
                    guard let conditionOperator = clause.conditionOperator, conditionOperator.base != .null else { continue }
                    let multivalued = conditionOperator.qualifier != nil
                        || (catalog.conditionKey(named: clause.key.value)?.type.isMultiValued ?? false)
                    let operatorName = (multivalued ? "ForAnyValue:" : "") + conditionOperator.base.positive.rawValue
                    let key = clause.normalizedKey
                    let position: Int
                    if let known = index[key] {
                        position = known
                    } else {
                        position = keys.count
                        index[key] = position
                        keys.append(Key(name: clause.key.value, atoms: []))
                    }
                    for value in clause.values {
                        let atom = Atom(operatorName: operatorName, value: value.text)
                        if !keys[position].atoms.contains(atom) {
                            keys[position].atoms.append(atom)
                        }
                    }
                }
            }
        }
    }
}
