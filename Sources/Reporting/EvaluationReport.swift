import PolicyLanguage

/// Text and JSON forms of a simulated request's decision.
public enum EvaluationReport {
    public static func text(_ result: EvaluationResult, request: Request, explain: Bool) -> String {
        TerminalText.escapingControls(unescapedText(result, request: request, explain: explain))
    }

    static func unescapedText(_ result: EvaluationResult, request: Request, explain: Bool) -> String {
        var text = "Decision: \(result.decision.rawValue)\n"
        text += "Request:\n"
        text += requestLines(request, indent: "  ")

        switch result.decision {
        case .allowed:
            text += "Allowed by:\n"
        case .explicitDeny:
            text += "Denied by:\n"
        case .implicitDeny:
            text += "No statement allows the request.\n"
        }
        for statement in result.decidingStatements {
            text += "  \(describe(statement))\n"
        }

        if explain {
            text += "Statements:\n"
            for outcome in result.statements {
                text += "  \(describe(outcome.statement)): \(explanation(outcome.mismatch))\n"
            }
        }
        return text
    }

    /// Returns the principal, action, resource and context of a request, one per line.
    static func requestLines(_ request: Request, indent: String) -> String {
        var text = "\(indent)principal  \(request.principal)\n"
        text += "\(indent)action     \(request.action)\n"
        text += "\(indent)resource   \(request.resource)\n"
        let given = request.context
        for entry in request.effectiveContext.sortedEntries {
            let origin = given.contains(entry.key) ? "" : " (from the principal)"
            let value = entry.isMultiValued ? "[" + entry.values.joined(separator: ", ") + "]" : entry.values.joined()
            text += "\(indent)context    \(entry.key)=\(value)\(origin)\n"
        }
        return text
    }

    static func describe(_ statement: StatementReference) -> String {
        placedStatement(file: statement.file, location: statement.location, sid: statement.sid, index: statement.statementIndex)
            + " (\(statement.effect.rawValue))"
    }

    /// Returns `file:line:column statement 'Sid'`, or the statement's position without a Sid.
    static func placedStatement(file: String?, location: SourceLocation?, sid: String?, index: Int) -> String {
        var place = file ?? "<policy>"
        if let location {
            place += ":\(location.line):\(location.column)"
        }
        let name = sid.flatMap { $0.isEmpty ? nil : "statement '\($0)'" } ?? "statement \(index)"
        return "\(place) \(name)"
    }

    static func explanation(_ mismatch: StatementOutcome.Mismatch?) -> String {
        switch mismatch {
        case nil: return "matches"
        case .principal: return "the principal does not match"
        case .action: return "the action does not match"
        case .resource: return "the resource does not match"
        case .condition(let operatorName, let key, let location):
            let place = location.map { " at \($0)" } ?? ""
            return "the condition \(operatorName) on \(key)\(place) does not hold"
        }
    }

    public static func json(_ result: EvaluationResult, request: Request) -> JSONValue {
        .object([
            ("decision", .string(result.decision.rawValue)),
            ("request", requestJSON(request)),
            ("decidingStatements", .array(result.decidingStatements.map(statementJSON))),
            ("statements", .array(result.statements.map { outcome in
                .object([
                    ("statement", statementJSON(outcome.statement)),
                    ("matches", .bool(outcome.matched)),
                    ("reason", outcome.mismatch.map { .string(explanation($0)) } ?? .null),
                ])
            })),
        ])
    }

    static func requestJSON(_ request: Request) -> JSONValue {
        let entries = request.effectiveContext.sortedEntries
        let context = entries.map { entry -> (String, JSONValue) in
            (entry.key, entry.isMultiValued ? .array(entry.values.map(JSONValue.string)) : .string(entry.values.joined()))
        }
        let derived = entries.map(\.key).filter { !request.context.contains($0) }
        return .object([
            ("principal", .string(request.principal.description)),
            ("action", .string(request.action)),
            ("resource", .string(request.resource)),
            ("context", .object(context)),
            ("contextFromPrincipal", .array(derived.map(JSONValue.string))),
        ])
    }

    static func statementJSON(_ statement: StatementReference) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("file", statement.file.map(JSONValue.string) ?? .null),
            ("index", .number(statement.statementIndex)),
            ("sid", statement.sid.map(JSONValue.string) ?? .null),
            ("effect", .string(statement.effect.rawValue)),
            ("pointer", .string(statement.pointer.description)),
        ]
        if let location = statement.location {
            members.append(("line", .number(location.line)))
            members.append(("column", .number(location.column)))
        }
        return .object(members)
    }
}
