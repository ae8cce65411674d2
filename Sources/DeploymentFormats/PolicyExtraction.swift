import PolicyLanguage

/// Reads a policy held by a deployed resource: a JSON string (Pulumi, Terraform) or an object
/// (CloudFormation), with unknown values handled so that no access is ever missed.
enum PolicyExtraction {
    enum Result {
        case absent
        case policy(PolicyDocument)
        /// The policy, or a part that decides access, is not known; the reason says what.
        case unknown(String)
        /// The policy cannot be read; the diagnostics say why.
        case invalid(String, [Diagnostic])
    }

    static func read(_ value: DeployedValue?, of resource: DeployedResource, property: String) -> Result {
        guard let value, !value.isNull else { return .absent }
        let place = "the \(property) of \(resource.address)"
        switch value.kind {
        case .string(let text):
            if text.allSatisfy(\.isWhitespace) { return .absent }
            let read = PolicyReader.read(text: text, name: "\(resource.file) (\(resource.address) \(property))")
            return result(read, place: place)
        case .unknown(let reason):
            return .unknown("\(place) is \(reason)")
        case .partial:
            return .unknown("\(place) is built from values not known before deployment")
        case .object:
            switch sound(value, place: place) {
            case .failure(let reason): return .unknown(reason.text)
            case .success(let known):
                guard let json = known.json() else { return .unknown("\(place) is not known before deployment") }
                return result(PolicyReader.read(json: json, file: resource.file), place: place)
            }
        default:
            let diagnostic = Diagnostic(
                .invalidDeployment, "\(place) must be a policy document, an object or a JSON string",
                file: resource.file, location: value.location)
            return .invalid(place, [diagnostic])
        }
    }

    static func result(_ read: PolicyReadResult, place: String) -> Result {
        guard let document = read.document, read.isComplete else {
            return .invalid(place, read.diagnostics.filter { $0.severity == .error })
        }
        return .policy(document)
    }

    struct Unsound: Error {
        let text: String
    }

    /// Returns the policy with unknown parts replaced where that only adds access, in Allow
    /// statements: an unknown part of `Resource` becomes `*`; an unknown value of a
    /// `StringEquals`, `StringLike`, `ArnEquals` or `ArnLike` condition becomes a pattern with
    /// `*` for its unknown parts under the `…Like` operator; any other condition with an
    /// unknown value is dropped, since a condition of an Allow statement only narrows it.
    /// Anywhere else, such as a principal, an action or a Deny statement, an unknown part
    /// makes the policy unknown.
    static func sound(_ policy: DeployedValue, place: String) -> Swift.Result<DeployedValue, Unsound> {
        guard policy.unknownReason != nil else { return .success(policy) }
        guard case .object(var members) = policy.kind else { return .failure(Unsound(text: "\(place) is \(policy.unknownReason ?? "not known")")) }
        guard let index = members.firstIndex(where: { $0.key == "Statement" }) else {
            return .failure(Unsound(text: "\(place) is \(policy.unknownReason ?? "not known")"))
        }
        var statements = members[index].value.arrayElements ?? [members[index].value]
        for position in statements.indices {
            guard case .object(var fields) = statements[position].kind else {
                return .failure(Unsound(text: "statement \(position) of \(place) is \(statements[position].unknownReason ?? "not known")"))
            }
            let isAllow = fields.first { $0.key == "Effect" }?.value.stringValue == "Allow"
            fields.removeAll { $0.key == "Sid" && $0.value.unknownReason != nil }
            for field in fields.indices where fields[field].value.unknownReason != nil {
                let key = fields[field].key
                let reason = fields[field].value.unknownReason ?? "not known"
                switch (isAllow, key) {
                case (true, "Resource"):
                    fields[field].value = widened(fields[field].value)
                case (true, "Condition"):
                    guard let conditions = widenedConditions(fields[field].value) else {
                        return .failure(Unsound(text: "the Condition of statement \(position) in \(place) is \(reason)"))
                    }
                    fields[field].value = conditions
                default:
                    return .failure(Unsound(text: "the \(key) of statement \(position) in \(place) is \(reason)"))
                }
            }
            statements[position].kind = .object(fields)
        }
        members[index].value = DeployedValue(.array(statements), location: members[index].value.location)
        var result = policy
        result.kind = .object(members)
        if let reason = result.unknownReason {
            return .failure(Unsound(text: "\(place) is \(reason)"))
        }
        return .success(result)
    }

    /// The operators whose unknown values can become patterns of the `…Like` operator.
    static let widenableOperators: [String: String] = [
        "StringEquals": "StringLike", "StringLike": "StringLike", "ArnEquals": "ArnLike", "ArnLike": "ArnLike",
    ]

    /// Returns an Allow statement's `Condition` block with each unknown value widened or its
    /// clause dropped; nil when the block itself is not an object.
    static func widenedConditions(_ block: DeployedValue) -> DeployedValue? {
        guard case .object(let operators) = block.kind else { return nil }
        var kept: [(key: String, value: DeployedValue)] = []
        var moved: [(operatorName: String, key: String, value: DeployedValue)] = []
        for entry in operators {
            guard case .object(let clauses) = entry.value.kind else {
                if entry.value.unknownReason == nil { kept.append(entry) }
                continue
            }
            var known: [(key: String, value: DeployedValue)] = []
            for clause in clauses {
                guard clause.value.unknownReason != nil else {
                    known.append(clause)
                    continue
                }
                if let like = likeOperator(for: entry.key) {
                    moved.append((like, clause.key, widened(clause.value)))
                }
            }
            if !known.isEmpty {
                kept.append((entry.key, DeployedValue(.object(known), location: entry.value.location)))
            }
        }
        for clause in moved {
            if let index = kept.firstIndex(where: { $0.key == clause.operatorName }) {
                guard case .object(var clauses) = kept[index].value.kind else { continue }
                // A key that the operator already tests keeps its test, and the widened one is dropped.
                guard !clauses.contains(where: { $0.key == clause.key }) else { continue }
                clauses.append((clause.key, clause.value))
                kept[index].value.kind = .object(clauses)
            } else {
                kept.append((clause.operatorName, DeployedValue(.object([(clause.key, clause.value)]))))
            }
        }
        return DeployedValue(.object(kept), location: block.location)
    }

    /// The `…Like` form of a condition operator that matches values positively, keeping its
    /// `ForAnyValue:` qualifier and `IfExists` suffix; nil for any other operator.
    static func likeOperator(for name: String) -> String? {
        var base = Substring(name)
        var prefix = ""
        if base.hasPrefix("ForAnyValue:") {
            prefix = "ForAnyValue:"
            base = base.dropFirst(prefix.count)
        } else if base.contains(":") {
            return nil
        }
        var suffix = ""
        if base.hasSuffix("IfExists") {
            suffix = "IfExists"
            base = base.dropLast(suffix.count)
        }
        return widenableOperators[String(base)].map { prefix + $0 + suffix }
    }

    /// Replaces unknown strings and unknown parts of strings with `*`.
    static func widened(_ value: DeployedValue) -> DeployedValue {
        switch value.kind {
        case .unknown: return .string("*", at: value.location)
        case .partial(let parts):
            let text = parts.map { part -> String in
                if case .text(let text) = part { return text }
                return "*"
            }.joined()
            return .string(text, at: value.location)
        case .array(let elements): return DeployedValue(.array(elements.map(widened)), location: value.location)
        default: return value
        }
    }
}
