import AccessReasoning
import PolicyLanguage

/// A query part that the Z3 encoding does not model exactly, which makes the query
/// `unknown` with this reason.
struct EncodingGap: Error, CustomStringConvertible {
    let description: String
}

/// One condition key of the symbolic request.
///
/// A single-valued key has one value; a multivalued key has `values.count` values, which
/// stand for the set of the distinct ones. A request whose key holds no value does not
/// carry the key, as `RequestContext` treats an empty list.
struct KeyVariable {
    let name: String
    let displayName: String
    let domain: KeyDomain
    let isMultiValued: Bool
    /// Whether AWS derives the key from the principal; the witness leaves such keys to the evaluator.
    let isDerived: Bool
    let present: SMTTerm
    /// One term per value: a string, an integer (numbers scaled, dates in nanoseconds), a
    /// Boolean, or a 128-bit vector for addresses.
    let values: [SMTTerm]
    /// For addresses, whether each value is IPv6.
    let isIPv6: [SMTTerm]
}

/// The symbolic request of one query and the encoding state shared by its parts.
///
/// A request is a principal, a lowercased action, a resource and its condition keys.
/// Action names range over lowercased `service:name` strings of letters, digits and
/// hyphens, which include every catalog action and every name AWS may add later; this is
/// the action space of the native engine's `ActionSet`.
final class QueryEncoder {
    let smt: SMTContext
    let catalog: ActionCatalog
    let regex: PatternRegex
    let principal: SymbolicPrincipal
    let action: SMTTerm
    let resource: SMTTerm
    let usage: KeyUsage
    /// Values of policy variables that every request of the query carries, by lowercased key.
    let bindings: [String: String]
    /// Numbers are integers scaled by 10^numericScale, one digit finer than any policy
    /// number, so that an open interval between two policy numbers always contains one.
    let numericScale: Int
    private(set) var keys: [String: KeyVariable] = [:]
    private var keyRequirements: [SMTTerm] = []

    static let dateRange = (
        lower: "-62135596800000000000",  // 0001-01-01T00:00:00Z in nanoseconds
        upper: "253402300799999999999"  // 9999-12-31T23:59:59.999999999Z
    )

    init(smt: SMTContext, catalog: ActionCatalog, usage: KeyUsage, bindings: [String: String]) throws {
        self.smt = smt
        self.catalog = catalog
        self.regex = PatternRegex(smt: smt)
        self.principal = SymbolicPrincipal(smt)
        self.action = smt.constant("action", smt.stringSort)
        self.resource = smt.constant("resource", smt.stringSort)
        self.usage = usage
        self.bindings = bindings
        var scale = 0
        for number in usage.numbers {
            guard abs(number.exponent) <= 300 else {
                throw EncodingGap(description: "the number \(number) has an exponent beyond ±300")
            }
            scale = max(scale, -number.exponent)
        }
        numericScale = scale + 1
    }

    /// Returns the constraint that the request's variables take well-formed values and that
    /// bound keys carry their values.
    func wellFormedRequest() throws -> SMTTerm {
        var parts: [SMTTerm] = []
        let word = smt.regexPlus(smt.regexUnion([smt.regexRange(0x30, 0x39), smt.regexRange(0x61, 0x7A), smt.regexRange(0x2D, 0x2D)]))
        parts.append(smt.inRegex(action, smt.regexConcat([word, try smt.regexLiteral([":"]), word])))
        for (name, value) in bindings.sorted(by: { $0.key < $1.key }) {
            let variable = try key(name)
            guard variable.domain == .string, !variable.isMultiValued else {
                throw EncodingGap(description: "the bound variable key '\(name)' does not hold one string")
            }
            parts.append(variable.present)
            parts.append(smt.equal(variable.values[0], try smt.string(value)))
        }
        return smt.and(parts + keyRequirements + [principal.wellFormed])
    }

    /// Returns the variable of a condition key, created on first use.
    func key(_ name: String) throws -> KeyVariable {
        let lowered = CaseFolding.lowercased(name)
        if let known = keys[lowered] { return known }
        let displayName = usage.entries[lowered]?.displayName ?? name
        let variable: KeyVariable
        if let derived = try DerivedKeys.value(of: lowered, principal: principal, action: action, smt: smt) {
            variable = KeyVariable(
                name: lowered, displayName: displayName, domain: .string, isMultiValued: false, isDerived: true,
                present: derived.present, values: [derived.value], isIPv6: [])
        } else {
            variable = try makeKey(lowered, displayName: displayName)
        }
        keys[lowered] = variable
        return variable
    }

    private func makeKey(_ lowered: String, displayName: String) throws -> KeyVariable {
        let entry = usage.entries[lowered]
        let domain: KeyDomain
        let isMultiValued: Bool
        if let definition = catalog.conditionKey(named: lowered) {
            domain = KeyDomain(definition.type.valueType)
            isMultiValued = definition.type.isMultiValued
        } else {
            let types = entry?.operatorTypes ?? []
            guard types.count <= 1 else {
                throw EncodingGap(description: "the key '\(displayName)' is compared as values of several types")
            }
            domain = types.first.map(KeyDomain.init) ?? .string
            isMultiValued = entry?.isQualified ?? false
        }
        // A set of values satisfies a conjunction of "all values in A" and "some value in B"
        // constraints exactly when a subset with one value per "some" constraint does, and
        // each clause contributes at most one such constraint, so this many values suffice.
        let count = isMultiValued ? max(1, entry?.valueClauses ?? 1) : 1
        let present = smt.constant("has_\(lowered)", smt.boolSort)
        var values: [SMTTerm] = []
        var isIPv6: [SMTTerm] = []
        for index in 0..<count {
            let label = "\(lowered)_\(index)"
            switch domain {
            case .string, .binary:
                values.append(smt.constant(label, smt.stringSort))
            case .numeric, .date:
                values.append(smt.constant(label, smt.intSort))
            case .bool:
                values.append(smt.constant(label, smt.boolSort))
            case .ipAddress:
                values.append(smt.constant(label, smt.bitVectorSort(128)))
                isIPv6.append(smt.constant(label + "_v6", smt.boolSort))
            }
        }
        for (index, value) in values.enumerated() {
            switch domain {
            case .date:
                keyRequirements.append(smt.lessOrEqual(smt.numeral(Self.dateRange.lower, smt.intSort), value))
                keyRequirements.append(smt.lessOrEqual(value, smt.numeral(Self.dateRange.upper, smt.intSort)))
            case .ipAddress:
                let high = smt.extract(value, high: 127, low: 32)
                keyRequirements.append(smt.implies(smt.not(isIPv6[index]), smt.equal(high, smt.numeral("0", smt.bitVectorSort(96)))))
            case .binary:
                keyRequirements.append(smt.inRegex(value, smt.regexStar(smt.regexRange(0, 0xFF))))
            default:
                break
            }
        }
        if let carriers = DerivedKeys.carriers(of: lowered) {
            keyRequirements.append(smt.implies(present, principal.isCase(smt, in: carriers)))
        }
        return KeyVariable(
            name: lowered, displayName: displayName, domain: domain, isMultiValued: isMultiValued, isDerived: false,
            present: present, values: values, isIPv6: isIPv6)
    }

    /// A number as an integer scaled by 10^numericScale.
    func scaled(_ number: DecimalNumber) -> SMTTerm {
        let digits = number.digits.map(String.init).joined()
        let shift = number.exponent + numericScale
        let magnitude = digits.isEmpty ? "0" : digits + String(repeating: "0", count: max(0, shift))
        return smt.numeral((number.isNegative ? "-" : "") + magnitude, smt.intSort)
    }
}
