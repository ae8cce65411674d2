/// Who makes a request.
public struct RequestPrincipal: Hashable, Sendable, CustomStringConvertible {
    public enum Identity: Hashable, Sendable {
        /// An unauthenticated caller.
        case anonymous
        /// The root user of an account.
        case accountRoot(account: String)
        /// An IAM user, by ARN (`arn:aws:iam::111122223333:user/path/name`).
        case iamUser(arn: String)
        /// A session of an IAM role: the role's ARN with its path, and the session name.
        case roleSession(roleARN: String, sessionName: String)
        /// A federated user session (`arn:aws:sts::111122223333:federated-user/name`).
        case federatedUser(arn: String)
        /// An AWS service principal such as `s3.amazonaws.com`.
        case service(name: String)
        /// A user of a web identity or SAML provider, such as `cognito-identity.amazonaws.com`
        /// or `arn:aws:iam::111122223333:saml-provider/Example`.
        case federatedProvider(name: String)
        /// An Amazon S3 canonical user ID.
        case canonicalUser(id: String)
    }

    public var identity: Identity
    /// The unique ID of the user or role (`AIDA…`, `AROA…`); a placeholder is derived when nil.
    public var uniqueID: String?
    public var organizationID: String?
    /// Organization paths such as `o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/`.
    public var organizationPaths: [String]
    /// Principal tags by key.
    public var tags: [String: String]
    /// The partition of an account root; other identities take it from their ARN.
    public var rootPartition: String

    public init(
        _ identity: Identity,
        uniqueID: String? = nil,
        organizationID: String? = nil,
        organizationPaths: [String] = [],
        tags: [String: String] = [:],
        rootPartition: String = "aws"
    ) {
        self.identity = identity
        self.uniqueID = uniqueID
        self.organizationID = organizationID
        self.organizationPaths = organizationPaths
        self.tags = tags
        self.rootPartition = rootPartition
    }

    /// Whether the principal is the root user of an account.
    public var isAccountRoot: Bool {
        if case .accountRoot = identity { return true }
        return false
    }

    /// Whether the principal is an identity of an AWS account: its root user, an IAM user,
    /// a role session or a federated user. Only these carry account, organization and tag keys.
    public var isAccountIdentity: Bool {
        switch identity {
        case .accountRoot, .iamUser, .roleSession, .federatedUser: return true
        default: return false
        }
    }

    /// The account of an AWS identity; nil for anonymous, service, federated-provider and canonical principals.
    public var account: String? {
        switch identity {
        case .accountRoot(let account):
            return account
        case .iamUser(let arn), .roleSession(let arn, _), .federatedUser(let arn):
            return ARN(arn)?.account
        default:
            return nil
        }
    }

    public var partition: String {
        switch identity {
        case .iamUser(let arn), .roleSession(let arn, _), .federatedUser(let arn):
            return ARN(arn)?.partition ?? "aws"
        default:
            return rootPartition
        }
    }

    /// The principal's ARN as `aws:PrincipalArn` reports it: the role, not the session, for role sessions.
    public var principalARN: String? {
        switch identity {
        case .accountRoot(let account): return "arn:\(partition):iam::\(account):root"
        case .iamUser(let arn), .roleSession(let arn, _), .federatedUser(let arn): return arn
        default: return nil
        }
    }

    /// The ARN the request is signed as: the assumed-role session ARN for role sessions.
    public var callerARN: String? {
        guard case .roleSession(let roleARN, let sessionName) = identity,
              let role = ARN(roleARN), let account = account else {
            return principalARN
        }
        let roleName = role.resource.split(separator: "/").last.map(String.init) ?? role.resource
        return "arn:\(role.partition):sts::\(account):assumed-role/\(roleName)/\(sessionName)"
    }

    /// The unique ID given, or a stable placeholder derived from the ARN.
    public var effectiveUniqueID: String? {
        if let uniqueID { return uniqueID }
        switch identity {
        case .iamUser(let arn): return "AIDA" + RequestPrincipal.placeholderID(arn)
        case .roleSession(let arn, _): return "AROA" + RequestPrincipal.placeholderID(arn)
        default: return nil
        }
    }

    /// Sixteen characters of a stable hash (FNV-1a) of `text`, in the unique-ID alphabet.
    static func placeholderID(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var result = ""
        for _ in 0..<16 {
            result.append(alphabet[Int(hash & 31)])
            hash = (hash >> 5) | (hash << 59)
        }
        return result
    }

    public var description: String {
        switch identity {
        case .anonymous: return "anonymous"
        case .accountRoot(let account): return "arn:\(partition):iam::\(account):root"
        case .iamUser(let arn), .federatedUser(let arn): return arn
        case .roleSession: return callerARN ?? "role session"
        case .service(let name): return name
        case .federatedProvider(let name): return name
        case .canonicalUser(let id): return "canonical user \(id)"
        }
    }
}
