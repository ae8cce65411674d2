import CloudResources
import PolicyLanguage
import Synchronization

/// A check that proves, without the full query about a resource, that no principal outside
/// the zone of trust gets in.
///
/// A request is allowed only when some Allow statement matches it. So when no Allow
/// statement's principal and conditions admit an external principal, whatever the action and
/// resource, the resource has no findings. The screen queries each Allow statement on its
/// own, with `Action` and `Resource` widened to `*` and without the Deny statements.
/// These queries no longer name the resource, so a statement that many resources share (a
/// service's trust, the owner account's key access, a log delivery grant) is decided once.
/// A widened query covers more requests than the resource's own query, so its "no access"
/// is exact. On any other result the full analysis runs.
final class ExternalAccessScreen: Sendable {
    /// A widened statement, with the settings that its result depends on.
    struct Key: Hashable {
        let document: PolicyDocument
        let ownerAccount: String
        let excludesAnonymousCallers: Bool
        let servicePrincipalsAreInternal: Bool
        let zoneAccounts: [String]
        let organization: String?

        static func == (lhs: Key, rhs: Key) -> Bool {
            lhs.ownerAccount == rhs.ownerAccount && lhs.excludesAnonymousCallers == rhs.excludesAnonymousCallers
                && lhs.servicePrincipalsAreInternal == rhs.servicePrincipalsAreInternal
                && lhs.zoneAccounts == rhs.zoneAccounts && lhs.organization == rhs.organization
                && lhs.document.hasSameContent(as: rhs.document)
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(ownerAccount)
            hasher.combine(excludesAnonymousCallers)
            hasher.combine(servicePrincipalsAreInternal)
            hasher.combine(document.version?.value.rawValue)
            for statement in document.statements {
                hasher.combine(statement.principal?.isNegated)
                for entry in statement.principal?.entries ?? [] {
                    hasher.combine(entry.kind)
                    hasher.combine(entry.value)
                }
                for clause in statement.conditions {
                    hasher.combine(clause.operatorName.value)
                    hasher.combine(clause.key.value)
                    for value in clause.values {
                        hasher.combine(value.text)
                    }
                }
            }
        }
    }

    /// The maximum number of stored results. Past it the table starts over, which bounds its memory.
    static let capacity = 4_096

    /// Whether each widened statement admits an external principal. Undecided queries are not stored.
    private let answers = Mutex<[Key: Bool]>([:])

    /// The number of stored results.
    var storedAnswers: Int {
        answers.withLock { $0.count }
    }

    /// Returns true when the documents provably allow no request from outside the zone of
    /// trust. Returns false when some Allow statement may allow one or cannot be screened.
    func provesNoExternalAccess(
        _ subject: ResourceAccess, zone: ZoneOfTrust, engine: AccessEngine
    ) throws(EngineInternalError) -> Bool {
        for access in subject.documents {
            for statement in access.document.statements {
                guard !statement.hasReadErrors, let effect = statement.effect?.value else { return false }
                guard effect == .allow else { continue }
                guard let widened = Self.widened(statement, of: access.document) else { return false }
                let key = Key(
                    document: widened, ownerAccount: subject.ownerAccount,
                    excludesAnonymousCallers: subject.excludesAnonymousCallers,
                    servicePrincipalsAreInternal: subject.servicePrincipalsAreInternal,
                    zoneAccounts: zone.accounts, organization: zone.organization)
                if let admits = answers.withLock({ $0[key] }) {
                    if admits { return false }
                    continue
                }
                let admits: Bool
                let external = FindingsAnalyzer.externalCallers(subject, zone: zone)
                switch try engine.prepare([widened], bindings: FindingsAnalyzer.resourceBindings(subject)).allowed(within: .all(external)) {
                case .noAccess: admits = false
                case .access: admits = true
                case .unknown: return false
                }
                answers.withLock { entries in
                    if entries.count >= Self.capacity {
                        entries.removeAll(keepingCapacity: true)
                    }
                    entries[key] = admits
                }
                if admits { return false }
            }
        }
        return true
    }

    /// Returns the statement alone in a document of the same version, with `Action` and
    /// `Resource` set to `*`. Returns nil for a statement without a principal, because only
    /// statements with one are screened.
    static func widened(_ statement: Statement, of document: PolicyDocument) -> PolicyDocument? {
        guard let principal = statement.principal else { return nil }
        let everything = [Located("*")]
        let alone = Statement(
            index: 0, pointer: .root, effect: statement.effect, principal: principal,
            action: ActionElement(isNegated: false, patterns: everything, pointer: .root),
            resource: ResourceElement(isNegated: false, patterns: everything, pointer: .root),
            conditions: statement.conditions)
        return PolicyDocument(version: document.version, statements: [alone])
    }
}
