import PolicyLanguage

/// The kinds of principal a constraint can name.
public enum PrincipalClass: String, CaseIterable, Sendable {
    case anonymous
    /// The root user, IAM users, role sessions and federated users of AWS accounts.
    case accountIdentity
    case service
    /// AWS service principals acting for a resource, such as a topic that publishes to a queue.
    case serviceForResource
    /// Users of web identity and SAML providers.
    case federatedProvider
    case canonicalUser

    var kinds: Set<PrincipalKind> {
        switch self {
        case .anonymous: return [.anonymous]
        case .accountIdentity: return Set(PrincipalKind.allCases.filter(\.isAccountIdentity))
        case .service: return Set(PrincipalKind.allCases.filter(\.isService))
        case .serviceForResource: return [.serviceForRegionalResource, .serviceForGlobalResource]
        case .federatedProvider: return [.federatedProvider]
        case .canonicalUser: return [.canonicalUser]
        }
    }
}

/// A restriction on the requests a query considers, such as "actions matching s3:Delete*"
/// or "principals outside these accounts".
public indirect enum RequestConstraint: Sendable {
    case any
    /// The action matches one of these patterns (case-insensitive globs).
    case actions([String])
    /// The resource matches one of these ARN patterns.
    case resources([String])
    /// The principal is an identity of one of these accounts.
    case principalAccounts([String])
    /// The principal is of one of these classes.
    case principalClasses(Set<PrincipalClass>)
    /// The principal is an AWS service acting for a resource owned by one of these accounts.
    case serviceSourceAccounts([String])
    /// The principal is one that a `Principal` element listing this one value would match.
    case principalNamed(PrincipalEntry)
    /// The action is outside the catalog and matches one of these patterns: an action AWS may
    /// add later.
    case futureActions([String])
    /// The condition key is absent from the request.
    case keyAbsent(String)
    /// The request satisfies a condition written as in a policy, such as
    /// `StringNotEquals aws:SourceAccount ["111122223333"]`.
    case condition(operator: String, key: String, values: [String])
    case all([RequestConstraint])
    case either([RequestConstraint])
    case not(RequestConstraint)

    func predicate(catalog: ActionCatalog, cache: LeafPredicateCache? = nil) throws(CompilationError) -> Predicate {
        if let cache, let kind = leafKind {
            let key = LeafPredicateCache.Key(kind: kind.kind, patterns: kind.patterns, stateLimit: AutomatonLimit.states)
            return try cache.predicate(key) { () throws(CompilationError) -> Predicate in try predicate(catalog: catalog) }
        }
        switch self {
        case .any:
            return .alwaysTrue
        case .actions(let patterns):
            return try sized { () throws(AutomatonTooLarge) -> Predicate in
                .action(try ActionSet.matchingAny(patterns, catalog: catalog))
            }
        case .resources(let patterns):
            return try sized { () throws(AutomatonTooLarge) -> Predicate in
                let union = try StringSet.arnPatterns(patterns.map(Glob.init(pattern:)))
                return .resource(lower: union, upper: union)
            }
        case .principalNamed(let entry):
            return try sized { () throws(AutomatonTooLarge) -> Predicate in
                try PrincipalCompiler.compile(PrincipalElement(isNegated: false, entries: [entry], pointer: .root))
            }
        case .futureActions(let patterns):
            return try sized { () throws(AutomatonTooLarge) -> Predicate in
                var names = StringSet.empty
                for pattern in patterns {
                    names = try names.union(StringSet.stringLike(Glob(pattern: CaseFolding.lowercased(pattern))))
                }
                return .action(ActionSet.uncataloged(names, catalog: catalog))
            }
        case .principalAccounts(let accounts):
            return .all([.kinds(PrincipalClass.accountIdentity.kinds), .component(.account, .literals(accounts))])
        case .principalClasses(let classes):
            return .kinds(classes.reduce(into: Set<PrincipalKind>()) { $0.formUnion($1.kinds) })
        case .serviceSourceAccounts(let accounts):
            return .all([.kinds([.serviceForRegionalResource, .serviceForGlobalResource]), .component(.sourceAccount, .literals(accounts))])
        case .keyAbsent(let key):
            let lowered = CaseFolding.lowercased(key)
            if let derived = DerivedKey(key: lowered) {
                // A derived key is absent for the kinds that do not carry it, and also where a
                // kind may leave it out: services acting for a resource need not send the source
                // keys, and kms:CallerAccount is absent from actions of other services.
                let requirement = KeyRequirement(holdsWhenAbsent: true, present: .never, approximation: nil)
                return .derived(DerivedAtom(key: derived, requirement: requirement))
            }
            let requirement = KeyRequirement(holdsWhenAbsent: true, present: .never, approximation: nil)
            // The key keeps its documented type: a cell that meets this atom first starts the
            // key's values from this type, and the policies' clauses on the key use theirs.
            let definition = catalog.conditionKey(named: key)
            let valueType = definition.map { $0.type.valueType == .arn ? ConditionValueType.string : $0.type.valueType } ?? .string
            return .key(KeyAtom(
                key: lowered, displayName: key, valueType: valueType, isMultiValued: definition?.type.isMultiValued ?? false,
                requirement: requirement))
        case .condition(let operatorName, let key, let values):
            let clause = ConditionClause(
                operatorName: Located(operatorName), conditionOperator: ConditionOperator(name: operatorName),
                key: Located(key), values: values.map { ConditionValue(text: $0) })
            return try ConditionCompiler(catalog: catalog, variables: false).compile(clause)
        case .all(let parts):
            var predicates: [Predicate] = []
            for part in parts {
                predicates.append(try part.predicate(catalog: catalog, cache: cache))
            }
            return .all(predicates)
        case .either(let parts):
            var predicates: [Predicate] = []
            for part in parts {
                predicates.append(try part.predicate(catalog: catalog, cache: cache))
            }
            return .any(predicates)
        case .not(let inner):
            return .not(try inner.predicate(catalog: catalog, cache: cache))
        }
    }

    /// The kind and texts of a leaf constraint, whose predicate an engine caches: everything
    /// its predicate depends on.
    private var leafKind: (kind: LeafPredicateCache.Key.Kind, patterns: [String])? {
        switch self {
        case .actions(let patterns): return (.actions, patterns)
        case .futureActions(let patterns): return (.futureActions, patterns)
        case .resources(let patterns): return (.resources, patterns)
        case .principalNamed(let entry): return (.principalNamed, [entry.kind?.rawValue ?? "*", entry.value])
        case .principalAccounts(let accounts): return (.principalAccounts, accounts)
        case .principalClasses(let classes): return (.principalClasses, classes.map(\.rawValue).sorted())
        case .serviceSourceAccounts(let accounts): return (.serviceSourceAccounts, accounts)
        case .keyAbsent(let key): return (.keyAbsent, [key])
        case .condition(let operatorName, let key, let values): return (.condition, [operatorName, key] + values)
        case .any, .all, .either, .not: return nil
        }
    }

    private func sized(_ body: () throws(AutomatonTooLarge) -> Predicate) throws(CompilationError) -> Predicate {
        do throws(AutomatonTooLarge) {
            return try body()
        } catch {
            throw CompilationError(reason: "the query's constraint needs an automaton of over \(error.states) states", location: nil)
        }
    }
}
