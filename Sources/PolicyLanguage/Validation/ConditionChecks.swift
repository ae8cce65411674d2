extension Validation {
    /// Checks every condition clause: operator spelling, key name and type, set qualifiers,
    /// `Null`, and whether each value reads as the operator's type.
    mutating func checkConditions() {
        for statement in document.statements {
            for clause in statement.conditions {
                guard let conditionOperator = clause.conditionOperator else { continue }
                checkOperatorSpelling(clause, conditionOperator)
                let definition = checkKey(clause, statement: statement)
                if conditionOperator.base == .null {
                    checkNull(clause, conditionOperator)
                    continue
                }
                if let definition {
                    checkTypes(clause, conditionOperator, definition)
                }
                checkValues(clause, conditionOperator)
            }
        }
    }

    private mutating func checkOperatorSpelling(_ clause: ConditionClause, _ conditionOperator: ConditionOperator) {
        let written = clause.operatorName.value
        if written != conditionOperator.canonicalName {
            report(
                .nonCanonicalOperatorCase, "'\(written)' is not spelled as the IAM operator '\(conditionOperator.canonicalName)', and AWS rejects other spellings",
                at: clause.operatorName.location, clause.operatorName.pointer,
                help: "write '\(conditionOperator.canonicalName)'")
        }
    }

    /// Reports malformed and unknown keys, and keys that none of the statement's actions
    /// supports; returns the key's definition when the catalog knows it.
    private mutating func checkKey(_ clause: ConditionClause, statement: Statement) -> ConditionKeyDefinition? {
        let key = clause.key
        guard let colon = key.value.firstIndex(of: ":"), colon != key.value.startIndex,
              colon != key.value.index(before: key.value.endIndex) else {
            report(
                .invalidConditionKeyFormat, "'\(key.value)' is not a condition key, expected 'prefix:name' such as 'aws:SourceIp'",
                at: key.location, key.pointer)
            return nil
        }
        let prefix = CaseFolding.lowercased(String(key.value[..<colon]))
        guard let definition = catalog.conditionKey(named: key.value) else {
            let candidates = catalog.conditionKeyNames.filter { $0.lowercased().hasPrefix(prefix + ":") }
            let help = Suggestions.closest(to: key.value, among: candidates).map { "did you mean '\($0)'?" }
            if prefix == "aws" {
                report(.unknownGlobalConditionKey, "'\(key.value)' is not a global condition key", at: key.location, key.pointer, help: help)
            } else {
                report(.unknownConditionKey, "'\(key.value)' is not a condition key that the action catalog knows", at: key.location, key.pointer, help: help)
            }
            return nil
        }
        checkKeySupport(clause, definition: definition, statement: statement, prefix: prefix)
        return definition
    }

    /// Warns when a service-specific key belongs to none of the statement's actions.
    private mutating func checkKeySupport(_ clause: ConditionClause, definition: ConditionKeyDefinition, statement: Statement, prefix: String) {
        let isGlobal = prefix == "aws" || GlobalConditionKeys.definitions.contains(definition) || prefix.contains(".")
        guard !isGlobal else { return }
        let actions = knownActions(of: statement)
        guard !actions.isEmpty, !actions.contains(where: { $0.conditionKeys.contains(definition) }) else { return }
        let services = Set(actions.map(\.service)).sorted().joined(separator: ", ")
        report(
            .conditionKeyNotSupportedByActions,
            "none of the statement's actions (\(services)) supports '\(clause.key.value)', so requests for them never carry it",
            at: clause.key.location, clause.key.pointer)
    }

    private mutating func checkNull(_ clause: ConditionClause, _ conditionOperator: ConditionOperator) {
        if conditionOperator.ifExists {
            report(.nullWithIfExists, "'Null' cannot take 'IfExists'", at: clause.operatorName.location, clause.operatorName.pointer)
        }
        if let qualifier = conditionOperator.qualifier {
            report(
                .nullWithQualifier, "'\(qualifier.rawValue)' has no effect on 'Null', which tests only whether the key is present",
                at: clause.operatorName.location, clause.operatorName.pointer)
        }
        for value in clause.values where ConditionEvaluation.parseBool(value.text) == nil {
            report(
                .invalidConditionValue, "'Null' takes true (key absent) or false (key present), found '\(value.text)'",
                at: value.location, value.pointer)
        }
    }

    private mutating func checkTypes(_ clause: ConditionClause, _ conditionOperator: ConditionOperator, _ definition: ConditionKeyDefinition) {
        guard let operatorType = conditionOperator.base.valueType else { return }
        let keyType = definition.type.valueType
        let compatible: Bool
        switch operatorType {
        case .string: compatible = keyType == .string || keyType == .arn
        case .numeric: compatible = keyType == .numeric || GlobalConditionKeys.numericDateKeys.contains(clause.normalizedKey)
        default: compatible = operatorType == keyType
        }
        if !compatible {
            report(
                .dataTypeMismatch,
                "'\(conditionOperator.canonicalName)' compares \(operatorType.rawValue) values, but '\(clause.key.value)' is of type \(definition.type)",
                at: clause.key.location, clause.key.pointer,
                help: Validation.operatorAdvice(for: keyType))
        }

        switch (conditionOperator.qualifier, definition.type.isMultiValued) {
        case (.forAllValues?, false):
            report(
                .forAllValuesWithSingleValuedKey,
                "'ForAllValues' with the single-valued key '\(clause.key.value)' also holds when the key is absent, so it grants more than it seems",
                at: clause.key.location, clause.key.pointer,
                help: "drop 'ForAllValues:' from the operator")
        case (.forAnyValue?, false):
            report(
                .forAnyValueWithSingleValuedKey, "'ForAnyValue' has no effect with the single-valued key '\(clause.key.value)'",
                at: clause.key.location, clause.key.pointer,
                help: "drop 'ForAnyValue:' from the operator")
        case (nil, true):
            report(
                .missingQualifier,
                "'\(clause.key.value)' can have several values; say whether all or any of them must match",
                at: clause.key.location, clause.key.pointer,
                help: "use 'ForAllValues:\(conditionOperator.canonicalName)' or 'ForAnyValue:\(conditionOperator.canonicalName)'")
        default:
            break
        }
    }

    static func operatorAdvice(for keyType: ConditionValueType) -> String {
        switch keyType {
        case .string: return "use a String operator such as StringEquals"
        case .arn: return "use an Arn operator such as ArnLike, or a String operator"
        case .numeric: return "use a Numeric operator such as NumericLessThan"
        case .date: return "use a Date operator such as DateGreaterThan"
        case .bool: return "use Bool"
        case .ipAddress: return "use IpAddress or NotIpAddress"
        case .binary: return "use BinaryEquals"
        }
    }

    private mutating func checkValues(_ clause: ConditionClause, _ conditionOperator: ConditionOperator) {
        let base = conditionOperator.base
        for value in clause.values {
            // Values with variables are checked by the variable checks.
            if document.supportsPolicyVariables && value.text.hasVariableMarker { continue }
            if let problem = Validation.valueProblem(value.text, base: base) {
                report(.invalidConditionValue, problem, at: value.location, value.pointer)
                continue
            }
            switch base.positive {
            case .stringEquals, .stringEqualsIgnoreCase:
                if value.text.contains("*") || value.text.contains("?") {
                    report(
                        .wildcardWithoutLikeOperator,
                        "'\(value.text)' contains a wildcard, but '\(conditionOperator.canonicalName)' compares it literally",
                        at: value.location, value.pointer,
                        help: "use '\(base.isNegated ? "StringNotLike" : "StringLike")' to match a pattern")
                }
            case .bool:
                if value.text != "true" && value.text != "false" {
                    report(.nonCanonicalBoolean, "write the Boolean '\(value.text)' as \(CaseFolding.lowercased(value.text))", at: value.location, value.pointer)
                }
            case .ipAddress:
                checkAddressRange(value, key: clause.normalizedKey)
            default:
                break
            }
        }
    }

    /// Returns whether `text` is a decimal number that `DecimalNumber` rejects only for the
    /// size of its exponent.
    static func hasExponentOutOfRange(_ text: String) -> Bool {
        guard let marker = text.firstIndex(where: { $0 == "e" || $0 == "E" }), DecimalNumber(text[..<marker]) != nil else {
            return false
        }
        var exponent = text[text.index(after: marker)...]
        if exponent.first == "+" || exponent.first == "-" {
            exponent = exponent.dropFirst()
        }
        return !exponent.isEmpty && exponent.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// Describes why a value does not read as the operator's type, or returns nil.
    static func valueProblem(_ text: String, base: ConditionOperator.Base) -> String? {
        switch base.valueType {
        case .numeric?:
            guard DecimalNumber(text) == nil else { return nil }
            return hasExponentOutOfRange(text) ? "'\(text)' is out of range: exponents beyond ±100000 are not supported" : "'\(text)' is not a number"
        case .date?:
            return PolicyDate(text) == nil
                ? "'\(text)' is not a date, expected ISO 8601 such as '2024-01-31T12:00:00Z' or epoch seconds" : nil
        case .bool?:
            return ConditionEvaluation.parseBool(text) == nil ? "'\(text)' is not a Boolean, expected true or false" : nil
        case .ipAddress?:
            return CIDRBlock(text) == nil ? "'\(text)' is not an IP address or CIDR range" : nil
        case .binary?:
            return Base64.decode(text) == nil ? "'\(text)' is not base64-encoded" : nil
        case .arn?:
            let isPatternOnly = !text.isEmpty && text.allSatisfy { $0 == "*" || $0 == "?" }
            let isShortPattern = text.hasPrefix("arn:") && text.hasSuffix("*")
            return ARN(text) == nil && !isPatternOnly && !isShortPattern
                ? "'\(text)' is not an ARN, expected 'arn:partition:service:region:account:resource'" : nil
        case .string?, nil:
            return nil
        }
    }

    private mutating func checkAddressRange(_ value: ConditionValue, key: String) {
        guard let block = CIDRBlock(value.text) else { return }
        if block.hasHostBits {
            report(
                .cidrHostBitsSet, "'\(value.text)' has bits set beyond its prefix and means \(block)",
                at: value.location, value.pointer, help: "write '\(block)'")
        }
        if key == "aws:sourceip", Validation.isPrivateRange(block) {
            report(
                .privateIPAddress,
                "'\(value.text)' is a private range, but aws:SourceIp carries public addresses only; requests through a VPC endpoint carry aws:VpcSourceIp",
                at: value.location, value.pointer)
        }
    }

    /// Whether the range lies within RFC 1918, loopback, link-local or unique-local space.
    static func isPrivateRange(_ block: CIDRBlock) -> Bool {
        let privateRanges = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8", "169.254.0.0/16", "fc00::/7", "fe80::/10", "::1/128"]
        return privateRanges.compactMap { CIDRBlock($0) }.contains { range in
            range.contains(block.firstAddress) && range.contains(block.lastAddress)
        }
    }
}
