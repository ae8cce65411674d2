import PolicyLanguage

/// The request values one policy value of a condition matches, as a set in the key's
/// domain, mirroring `ConditionEvaluation` of the concrete evaluator.
///
/// Requests carry values in canonical text form (the form `ValueSet.witness` writes), so a
/// string comparison against a typed key is exact: `StringEquals "3600"` on a numeric key
/// matches the number 3600, whose canonical text is "3600". Comparisons the domain cannot
/// express exactly, such as a `StringLike` pattern against numbers, or values holding
/// policy variables, get a lower and an upper bound and name the approximation.
struct ValueMatch {
    var lower: ValueSet
    var upper: ValueSet
    var approximation: String?

    static func exact(_ set: ValueSet) -> ValueMatch {
        ValueMatch(lower: set, upper: set, approximation: nil)
    }

    static func unknown(_ domain: ConditionValueType, because reason: String) -> ValueMatch {
        let universe = ValueSet.universe(domain)
        return ValueMatch(lower: .empty(like: universe), upper: universe, approximation: reason)
    }
}

enum ValueMatching {
    /// The set of request values that `policyValue` matches under the positive operator `base`.
    static func match(
        _ base: ConditionOperator.Base,
        policyValue: String,
        domain: ConditionValueType,
        variables: Bool,
        bindings: [String: String] = [:],
        absentKey: String? = nil
    ) throws(AutomatonTooLarge) -> ValueMatch {
        let substitutes = variables && base.supportsPolicyVariables
        let template = PolicyTemplate(policyValue, wildcards: base.usesWildcards, variables: substitutes)
        if template.hasVariables {
            switch resolve(template, bindings: bindings, absentKey: absentKey) {
            case .resolved(let glob):
                return try exactMatch(base, text: glob.description, glob: glob, domain: domain)
            case .matchesNothing:
                return .exact(.empty(like: .universe(domain)))
            case .unresolved:
                return try variableMatch(base, template: template, text: policyValue, domain: domain)
            }
        }
        // Without variables, the template reduces to the value with `${*}`, `${?}` and `${$}`
        // replaced by their characters, as the evaluator resolves it.
        let glob = Glob(tokens: template.parts.flatMap(tokens(of:)))
        let text = base.usesWildcards ? policyValue : glob.description
        return try exactMatch(base, text: text, glob: glob, domain: domain)
    }

    /// How a template's variables resolve when some keys have known values or are absent.
    enum Resolution {
        /// Every variable has a value; substituted text is literal, as the evaluator uses it.
        case resolved(Glob)
        /// A variable's key is absent and the variable has no default, so the policy value
        /// matches nothing, as the evaluator treats it.
        case matchesNothing
        /// Some variable's value is not known.
        case unresolved
    }

    /// Resolves the variables: a bound key takes its value, `absentKey` takes the default.
    static func resolve(_ template: PolicyTemplate, bindings: [String: String], absentKey: String?) -> Resolution {
        var tokens: [Glob.Token] = []
        var unresolved = false
        for part in template.parts {
            guard case .variable(let key, let defaultValue) = part else {
                tokens += self.tokens(of: part)
                continue
            }
            if let value = bindings[key] {
                tokens += value.unicodeScalars.map { .scalar($0) }
            } else if key == absentKey {
                guard let defaultValue else { return .matchesNothing }
                tokens += defaultValue.unicodeScalars.map { .scalar($0) }
            } else {
                unresolved = true
            }
        }
        return unresolved ? .unresolved : .resolved(Glob(tokens: tokens))
    }

    /// Returns the template with every variable replaced by its bound value, or nil when a
    /// variable is not bound.
    static func bound(_ template: PolicyTemplate, _ bindings: [String: String]) -> Glob? {
        if case .resolved(let glob) = resolve(template, bindings: bindings, absentKey: nil) {
            return glob
        }
        return nil
    }

    static func tokens(of part: PolicyTemplate.Part) -> [Glob.Token] {
        switch part {
        case .text(let text): return text.unicodeScalars.map { .scalar($0) }
        case .anyRun: return [.anyRun]
        case .anyScalar: return [.anyScalar]
        case .variable: return [.anyRun]
        }
    }

