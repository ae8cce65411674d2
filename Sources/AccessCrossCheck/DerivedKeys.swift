import PolicyLanguage

/// A condition key's presence and value in the symbolic request.
struct SymbolicKeyValue {
    let present: SMTTerm
    let value: SMTTerm
}

/// The condition keys that AWS derives from the principal, as `Request.principalContext`
/// fills them, and the source keys that AWS services send when they act for a resource.
enum DerivedKeys {
    static let names: Set<String> = [
        "aws:principalarn", "aws:principalaccount", "kms:calleraccount", "aws:userid", "aws:username",
        "aws:principaltype", "aws:principalisawsservice", "aws:principalservicename", "aws:federatedprovider",
        "aws:sourceaccount", "aws:sourceowner", "aws:sourcearn",
    ]

    /// The presence and value of a derived key, given lowercased; nil for other keys.
    static func value(
        of key: String, principal p: SymbolicPrincipal, action: SMTTerm, smt: SMTContext
    ) throws(SMTError) -> SymbolicKeyValue? {
        func text(_ value: String) throws(SMTError) -> SMTTerm { try smt.string(value) }
        /// A value that differs by case: a fresh string equal to each case's term in that case.
        /// Z3 solves these implications much faster than a chain of if-then-else strings.
        func byCase(_ choices: [(PrincipalCase, SMTTerm)]) -> SymbolicKeyValue {
            let value = smt.constant(key, smt.stringSort)
            var definitions: [SMTTerm] = []
            for (principalCase, term) in choices {
                definitions.append(smt.implies(p.isCase(smt, principalCase), smt.equal(value, term)))
            }
            p.define(smt.and(definitions))
            return SymbolicKeyValue(present: p.isCase(smt, in: choices.map(\.0)), value: value)
        }
        let accountIdentities = PrincipalCase.allCases.filter(\.isAccountIdentity)
        let services = PrincipalCase.allCases.filter(\.isService)

        switch key {
        case "aws:principalarn":
            return byCase([
                (.accountRoot, smt.concat([try text("arn:"), try p.partition, try text(":iam::"), try p.account, try text(":root")])),
                (.iamUser, smt.concat([try text("arn:"), try p.partition, try text(":iam::"), try p.account, try text(":user"), try p.path, try p.name])),
                (.roleSession, smt.concat([try text("arn:"), try p.partition, try text(":iam::"), try p.account, try text(":role"), try p.path, try p.name])),
                (.federatedUser, smt.concat([try text("arn:"), try p.partition, try text(":sts::"), try p.account, try text(":federated-user/"), try p.federatedName])),
            ])
        case "aws:principalaccount":
            return SymbolicKeyValue(present: p.isCase(smt, in: accountIdentities), value: try p.account)
        case "kms:calleraccount":
            // AWS KMS sets it on its own requests only.
            let isKMS = smt.inRegex(action, smt.regexConcat([try smt.regexLiteral(Array("kms:".unicodeScalars)), smt.regexFull]))
            return SymbolicKeyValue(present: smt.and([p.isCase(smt, in: accountIdentities), isKMS]), value: try p.account)
        case "aws:userid":
            return byCase([
                (.anonymous, try text("anonymous")),
                (.accountRoot, try p.account),
                (.iamUser, try p.uniqueID),
                (.roleSession, smt.concat([try p.uniqueID, try text(":"), try p.session])),
                (.federatedUser, smt.concat([try p.account, try text(":"), try p.federatedName])),
            ])
        case "aws:username":
            return SymbolicKeyValue(present: p.isCase(smt, .iamUser), value: try p.name)
        case "aws:principaltype":
            return byCase([
                (.anonymous, try text("Anonymous")),
                (.accountRoot, try text("Account")),
                (.iamUser, try text("User")),
                (.roleSession, try text("AssumedRole")),
                (.federatedUser, try text("FederatedUser")),
            ])
        case "aws:principalisawsservice":
            return SymbolicKeyValue(
                present: p.isCase(smt, in: accountIdentities + services),
                value: smt.ifThenElse(p.isCase(smt, in: services), try text("true"), try text("false")))
        case "aws:principalservicename":
            return SymbolicKeyValue(present: p.isCase(smt, in: services), value: try p.serviceName)
        case "aws:federatedprovider":
            return SymbolicKeyValue(present: p.isCase(smt, .federatedProvider), value: try p.providerName)
        case "aws:sourceaccount":
            return SymbolicKeyValue(present: smt.and([actsForResource(p, smt), p.sendsSourceAccount]), value: try p.sourceAccount)
        case "aws:sourceowner":
            return SymbolicKeyValue(present: smt.and([actsForResource(p, smt), p.sendsSourceOwner]), value: try p.sourceAccount)
        case "aws:sourcearn":
            let start = [try text("arn:"), try p.sourcePartition, try text(":"), try p.sourceService, try text(":"), try p.sourceRegion]
            let regional = smt.concat(start + [try text(":"), try p.sourceAccount, try text(":"), try p.sourceResource])
            let global = smt.concat(start + [try text("::"), try p.sourceResource])
            let value = smt.constant(key, smt.stringSort)
            p.define(smt.and([
                smt.implies(p.isCase(smt, .serviceForRegionalResource), smt.equal(value, regional)),
                smt.implies(p.isCase(smt, .serviceForGlobalResource), smt.equal(value, global)),
            ]))
            return SymbolicKeyValue(present: smt.and([actsForResource(p, smt), p.sendsSourceARN]), value: value)
        default:
            return nil
        }
    }

    static func actsForResource(_ p: SymbolicPrincipal, _ smt: SMTContext) -> SMTTerm {
        p.isCase(smt, in: [.serviceForRegionalResource, .serviceForGlobalResource])
    }

    /// The principal cases that may carry a key AWS sets only for some principals; nil for
    /// keys any request may carry.
    static func carriers(of key: String) -> [PrincipalCase]? {
        let accountIdentities = PrincipalCase.allCases.filter(\.isAccountIdentity)
        switch key {
        case "aws:principalorgid", "aws:principalorgpaths":
            return accountIdentities
        case _ where key.hasPrefix("aws:principaltag/"):
            // Users and sessions carry tags; the root user does not.
            return accountIdentities.filter { $0 != .accountRoot }
        case "aws:sourceorgid", "aws:sourceorgpaths":
            return [.serviceForRegionalResource, .serviceForGlobalResource]
        case "aws:principalservicenameslist":
            return PrincipalCase.allCases.filter(\.isService)
        case _ where key.hasPrefix("saml:"):
            return [.federatedProvider]
        case _ where (key.split(separator: ":").first ?? "").contains("."):
            // Claims of web identity providers, named after the provider's host.
            return [.federatedProvider]
        default:
            return nil
        }
    }
}
