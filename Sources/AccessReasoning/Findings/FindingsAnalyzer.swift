import CloudResources
import PolicyLanguage

/// Turns the engine's results into IAM Access Analyzer's findings: one per class of external
/// principals (any principal, each named account, user or role, each federated provider,
/// canonical user and service), with the conditions that restrict it, the actions it gets,
/// whether it is public, the statements that grant it and a confirmed witness request.
///
/// Together the findings cover every request that the documents allow to a principal outside
/// the zone of trust, and none subsumes another.
public struct FindingsAnalyzer: Sendable {
    public let engine: AccessEngine
    /// Results of the queries about single statements, shared by the copies of this analyzer.
    let screen: ExternalAccessScreen

    public init(engine: AccessEngine) {
        self.init(engine: engine, screen: ExternalAccessScreen())
    }

    init(engine: AccessEngine, screen: ExternalAccessScreen) {
        self.engine = engine
        self.screen = screen
    }

    /// Returns the findings of a resource, with Block Public Access and the other settings
    /// of its configuration applied.
    public func analyze(_ access: ResourceAccess, zone: ZoneOfTrust) throws(EngineInternalError) -> ResourceFindings {
        // A policy makes a query per class of principals and per statement, so the queries
        // about one resource share one time limit. With a limit per query, a policy of 500
        // statements took 100 s.
        var limitedEngine = engine
        limitedEngine.limits.deadline = ContinuousClock.now.advanced(by: engine.limits.timeLimit)
        return try FindingsAnalyzer(engine: limitedEngine, screen: screen).analyzeWithinLimits(access, zone: zone)
    }

    func analyzeWithinLimits(_ access: ResourceAccess, zone: ZoneOfTrust) throws(EngineInternalError) -> ResourceFindings {
        var result = ResourceFindings(
            resource: access.resource, resourceType: access.resourceType, status: .analyzed, rejections: access.rejections)
        if !access.unknowns.isEmpty {
            result.status = .unknown
            result.reason = "not known: " + access.unknowns.joined(separator: "; ")
            return result
        }
        var confined: ResourceAccess?
        let original = try findings(for: access, zone: zone)
        var outcome = original
        if access.restrictsPublicPolicy, case .analyzed(let found) = outcome,
           found.contains(where: { $0.isPublic && $0.sources.contains { Self.restrictedSources.contains($0.type) } }) {
            // RestrictPublicBuckets: a public policy keeps only the owner's and AWS services' access.
            let subject = Self.restrictedToOwner(access)
            confined = subject
            outcome = try findings(for: subject, zone: zone)
        }
        switch outcome {
        case .unknown(let reason):
            result.status = .unknown
            result.reason = reason
        case .analyzed(var found):
            if access.neverPublicBecause != nil {
                for index in found.indices {
                    found[index].isPublic = false
                }
            }
            result.findings = found
            result.effectiveAccess = confined
        }
        // Block Public Access refuses public policies and ACLs when they are deployed.
        let publicSources = Set(original.publicSourceTypes)
        for (type, rejection) in access.rejectsPublic.sorted(by: { $0.key < $1.key }) where publicSources.contains(type) {
            result.rejections.append(rejection)
        }
        return result
    }

    /// The sources that `RestrictPublicBuckets` confines.
    static let restrictedSources: Set<AccessSourceType> = [.policy, .s3AccessPoint]

    /// Returns the configuration with its policies and access point policies confined to the
    /// owner account's principals and to AWS service principals.
    static func restrictedToOwner(_ access: ResourceAccess) -> ResourceAccess {
        var subject = access
        subject.documents = access.documents.map { document in
            restrictedSources.contains(document.sourceType) ? restrictedToOwner(document, owner: access.ownerAccount) : document
        }
        return subject
    }

    /// Returns the document with each Allow statement confined to the owner account's
    /// principals and to AWS service principals, as `RestrictPublicBuckets` confines it.
    static func restrictedToOwner(_ access: AccessDocument, owner: String) -> AccessDocument {
        var document = access.document
        var statements: [Statement] = []
        for statement in access.document.statements {
            guard statement.effect?.value == .allow else {
                statements.append(statement)
                continue
            }
            for (operatorName, key, value) in [("StringEquals", "aws:PrincipalAccount", owner), ("Bool", "aws:PrincipalIsAWSService", "true")] {
                var copy = statement
                copy.conditions.append(ConditionClause(
                    operatorName: Located(operatorName), conditionOperator: ConditionOperator(name: operatorName),
                    key: Located(key), values: [ConditionValue(text: value)]))
                statements.append(copy)
            }
        }
        document.statements = statements
        return AccessDocument(document: document, sourceType: access.sourceType, detail: access.detail)
    }

