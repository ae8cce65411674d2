import PolicyLanguage

/// Finds object members that repeat a name in a parsed JSON deployment file.
///
/// JSON leaves the meaning of a repeated name open (RFC 8259, section 4): AccessGuard would
/// read the first member while another tool may take the last one, so a policy could grant
/// more than the one analyzed. YAML mappings get the same check in `YAMLReader`.
enum DuplicateKeys {
    static func diagnostics(in root: JSONValue, file: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var pending = [root]
        while let value = pending.popLast() {
            switch value.kind {
            case .object(let members):
                for (index, first) in repeatedKeys(members) {
                    let member = members[index]
                    let firstPlace = members[first].keyLocation.map { " (first at \($0))" } ?? ""
                    diagnostics.append(Diagnostic(
                        .invalidDeployment, "duplicate key '\(member.key)'\(firstPlace)", file: file, location: member.keyLocation,
                        help: "remove one of the members: tools differ in which of them they use"))
                }
                for member in members {
                    pending.append(member.value)
                }
            case .array(let elements):
                pending.append(contentsOf: elements)
            default:
                break
            }
        }
        return diagnostics.sorted { ($0.location?.offset ?? 0) < ($1.location?.offset ?? 0) }
    }

    /// Returns the index of each member whose name an earlier member has, with the index of
    /// the first member of that name. Most objects of a deployment have a few members, which
    /// are compared pairwise rather than hashed.
    static func repeatedKeys(_ members: [JSONMember]) -> [(index: Int, first: Int)] {
        var repeated: [(index: Int, first: Int)] = []
        if members.count <= 16 {
            for index in members.indices {
                if let first = members[..<index].firstIndex(where: { $0.key == members[index].key }) {
                    repeated.append((index, first))
                }
            }
            return repeated
        }
        var firstIndex: [String: Int] = [:]
        for (index, member) in members.enumerated() {
            if let first = firstIndex[member.key] {
                repeated.append((index, first))
            } else {
                firstIndex[member.key] = index
            }
        }
        return repeated
    }
}
