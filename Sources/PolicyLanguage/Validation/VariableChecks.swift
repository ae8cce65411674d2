extension Validation {
    /// Checks `${…}` policy variables: their syntax, the version and elements that support
    /// them, and whether their keys exist.
    mutating func checkVariables() {
        for statement in document.statements {
            if let element = statement.action {
                for pattern in element.patterns where pattern.value.hasVariableMarker {
                    report(
                        .variableUnsupportedInElement, "policy variables are not supported in '\(element.elementName)': '\(pattern.value)'",
                        at: pattern.location, pattern.pointer)
                }
            }
            if let element = statement.resource {
                for pattern in element.patterns {
                    checkTemplate(pattern.value, location: pattern.location, pointer: pattern.pointer)
                }
            }
            for clause in statement.conditions {
                guard let base = clause.conditionOperator?.base else { continue }
                for value in clause.values where value.text.hasVariableMarker {
                    if base.supportsPolicyVariables {
                        checkTemplate(value.text, location: value.location, pointer: value.pointer)
                    } else if document.supportsPolicyVariables {
                        report(
                            .invalidVariableForOperator,
                            "'\(base.rawValue)' does not substitute policy variables, so '\(value.text)' is compared as written",
                            at: value.location, value.pointer)
                    }
                }
            }
        }
    }

    private mutating func checkTemplate(_ text: String, location: SourceLocation?, pointer: JSONPointer) {
        guard text.hasVariableMarker else { return }
        guard document.supportsPolicyVariables else {
            report(
                .variableUnsupportedInVersion,
                "'\(text)' uses a policy variable, which is plain text unless the policy has \"Version\": \"2012-10-17\"",
                at: location, pointer)
            return
        }
        let template = PolicyTemplate(text, wildcards: true, variables: true)
        for error in template.syntaxErrors {
            let message: String
            switch error {
            case .missingClosingBrace(let fragment):
                message = "the policy variable '\(fragment)' has no closing '}'"
            case .emptyVariable:
                message = "'\(text)' has an empty policy variable"
            case .invalidDefault(let body):
                message = "the default in '${\(body)}' must be in single quotes, as in ${key, 'default'}"
            }
            report(.malformedVariable, message, at: location, pointer)
        }
        for key in template.variableKeys {
            guard let definition = catalog.conditionKey(named: key) else {
                report(.unknownVariableKey, "'${\(key)}' names no known condition key, so it never has a value", at: location, pointer)
                continue
            }
            if definition.type.isMultiValued {
                report(
                    .unknownVariableKey, "'${\(key)}' names a multivalued key, which IAM does not substitute",
                    at: location, pointer)
            }
        }
    }
}