    /// The findings of the documents as they are, before the resource's settings apply.
    enum Outcome {
        case analyzed([Finding])
        case unknown(String)

        var publicSourceTypes: [AccessSourceType] {
            guard case .analyzed(let findings) = self else { return [] }
            return findings.filter(\.isPublic).flatMap { $0.sources.map(\.type) }
        }
    }

    func findings(for subject: ResourceAccess, zone: ZoneOfTrust) throws(EngineInternalError) -> Outcome {
        if try screen.provesNoExternalAccess(subject, zone: zone, engine: engine) {
            return .analyzed([])
        }
        let documents = subject.documents.map(\.document)
        let bindings = Self.resourceBindings(subject)
        let prepared = engine.prepare(documents, bindings: bindings)
        let external = externalRequests(subject, zone: zone)
        let anyAction: RequestConstraint = .either([.actions(subject.actions), .futureActions(subject.services.map { "\($0):*" })])
        // Each Allow statement, with every Deny, decides the access it grants on its own, so
        // that statements granting under different conditions make different findings.
        let grants = AllowGrant.split(documents)
        // A grant that keeps every statement is the documents themselves: its queries are the
        // ones already asked.
        let soleGrant = grants.count == 1 && zip(grants[0].documents, documents).allSatisfy { $0.statements.count == $1.statements.count }
        var preparedGrants: [Int: PreparedPolicies] = soleGrant ? [0: prepared] : [:]

        // The classes cover every external principal: when none gets in, no class does. Most
        // resources end here, after one query instead of one per class.
        if case .success(false) = try reaches(prepared, .all([external, anyAction])) {
            return .analyzed([])
        }
        var findings: [Finding] = []
        for findingClass in FindingClasses.classes(in: documents, zone: zone) {
            let classRequests: RequestConstraint = .all([external, findingClass.constraint])
            switch try reaches(prepared, .all([classRequests, anyAction])) {
            case .failure(let reason): return .unknown("access of \(findingClass.principal) could not be decided: \(reason.text)")
            case .success(false): continue
            case .success(true): break
            }
            var groups: [Group] = []
            for (index, grant) in grants.enumerated() {
                let grantPolicies = preparedGrants[index] ?? engine.prepare(grant.documents, bindings: bindings)
                preparedGrants[index] = grantPolicies
                switch soleGrant ? .success(true) : try reaches(grantPolicies, .all([classRequests, anyAction])) {
                case .failure(let reason): return .unknown("access of \(findingClass.principal) could not be decided: \(reason.text)")
                case .success(false): continue
                case .success(true): break
                }
                let granted: [GrantedAction]
                switch try grantedActions(classRequests, grant: grant, subject: subject, prepared: grantPolicies) {
                case .unknown(let reason): return .unknown(reason)
                case .analyzed(let actions): granted = actions
                }
                guard !granted.isEmpty else { continue }
                let atoms = ConditionAtoms(grant.documents, catalog: engine.catalog)
                var (condition, constraint) = atoms.keys.isEmpty
                    ? ([:], .any)
                    : try restrictingConditions(atoms, requests: .all([classRequests, .either(granted.map(\.constraint))]), prepared: grantPolicies)
                condition = Self.withoutRestatedPrincipal(condition, principal: findingClass.principal)
                if let existing = groups.firstIndex(where: { $0.condition == condition }) {
                    groups[existing].actions += granted.filter { action in !groups[existing].actions.contains { $0.name == action.name } }
                    groups[existing].constraint = .either([groups[existing].constraint, constraint])
                } else {
                    groups.append(Group(condition: condition, constraint: constraint, actions: granted))
                }
            }
            for group in groups {
                findings.append(finding(group, findingClass: findingClass, subject: subject))
            }
        }
        let kept = Subsumption.minimal(findings)
        return .analyzed(kept.map(identified).sorted { ($0.principal, $0.id) < ($1.principal, $1.id) })
    }

    /// Why a query could not be decided.
    struct Undecided: Error {
        let text: String
    }

    /// Returns whether the policies allow some of the requests, or why that is undecided.
    func reaches(_ prepared: PreparedPolicies, _ requests: RequestConstraint) throws(EngineInternalError) -> Result<Bool, Undecided> {
        switch try prepared.allowed(within: requests) {
        case .noAccess: return .success(false)
        case .access: return .success(true)
        case .unknown(let reason): return .failure(Undecided(text: reason))
        }
    }

