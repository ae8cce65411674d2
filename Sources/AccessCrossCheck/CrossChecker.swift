import AccessReasoning
import PolicyLanguage

/// Two engines answering one query differently, with what is needed to replay it.
public struct Disagreement: Sendable, CustomStringConvertible {
    /// The query: `allowed` for one set of policies, or one direction of `compare`.
    public let query: String
    /// The text of each policy, in the order the query takes them.
    public let policies: [String]
    /// The region of requests, as `RequestConstraint` cases.
    public let region: String
    public let nativeAnswer: String
    public let z3Answer: String

    public init(query: String, policies: [String], region: String, nativeAnswer: String, z3Answer: String) {
        self.query = query
        self.policies = policies
        self.region = region
        self.nativeAnswer = nativeAnswer
        self.z3Answer = z3Answer
    }

    public var description: String {
        var lines = ["\(query) within \(region)", "native engine: \(nativeAnswer)", "Z3 engine: \(z3Answer)"]
        for (index, policy) in policies.enumerated() {
            lines.append("policy \(index + 1): \(policy)")
        }
        return lines.joined(separator: "\n")
    }
}

/// The outcome of one query run on both engines.
public enum CrossCheckOutcome: Sendable {
    /// Both decided, the same way.
    case agreed(access: Bool)
    /// At least one engine answered `unknown`, which is not a disagreement.
    case undecided(native: Bool, z3: Bool)
    case disagreed(Disagreement)
}

/// Counts of a cross-check run and the time each engine took.
public struct CrossCheckTally: Sendable {
    public var queries = 0
    public var agreements = 0
    public var nativeUnknown = 0
    public var z3Unknown = 0
    public var disagreements: [Disagreement] = []
    public var nativeTime: Duration = .zero
    public var z3Time: Duration = .zero

    public init() {}

    public mutating func add(_ outcome: CrossCheckOutcome) {
        queries += 1
        switch outcome {
        case .agreed: agreements += 1
        case .undecided(let native, let z3):
            if native { nativeUnknown += 1 }
            if z3 { z3Unknown += 1 }
        case .disagreed(let disagreement): disagreements.append(disagreement)
        }
    }
}

/// Runs the native engine and the Z3 engine on the same queries and compares their answers.
///
/// The native engine runs first, and its witness is Z3's hint: Z3 checks that request
/// before it searches, which gives the same answer much faster (see `Z3AccessEngine.allowed`).
///
/// "Access" from one engine against "no access" from the other is a disagreement; each
/// engine's access comes with a witness the concrete evaluator has confirmed. A witness that
/// the evaluator rejects, which either engine reports as an internal error, is a
/// disagreement too. An `unknown` answer is counted, never a disagreement.
public struct CrossChecker: Sendable {
    public let native: AccessEngine
    public let z3: Z3AccessEngine

    public init(native: AccessEngine, z3: Z3AccessEngine) {
        self.native = native
        self.z3 = z3
    }

    public init(catalog: ActionCatalog) {
        self.init(native: AccessEngine(catalog: catalog), z3: Z3AccessEngine(catalog: catalog))
    }

    /// Cross-checks `allowed` on a region of requests, timing each engine into `tally`.
    public func checkAllowed(
        _ policies: [PolicyDocument], within region: RequestConstraint = .any, bindings: [String: String] = [:], tally: inout CrossCheckTally
    ) -> CrossCheckOutcome {
        let clock = ContinuousClock()
        var nativeAnswer: Answer = .unknown("")
        tally.nativeTime += clock.measure {
            do throws(EngineInternalError) {
                nativeAnswer = Answer(try native.prepare(policies, bindings: bindings).allowed(within: region))
            } catch {
                nativeAnswer = .failed(error.description)
            }
        }
        var z3Answer: Answer = .unknown("")
        tally.z3Time += clock.measure {
            do throws(Z3InternalError) {
                z3Answer = Answer(try z3.allowed(policies, within: region, bindings: bindings, hint: nativeAnswer.request))
            } catch {
                z3Answer = .failed(error.description)
            }
        }
        let outcome = Self.compare(
            nativeAnswer, z3Answer, query: "allowed", policies: policies.map(Self.text), region: region)
        tally.add(outcome)
        return outcome
    }

