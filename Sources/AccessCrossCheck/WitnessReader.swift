import PolicyLanguage

/// Builds the concrete request of a model: the principal from its case and strings, the
/// action and resource, and the condition keys the model makes present.
///
/// Keys that AWS derives from the principal are left to the evaluator, which derives them
/// the same way; organization and tag keys become the principal's organization and tags;
/// the source keys of a service acting for a resource, and every other present key, go
/// into the request context.
struct WitnessReader {
    let encoder: QueryEncoder
    let model: SMTModel

    func request() throws -> Request {
        let p = encoder.principal
        guard let kindText = model.numeral(p.kind), let kindValue = Int(kindText), let principalCase = PrincipalCase(rawValue: kindValue) else {
            throw EncodingGap(description: "the model has no principal kind")
        }
        var context = RequestContext()
        var organizationID: String?
        var organizationPaths: [String] = []
        var tags: [String: String] = [:]
        for name in encoder.keys.keys.sorted() {
            guard let key = encoder.keys[name], !key.isDerived, model.bool(key.present) == true else { continue }
            var texts: [String] = []
            for slot in key.values.indices {
                let text = try valueText(key, slot: slot)
                if !texts.contains(where: { $0.hasSameScalars(as: text) }) { texts.append(text) }
            }
            if name == "aws:principalorgid" {
                organizationID = texts.first
            } else if name == "aws:principalorgpaths" {
                organizationPaths = texts
            } else if name.hasPrefix("aws:principaltag/") {
                tags[String(key.displayName.dropFirst("aws:PrincipalTag/".count))] = texts.first
            } else if key.isMultiValued {
                context.set(key.displayName, values: texts)
            } else {
                context.set(key.displayName, texts[0])
            }
        }

        let identity: RequestPrincipal.Identity
        var uniqueID: String?
        var rootPartition = "aws"
        switch principalCase {
        case .anonymous:
            identity = .anonymous
        case .accountRoot:
            rootPartition = try string(.partition, principalCase)
            identity = .accountRoot(account: try string(.account, principalCase))
        case .iamUser:
            identity = .iamUser(arn: "arn:\(try string(.partition, principalCase)):iam::\(try string(.account, principalCase)):user\(try string(.path, principalCase))\(try string(.name, principalCase))")
            uniqueID = try string(.uniqueID, principalCase)
        case .roleSession:
            let role = "arn:\(try string(.partition, principalCase)):iam::\(try string(.account, principalCase)):role\(try string(.path, principalCase))\(try string(.name, principalCase))"
            identity = .roleSession(roleARN: role, sessionName: try string(.session, principalCase))
            uniqueID = try string(.uniqueID, principalCase)
        case .federatedUser:
            identity = .federatedUser(arn: "arn:\(try string(.partition, principalCase)):sts::\(try string(.account, principalCase)):federated-user/\(try string(.federatedName, principalCase))")
        case .service:
            identity = .service(name: try string(.serviceName, principalCase))
        case .serviceForRegionalResource, .serviceForGlobalResource:
            identity = .service(name: try string(.serviceName, principalCase))
            let account = try string(.sourceAccount, principalCase)
            if model.bool(p.sendsSourceAccount) == true {
                context.set("aws:SourceAccount", account)
            }
            if model.bool(p.sendsSourceOwner) == true {
                context.set("aws:SourceOwner", account)
            }
            if model.bool(p.sendsSourceARN) == true {
                let accountField = principalCase == .serviceForRegionalResource ? account : ""
                let arn = "arn:\(try string(.sourcePartition, principalCase)):\(try string(.sourceService, principalCase)):\(try string(.sourceRegion, principalCase)):\(accountField):\(try string(.sourceResource, principalCase))"
                context.set("aws:SourceArn", arn)
            }
        case .federatedProvider:
            identity = .federatedProvider(name: try string(.providerName, principalCase))
        case .canonicalUser:
            identity = .canonicalUser(id: try string(.canonicalID, principalCase))
        }
        let principal = RequestPrincipal(
            identity, uniqueID: uniqueID, organizationID: organizationID, organizationPaths: organizationPaths,
            tags: tags, rootPartition: rootPartition)
        let lowered = try string(encoder.action)
        let action = encoder.catalog.action(named: lowered)?.fullName ?? lowered
        return Request(principal: principal, action: action, resource: try string(encoder.resource), context: context)
    }

    /// A principal string: its model value when the query uses it, else its default.
    func string(_ component: SymbolicPrincipal.Component, _ principalCase: PrincipalCase) throws -> String {
        guard let term = encoder.principal.created[component] else {
            return SymbolicPrincipal.defaultValue(component, for: principalCase)
        }
        return try string(term)
    }

    func string(_ term: SMTTerm) throws -> String {
        guard let codes = model.characterCodes(term) else {
            throw EncodingGap(description: "a string of the model could not be read back from Z3")
        }
        var text = String.UnicodeScalarView()
        for code in codes {
            guard let scalar = Unicode.Scalar(code) else {
                throw EncodingGap(description: "the model's string contains U+\(String(code, radix: 16, uppercase: true)), which is no Unicode scalar")
            }
            text.append(scalar)
        }
        return String(text)
    }

    /// The canonical text of one value of a key.
    func valueText(_ key: KeyVariable, slot: Int) throws -> String {
        let value = key.values[slot]
        switch key.domain {
        case .string:
            return try string(value)
        case .bool:
            return model.bool(value) == true ? "true" : "false"
        case .binary:
            let bytes = try string(value).unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
            return QueryEncoder.base64(bytes)
        case .numeric:
            guard let scaled = model.numeral(value) else { throw EncodingGap(description: "the model has no number for '\(key.displayName)'") }
            return Self.decimalText(scaled, scale: encoder.numericScale)
        case .date:
            guard let text = model.numeral(value), let nanoseconds = Int128(text) else {
                throw EncodingGap(description: "the model has no date for '\(key.displayName)'")
            }
            var seconds = nanoseconds / 1_000_000_000
            var fraction = nanoseconds % 1_000_000_000
            if fraction < 0 {
                fraction += 1_000_000_000
                seconds -= 1
            }
            return PolicyDate(seconds: Int64(seconds), nanoseconds: Int32(fraction)).description
        case .ipAddress:
            guard let text = model.numeral(value), let bits = UInt128(text) else {
                throw EncodingGap(description: "the model has no address for '\(key.displayName)'")
            }
            let isIPv6 = model.bool(key.isIPv6[slot]) == true
            let address = IPAddress(family: isIPv6 ? .ipv6 : .ipv4, high: UInt64(bits >> 64), low: UInt64(bits & UInt128(UInt64.max)))
            return address.description
        }
    }

    /// The canonical decimal text of an integer scaled by 10^scale.
    static func decimalText(_ scaled: String, scale: Int) -> String {
        let negative = scaled.hasPrefix("-")
        var digits = negative ? String(scaled.dropFirst()) : scaled
        if digits.count <= scale {
            digits = String(repeating: "0", count: scale - digits.count + 1) + digits
        }
        let point = digits.index(digits.endIndex, offsetBy: -scale)
        let text = (negative ? "-" : "") + digits[..<point] + "." + digits[point...]
        return DecimalNumber(text)?.description ?? text
    }
}
