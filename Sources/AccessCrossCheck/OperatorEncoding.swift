import PolicyLanguage

/// A policy value prepared as `ConditionEvaluation` prepares it: a glob for the operators
/// with wildcards, text for the others, or nothing when a policy variable cannot be
/// substituted.
enum PreparedValue {
    case glob(Glob)
    case text(String)
    case nothing
}

extension QueryEncoder {
    /// Prepares a condition value. Variables are substituted only when the query binds their
    /// keys; other variables are outside the encoding.
    func prepare(_ text: String, base: ConditionOperator.Base, variables: Bool) throws -> PreparedValue {
        let substitutes = variables && base.supportsPolicyVariables
        guard substitutes || base.usesWildcards else { return .text(text) }
        let template = PolicyTemplate(text, wildcards: base.usesWildcards, variables: substitutes)
        guard let glob = try resolve(template) else { return .nothing }
        return base.usesWildcards ? .glob(glob) : .text(glob.description)
    }

    /// Substitutes the bound variables of a template; nil when the template matches nothing.
    func resolve(_ template: PolicyTemplate) throws -> Glob? {
        var tokens: [Glob.Token] = []
        for part in template.parts {
            switch part {
            case .text(let text): tokens += text.unicodeScalars.map { .scalar($0) }
            case .anyRun: tokens.append(.anyRun)
            case .anyScalar: tokens.append(.anyScalar)
            case .variable(let key, _):
                guard let value = bindings[key] else {
                    // TODO: encode unbound variables; the native engine approximates them.
                    throw EncodingGap(description: "the policy variable ${\(key)} is not bound by the query")
                }
                tokens += value.unicodeScalars.map { .scalar($0) }
            }
        }
        return Glob(tokens: tokens)
    }

    /// Whether one value of a key matches one policy value under a positive operator, as
    /// `ConditionEvaluation.matches` decides for the value's text.
    ///
    /// Requests carry typed keys in the canonical text of their type (numbers as
    /// `DecimalNumber.description`, dates as `PolicyDate.description`, and so on), which is
    /// the native engine's request space. A string operator on a typed key therefore matches
    /// the one value whose canonical text it names. Comparisons that need a value's text in
    /// another form, such as `StringLike` with wildcards on a number, are outside the encoding.
    func matches(_ base: ConditionOperator.Base, _ prepared: PreparedValue, key: KeyVariable, slot: Int) throws -> SMTTerm {
        let value = key.values[slot]
        let text: String
        switch prepared {
        case .nothing:
            return smt.bool(false)
        case .glob(let glob):
            switch (base, key.domain) {
            case (.stringLike, .string):
                return try regex.globMatches(value, glob.tokens)
            case (.arnEquals, .string), (.arnLike, .string):
                return try regex.arnMatches(value, glob)
            case (.stringLike, .bool):
                return smt.or([
                    glob.matches("true") ? value : smt.bool(false),
                    glob.matches("false") ? smt.not(value) : smt.bool(false),
                ])
            case (.stringLike, _) where !glob.hasWildcards:
                return try matches(.stringEquals, .text(glob.description), key: key, slot: slot)
            default:
                throw EncodingGap(description: "\(base.rawValue) on the \(key.domain) key '\(key.displayName)'")
            }
        case .text(let written):
            text = written
        }

        switch (base, key.domain) {
        case (.stringEquals, .string):
            return smt.equal(value, try smt.string(text))
        case (.stringEqualsIgnoreCase, .string):
            return try regex.equalsIgnoringCase(value, text)
        case (.bool, .string):
            guard let flag = ConditionEvaluation.parseBool(text) else { return smt.bool(false) }
            return try regex.equalsIgnoringCase(value, flag ? "true" : "false")
        case (.bool, .bool):
            guard let flag = ConditionEvaluation.parseBool(text) else { return smt.bool(false) }
            return flag ? value : smt.not(value)
        case (.bool, _):
            // Canonical numbers, dates, addresses and base64 never read as Booleans.
            return smt.bool(false)
        case (.numericEquals, .numeric), (.numericLessThan, .numeric), (.numericLessThanEquals, .numeric),
             (.numericGreaterThan, .numeric), (.numericGreaterThanEquals, .numeric):
            guard let number = DecimalNumber(text) else { return smt.bool(false) }
            return order(base, value, scaled(number))
        case (.dateEquals, .date), (.dateLessThan, .date), (.dateLessThanEquals, .date),
             (.dateGreaterThan, .date), (.dateGreaterThanEquals, .date):
            guard let date = PolicyDate(text) else { return smt.bool(false) }
            return order(base, value, smt.numeral(Self.nanoseconds(date), smt.intSort))
        case (.ipAddress, .ipAddress):
            guard let block = CIDRBlock(text) else { return smt.bool(false) }
            return contains(block, key: key, slot: slot)
        case (.binaryEquals, .binary):
            guard let bytes = Base64.decode(text) else { return smt.bool(false) }
            return smt.equal(value, try smt.string(scalars: bytes.map { Unicode.Scalar($0) }))
        case (.stringEquals, _), (.stringEqualsIgnoreCase, _):
            return try canonicalMatch(text, ignoringCase: base == .stringEqualsIgnoreCase, key: key, slot: slot)
        default:
            guard ConditionEvaluation.readsAsOperand(base, text) else { return smt.bool(false) }
            throw EncodingGap(description: "\(base.rawValue) on the \(key.domain) key '\(key.displayName)'")
        }
    }

