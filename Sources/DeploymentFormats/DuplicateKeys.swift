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
                var firstLocations: [String: SourceLocation?] = [:]
                for member in members {
                    if let first = firstLocations[member.key] {
                        let firstPlace = first.map { " (first at \($0))" } ?? ""
                        diagnostics.append(Diagnostic(
                            .invalidDeployment, "duplicate key '\(member.key)'\(firstPlace)", file: file, location: member.keyLocation,
                            help: "remove one of the members: tools differ in which of them they use"))
                    } else {
                        firstLocations[member.key] = member.keyLocation
                    }
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
}
