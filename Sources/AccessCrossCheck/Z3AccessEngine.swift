import AccessReasoning
import PolicyLanguage

/// The answer of the Z3 engine to "is any request allowed?".
public enum Z3Answer: Sendable {
    case noAccess
    /// This request is allowed, as the concrete evaluator confirms.
    case access(Request)
    /// Z3 could not decide, or the query is outside the encoding, as the reason explains.
    case unknown(String)

    public var request: Request? {
        if case .access(let request) = self { return request }
        return nil
    }

    /// Whether a request is allowed, or nil when Z3 could not decide.
    public var allowsAccess: Bool? {
        switch self {
        case .noAccess: return false
        case .access: return true
        case .unknown: return nil
        }
    }
}

/// The Z3 engine's comparison of two sets of policies.
public struct Z3Comparison: Sendable {
    public let verdict: ComparisonVerdict
    /// A request the first allows and the second does not.
    public let onlyFirst: Z3Answer
    /// A request the second allows and the first does not.
    public let onlySecond: Z3Answer

    init(onlyFirst: Z3Answer, onlySecond: Z3Answer) {
        self.onlyFirst = onlyFirst
        self.onlySecond = onlySecond
        verdict = ComparisonVerdict(onlyFirst: onlyFirst.allowsAccess, onlySecond: onlySecond.allowsAccess)
    }
}

/// The Z3 engine found a request that the concrete evaluator does not confirm, which is a
/// defect of the encoding. The message contains the request and the evaluator's decisions.
public struct Z3InternalError: Error, Sendable, CustomStringConvertible {
    public let description: String
}

/// A second implementation of the queries of `AccessEngine`, written from the semantics of
/// `PolicyEvaluator` and encoded for the Z3 SMT solver. Strings and globs are sequences and
/// regular expressions, addresses 128-bit vectors, numbers and dates integers, and key
/// presence Booleans. A multivalued key gets a fixed number of values, enough to be exact.
///
/// Each query builds one Z3 context and deletes it at its end. A query that the encoding
/// does not cover exactly (unbound policy variables, string patterns on typed keys, strings
/// beyond U+2FFFF), or that Z3 does not decide within the time limit, answers `unknown`.
public struct Z3AccessEngine: Sendable {
    public let catalog: ActionCatalog
    /// Time one Z3 check may take.
    public var timeout: Duration
    /// Z3's random seed, fixed so that answers repeat.
    public var seed: UInt32

    public init(catalog: ActionCatalog, timeout: Duration = .seconds(10), seed: UInt32 = 0) {
        self.catalog = catalog
        self.timeout = timeout
        self.seed = seed
    }

    /// Whether the policies allow any request satisfying `constraint`. `bindings` gives values,
    /// by lowercased key, that every request of the query carries; policy variables of those
    /// keys are substituted.
    ///
    /// With a `hint`, such as the other engine's witness, Z3 first checks that request alone,
    /// which takes milliseconds. Only when the hint is not an answer does Z3 search every
    /// request; either way the answer is the one the search would give.
    public func allowed(
        _ policies: [PolicyDocument], within constraint: RequestConstraint = .any, bindings: [String: String] = [:], hint: Request? = nil
    ) throws(Z3InternalError) -> Z3Answer {
        try solve(allowedBy: policies, deniedBy: nil, within: constraint, bindings: bindings, hint: hint)
    }

    /// Compares what two sets of policies allow, with a witness for each direction in which one
    /// allows a request the other does not.
    /// `hints` are requests to try first for each direction, as for `allowed`.
    public func compare(
        _ first: [PolicyDocument], _ second: [PolicyDocument], hints: (onlyFirst: Request?, onlySecond: Request?) = (nil, nil)
    ) throws(Z3InternalError) -> Z3Comparison {
        Z3Comparison(
            onlyFirst: try solve(allowedBy: first, deniedBy: second, within: .any, bindings: [:], hint: hints.onlyFirst),
            onlySecond: try solve(allowedBy: second, deniedBy: first, within: .any, bindings: [:], hint: hints.onlySecond))
    }

