/// Finds the account a deployment goes to when the settings do not name it.
public enum AccountInference {
    /// The account placeholder used when neither the settings nor the deployment name one.
    public static let placeholderAccount = "000000000000"

    /// Returns the account of a Terraform `aws_caller_identity` data source, or else the
    /// account that most resource ARNs name; nil when the deployments name none.
    public static func account(in deployments: [Deployment]) -> String? {
        var counts: [String: Int] = [:]
        for deployment in deployments {
            for resource in deployment.resources {
                if resource.type == "aws_caller_identity", let account = resource.properties["accountId"]?.stringValue, isAccountID(account) {
                    return account
                }
                guard ResourceConcept.of(resource.type) != nil,
                      let arn = resource.properties["arn"]?.stringValue,
                      let account = ARNText.account(arn), isAccountID(account) else { continue }
                counts[account, default: 0] += 1
            }
        }
        return counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
    }

    static func isAccountID(_ text: String) -> Bool {
        text.count == 12 && text.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }
    }
}
