/// A policy string split into literal text, wildcards and `${…}` policy variables.
///
/// Variables are recognized only where IAM substitutes them: in policies of version
/// 2012-10-17, in `Resource`/`NotResource` and in the values of string, ARN and Boolean
/// condition operators. `${*}`, `${?}` and `${$}` stand for the literal characters.
/// A variable may carry a default, `${aws:PrincipalTag/team, 'none'}`, whose quotes
/// are escaped by doubling them.
public struct PolicyTemplate: Hashable, Sendable {
    public enum Part: Hashable, Sendable {
        case text(String)
        case anyRun
        case anyScalar
        /// A variable named by a lowercased condition key, with its default value if any.
        case variable(key: String, defaultValue: String?)
    }

    public let parts: [Part]

    /// The ways a `${…}` in a policy string can be malformed.
    public enum SyntaxError: Error, Hashable, Sendable {
        case missingClosingBrace(String)
        case emptyVariable
        case invalidDefault(String)
    }

    /// Splits `text`. With `wildcards`, `*` and `?` are wildcards; with `variables`,
    /// `${…}` is a variable. Malformed variables are kept as literal text and listed in
    /// `syntaxErrors`.
    public init(_ text: String, wildcards: Bool, variables: Bool) {
        var parts: [Part] = []
        var errors: [SyntaxError] = []
        var literal = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var index = 0

        func flush() {
            if !literal.isEmpty {
                parts.append(.text(String(literal)))
                literal = String.UnicodeScalarView()
            }
        }

        while index < scalars.count {
            let scalar = scalars[index]
            if variables, scalar == "$", index + 1 < scalars.count, scalars[index + 1] == "{" {
                guard let close = scalars[(index + 2)...].firstIndex(of: "}") else {
                    errors.append(.missingClosingBrace(String(String.UnicodeScalarView(scalars[index...]))))
                    literal.append(contentsOf: scalars[index...])
                    break
                }
                let body = String(String.UnicodeScalarView(scalars[(index + 2)..<close]))
                switch PolicyTemplate.parseVariableBody(body) {
                case .success(let part):
                    if case .text(let character) = part {
                        literal.append(contentsOf: character.unicodeScalars)
                    } else {
                        flush()
                        parts.append(part)
                    }
                case .failure(let error):
                    errors.append(error)
                    literal.append(contentsOf: scalars[index...close])
                }
                index = close + 1
                continue
            }
            if wildcards, scalar == "*" || scalar == "?" {
                flush()
                parts.append(scalar == "*" ? .anyRun : .anyScalar)
            } else {
                literal.append(scalar)
            }
            index += 1
        }
        flush()
        self.parts = parts
        self.syntaxErrors = errors
    }

    /// Malformed `${…}` found while splitting, in order.
    public let syntaxErrors: [SyntaxError]

    static func parseVariableBody(_ body: String) -> Result<Part, SyntaxError> {
        let trimmed = body.trimmingSpaces()
        switch trimmed {
        case "*", "?", "$":
            return .success(.text(trimmed))
        case "":
            return .failure(.emptyVariable)
        default:
            break
        }
        guard let comma = trimmed.firstIndex(of: ",") else {
            return .success(.variable(key: CaseFolding.lowercased(trimmed), defaultValue: nil))
        }
        let key = String(trimmed[..<comma]).trimmingSpaces()
        let rawDefault = String(trimmed[trimmed.index(after: comma)...]).trimmingSpaces()
        guard !key.isEmpty else { return .failure(.emptyVariable) }
        guard rawDefault.count >= 2, rawDefault.hasPrefix("'"), rawDefault.hasSuffix("'") else {
            return .failure(.invalidDefault(body))
        }
        let inner = rawDefault.dropFirst().dropLast()
        var value = ""
        var iterator = inner.makeIterator()
        while let character = iterator.next() {
            if character == "'" {
                guard iterator.next() == "'" else { return .failure(.invalidDefault(body)) }
            }
            value.append(character)
        }
        return .success(.variable(key: CaseFolding.lowercased(key), defaultValue: value))
    }

    /// Whether any part is a variable.
    public var hasVariables: Bool {
        parts.contains { if case .variable = $0 { return true } else { return false } }
    }

    /// The lowercased keys of the variables, in order.
    public var variableKeys: [String] {
        parts.compactMap { if case .variable(let key, _) = $0 { return key } else { return nil } }
    }

    /// Substitutes the variables from `context` and returns the pattern, or nil when a
    /// variable has no single value in the request and no default: IAM treats such a
    /// value as matching nothing. Substituted text is literal, never a wildcard.
    public func resolve(in context: RequestContext) -> Glob? {
        var tokens: [Glob.Token] = []
        for part in parts {
            switch part {
            case .text(let text):
                tokens += text.unicodeScalars.map { .scalar($0) }
            case .anyRun:
                tokens.append(.anyRun)
            case .anyScalar:
                tokens.append(.anyScalar)
            case .variable(let key, let defaultValue):
                if let entry = context.entry(forLowercasedKey: key), !entry.isMultiValued, entry.values.count == 1 {
                    tokens += entry.values[0].unicodeScalars.map { .scalar($0) }
                } else if let defaultValue {
                    tokens += defaultValue.unicodeScalars.map { .scalar($0) }
                } else {
                    return nil
                }
            }
        }
        return Glob(tokens: tokens)
    }
}

extension String {
    func trimmingSpaces() -> String {
        var scalars = unicodeScalars[...]
        while let first = scalars.first, first == " " || first == "\t" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
