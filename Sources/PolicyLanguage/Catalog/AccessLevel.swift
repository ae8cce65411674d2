/// The access level that the Service Authorization Reference assigns to an action.
public enum AccessLevel: String, CaseIterable, Comparable, Sendable {
    case list = "List"
    case read = "Read"
    case write = "Write"
    case permissionsManagement = "Permissions management"
    case tagging = "Tagging"

    /// The one-letter code used in the catalog file.
    init?(code: Substring) {
        switch code {
        case "L": self = .list
        case "R": self = .read
        case "W": self = .write
        case "P": self = .permissionsManagement
        case "T": self = .tagging
        default: return nil
        }
    }

    private var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    public static func < (lhs: AccessLevel, rhs: AccessLevel) -> Bool { lhs.order < rhs.order }
}
