/// The document read from a policy, with every problem found while reading it.
public struct PolicyReadResult: Sendable {
    /// nil only when the text is not JSON or its top level is not an object.
    public var document: PolicyDocument?
    public var diagnostics: [Diagnostic]
    /// The text read, for showing the lines that diagnostics point at; nil when the bytes
    /// could not be decoded.
    public var source: SourceText?

    /// Whether the document was read without errors, so that it can be evaluated.
    public var isComplete: Bool {
        document != nil && !diagnostics.containsErrors
    }
}

/// Reads IAM policy documents from JSON, keeping every element's location.
///
/// Accepts every documented form: `Statement` as an object or an array, a string or an
/// array wherever a list is allowed, `Principal` as `"*"` or a map of `AWS`, `Service`,
/// `Federated` and `CanonicalUser`, and condition values as strings, numbers, booleans or
/// arrays of them. Element names are case-sensitive as in IAM. Every structural problem
/// is reported, not only the first; semantic checks live in `PolicyValidator`.
public struct PolicyReader {
    let file: String?
    var diagnostics: [Diagnostic] = []

    init(file: String?) {
        self.file = file
    }

    /// Reads a policy from its text. Malformed JSON gives a `JSON_SYNTAX_ERROR` and no document.
    public static func read(source: SourceText) -> PolicyReadResult {
        let root: JSONValue
        do {
            root = try JSONParser.parse(utf8: source.utf8)
        } catch {
            let diagnostic = Diagnostic(
                .jsonSyntaxError, "invalid JSON: \(error.message)", file: source.name, location: error.location)
            return PolicyReadResult(document: nil, diagnostics: [diagnostic], source: source)
        }
        var result = read(json: root, file: source.name)
        result.document?.source = source
        result.source = source
        return result
    }

    /// Reads a policy from text in a string.
    public static func read(text: String, name: String = "<policy>") -> PolicyReadResult {
        read(source: SourceText(name: name, text: text))
    }

    /// Reads raw bytes, which may be UTF-16 or carry a byte order mark.
    public static func read(bytes: [UInt8], name: String) -> PolicyReadResult {
        do {
            let (utf8, _) = try TextDecoding.utf8(from: bytes)
            return read(source: SourceText(name: name, utf8: utf8))
        } catch {
            let diagnostic = Diagnostic(.jsonSyntaxError, error.message, file: name, location: error.location)
            return PolicyReadResult(document: nil, diagnostics: [diagnostic])
        }
    }

    /// Reads a policy that is already parsed, such as one embedded in a deployment file.
    /// `pointer` is the policy's path within that file.
    public static func read(json root: JSONValue, file: String?, pointer: JSONPointer = .root) -> PolicyReadResult {
        var reader = PolicyReader(file: file)
        let document = reader.readDocument(root, pointer: pointer)
        return PolicyReadResult(document: document, diagnostics: reader.diagnostics)
    }

    // MARK: - Document

    static let documentElements = ["Version", "Id", "Statement"]

    mutating func readDocument(_ root: JSONValue, pointer: JSONPointer) -> PolicyDocument? {
        guard let members = root.objectMembers else {
            report(.invalidPolicyDocument, "expected a policy document object, found \(root.typeName)", at: root.location, pointer)
            return nil
        }
        let elements = readElements(members, allowed: Self.documentElements, context: "policy document", pointer: pointer)

        var version: Located<PolicyVersion>?
        if let member = elements["Version"] {
            version = readVersion(member.value, pointer: pointer.appending("Version"))
        } else {
            report(
                .missingVersion,
                "the policy has no 'Version', so AWS applies version 2008-10-17, in which policy variables are plain text",
                at: root.location, pointer,
                help: "add \"Version\": \"2012-10-17\"")
        }

        var id: Located<String>?
        if let member = elements["Id"] {
            id = readString(member.value, element: "Id", pointer: pointer.appending("Id"))
        }

        var statements: [Statement] = []
        if let member = elements["Statement"] {
            let statementPointer = pointer.appending("Statement")
            switch member.value.kind {
            case .object:
                statements = [readStatement(member.value, index: 0, pointer: statementPointer)]
            case .array(let elements):
                if elements.isEmpty {
                    report(.missingStatement, "'Statement' is an empty array; a policy needs at least one statement", at: member.value.location, statementPointer)
                }
                for (index, element) in elements.enumerated() {
                    statements.append(readStatement(element, index: index, pointer: statementPointer.appending(index)))
                }
            default:
                report(.invalidElementType, "expected an object or an array of objects for 'Statement', found \(member.value.typeName)", at: member.value.location, statementPointer)
            }
        } else {
            report(.missingStatement, "the policy has no 'Statement'", at: root.location, pointer)
        }

        return PolicyDocument(location: root.location, pointer: pointer, version: version, id: id, statements: statements)
    }