    /// Decides whether `new` allows a request satisfying `constraint` that `old` does not.
    public func newAccess(
        from old: [PolicyDocument], to new: [PolicyDocument], within constraint: RequestConstraint, bindings: [String: String] = [:],
        hint: Request? = nil
    ) throws(Z3InternalError) -> Z3Answer {
        try solve(allowedBy: new, deniedBy: old, within: constraint, bindings: bindings, hint: hint)
    }

    func solve(
        allowedBy: [PolicyDocument], deniedBy: [PolicyDocument]?, within constraint: RequestConstraint, bindings: [String: String],
        hint: Request?
    ) throws(Z3InternalError) -> Z3Answer {
        var usage = KeyUsage()
        usage.record(allowedBy)
        usage.record(deniedBy ?? [])
        usage.record(constraint)
        for key in bindings.keys.sorted() {
            usage.record(key: key, operatorName: "Null")
        }
        let milliseconds = timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000
        let smt = SMTContext(timeoutMilliseconds: UInt32(clamping: milliseconds), seed: seed)
        let request: Request
        do {
            let encoder = try QueryEncoder(smt: smt, catalog: catalog, usage: usage, bindings: bindings)
            var parts = [try encoder.allowed(allowedBy)]
            if let deniedBy {
                parts.append(smt.not(try encoder.allowed(deniedBy)))
            }
            parts.append(try encoder.constraint(constraint))
            let formula = smt.and([try encoder.wellFormedRequest()] + parts)
            if let hint, let pinned = try RequestPinning(encoder: encoder).constraints(for: hint),
               case .satisfiable(let model) = try smt.check(smt.and([formula, pinned])) {
                return try confirm(try WitnessReader(encoder: encoder, model: model).request(), allowedBy: allowedBy, deniedBy: deniedBy)
            }
            switch try smt.check(formula) {
            case .unsatisfiable:
                return .noAccess
            case .unknown(let reason):
                return .unknown("Z3 did not decide the query: \(reason)")
            case .satisfiable(let model):
                request = try WitnessReader(encoder: encoder, model: model).request()
            }
        } catch let error as Z3InternalError {
            throw error
        } catch let gap as EncodingGap {
            return .unknown(gap.description)
        } catch let error as SMTError {
            return .unknown(error.description)
        } catch {
            return .unknown("\(error)")
        }
        return try confirm(request, allowedBy: allowedBy, deniedBy: deniedBy)
    }

    func confirm(_ request: Request, allowedBy: [PolicyDocument], deniedBy: [PolicyDocument]?) throws(Z3InternalError) -> Z3Answer {
        let allowing: EvaluationResult.Decision
        let denying: EvaluationResult.Decision?
        do throws(PolicyEvaluationError) {
            allowing = try PolicyEvaluator.evaluate(request, policies: allowedBy).decision
            denying = try deniedBy.map { policies throws(PolicyEvaluationError) in try PolicyEvaluator.evaluate(request, policies: policies).decision }
        } catch {
            return .unknown(error.description)
        }
        if allowing == .allowed && denying != .allowed {
            return .access(request)
        }
        var problems: [String] = []
        if allowing != .allowed { problems.append("the policies that should allow it decide \(allowing.rawValue)") }
        if denying == .allowed { problems.append("the policies that should not allow it decide Allow") }
        throw Z3InternalError(description: "the Z3 engine found the request \(RequestText.describe(request)), but \(problems.joined(separator: " and "))")
    }
}

/// A request with its context, on one line, for messages.
public enum RequestText {
    public static func describe(_ request: Request) -> String {
        let context = request.context.sortedEntries.map { entry in
            "\(entry.key)=\(entry.isMultiValued ? "[\(entry.values.joined(separator: ", "))]" : entry.values.joined())"
        }
        var text = "\(request)"
        let principal = request.principal
        if let organization = principal.organizationID { text += " org \(organization)" }
        if !principal.organizationPaths.isEmpty { text += " org paths \(principal.organizationPaths)" }
        if !principal.tags.isEmpty { text += " tags \(principal.tags.sorted { $0.key < $1.key })" }
        if let id = principal.uniqueID { text += " id \(id)" }
        return context.isEmpty ? text : text + " with context " + context.joined(separator: ", ")
    }
}
