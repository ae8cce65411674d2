/// The effect of a violated policy on the deployment, as in Pulumi CrossGuard.
public enum EnforcementLevel: String, CaseIterable, Sendable, Comparable {
    /// The violation is reported; the deployment goes on.
    case advisory
    /// The violation fails the check and blocks the deployment.
    case mandatory
    /// The policy does not run.
    case disabled

    private var rank: Int {
        switch self {
        case .mandatory: return 0
        case .advisory: return 1
        case .disabled: return 2
        }
    }

    /// Mandatory sorts first.
    public static func < (lhs: EnforcementLevel, rhs: EnforcementLevel) -> Bool { lhs.rank < rhs.rank }
}