    /// A string operator on a typed key: it matches the value whose canonical text is `text`.
    private func canonicalMatch(_ text: String, ignoringCase: Bool, key: KeyVariable, slot: Int) throws -> SMTTerm {
        let value = key.values[slot]
        func same(_ canonical: String) -> Bool {
            ignoringCase ? CaseFolding.equalIgnoringCase(canonical, text) : canonical.hasSameScalars(as: text)
        }
        switch key.domain {
        case .numeric:
            guard let number = DecimalNumber(text), same(number.description) else { return smt.bool(false) }
            return smt.equal(value, scaled(number))
        case .date:
            guard let date = PolicyDate(text), same(date.description) else { return smt.bool(false) }
            return smt.equal(value, smt.numeral(Self.nanoseconds(date), smt.intSort))
        case .ipAddress:
            guard let address = IPAddress(text), same(address.description) else { return smt.bool(false) }
            return contains(CIDRBlock(address: address, prefixLength: address.family.bitWidth), key: key, slot: slot)
        case .bool:
            guard let flag = ConditionEvaluation.parseBool(text), same(flag ? "true" : "false") else { return smt.bool(false) }
            return flag ? value : smt.not(value)
        case .binary:
            guard !ignoringCase else {
                throw EncodingGap(description: "StringEqualsIgnoreCase on the binary key '\(key.displayName)'")
            }
            guard let bytes = Base64.decode(text), same(Self.base64(bytes)) else { return smt.bool(false) }
            return smt.equal(value, try smt.string(scalars: bytes.map { Unicode.Scalar($0) }))
        case .string:
            preconditionFailure("string keys are compared as text")
        }
    }

    /// "request value OP policy value" for the ordering operators.
    private func order(_ base: ConditionOperator.Base, _ request: SMTTerm, _ policy: SMTTerm) -> SMTTerm {
        switch base {
        case .numericEquals, .dateEquals: return smt.equal(request, policy)
        case .numericLessThan, .dateLessThan: return smt.lessThan(request, policy)
        case .numericLessThanEquals, .dateLessThanEquals: return smt.lessOrEqual(request, policy)
        case .numericGreaterThan, .dateGreaterThan: return smt.lessThan(policy, request)
        default: return smt.lessOrEqual(policy, request)
        }
    }

    /// Whether an address value lies in a block: the same family and the same prefix bits.
    private func contains(_ block: CIDRBlock, key: KeyVariable, slot: Int) -> SMTTerm {
        let first = block.firstAddress
        let isIPv6 = block.address.family == .ipv6
        let family = isIPv6 ? key.isIPv6[slot] : smt.not(key.isIPv6[slot])
        let width = block.address.family.bitWidth
        guard block.prefixLength > 0 else { return family }
        let value = UInt128(first.high) << 64 | UInt128(first.low)
        let low = UInt32(width - block.prefixLength)
        let high = UInt32(width - 1)
        let expected = value >> low
        let bits = smt.extract(key.values[slot], high: high, low: low)
        return smt.and([family, smt.equal(bits, smt.numeral(String(expected), smt.bitVectorSort(high - low + 1)))])
    }

    static func nanoseconds(_ date: PolicyDate) -> String {
        String(Int128(date.seconds) * 1_000_000_000 + Int128(date.nanoseconds))
    }

    /// Base64 with padding (RFC 4648), the canonical text of a binary value.
    static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var output = ""
        var index = 0
        while index < bytes.count {
            let chunk = Array(bytes[index..<min(index + 3, bytes.count)])
            let value = UInt32(chunk[0]) << 16 | UInt32(chunk.count > 1 ? chunk[1] : 0) << 8 | UInt32(chunk.count > 2 ? chunk[2] : 0)
            output.append(alphabet[Int(value >> 18 & 63)])
            output.append(alphabet[Int(value >> 12 & 63)])
            output.append(chunk.count > 1 ? alphabet[Int(value >> 6 & 63)] : "=")
            output.append(chunk.count > 2 ? alphabet[Int(value & 63)] : "=")
            index += 3
        }
        return output
    }
}
