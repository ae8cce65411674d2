/// The accounts, and optionally the organization, whose principals are trusted. Access by
/// any other principal is external.
public struct ZoneOfTrust: Sendable {
    public var accounts: [String]
    /// An AWS Organizations ID (`o-…`); principals of its accounts are trusted.
    public var organization: String?

    public init(accounts: [String], organization: String? = nil) {
        self.accounts = accounts
        self.organization = organization
    }

    /// The requests made by principals outside the zone.
    ///
    /// Anonymous callers, federated users of identity providers and canonical users are
    /// outside. An account identity is outside unless its account is in the zone or its
    /// `aws:PrincipalOrgID` names the zone's organization. An AWS service principal is
    /// outside only when it acts for a resource that another account owns (the account in
    /// its `aws:SourceAccount`, `aws:SourceOwner` and `aws:SourceArn`); a service acting for
    /// no resource is not external access.
    public var externalPrincipals: RequestConstraint {
        var accountIdentity: [RequestConstraint] = [.principalClasses([.accountIdentity]), .not(.principalAccounts(accounts))]
        if let organization {
            accountIdentity.append(.condition(operator: "StringNotEquals", key: "aws:PrincipalOrgID", values: [organization]))
            // Organization paths start with the organization's ID, so a principal with a path in
            // the organization is in it.
            accountIdentity.append(.condition(operator: "ForAllValues:StringNotLike", key: "aws:PrincipalOrgPaths", values: ["\(organization)/*"]))
        }
        var service: [RequestConstraint] = [.principalClasses([.serviceForResource]), .not(.serviceSourceAccounts(accounts))]
        if let organization {
            service.append(.condition(operator: "StringNotEquals", key: "aws:SourceOrgID", values: [organization]))
            service.append(.condition(operator: "ForAllValues:StringNotLike", key: "aws:SourceOrgPaths", values: ["\(organization)/*"]))
        }
        return .either([
            .principalClasses([.anonymous, .federatedProvider, .canonicalUser]),
            .all(accountIdentity),
            .all(service),
        ])
    }
}
