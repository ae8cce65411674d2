import PolicyLanguage

/// A concrete request the engine found, with the concrete evaluator's decisions on it.
public struct Witness: Sendable {
    public let request: Request
    /// The evaluator's result on the policies the request is allowed by.
    public let evaluation: EvaluationResult
}

/// The answer to "is any request allowed?".
public enum AccessAnswer: Sendable {
    /// No request is allowed. The answer is exact, or errs only toward access: when parts of
    /// the policies are approximated, the approximation allows more, never less.
    case noAccess
    /// This request is allowed, as the concrete evaluator confirms.
    case access(Witness)
    /// The engine could not decide; the reason says why and where.
    case unknown(String)

    public var witness: Witness? {
        if case .access(let witness) = self { return witness }
        return nil
    }

    /// Whether a request is allowed, or nil when the engine could not decide.
    public var allowsAccess: Bool? {
        switch self {
        case .noAccess: return false
        case .access: return true
        case .unknown: return nil
        }
    }
}

/// How a second set of policies compares with a first in what it allows.
public enum ComparisonVerdict: String, Sendable {
    /// Both allow exactly the same requests.
    case equivalent
    /// The second allows only requests the first allows, and fewer.
    case lessPermissive = "less permissive"
    /// The second allows every request the first allows, and more.
    case morePermissive = "more permissive"
    /// Each allows some request the other does not.
    case incomparable
    /// At least one direction could not be decided.
    case unknown = "undecided"

    /// Derives the verdict from the two directions: `onlyFirst` is whether the first allows a
    /// request the second does not, `onlySecond` the reverse, and nil marks an undecided one.
    public init(onlyFirst: Bool?, onlySecond: Bool?) {
        switch (onlyFirst, onlySecond) {
        case (nil, _), (_, nil): self = .unknown
        case (false?, false?): self = .equivalent
        case (true?, false?): self = .lessPermissive
        case (false?, true?): self = .morePermissive
        case (true?, true?): self = .incomparable
        }
    }
}

/// The result of comparing two sets of policies, with a witness for each direction in
/// which one allows what the other does not.
public struct PolicyComparison: Sendable {
    public let verdict: ComparisonVerdict
    /// A request the first allows and the second does not.
    public let onlyFirst: AccessAnswer
    /// A request the second allows and the first does not.
    public let onlySecond: AccessAnswer

    init(onlyFirst: AccessAnswer, onlySecond: AccessAnswer) {
        self.onlyFirst = onlyFirst
        self.onlySecond = onlySecond
        verdict = ComparisonVerdict(onlyFirst: onlyFirst.allowsAccess, onlySecond: onlySecond.allowsAccess)
    }
}

/// The engine found a witness that the concrete evaluator does not confirm, in a part of
/// the policy language the engine claims to decide exactly. This is a defect of the
/// engine; the message holds both answers.
public struct EngineInternalError: Error, Sendable, CustomStringConvertible {
    public let description: String

    public init(description: String) {
        self.description = description
    }
}
