import PolicyLanguage

/// The kinds of principal a request can come from, as `RequestPrincipal.Identity` defines
/// them, with AWS service principals split by the resource they act for.
///
/// The split follows the request space of the native engine (`AccessEngine`), so that both
/// engines quantify over the same requests: a service acting for no resource carries no
/// source keys, one acting for a regional resource has an `aws:SourceArn` that names the
/// `aws:SourceAccount`, and one acting for a global resource (such as an S3 bucket) has an
/// `aws:SourceArn` with an empty account field.
enum PrincipalCase: Int, CaseIterable {
    case anonymous, accountRoot, roleSession, iamUser, federatedUser
    case service, serviceForRegionalResource, serviceForGlobalResource
    case federatedProvider, canonicalUser

    var isAccountIdentity: Bool {
        switch self {
        case .accountRoot, .roleSession, .iamUser, .federatedUser: return true
        default: return false
        }
    }

    var isService: Bool {
        self == .service || self == .serviceForRegionalResource || self == .serviceForGlobalResource
    }

    var actsForResource: Bool {
        self == .serviceForRegionalResource || self == .serviceForGlobalResource
    }
}

/// The symbolic principal of a query: its case and the strings it is made of.
///
/// Every principal ARN and identifier is assembled from these strings, each ranging over
/// the values AWS uses: partitions from a fixed list, account IDs of twelve digits (or the
/// pseudo-account `cloudfront` of CloudFront origin access identities), IAM paths `/` or
/// `/a/b/`, names without `/` or `:`, unique IDs `AIDA…` for users and `AROA…` for roles.
///
/// A string is created, with the constraint on its values, only when the query mentions
/// it: Z3 solves much faster without constraints on strings that nothing else uses, and
/// the witness gives such strings a fixed valid value (`defaultValue`).
final class SymbolicPrincipal {
    /// AWS partitions, as the native engine lists them.
    static let partitions = ["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"]

    enum Component: String, CaseIterable {
        case partition, account, path, name, session, uniqueID, federatedName, serviceName, providerName, canonicalID
        /// The resource a service acts for: its owner and the other parts of its ARN.
        case sourceAccount, sourcePartition, sourceService, sourceRegion, sourceResource
    }

    private let smt: SMTContext
    let kind: SMTTerm
    /// Whether a service acting for a resource sends each source key; AWS services do not
    /// all send every one.
    let sendsSourceAccount: SMTTerm
    let sendsSourceOwner: SMTTerm
    let sendsSourceARN: SMTTerm
    private(set) var created: [Component: SMTTerm] = [:]
    private(set) var constraints: [SMTTerm] = []

    init(_ smt: SMTContext) {
        self.smt = smt
        kind = smt.constant("kind", smt.intSort)
        sendsSourceAccount = smt.constant("sendsSourceAccount", smt.boolSort)
        sendsSourceOwner = smt.constant("sendsSourceOwner", smt.boolSort)
        sendsSourceARN = smt.constant("sendsSourceArn", smt.boolSort)
    }

    func component(_ component: Component) throws(SMTError) -> SMTTerm {
        if let term = created[component] { return term }
        let term = smt.constant(component.rawValue, smt.stringSort)
        created[component] = term
        constraints.append(try domain(of: component, term))
        return term
    }

    var partition: SMTTerm { get throws(SMTError) { try component(.partition) } }
    var account: SMTTerm { get throws(SMTError) { try component(.account) } }
    var path: SMTTerm { get throws(SMTError) { try component(.path) } }
    var name: SMTTerm { get throws(SMTError) { try component(.name) } }
    var session: SMTTerm { get throws(SMTError) { try component(.session) } }
    var uniqueID: SMTTerm { get throws(SMTError) { try component(.uniqueID) } }
    var federatedName: SMTTerm { get throws(SMTError) { try component(.federatedName) } }
    var serviceName: SMTTerm { get throws(SMTError) { try component(.serviceName) } }
    var providerName: SMTTerm { get throws(SMTError) { try component(.providerName) } }
    var canonicalID: SMTTerm { get throws(SMTError) { try component(.canonicalID) } }
    var sourceAccount: SMTTerm { get throws(SMTError) { try component(.sourceAccount) } }
    var sourcePartition: SMTTerm { get throws(SMTError) { try component(.sourcePartition) } }
    var sourceService: SMTTerm { get throws(SMTError) { try component(.sourceService) } }
    var sourceRegion: SMTTerm { get throws(SMTError) { try component(.sourceRegion) } }
    var sourceResource: SMTTerm { get throws(SMTError) { try component(.sourceResource) } }

