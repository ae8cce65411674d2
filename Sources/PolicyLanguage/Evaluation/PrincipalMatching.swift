/// One identity in a request principal's chain. IAM checks a request's principal as a
/// chain: the account, then the user or role, then the role session.
enum ChainIdentity: Hashable {
    case anonymous
    case account(String)
    case user(arn: String, uniqueID: String?)
    case role(arn: String, uniqueID: String?)
    case session(arn: String)
    case federatedUser(arn: String)
    case service(String)
    case federatedProvider(String)
    case canonicalUser(String)
}

/// The meaning of one `AWS` principal value.
package enum AWSPrincipalValue: Hashable {
    case any
    case account(String)
    /// An IAM user, role, role session or federated user ARN, or a special user such as
    /// a CloudFront origin access identity.
    case arn(ARN)
    /// A unique ID such as `AROAEXAMPLEID`, which IAM shows once the named principal is deleted.
    case uniqueID(String)
    /// A value that is none of the above; it matches no principal.
    case unrecognized(String)

    package init(_ text: String) {
        if text == "*" {
            self = .any
        } else if text.count == 12, text.allSatisfy(\.isASCIIDigit) {
            self = .account(text)
        } else if let arn = ARN(text) {
            if arn.service == "iam", arn.resource == "root" {
                self = .account(arn.account)
            } else {
                self = .arn(arn)
            }
        } else if AWSPrincipalValue.looksLikeUniqueID(text) {
            self = .uniqueID(text)
        } else {
            self = .unrecognized(text)
        }
    }

    /// Unique IDs start with a four-letter type prefix such as AIDA, AROA or AGPA,
    /// followed by upper-case letters and digits.
    static func looksLikeUniqueID(_ text: String) -> Bool {
        let prefixes = ["AIDA", "AROA", "AGPA", "ANPA", "ANVA", "AIPA", "ASIA", "AKIA", "APKA", "ASCA", "ACCA", "UCPA"]
        return text.count >= 16 && prefixes.contains { text.hasPrefix($0) }
            && text.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
    }
}

extension RequestPrincipal {
    /// The identities IAM checks for this principal, from the account down to the session.
    var chain: [ChainIdentity] {
        switch identity {
        case .anonymous:
            return [.anonymous]
        case .accountRoot(let account):
            return [.account(account)]
        case .iamUser(let arn):
            return [.account(account ?? ""), .user(arn: arn, uniqueID: effectiveUniqueID)]
        case .roleSession(let roleARN, _):
            return [.account(account ?? ""), .role(arn: roleARN, uniqueID: effectiveUniqueID), .session(arn: callerARN ?? roleARN)]
        case .federatedUser(let arn):
            return [.account(account ?? ""), .federatedUser(arn: arn)]
        case .service(let name):
            return [.service(name)]
        case .federatedProvider(let name):
            return [.federatedProvider(name)]
        case .canonicalUser(let id):
            return [.canonicalUser(id)]
        }
    }
}

enum PrincipalMatching {
    /// Whether a `Principal` element matches the request principal: some listed value
    /// names some identity of the principal's chain. `NotPrincipal` matches when some
    /// identity of the chain is not named, so a role session escapes a `Deny` with
    /// `NotPrincipal` only when its account, role and session are all listed.
    static func matches(_ element: PrincipalElement, principal: RequestPrincipal) -> Bool {
        let chain = principal.chain
        if element.isNegated {
            return chain.contains { identity in !element.entries.contains { entryNames($0, identity) } }
        }
        return chain.contains { identity in element.entries.contains { entryNames($0, identity) } }
    }

    /// Whether one principal value names one identity.
    static func entryNames(_ entry: PrincipalEntry, _ identity: ChainIdentity) -> Bool {
        if entry.isWildcard {
            return true
        }
        switch entry.kind {
        case nil:
            return false
        case .service:
            if case .service(let name) = identity {
                return CaseFolding.equalIgnoringCase(name, entry.value)
            }
            return false
        case .federated:
            if case .federatedProvider(let name) = identity {
                return name.hasSameScalars(as: entry.value)
            }
            return false
        case .canonicalUser:
            if case .canonicalUser(let id) = identity {
                return CaseFolding.equalIgnoringCase(id, entry.value)
            }
            return false
        case .aws:
            return awsValue(AWSPrincipalValue(entry.value), names: identity)
        }
    }

    static func awsValue(_ value: AWSPrincipalValue, names identity: ChainIdentity) -> Bool {
        switch (value, identity) {
        case (.any, _):
            return true
        case (.account(let account), .account(let requestAccount)):
            return account == requestAccount
        case (.uniqueID(let id), .user(_, let uniqueID?)), (.uniqueID(let id), .role(_, let uniqueID?)):
            return id == uniqueID
        case (.arn(let arn), .user(let requestARN, _)),
             (.arn(let arn), .role(let requestARN, _)),
             (.arn(let arn), .session(let requestARN)),
             (.arn(let arn), .federatedUser(let requestARN)):
            return sameIAMName(arn, requestARN)
        default:
            return false
        }
    }

    /// Compares principal ARNs. IAM user and role names are unique without regard to
    /// case, so the resource part compares case-insensitively; the other parts exactly.
    static func sameIAMName(_ arn: ARN, _ requestText: String) -> Bool {
        guard let request = ARN(requestText) else { return false }
        return arn.partition == request.partition && arn.service == request.service && arn.region == request.region
            && arn.account == request.account && CaseFolding.equalIgnoringCase(arn.resource, request.resource)
    }
}