    mutating func readVersion(_ value: JSONValue, pointer: JSONPointer) -> Located<PolicyVersion>? {
        guard let text = value.stringValue else {
            report(.invalidElementType, "expected a string for 'Version', found \(value.typeName)", at: value.location, pointer)
            return nil
        }
        guard let version = PolicyVersion(rawValue: text) else {
            report(.invalidVersion, "'\(text)' is not a policy language version, expected '2012-10-17' or '2008-10-17'", at: value.location, pointer)
            return nil
        }
        return Located(version, location: value.location, pointer: pointer)
    }

    // MARK: - Shared helpers

    /// Returns the allowed members by name, reporting unknown and duplicate ones.
    mutating func readElements(_ members: [JSONMember], allowed: [String], context: String, pointer: JSONPointer) -> [String: JSONMember] {
        var elements: [String: JSONMember] = [:]
        for member in members {
            if let first = elements[member.key] {
                reportDuplicate(member, first: first, pointer: pointer)
                continue
            }
            guard allowed.contains(member.key) else {
                report(
                    .unknownElement, "unknown element '\(member.key)' in \(context)",
                    at: member.keyLocation, pointer.appending(member.key),
                    help: Suggestions.closest(to: member.key, among: allowed).map { "did you mean '\($0)'? Element names are case-sensitive" })
                continue
            }
            elements[member.key] = member
        }
        return elements
    }

    mutating func reportDuplicate(_ member: JSONMember, first: JSONMember, pointer: JSONPointer) {
        let firstPlace = first.keyLocation.map { " (first at \($0))" } ?? ""
        report(
            .duplicateKey, "duplicate member '\(member.key)'\(firstPlace); AWS rejects or misreads such documents",
            at: member.keyLocation, pointer.appending(member.key))
    }

    mutating func readString(_ value: JSONValue, element: String, pointer: JSONPointer) -> Located<String>? {
        guard let text = value.stringValue else {
            report(.invalidElementType, "expected a string for '\(element)', found \(value.typeName)", at: value.location, pointer)
            return nil
        }
        return Located(text, location: value.location, pointer: pointer)
    }

    /// Reads a string or an array of strings. Non-string elements are reported and skipped.
    mutating func readStringList(_ value: JSONValue, element: String, pointer: JSONPointer) -> [Located<String>]? {
        switch value.kind {
        case .string(let text):
            return [Located(text, location: value.location, pointer: pointer)]
        case .array(let elements):
            var items: [Located<String>] = []
            for (index, item) in elements.enumerated() {
                if let text = item.stringValue {
                    items.append(Located(text, location: item.location, pointer: pointer.appending(index)))
                } else {
                    report(.invalidElementType, "expected a string in '\(element)', found \(item.typeName)", at: item.location, pointer.appending(index))
                }
            }
            return items
        default:
            report(.invalidElementType, "expected a string or an array of strings for '\(element)', found \(value.typeName)", at: value.location, pointer)
            return nil
        }
    }

    mutating func report(
        _ code: IssueCode,
        _ message: String,
        at location: SourceLocation?,
        _ pointer: JSONPointer,
        help: String? = nil
    ) {
        diagnostics.append(Diagnostic(code, message, file: file, location: location, pointer: pointer, help: help))
    }
}