    /// Adds the definition of a derived value, which is true of every request.
    func define(_ definition: SMTTerm) {
        constraints.append(definition)
    }

    /// The value a witness gives a string the query does not mention, for a principal case.
    static func defaultValue(_ component: Component, for principalCase: PrincipalCase) -> String {
        switch component {
        case .partition, .sourcePartition: return "aws"
        case .account, .sourceAccount: return "111122223333"
        case .path: return "/"
        case .name: return "example"
        case .session: return "session"
        case .uniqueID: return principalCase == .roleSession ? "AROAEXAMPLE" : "AIDAEXAMPLE"
        case .federatedName: return "example"
        case .serviceName: return "example.amazonaws.com"
        case .providerName: return "example-provider"
        case .canonicalID: return "example"
        case .sourceService: return "sns"
        case .sourceRegion: return "us-east-1"
        case .sourceResource: return "example"
        }
    }

    func isCase(_ smt: SMTContext, _ principalCase: PrincipalCase) -> SMTTerm {
        smt.equal(kind, smt.numeral(String(principalCase.rawValue), smt.intSort))
    }

    func isCase(_ smt: SMTContext, in cases: [PrincipalCase]) -> SMTTerm {
        smt.or(cases.map { isCase(smt, $0) })
    }

    /// The principal case is one of the defined ones, and every created string is in its domain.
    var wellFormed: SMTTerm {
        smt.and([
            smt.lessOrEqual(smt.numeral("0", smt.intSort), kind),
            smt.lessThan(kind, smt.numeral(String(PrincipalCase.allCases.count), smt.intSort)),
        ] + constraints)
    }

    /// The values one string may take.
    private func domain(of component: Component, _ term: SMTTerm) throws(SMTError) -> SMTTerm {
        let patterns = PatternRegex(smt: smt)
        let digit = smt.regexRange(0x30, 0x39)
        let twelveDigits = smt.regexLoop(digit, 12, 12)
        let noSeparator = patterns.anyCharacter(except: ["/", ":"])
        let noColon = patterns.anyCharacter(except: [":"])
        func literal(_ text: String) throws(SMTError) -> SMTTerm { try smt.regexLiteral(Array(text.unicodeScalars)) }
        func partitions() throws(SMTError) -> SMTTerm {
            var literals: [SMTTerm] = []
            for partition in Self.partitions { literals.append(try literal(partition)) }
            return smt.regexUnion(literals)
        }
        switch component {
        case .partition, .sourcePartition:
            return smt.inRegex(term, try partitions())
        case .account:
            return smt.inRegex(term, smt.regexUnion([twelveDigits, try literal("cloudfront")]))
        case .sourceAccount:
            return smt.inRegex(term, twelveDigits)
        case .path:
            let slash = try literal("/")
            return smt.inRegex(term, smt.regexConcat([slash, smt.regexStar(smt.regexConcat([smt.regexPlus(noSeparator), slash]))]))
        case .name, .session, .federatedName:
            return smt.inRegex(term, smt.regexPlus(noSeparator))
        case .uniqueID:
            let tail = smt.regexPlus(smt.regexUnion([digit, smt.regexRange(0x41, 0x5A)]))
            return smt.and([
                smt.implies(isCase(smt, .roleSession), smt.inRegex(term, smt.regexConcat([try literal("AROA"), tail]))),
                smt.implies(smt.not(isCase(smt, .roleSession)), smt.inRegex(term, smt.regexConcat([try literal("AIDA"), tail]))),
            ])
        case .serviceName, .sourceService:
            return smt.inRegex(term, smt.regexPlus(noColon))
        case .providerName, .canonicalID, .sourceResource:
            return smt.inRegex(term, smt.regexPlus(patterns.anyCharacter))
        case .sourceRegion:
            // A global resource's ARN may have an empty region too.
            return smt.or([
                smt.and([isCase(smt, .serviceForGlobalResource), smt.inRegex(term, smt.regexStar(noColon))]),
                smt.inRegex(term, smt.regexPlus(noColon)),
            ])
        }
    }
}
