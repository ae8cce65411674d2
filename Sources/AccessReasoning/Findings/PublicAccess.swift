import PolicyLanguage

/// Amazon S3's meaning of a public grant, which IAM Access Analyzer and Block Public Access
/// share: a grant to any principal is public unless it is limited to fixed values of one
/// of the keys that identify who or where the caller is.
enum PublicAccess {
    /// The keys whose fixed values make a grant to any principal non-public.
    static let restrictingKeys: Set<String> = [
        "aws:principalorgid", "aws:principalorgpaths", "aws:principalaccount", "aws:principalarn",
        "aws:sourcearn", "aws:sourceaccount", "aws:sourceowner", "aws:sourcevpc", "aws:sourcevpce",
        "aws:sourceip", "aws:userid", "s3:dataaccesspointarn", "s3:dataaccesspointaccount",
        "s3:x-amz-server-side-encryption-aws-kms-key-id", "kms:calleraccount", "aws:principalisawsservice",
    ]

    /// Web identity providers that anyone can sign in to, with the keys that name the
    /// application an identity is issued for.
    static let publicProviders: [String: [String]] = [
        "accounts.google.com": ["accounts.google.com:aud", "accounts.google.com:oaud"],
        "graph.facebook.com": ["graph.facebook.com:app_id"],
        "www.amazon.com": ["www.amazon.com:app_id"],
        "cognito-identity.amazonaws.com": ["cognito-identity.amazonaws.com:aud"],
    ]

    /// Returns whether a finding with this principal and these conditions is public.
    static func isPublic(principal: FindingPrincipal, condition: [String: [String]], resourceType: String) -> Bool {
        switch principal.kind {
        case .aws where principal.isAnyPrincipal:
            return !condition.contains { key, values in
                restrictingKeys.contains(CaseFolding.lowercased(key))
                    && values.allSatisfy { isFixed($0, key: CaseFolding.lowercased(key), resourceType: resourceType) }
            }
        case .federated:
            guard let audienceKeys = publicProviders[CaseFolding.lowercased(principal.value)] else { return false }
            return !condition.contains { key, values in
                audienceKeys.contains(CaseFolding.lowercased(key)) && values.allSatisfy { isFixed($0, key: "", resourceType: resourceType) }
            }
        default:
            return false
        }
    }

    /// Returns whether a condition value names fixed callers: no wildcard and no policy variable,
    /// and for `aws:SourceIp`, a range no wider than /8 for IPv4 or /32 for IPv6 unless private.
    static func isFixed(_ value: String, key: String, resourceType: String) -> Bool {
        if value.hasVariableMarker { return false }
        switch key {
        case "aws:sourceip":
            guard let block = CIDRBlock(value) else { return false }
            if isPrivate(block) { return true }
            return block.address.family == .ipv4 ? block.prefixLength >= 8 : block.prefixLength >= 32
        case "s3:dataaccesspointarn" where resourceType == "AWS::S3::Bucket":
            // A bucket policy may leave the access point name open once the account is fixed.
            guard let arn = ARN(value) else { return false }
            return !arn.account.isEmpty && !arn.account.contains("*") && !arn.account.contains("?")
                && !arn.partition.contains("*") && !arn.service.contains("*")
        case "aws:principalisawsservice":
            // Only AWS services can be service principals.
            return CaseFolding.lowercased(value) == "true"
        case "aws:principalorgpaths":
            // A path that fixes its organization ID names principals of that organization only.
            let organization = value.prefix { $0 != "/" }
            return value.contains("/") && !organization.contains("*") && !organization.contains("?")
        default:
            return !value.contains("*") && !value.contains("?")
        }
    }

    /// The RFC 1918 ranges: 10.0.0.0/8, 172.16.0.0/12 and 192.168.0.0/16.
    static let privateRanges = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].compactMap { CIDRBlock($0) }

    static func isPrivate(_ block: CIDRBlock) -> Bool {
        privateRanges.contains { range in
            block.address.family == .ipv4 && block.prefixLength >= range.prefixLength && range.contains(block.firstAddress)
        }
    }
}
