import PolicyLanguage

/// The `accessguard simulate` command line that decides a witness request again, so that a
/// reader can replay it and vary it.
public enum ReplayCommand {
    /// Returns the command line for `request` against the policy file named `policy`.
    public static func simulate(_ request: Request, policy: String) -> String {
        var arguments = ["accessguard", "simulate", policy == "<stdin>" ? "-" : policy]
        let principal = request.principal
        switch principal.identity {
        case .anonymous:
            arguments += ["--principal", "anonymous"]
        case .accountRoot(let account):
            arguments += ["--principal", "arn:\(principal.partition):iam::\(account):root"]
        case .iamUser(let arn), .federatedUser(let arn):
            arguments += ["--principal", arn]
        case .roleSession(let roleARN, let sessionName):
            arguments += ["--principal", roleARN, "--session-name", sessionName]
        case .service(let name):
            arguments += ["--principal", "service:\(name)"]
        case .federatedProvider(let name):
            arguments += ["--principal", "federated:\(name)"]
        case .canonicalUser(let id):
            arguments += ["--principal", "canonical:\(id)"]
        }
        if let uniqueID = principal.uniqueID {
            arguments += ["--principal-id", uniqueID]
        }
        if let organization = principal.organizationID {
            arguments += ["--principal-org-id", organization]
        }
        for path in principal.organizationPaths {
            arguments += ["--principal-org-path", path]
        }
        for key in principal.tags.keys.sorted() {
            arguments += ["--principal-tag", "\(key)=\(principal.tags[key] ?? "")"]
        }
        arguments += ["--action", request.action, "--resource", request.resource]
        let entries = request.context.sortedEntries
        if !entries.isEmpty {
            let members = entries.map { entry -> (String, JSONValue) in
                (entry.key, entry.isMultiValued ? .array(entry.values.map(JSONValue.string)) : .string(entry.values.joined()))
            }
            arguments += ["--context-json", JSONValue.object(members).serialized()]
        }
        return arguments.map(shellQuoted).joined(separator: " ")
    }

    /// Returns `text` as one word of a POSIX shell command line.
    static func shellQuoted(_ text: String) -> String {
        let plain = !text.isEmpty && text.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || "@%+=:,./_-".unicodeScalars.contains(scalar)
        }
        if plain { return text }
        var quoted = "'"
        for character in text {
            quoted += character == "'" ? "'\\''" : String(character)
        }
        return quoted + "'"
    }
}