    /// Cross-checks both directions of `compare`: requests the first allows and the second
    /// does not, then the reverse.
    public func checkCompare(_ first: [PolicyDocument], _ second: [PolicyDocument], tally: inout CrossCheckTally) -> [CrossCheckOutcome] {
        let clock = ContinuousClock()
        var nativeAnswers: [Answer] = [.unknown(""), .unknown("")]
        tally.nativeTime += clock.measure {
            do throws(EngineInternalError) {
                let comparison = try native.compare(first, second)
                nativeAnswers = [Answer(comparison.onlyFirst), Answer(comparison.onlySecond)]
            } catch {
                nativeAnswers = [.failed(error.description), .failed(error.description)]
            }
        }
        var z3Answers: [Answer] = [.unknown(""), .unknown("")]
        tally.z3Time += clock.measure {
            do throws(Z3InternalError) {
                let comparison = try z3.compare(first, second, hints: (nativeAnswers[0].request, nativeAnswers[1].request))
                z3Answers = [Answer(comparison.onlyFirst), Answer(comparison.onlySecond)]
            } catch {
                z3Answers = [.failed(error.description), .failed(error.description)]
            }
        }
        let texts = (first + second).map(Self.text)
        let outcomes = [
            Self.compare(nativeAnswers[0], z3Answers[0], query: "compare, allowed by the first and not the second", policies: texts, region: .any),
            Self.compare(nativeAnswers[1], z3Answers[1], query: "compare, allowed by the second and not the first", policies: texts, region: .any),
        ]
        for outcome in outcomes { tally.add(outcome) }
        return outcomes
    }

    /// One engine's answer, reduced to what the comparison needs.
    enum Answer {
        case access(Request)
        case noAccess
        case unknown(String)
        /// The engine reported an internal error, such as a witness the evaluator rejects.
        case failed(String)

        init(_ answer: AccessAnswer) {
            switch answer {
            case .access(let witness): self = .access(witness.request)
            case .noAccess: self = .noAccess
            case .unknown(let reason): self = .unknown(reason)
            }
        }

        init(_ answer: Z3Answer) {
            switch answer {
            case .access(let request): self = .access(request)
            case .noAccess: self = .noAccess
            case .unknown(let reason): self = .unknown(reason)
            }
        }

        var request: Request? {
            if case .access(let request) = self { return request }
            return nil
        }

        var text: String {
            switch self {
            case .access(let request): return "access, for example \(RequestText.describe(request))"
            case .noAccess: return "no access"
            case .unknown(let reason): return "unknown: \(reason)"
            case .failed(let message): return "internal error: \(message)"
            }
        }
    }

    static func compare(_ native: Answer, _ z3: Answer, query: String, policies: [String], region: RequestConstraint) -> CrossCheckOutcome {
        switch (native, z3) {
        case (.access, .access):
            return .agreed(access: true)
        case (.noAccess, .noAccess):
            return .agreed(access: false)
        case (.failed, _), (_, .failed), (.access, .noAccess), (.noAccess, .access):
            return .disagreed(Disagreement(
                query: query, policies: policies, region: RegionText.describe(region),
                nativeAnswer: native.text, z3Answer: z3.text))
        default:
            if case .unknown = native, case .unknown = z3 { return .undecided(native: true, z3: true) }
            if case .unknown = native { return .undecided(native: true, z3: false) }
            return .undecided(native: false, z3: true)
        }
    }

    static func text(_ document: PolicyDocument) -> String {
        guard let source = document.source else { return "(a policy built in code)" }
        return String(decoding: source.utf8, as: UTF8.self)
    }
}

/// A `RequestConstraint` written as its cases, for messages.
public enum RegionText {
    public static func describe(_ constraint: RequestConstraint) -> String {
        switch constraint {
        case .any: return "any request"
        case .actions(let patterns): return "actions \(patterns)"
        case .resources(let patterns): return "resources \(patterns)"
        case .principalAccounts(let accounts): return "principal accounts \(accounts)"
        case .principalClasses(let classes): return "principal classes \(classes.map(\.rawValue).sorted())"
        case .serviceSourceAccounts(let accounts): return "services acting for accounts \(accounts)"
        case .principalNamed(let entry): return "principal named \(entry.displayText)"
        case .futureActions(let patterns): return "actions outside the catalog \(patterns)"
        case .keyAbsent(let key): return "\(key) absent"
        case .condition(let operatorName, let key, let values): return "\(operatorName) \(key) \(values)"
        case .all(let parts): return "all(" + parts.map(describe).joined(separator: "; ") + ")"
        case .either(let parts): return "either(" + parts.map(describe).joined(separator: "; ") + ")"
        case .not(let inner): return "not(" + describe(inner) + ")"
        }
    }
}
