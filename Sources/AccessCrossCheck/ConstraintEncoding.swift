import AccessReasoning
import PolicyLanguage
import Synchronization

extension QueryEncoder {
    /// The requests a `RequestConstraint` describes, from its documentation.
    func constraint(_ constraint: RequestConstraint) throws -> SMTTerm {
        let accountIdentities = PrincipalCase.allCases.filter(\.isAccountIdentity)
        switch constraint {
        case .any:
            return smt.bool(true)
        case .actions(let patterns):
            return try actionMatches(patterns, negated: false)
        case .resources(let patterns):
            var alternatives: [SMTTerm] = []
            for pattern in patterns {
                alternatives.append(try regex.arnMatches(resource, Glob(pattern: pattern)))
            }
            return smt.or(alternatives)
        case .principalAccounts(let accounts):
            var named: [SMTTerm] = []
            for account in accounts {
                named.append(smt.equal(try principal.account, try smt.string(account)))
            }
            return smt.and([principal.isCase(smt, in: accountIdentities), smt.or(named)])
        case .principalClasses(let classes):
            return principal.isCase(smt, in: classes.flatMap(Self.cases(of:)))
        case .serviceSourceAccounts(let accounts):
            var named: [SMTTerm] = []
            for account in accounts {
                named.append(smt.equal(try principal.sourceAccount, try smt.string(account)))
            }
            return smt.and([principal.isCase(smt, in: [.serviceForRegionalResource, .serviceForGlobalResource]), smt.or(named)])
        case .principalNamed(let entry):
            return try principalMatches(PrincipalElement(isNegated: false, entries: [entry], pointer: .root))
        case .futureActions(let patterns):
            // Outside the catalog: no catalog action that the patterns match.
            var excluded: [SMTTerm] = []
            for name in try FutureActions.catalogMatches(patterns, catalog: catalog) {
                excluded.append(smt.not(smt.equal(action, try smt.string(name))))
            }
            return smt.and([try actionMatches(patterns, negated: false)] + excluded)
        case .keyAbsent(let key):
            return smt.not(try self.key(key).present)
        case .condition(let operatorName, let key, let values):
            let clause = ConditionClause(
                operatorName: Located(operatorName), conditionOperator: ConditionOperator(name: operatorName),
                key: Located(key), values: values.map { ConditionValue(text: $0) })
            return try self.clause(clause, variables: false)
        case .all(let parts):
            var terms: [SMTTerm] = []
            for part in parts { terms.append(try self.constraint(part)) }
            return smt.and(terms)
        case .either(let parts):
            var terms: [SMTTerm] = []
            for part in parts { terms.append(try self.constraint(part)) }
            return smt.or(terms)
        case .not(let inner):
            return smt.not(try self.constraint(inner))
        }
    }

    static func cases(of principalClass: PrincipalClass) -> [PrincipalCase] {
        switch principalClass {
        case .anonymous: return [.anonymous]
        case .accountIdentity: return PrincipalCase.allCases.filter(\.isAccountIdentity)
        case .service: return PrincipalCase.allCases.filter(\.isService)
        case .serviceForResource: return [.serviceForRegionalResource, .serviceForGlobalResource]
        case .federatedProvider: return [.federatedProvider]
        case .canonicalUser: return [.canonicalUser]
        }
    }
}

/// The catalog actions that action patterns match, for constraints on actions outside the
/// catalog; kept per pattern list, because findings ask about the same services again and again.
enum FutureActions {
    /// Above this many catalog actions, excluding them one by one makes a query too large.
    static let maximumExcluded = 2_000

    private static let cache = Mutex<[[String]: [String]]>([:])

    static func catalogMatches(_ patterns: [String], catalog: ActionCatalog) throws -> [String] {
        if let known = cache.withLock({ $0[patterns] }) { return known }
        var names: Set<String> = []
        for pattern in patterns {
            let lowered = CaseFolding.lowercased(pattern)
            let glob = Glob(pattern: lowered)
            var services = catalog.services
            if let colon = lowered.firstIndex(of: ":") {
                let prefix = Glob(pattern: String(lowered[..<colon]))
                if !prefix.hasWildcards {
                    services = catalog.service(prefix: prefix.description).map { [$0] } ?? []
                }
            }
            for service in services {
                for action in service.actions {
                    let name = CaseFolding.lowercased(action.fullName)
                    if glob.matches(name) { names.insert(name) }
                }
            }
            guard names.count <= maximumExcluded else {
                throw EncodingGap(description: "the patterns \(patterns) match over \(maximumExcluded) catalog actions, too many to exclude")
            }
        }
        let sorted = names.sorted()
        cache.withLock { $0[patterns] = sorted }
        return sorted
    }
}
