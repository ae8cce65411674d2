/// The outcome of evaluating one request against a set of policies.
public struct EvaluationResult: Sendable {
    public enum Decision: String, Sendable {
        case allowed = "Allow"
        case explicitDeny = "ExplicitDeny"
        case implicitDeny = "ImplicitDeny"
    }

    public var decision: Decision
    /// The statements that decided: every matching `Deny` for an explicit deny, every
    /// matching `Allow` for an allow, none for an implicit deny.
    public var decidingStatements: [StatementReference]
    /// What happened to each statement, in policy and statement order.
    public var statements: [StatementOutcome]
}

/// A statement of one of the evaluated policies.
public struct StatementReference: Sendable {
    /// The position of the policy in the list passed to the evaluator.
    public var policyIndex: Int
    public var file: String?
    public var statementIndex: Int
    public var sid: String?
    public var effect: Effect
    public var location: SourceLocation?
    public var pointer: JSONPointer
}

/// Whether a statement matched a request and, when not, the first element that did not.
public struct StatementOutcome: Sendable {
    public enum Mismatch: Sendable, Equatable {
        case principal
        case action
        case resource
        /// The condition clause that did not hold, by operator and key as written.
        case condition(operatorName: String, key: String, location: SourceLocation?)
    }

    public var statement: StatementReference
    /// nil when the statement matched.
    public var mismatch: Mismatch?

    public var matched: Bool { mismatch == nil }
}

/// A policy that cannot be evaluated, because an evaluation would have to guess.
public struct PolicyEvaluationError: Error, Sendable, CustomStringConvertible {
    public var file: String?
    public var statementIndex: Int
    public var location: SourceLocation?
    public var reason: String

    public var description: String {
        let place = [file, location?.description].compactMap { $0 }.joined(separator: ":")
        return (place.isEmpty ? "" : place + ": ") + "statement \(statementIndex) cannot be evaluated: \(reason)"
    }
}

/// The concrete evaluator: decides one request against policies as AWS documents its
/// evaluation logic. Any matching `Deny` wins; otherwise any matching `Allow` allows;
/// otherwise the request is implicitly denied. Statement order does not matter.
///
/// A statement matches when its principal, action, resource and every condition clause
/// match. A statement without `Principal` (an identity policy) matches any principal,
/// and one without `Resource` (a trust policy) matches any resource. Policies with an
/// incomplete statement are rejected rather than evaluated without it, because dropping
/// a `Deny` would allow too much.
public enum PolicyEvaluator {
    public static func evaluate(_ request: Request, policies: [PolicyDocument]) throws(PolicyEvaluationError) -> EvaluationResult {
        for policy in policies {
            try checkEvaluable(policy)
        }
        let context = request.effectiveContext
        let action = CaseFolding.lowercased(request.action)

        var outcomes: [StatementOutcome] = []
        for (policyIndex, policy) in policies.enumerated() {
            for statement in policy.statements {
                guard let effect = statement.effect?.value else { continue }
                let reference = StatementReference(
                    policyIndex: policyIndex,
                    file: policy.source?.name,
                    statementIndex: statement.index,
                    sid: statement.sid?.value,
                    effect: effect,
                    location: statement.location,
                    pointer: statement.pointer)
                let mismatch = firstMismatch(
                    statement, request: request, action: action, context: context,
                    variables: policy.supportsPolicyVariables)
                outcomes.append(StatementOutcome(statement: reference, mismatch: mismatch))
            }
        }

        let matchedDenies = outcomes.filter { $0.matched && $0.statement.effect == .deny }.map(\.statement)
        if !matchedDenies.isEmpty {
            return EvaluationResult(decision: .explicitDeny, decidingStatements: matchedDenies, statements: outcomes)
        }
        let matchedAllows = outcomes.filter { $0.matched && $0.statement.effect == .allow }.map(\.statement)
        if !matchedAllows.isEmpty {
            return EvaluationResult(decision: .allowed, decidingStatements: matchedAllows, statements: outcomes)
        }
        return EvaluationResult(decision: .implicitDeny, decidingStatements: [], statements: outcomes)
    }

    static func checkEvaluable(_ policy: PolicyDocument) throws(PolicyEvaluationError) {
        for statement in policy.statements {
            func fail(_ reason: String) -> PolicyEvaluationError {
                PolicyEvaluationError(file: policy.source?.name, statementIndex: statement.index, location: statement.location, reason: reason)
            }
            if statement.hasReadErrors { throw fail("it has errors; run 'accessguard validate' for details") }
            if statement.effect == nil { throw fail("it has no valid 'Effect'") }
            if statement.action == nil { throw fail("it has no 'Action' or 'NotAction'") }
            if let clause = statement.conditions.first(where: { $0.conditionOperator == nil }) {
                throw fail("'\(clause.operatorName.value)' is not a condition operator")
            }
        }
    }

    static func firstMismatch(
        _ statement: Statement,
        request: Request,
        action: String,
        context: RequestContext,
        variables: Bool
    ) -> StatementOutcome.Mismatch? {
        if let principal = statement.principal, !PrincipalMatching.matches(principal, principal: request.principal) {
            return .principal
        }
        if let actions = statement.action, !matchesAction(actions, action: action) {
            return .action
        }
        if let resources = statement.resource, !matchesResource(resources, resource: request.resource, context: context, variables: variables) {
            return .resource
        }
        for clause in statement.conditions where !ConditionEvaluation.holds(clause, context: context, variables: variables) {
            return .condition(operatorName: clause.operatorName.value, key: clause.key.value, location: clause.key.location)
        }
        return nil
    }

    /// Action patterns are globs compared without regard to case.
    static func matchesAction(_ element: ActionElement, action: String) -> Bool {
        let anyMatch = element.patterns.contains { Glob(pattern: CaseFolding.lowercased($0.value)).matches(action) }
        return element.isNegated ? !anyMatch : anyMatch
    }

    static func matchesResource(_ element: ResourceElement, resource: String, context: RequestContext, variables: Bool) -> Bool {
        let anyMatch = element.patterns.contains { pattern in
            let template = PolicyTemplate(pattern.value, wildcards: true, variables: variables)
            guard let glob = template.resolve(in: context) else { return false }
            return ARNMatching.matches(pattern: glob, value: resource)
        }
        return element.isNegated ? !anyMatch : anyMatch
    }
}
