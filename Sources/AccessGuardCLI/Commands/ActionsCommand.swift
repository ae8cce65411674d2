import PolicyLanguage
import Reporting

/// `accessguard actions`: expands action patterns against the catalog.
enum ActionsCommand: Subcommand {
    static let spec = CommandSpec(
        name: "actions",
        abstract: "List the AWS actions that action patterns such as s3:Get* match.",
        discussion: """
            Expands each PATTERN against the action catalog, ignoring case as IAM does, and lists
            every matching action with its access level. A pattern with a wildcard, or a name the
            catalog lacks, may also match actions that AWS adds later; the output says so.

            Exit status: 0 when every pattern matches a known action, 1 when one matches none.
            """,
        positionals: [PositionalSpec(name: "PATTERN", help: "An action pattern such as s3:Get*, s3:*Object* or *.", isVariadic: true, isRequired: true)],
        options: [
            .value("--format", "FORMAT", help: "Output format. Default: text.", allowed: ["text", "json"]),
        ],
        examples: [
            "accessguard actions 's3:Get*'",
            "accessguard actions --format json 'kms:*' iam:PassRole",
        ])

    static func run(_ arguments: ParsedArguments, io: CommandIO) -> ExitCode {
        guard let catalog = AccessGuardCommand.loadCatalog(io: io) else { return .invalidInput }
        let expansions = arguments.positionals.map(catalog.expand)
        if arguments.value("--format") == "json" {
            let values = expansions.map { expansion -> JSONValue in
                .object([
                    ("pattern", .string(expansion.pattern)),
                    ("serviceIsKnown", .bool(expansion.serviceIsKnown)),
                    ("mayMatchActionsOutsideCatalog", .bool(expansion.mayMatchActionsOutsideCatalog)),
                    ("actions", .array(expansion.actions.map { action in
                        .object([("action", .string(action.fullName)), ("accessLevel", .string(action.accessLevel.rawValue))])
                    })),
                ])
            }
            io.writeOutput(JSONValue.array(values).serialized(indent: 2) + "\n")
        } else {
            var text = ""
            for expansion in expansions {
                text += "\(expansion.pattern): \(expansion.actions.count) known action\(expansion.actions.count == 1 ? "" : "s")"
                if expansion.pattern != "*" && !expansion.pattern.contains(":") {
                    text += " (not an action pattern: expected service:ActionName)"
                } else if !expansion.serviceIsKnown {
                    text += " (unknown service prefix)"
                } else if expansion.mayMatchActionsOutsideCatalog {
                    text += expansion.matchesNoKnownAction ? " (may match actions added after the catalog)" : ", and any action added later that fits"
                }
                text += "\n"
                if expansion.matchesNoKnownAction, let suggestion = suggestion(for: expansion.pattern, catalog: catalog) {
                    text += "  did you mean '\(suggestion)'?\n"
                }
                for action in expansion.actions {
                    text += "  \(action.fullName)  \(action.accessLevel.rawValue)\n"
                }
            }
            io.writeOutput(text)
        }
        return expansions.contains(where: \.matchesNoKnownAction) ? .checkFailed : .success
    }

    /// Finds the closest known action to a pattern without wildcards, or else the closest service prefix.
    static func suggestion(for pattern: String, catalog: ActionCatalog) -> String? {
        guard let colon = pattern.firstIndex(of: ":") else { return nil }
        let prefix = String(pattern[..<colon])
        let name = String(pattern[pattern.index(after: colon)...])
        if let service = catalog.service(prefix: prefix) {
            return Suggestions.closest(to: name, among: service.actions.map(\.name)).map { "\(service.prefix):\($0)" }
        }
        return Suggestions.closest(to: prefix, among: catalog.servicePrefixes).map { "\($0):\(name)" }
    }
}
