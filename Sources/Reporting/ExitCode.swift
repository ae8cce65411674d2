/// The process exit codes of `accessguard`, the same for every subcommand.
public enum ExitCode: Int32, Sendable {
    /// The command ran and its check passed.
    case success = 0
    /// The command ran and its check failed: findings at the failing level, or a denied request.
    case checkFailed = 1
    /// The input or the command line could not be used.
    case invalidInput = 2
    /// AccessGuard found a defect of its own, such as a witness its evaluator rejects; the
    /// message holds what to report.
    case internalError = 3
}