    /// Actions of one class of principals that the same conditions restrict.
    struct Group {
        var condition: [String: [String]]
        var constraint: RequestConstraint
        var actions: [GrantedAction]
    }

    func finding(_ group: Group, findingClass: FindingClass, subject: ResourceAccess) -> Finding {
        let sorted = group.actions.sorted { ($0.isPattern ? 1 : 0, CaseFolding.lowercased($0.name)) < ($1.isPattern ? 1 : 0, CaseFolding.lowercased($1.name)) }
        let actions = sorted.map(\.name)
        let sources = Set(sorted.flatMap { action in
            action.witness.evaluation.decidingStatements.map { source(of: $0, in: subject) }
        })
        let levels = Set(actions.compactMap { engine.catalog.action(named: $0)?.accessLevel })
        return Finding(
            id: "",
            resource: subject.resource,
            resourceType: subject.resourceType,
            resourceOwnerAccount: subject.ownerAccount,
            principal: findingClass.principal,
            action: actions,
            accessLevels: levels.sorted().map(\.rawValue),
            condition: group.condition,
            isPublic: PublicAccess.isPublic(principal: findingClass.principal, condition: group.condition, resourceType: subject.resourceType),
            sources: sources.sorted { ($0.type, $0.file ?? "", $0.statementIndex) < ($1.type, $1.file ?? "", $1.statementIndex) },
            witness: sorted[0].witness,
            requests: .all([
                findingClass.whole, .resources(subject.requestResources), group.constraint,
                .either(sorted.map(\.constraint)),
            ]))
    }

    /// Returns the requests whose access the findings of a resource describe: those from
    /// outside the zone of trust to the resource, for its actions and the actions its services
    /// may add later.
    public func externalScope(_ subject: ResourceAccess, zone: ZoneOfTrust) -> RequestConstraint {
        let anyAction: RequestConstraint = .either([.actions(subject.actions), .futureActions(subject.services.map { "\($0):*" })])
        return .all([externalRequests(subject, zone: zone), anyAction])
    }

    /// Returns the known values of keys that describe the resource itself: its account.
    public static func resourceBindings(_ subject: ResourceAccess) -> [String: String] {
        subject.ownerAccount.isEmpty ? [:] : ["aws:resourceaccount": subject.ownerAccount]
    }

    /// Returns the requests from outside the zone of trust to the resource.
    func externalRequests(_ subject: ResourceAccess, zone: ZoneOfTrust) -> RequestConstraint {
        var parts = Self.externalCallers(subject, zone: zone)
        parts.insert(.resources(subject.requestResources), at: 1)
        return .all(parts)
    }

    /// Returns the parts of a constraint on requests from outside the zone of trust to any
    /// resource of the owner account, by the callers that the resource's settings let in.
    static func externalCallers(_ subject: ResourceAccess, zone: ZoneOfTrust) -> [RequestConstraint] {
        var parts: [RequestConstraint] = [zone.externalPrincipals]
        if !subject.ownerAccount.isEmpty {
            parts.append(.condition(operator: "StringEquals", key: "aws:ResourceAccount", values: [subject.ownerAccount]))
        }
        if subject.excludesAnonymousCallers {
            parts.append(.not(.principalClasses([.anonymous])))
        }
        if subject.servicePrincipalsAreInternal {
            parts.append(.not(.principalClasses([.service])))
        }
        return parts
    }

    /// Drops conditions that only restate the class's principal, such as `aws:PrincipalAccount`
    /// equal to the account a finding names.
    static func withoutRestatedPrincipal(_ condition: [String: [String]], principal: FindingPrincipal) -> [String: [String]] {
        guard principal.kind == .aws, !principal.isAnyPrincipal else { return condition }
        let account = ARN(principal.value)?.account ?? principal.value
        return condition.filter { key, values in
            switch CaseFolding.lowercased(key) {
            case "aws:principalaccount", "kms:calleraccount": return values != [account]
            case "aws:principalarn": return values != [principal.value]
            default: return true
            }
        }
    }