    /// A value with policy variables matches some string for each request, so its upper
    /// bound puts `*` in place of each variable and its lower bound is empty.
    static func variableMatch(
        _ base: ConditionOperator.Base, template: PolicyTemplate, text: String, domain: ConditionValueType
    ) throws(AutomatonTooLarge) -> ValueMatch {
        let reason = "the policy variables of '\(text)'"
        guard domain == .string || domain == .arn, base != .stringEqualsIgnoreCase else {
            return .unknown(domain, because: reason)
        }
        let glob = Glob(tokens: template.parts.flatMap(tokens(of:)))
        let upper: StringSet = base == .arnEquals || base == .arnLike ? try .arnPattern(glob) : try .stringLike(glob)
        return ValueMatch(lower: .strings(.empty), upper: .strings(upper), approximation: reason)
    }

    static func exactMatch(_ base: ConditionOperator.Base, text: String, glob: Glob, domain: ConditionValueType) throws(AutomatonTooLarge) -> ValueMatch {
        switch (base, domain) {
        case (.stringEquals, .string), (.stringEquals, .arn):
            return .exact(.strings(.literal(text)))
        case (.stringEquals, _):
            return .exact(canonicalMember(text, domain) { CanonicalValue.text(of: $0) == text })
        case (.stringEqualsIgnoreCase, .string), (.stringEqualsIgnoreCase, .arn):
            return .exact(.strings(try .caseInsensitive(text)))
        case (.stringEqualsIgnoreCase, .binary):
            return .unknown(domain, because: "StringEqualsIgnoreCase on a binary key")
        case (.stringEqualsIgnoreCase, _):
            return .exact(canonicalMember(text, domain) { CaseFolding.equalIgnoringCase(CanonicalValue.text(of: $0), text) })
        case (.stringLike, .string), (.stringLike, .arn):
            return .exact(.strings(try .stringLike(glob)))
        case (.stringLike, .bool):
            return .exact(.booleans(BooleanSet(containsFalse: glob.matches("false"), containsTrue: glob.matches("true"))))
        case (.stringLike, _):
            if !glob.hasWildcards {
                return try exactMatch(.stringEquals, text: glob.description, glob: glob, domain: domain)
            }
            return .unknown(domain, because: "StringLike on a \(domain.rawValue) key")
        case (.numericEquals, .numeric), (.numericLessThan, .numeric), (.numericLessThanEquals, .numeric),
             (.numericGreaterThan, .numeric), (.numericGreaterThanEquals, .numeric):
            guard let value = DecimalNumber(text) else { return .exact(.numbers(DenseIntervalSet([]))) }
            return .exact(.numbers(DenseIntervalSet([interval(base, value)])))
        case (.dateEquals, .date), (.dateLessThan, .date), (.dateLessThanEquals, .date),
             (.dateGreaterThan, .date), (.dateGreaterThanEquals, .date):
            guard let date = PolicyDate(text) else { return .exact(.empty(like: .universe(.date))) }
            return .exact(.dates(dateRange(base, DateNanoseconds.nanoseconds(date))))
        case (.bool, .bool):
            guard let value = ConditionEvaluation.parseBool(text) else { return .exact(.booleans(.none)) }
            return .exact(.booleans(.only(value)))
        case (.bool, .string), (.bool, .arn):
            guard let value = ConditionEvaluation.parseBool(text) else { return .exact(.strings(.empty)) }
            return .exact(.strings(try .caseInsensitive(value ? "true" : "false")))
        case (.bool, _):
            // Canonical numbers, dates, addresses and base64 never read as Booleans.
            return .exact(.empty(like: .universe(domain)))
        case (.binaryEquals, .binary):
            guard let bytes = Base64.decode(text) else { return .exact(.binary(.finite([]))) }
            return .exact(.binary(.finite([bytes])))
        case (.ipAddress, .ipAddress):
            guard let block = CIDRBlock(text) else { return .exact(.empty(like: .universe(.ipAddress))) }
            return .exact(addressSet(block))
        case (.arnEquals, .string), (.arnEquals, .arn), (.arnLike, .string), (.arnLike, .arn):
            return .exact(.strings(try .arnPattern(glob)))
        default:
            if !ConditionEvaluation.readsAsOperand(base, text) {
                // The evaluator compares nothing with a value its operator cannot read.
                return .exact(.empty(like: .universe(domain)))
            }
            return .unknown(domain, because: "\(base.rawValue) on a \(domain.rawValue) key")
        }
    }

    /// The values of a typed domain whose canonical text passes `test`, found by reading the
    /// policy value as that type: at most one value qualifies.
    static func canonicalMember(_ candidate: String, _ domain: ConditionValueType, where test: (CanonicalValue) -> Bool) -> ValueSet {
        guard let value = CanonicalValue(parsing: candidate, as: domain), test(value) else {
            return .empty(like: .universe(domain))
        }
        return value.set
    }

