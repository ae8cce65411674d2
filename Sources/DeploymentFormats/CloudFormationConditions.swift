import PolicyLanguage

/// The value of a CloudFormation condition: true, false, or not decided because it compares
/// a value that is not known, such as a parameter without a value.
enum Truth: Equatable {
    case known(Bool)
    case undecided(String)

    static func and(_ values: [Truth]) -> Truth {
        if values.contains(.known(false)) { return .known(false) }
        for case .undecided(let reason) in values { return .undecided(reason) }
        return .known(true)
    }

    static func or(_ values: [Truth]) -> Truth {
        if values.contains(.known(true)) { return .known(true) }
        for case .undecided(let reason) in values { return .undecided(reason) }
        return .known(false)
    }

    var negated: Truth {
        if case .known(let value) = self { return .known(!value) }
        return self
    }
}

extension CloudFormationEvaluator {
    /// Returns the value of a named condition of the template.
    mutating func truth(ofCondition name: String, at location: SourceLocation?) -> Truth {
        if let cached = conditionCache[name] {
            return cached
        }
        guard let definition = template.conditions.first(where: { $0.name == name })?.definition else {
            invalid("the condition '\(name)' is not defined in Conditions", location)
            return .undecided("the condition \(name) is not defined")
        }
        guard conditionsInProgress.insert(name).inserted else {
            invalid("the condition '\(name)' depends on itself", definition.location)
            return .undecided("the condition \(name) depends on itself")
        }
        let value = truth(definition)
        conditionsInProgress.remove(name)
        conditionCache[name] = value
        return value
    }

    /// Returns the value of a condition function: `Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not`
    /// or `Condition`.
    mutating func truth(_ expression: JSONValue) -> Truth {
        guard let members = expression.objectMembers, members.count == 1 else {
            if let flag = expression.boolValue ?? expression.stringValue.flatMap(ConditionEvaluation.parseBool) {
                return .known(flag)
            }
            invalid("a condition must be Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition", expression.location)
            return .undecided("a condition is invalid")
        }
        let (name, argument) = (members[0].key, members[0].value)
        switch name {
        case "Condition":
            guard let referenced = argument.stringValue else {
                invalid("Condition needs the name of a condition", argument.location)
                return .undecided("a condition is invalid")
            }
            return truth(ofCondition: referenced, at: argument.location)
        case "Fn::Not":
            guard let elements = argument.arrayElements, elements.count == 1 else {
                invalid("Fn::Not needs a list of one condition", argument.location)
                return .undecided("a condition is invalid")
            }
            return truth(elements[0]).negated
        case "Fn::And", "Fn::Or":
            guard let elements = argument.arrayElements, (2...10).contains(elements.count) else {
                invalid("\(name) needs a list of 2 to 10 conditions", argument.location)
                return .undecided("a condition is invalid")
            }
            // Evaluation stops at the first operand that decides, so that comparisons which
            // cannot change the result are not enumerated as scenarios.
            let decisive = name == "Fn::Or"
            var values: [Truth] = []
            for element in elements {
                let value = truth(element)
                if value == .known(decisive) { return value }
                values.append(value)
            }
            return name == "Fn::And" ? .and(values) : .or(values)
        case "Fn::Equals":
            return equals(argument)
        default:
            invalid("'\(name)' is not a condition function; expected Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition", expression.location)
            return .undecided("a condition is invalid")
        }
    }

    /// Compares two values. A comparison of a value that is not known is an atom: its value
    /// comes from the scenario's assignment, and is undecided when the assignment lacks it.
    mutating func equals(_ argument: JSONValue) -> Truth {
        guard let elements = argument.arrayElements, elements.count == 2 else {
            invalid("Fn::Equals needs a list of two values", argument.location)
            return .undecided("a condition is invalid")
        }
        let left = evaluate(elements[0])
        let right = evaluate(elements[1])
        if let left, let right, left.unknownReason == nil, right.unknownReason == nil {
            return .known(Self.comparable(left) == Self.comparable(right))
        }
        let key = argument.serialized()
        if let assumed = assignment[key] {
            return .known(assumed)
        }
        // A parameter reads better on the left: "Environment = 'prod'".
        let sides = elements[0]["Ref"] == nil && elements[1]["Ref"] != nil ? [elements[1], elements[0]] : elements
        let description = "\(Self.describe(sides[0])) = \(Self.describe(sides[1]))"
        if !atoms.contains(where: { $0.key == key }) {
            atoms.append((key, description))
        }
        let reason = (left?.unknownReason ?? right?.unknownReason) ?? "a value is not known"
        return .undecided("\(description) compares a value that is \(reason)")
    }

    static func comparable(_ value: DeployedValue) -> String {
        value.stringValue ?? value.json()?.serialized() ?? ""
    }

    /// Describes a compared value for a scenario's label: a parameter's name, or the text.
    static func describe(_ value: JSONValue) -> String {
        if let name = value["Ref"]?.stringValue {
            return name
        }
        if let text = value.stringValue ?? value.numberText ?? value.boolValue.map({ $0 ? "true" : "false" }) {
            return "'\(text)'"
        }
        return value.serialized()
    }
}