    /// Returns the keys whose values restrict the requests, with the mined values that admit
    /// some. A key restricts when no request outside all its mined values, or without it, is
    /// allowed.
    func restrictingConditions(
        _ atoms: ConditionAtoms, requests: RequestConstraint, prepared: PreparedPolicies
    ) throws(EngineInternalError) -> ([String: [String]], RequestConstraint) {
        var condition: [String: [String]] = [:]
        var constraints: [RequestConstraint] = []
        for key in atoms.keys {
            guard case .noAccess = try prepared.allowed(within: .all([requests, key.matchingNone])) else { continue }
            var admitting: [ConditionAtoms.Atom] = []
            for atom in key.atoms {
                if case .noAccess = try prepared.allowed(within: .all([requests, key.matching(atom)])) { continue }
                admitting.append(atom)
            }
            var values: [String] = []
            for atom in admitting where !values.contains(atom.value) {
                values.append(atom.value)
            }
            condition[key.name] = values
            constraints.append(.either(admitting.map { key.matching($0) }))
        }
        return (condition, .all(constraints))
    }

    /// An action a class of principals gets, or a pattern that grants actions outside the
    /// catalog, with a request that proves it.
    struct GrantedAction {
        let name: String
        let isPattern: Bool
        let witness: Witness

        var constraint: RequestConstraint {
            isPattern ? .futureActions([name]) : .actions([name])
        }
    }

    enum ActionsResult {
        case analyzed([GrantedAction])
        case unknown(String)
    }

    /// Returns the catalog actions the requests get through a grant, one witness each, then
    /// the patterns of the grant that cover actions outside the catalog.
    func grantedActions(
        _ requests: RequestConstraint, grant: AllowGrant, subject: ResourceAccess, prepared: PreparedPolicies
    ) throws(EngineInternalError) -> ActionsResult {
        var found: [GrantedAction] = []
        while true {
            let remaining: RequestConstraint = .all([requests, .actions(subject.actions), .not(.actions(found.map(\.name)))])
            switch try prepared.allowed(within: remaining) {
            case .noAccess:
                return .analyzed(found + (try futurePatterns(requests, grant: grant, subject: subject, prepared: prepared)))
            case .unknown(let reason):
                return .unknown("the actions granted could not be decided: \(reason)")
            case .access(let witness):
                guard let action = engine.catalog.action(named: witness.request.action)?.fullName,
                      !found.contains(where: { $0.name == action }) else {
                    return .unknown("the witness action \(witness.request.action) is outside the resource's actions")
                }
                found.append(GrantedAction(name: action, isPattern: false, witness: witness))
            }
        }
    }

    /// Returns the action patterns of the grant that cover actions of the resource's services
    /// the catalog does not list: wildcard patterns, and names the catalog lacks. When the
    /// grant uses `NotAction` or `*`, the pattern is `service:*`.
    func futurePatterns(
        _ requests: RequestConstraint, grant: AllowGrant, subject: ResourceAccess, prepared: PreparedPolicies
    ) throws(EngineInternalError) -> [GrantedAction] {
        var patterns: [GrantedAction] = []
        for service in subject.services {
            guard case .access(let anyFuture) = try prepared.allowed(within: .all([requests, .futureActions(["\(service):*"])])) else { continue }
            var named: [GrantedAction] = []
            let element = grant.statement.action
            if let element, !element.isNegated {
                for pattern in element.patterns.map(\.value) where pattern != "*" {
                    let prefix = CaseFolding.lowercased(String(pattern.prefix { $0 != ":" }))
                    guard prefix == service, !named.contains(where: { $0.name == pattern }) else { continue }
                    if case .access(let witness) = try prepared.allowed(within: .all([requests, .futureActions([pattern])])) {
                        named.append(GrantedAction(name: pattern, isPattern: true, witness: witness))
                    }
                }
            }
            patterns += named.isEmpty ? [GrantedAction(name: "\(service):*", isPattern: true, witness: anyFuture)] : named
        }
        return patterns
    }

    func source(of statement: StatementReference, in subject: ResourceAccess) -> FindingSource {
        let document = subject.documents.indices.contains(statement.policyIndex) ? subject.documents[statement.policyIndex] : nil
        return FindingSource(
            type: document?.sourceType ?? .policy, detail: document?.detail, file: statement.file,
            statementIndex: statement.statementIndex, statementID: statement.sid, location: statement.location)
    }

    /// Gives the finding its identifier, derived from its content.
    func identified(_ finding: Finding) -> Finding {
        var result = finding
        let conditionText = finding.condition.keys.sorted().map { "\($0)=\(finding.condition[$0] ?? [])" }.joined(separator: ";")
        let text = [
            finding.resource, finding.resourceType, finding.principal.description, finding.action.joined(separator: ","),
            conditionText, String(finding.isPublic), finding.sources.map(\.type.rawValue).sorted().joined(separator: ","),
        ].joined(separator: "\n")
        result.id = StableID.make(from: text)
        return result
    }
}