    static func interval(_ base: ConditionOperator.Base, _ value: DecimalNumber) -> DenseInterval<DecimalNumber> {
        switch base {
        case .numericEquals:
            return DenseInterval(lower: IntervalBound(value: value, isInclusive: true), upper: IntervalBound(value: value, isInclusive: true))
        case .numericLessThan:
            return DenseInterval(lower: nil, upper: IntervalBound(value: value, isInclusive: false))
        case .numericLessThanEquals:
            return DenseInterval(lower: nil, upper: IntervalBound(value: value, isInclusive: true))
        case .numericGreaterThan:
            return DenseInterval(lower: IntervalBound(value: value, isInclusive: false), upper: nil)
        default:
            return DenseInterval(lower: IntervalBound(value: value, isInclusive: true), upper: nil)
        }
    }

    static func dateRange(_ base: ConditionOperator.Base, _ value: Int128) -> DiscreteIntervalSet<Int128> {
        let universe = DateNanoseconds.universe
        switch base {
        case .dateEquals: return DiscreteIntervalSet(universe: universe, ranges: [value...value])
        case .dateLessThan: return value > universe.lowerBound ? DiscreteIntervalSet(universe: universe, ranges: [universe.lowerBound...(value - 1)]) : DiscreteIntervalSet(universe: universe)
        case .dateLessThanEquals: return DiscreteIntervalSet(universe: universe, ranges: [universe.lowerBound...value])
        case .dateGreaterThan: return value < universe.upperBound ? DiscreteIntervalSet(universe: universe, ranges: [(value + 1)...universe.upperBound]) : DiscreteIntervalSet(universe: universe)
        default: return DiscreteIntervalSet(universe: universe, ranges: [value...universe.upperBound])
        }
    }

    static func addressSet(_ block: CIDRBlock) -> ValueSet {
        let first = block.firstAddress
        let last = block.lastAddress
        switch first.family {
        case .ipv4:
            return .addresses(
                ipv4: DiscreteIntervalSet(universe: 0...UInt32.max, ranges: [UInt32(first.low)...UInt32(last.low)]),
                ipv6: DiscreteIntervalSet(universe: 0...UInt128.max))
        case .ipv6:
            let lower = UInt128(first.high) << 64 | UInt128(first.low)
            let upper = UInt128(last.high) << 64 | UInt128(last.low)
            return .addresses(
                ipv4: DiscreteIntervalSet(universe: 0...UInt32.max),
                ipv6: DiscreteIntervalSet(universe: 0...UInt128.max, ranges: [lower...upper]))
        }
    }
}

/// One value of a typed domain, with the canonical text a request would carry.
enum CanonicalValue {
    case number(DecimalNumber)
    case date(Int128)
    case address(IPAddress)
    case boolean(Bool)
    case binary([UInt8])

    init?(parsing text: String, as domain: ConditionValueType) {
        switch domain {
        case .numeric:
            guard let value = DecimalNumber(text) else { return nil }
            self = .number(value)
        case .date:
            guard let value = PolicyDate(text) else { return nil }
            self = .date(DateNanoseconds.nanoseconds(value))
        case .ipAddress:
            guard let value = IPAddress(text) else { return nil }
            self = .address(value)
        case .bool:
            guard let value = ConditionEvaluation.parseBool(text) else { return nil }
            self = .boolean(value)
        case .binary:
            guard let value = Base64.decode(text) else { return nil }
            self = .binary(value)
        case .string, .arn:
            return nil
        }
    }

    static func text(of value: CanonicalValue) -> String {
        switch value {
        case .number(let number): return number.description
        case .date(let nanoseconds): return DateNanoseconds.date(nanoseconds).description
        case .address(let address): return address.description
        case .boolean(let flag): return flag ? "true" : "false"
        case .binary(let bytes): return Base64Encoding.encode(bytes)
        }
    }

    var set: ValueSet {
        switch self {
        case .number(let number):
            let bound = IntervalBound(value: number, isInclusive: true)
            return .numbers(DenseIntervalSet([DenseInterval(lower: bound, upper: bound)]))
        case .date(let nanoseconds):
            return .dates(DiscreteIntervalSet(universe: DateNanoseconds.universe, ranges: [nanoseconds...nanoseconds]))
        case .address(let address):
            return ValueMatching.addressSet(CIDRBlock(address: address, prefixLength: address.family.bitWidth))
        case .boolean(let flag):
            return .booleans(.only(flag))
        case .binary(let bytes):
            return .binary(.finite([bytes]))
        }
    }
}
