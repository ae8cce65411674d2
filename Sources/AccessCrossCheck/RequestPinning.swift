import PolicyLanguage

/// Constraints that fix the symbolic request to one concrete request, so that Z3 checks
/// that request alone: a satisfiable formula stays satisfiable with it, and Z3 decides such
/// a check in milliseconds.
///
/// A request outside what the constraints can express (a number finer than the query's
/// scale, more values than a key's slots, a service's source ARN that names another
/// account) gives nil, and the caller searches the whole space instead.
struct RequestPinning {
    let encoder: QueryEncoder

    func constraints(for request: Request) throws -> SMTTerm? {
        let smt = encoder.smt
        let p = encoder.principal
        var parts: [SMTTerm] = []
        var pinned: Set<SymbolicPrincipal.Component> = []
        func pin(_ component: SymbolicPrincipal.Component, _ value: String) throws {
            if let term = p.created[component] {
                parts.append(smt.equal(term, try smt.string(value)))
                pinned.insert(component)
            }
        }
        let context = request.context
        let principalCase: PrincipalCase
        switch request.principal.identity {
        case .anonymous:
            principalCase = .anonymous
        case .accountRoot(let account):
            principalCase = .accountRoot
            try pin(.partition, request.principal.rootPartition)
            try pin(.account, account)
        case .iamUser(let arn), .roleSession(let arn, _):
            guard let parsed = ARN(arn), let slash = parsed.resource.firstIndex(of: "/"),
                  let last = parsed.resource.lastIndex(of: "/") else { return nil }
            let isRole = parsed.resource.hasPrefix("role/")
            principalCase = isRole ? .roleSession : .iamUser
            try pin(.partition, parsed.partition)
            try pin(.account, parsed.account)
            try pin(.path, String(parsed.resource[slash...last]))
            try pin(.name, String(parsed.resource[parsed.resource.index(after: last)...]))
            if let id = request.principal.effectiveUniqueID { try pin(.uniqueID, id) }
            if case .roleSession(_, let session) = request.principal.identity { try pin(.session, session) }
        case .federatedUser(let arn):
            guard let parsed = ARN(arn) else { return nil }
            principalCase = .federatedUser
            try pin(.partition, parsed.partition)
            try pin(.account, parsed.account)
            try pin(.federatedName, String(parsed.resource.dropFirst("federated-user/".count)))
        case .service(let name):
            try pin(.serviceName, name)
            let account = context.entry(for: "aws:SourceAccount")?.values.first ?? context.entry(for: "aws:SourceOwner")?.values.first
            let sourceARN = context.entry(for: "aws:SourceArn")?.values.first
            if account == nil && sourceARN == nil {
                principalCase = .service
            } else if let sourceARN {
                guard let parsed = ARN(sourceARN) else { return nil }
                principalCase = parsed.account.isEmpty ? .serviceForGlobalResource : .serviceForRegionalResource
                if !parsed.account.isEmpty, let account, account != parsed.account { return nil }
                try pin(.sourceAccount, parsed.account.isEmpty ? (account ?? "111122223333") : parsed.account)
                try pin(.sourcePartition, parsed.partition)
                try pin(.sourceService, parsed.service)
                try pin(.sourceRegion, parsed.region)
                try pin(.sourceResource, parsed.resource)
            } else {
                principalCase = .serviceForRegionalResource
                try pin(.sourceAccount, account ?? "")
            }
            if principalCase != .service {
                parts.append(context.contains("aws:SourceAccount") ? p.sendsSourceAccount : smt.not(p.sendsSourceAccount))
                parts.append(context.contains("aws:SourceOwner") ? p.sendsSourceOwner : smt.not(p.sendsSourceOwner))
                parts.append(context.contains("aws:SourceArn") ? p.sendsSourceARN : smt.not(p.sendsSourceARN))
            }
        case .federatedProvider(let name):
            principalCase = .federatedProvider
            try pin(.providerName, name)
        case .canonicalUser(let id):
            principalCase = .canonicalUser
            try pin(.canonicalID, id)
        }
        parts.append(p.isCase(smt, principalCase))
        // Strings the request's principal does not have get their default values, so that
        // every variable is fixed and Z3 only evaluates.
        for (component, term) in p.created where !pinned.contains(component) {
            parts.append(smt.equal(term, try smt.string(SymbolicPrincipal.defaultValue(component, for: principalCase))))
        }
        parts.append(smt.equal(encoder.action, try smt.string(CaseFolding.lowercased(request.action))))
        parts.append(smt.equal(encoder.resource, try smt.string(request.resource)))

        let effective = request.effectiveContext
        for (name, key) in encoder.keys where !key.isDerived {
            guard let entry = effective.entry(for: name) else {
                parts.append(smt.not(key.present))
                for slot in key.values.indices {
                    parts.append(try placeholder(key, slot: slot))
                }
                continue
            }
            guard entry.values.count <= key.values.count, key.isMultiValued || entry.values.count == 1 else { return nil }
            parts.append(key.present)
            for slot in key.values.indices {
                let text = entry.values[min(slot, entry.values.count - 1)]
                guard let equal = try valueEquals(key, slot: slot, text) else { return nil }
                parts.append(equal)
            }
        }
        return smt.and(parts)
    }

    /// Fixes a value of an absent key to a value of its type.
    private func placeholder(_ key: KeyVariable, slot: Int) throws -> SMTTerm {
        let smt = encoder.smt
        let value = key.values[slot]
        switch key.domain {
        case .string, .binary: return smt.equal(value, try smt.string(""))
        case .numeric, .date: return smt.equal(value, smt.numeral("0", smt.intSort))
        case .bool: return smt.not(value)
        case .ipAddress: return smt.and([smt.not(key.isIPv6[slot]), smt.equal(value, smt.numeral("0", smt.bitVectorSort(128)))])
        }
    }

    /// The constraint that one value of a key has the value a request carries as `text`.
    private func valueEquals(_ key: KeyVariable, slot: Int, _ text: String) throws -> SMTTerm? {
        let smt = encoder.smt
        let value = key.values[slot]
        switch key.domain {
        case .string:
            return smt.equal(value, try smt.string(text))
        case .bool:
            guard let flag = ConditionEvaluation.parseBool(text), text == (flag ? "true" : "false") else { return nil }
            return flag ? value : smt.not(value)
        case .numeric:
            guard let number = DecimalNumber(text), number.description == text, -number.exponent < encoder.numericScale else { return nil }
            return smt.equal(value, encoder.scaled(number))
        case .date:
            guard let date = PolicyDate(text), date.description == text else { return nil }
            return smt.equal(value, smt.numeral(QueryEncoder.nanoseconds(date), smt.intSort))
        case .ipAddress:
            guard let address = IPAddress(text), address.description == text else { return nil }
            let bits = UInt128(address.high) << 64 | UInt128(address.low)
            let family = address.family == .ipv6 ? key.isIPv6[slot] : smt.not(key.isIPv6[slot])
            return smt.and([family, smt.equal(value, smt.numeral(String(bits), smt.bitVectorSort(128)))])
        case .binary:
            guard let bytes = Base64.decode(text), QueryEncoder.base64(bytes) == text else { return nil }
            return smt.equal(value, try smt.string(scalars: bytes.map { Unicode.Scalar($0) }))
        }
    }
}
