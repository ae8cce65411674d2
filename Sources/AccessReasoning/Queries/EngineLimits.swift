/// Bounds on the work one query may do. A query that reaches one answers `unknown` with the
/// reason, never "no access".
public struct EngineLimits: Sendable {
    /// Statements across all the policies of a query.
    public var maximumStatements: Int
    /// States of any one automaton the engine builds.
    public var maximumAutomatonStates: Int
    /// Refinement steps of one search.
    public var maximumSearchSteps: Int
    /// Wall-clock time of one query.
    public var timeLimit: Duration
    /// The instant by which every query must stop, when several queries share one time limit.
    /// It is nil when each query has `timeLimit` of its own.
    public var deadline: ContinuousClock.Instant?

    public init(
        maximumStatements: Int = 10_000,
        maximumAutomatonStates: Int = 20_000,
        maximumSearchSteps: Int = 1_000_000,
        timeLimit: Duration = .seconds(30)
    ) {
        self.maximumStatements = maximumStatements
        self.maximumAutomatonStates = maximumAutomatonStates
        self.maximumSearchSteps = maximumSearchSteps
        self.timeLimit = timeLimit
    }

    public static let standard = EngineLimits()
}

/// The automaton size limit in force for the current query.
enum AutomatonLimit {
    @TaskLocal static var states = EngineLimits.standard.maximumAutomatonStates
}
