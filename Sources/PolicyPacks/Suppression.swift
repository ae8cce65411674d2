import Foundation
import AccessReasoning
import PolicyLanguage

/// A filter that hides matching violations, with the reason it is accepted, in the spirit of
/// IAM Access Analyzer's archive rules. Every field given must match; a filter names at least
/// one field. A public finding is hidden only by a filter with `"isPublic": true`.
public struct Suppression: Sendable {
    /// Pack policy names.
    public var policies: [String]?
    /// Globs matched against the resource's ARN and its address.
    public var resources: [String]?
    /// Globs matched against the finding's principal value, such as `arn:aws:iam::444455556666:root`.
    public var principals: [String]?
    /// Condition keys the finding must all carry, such as `aws:SourceVpce`.
    public var conditionKeys: [String]?
    public var isPublic: Bool?
    public var reason: String
    public var location: SourceLocation?

    public init(
        policies: [String]? = nil, resources: [String]? = nil, principals: [String]? = nil, conditionKeys: [String]? = nil, isPublic: Bool? = nil,
        reason: String, location: SourceLocation? = nil
    ) {
        self.policies = policies
        self.resources = resources
        self.principals = principals
        self.conditionKeys = conditionKeys
        self.isPublic = isPublic
        self.reason = reason
        self.location = location
    }

    public func matches(_ violation: Violation) -> Bool {
        if let policies, !policies.contains(violation.policy) { return false }
        if let resources {
            let names = [violation.resource, violation.address].compactMap { $0 }
            guard resources.contains(where: { pattern in names.contains { Self.glob(pattern, matches: $0) } }) else { return false }
        }
        let finding = violation.finding
        if let principals {
            guard let finding else { return false }
            let value = finding.principal.value
            // Findings name an account by its ID; a filter may name it by its root ARN.
            let names = value.count == 12 && value.allSatisfy(\.isNumber) ? [value, "arn:aws:iam::\(value):root"] : [value]
            guard principals.contains(where: { pattern in names.contains { Self.glob(pattern, matches: $0) } }) else { return false }
        }
        if let conditionKeys {
            guard let finding else { return false }
            let present = Set(finding.condition.keys.map { $0.lowercased() })
            guard conditionKeys.allSatisfy({ present.contains($0.lowercased()) }) else { return false }
        }
        let isPublic = finding?.isPublic == true || violation.policy == "no-public-access"
        if let wanted = self.isPublic {
            guard wanted == isPublic else { return false }
        } else if isPublic {
            return false
        }
        return true
    }

    static func glob(_ pattern: String, matches value: String) -> Bool {
        Glob(pattern: pattern).matches(scalars: Array(value.unicodeScalars))
    }
}

extension ConfigurationReader {
    static let suppressionFields = ["policies", "resources", "principals", "conditionKeys", "isPublic", "reason"]

    mutating func suppression(_ value: JSONValue) -> Suppression? {
        guard let members = value.objectMembers else {
            problem("a suppression must be an object, found \(value.typeName)", at: value.location)
            return nil
        }
        var suppression = Suppression(reason: "", location: value.location)
        var valid = true
        for member in members {
            switch member.key {
            case "policies", "resources", "principals", "conditionKeys":
                guard let list = member.value.arrayElements?.compactMap(\.stringValue), list.count == member.value.arrayElements?.count, !list.isEmpty else {
                    problem("'\(member.key)' of a suppression must be a non-empty array of strings", at: member.value.location)
                    valid = false
                    continue
                }
                switch member.key {
                case "policies":
                    for name in list where pack.policy(named: name) == nil {
                        problem("unknown policy '\(name)' in a suppression", at: member.value.location)
                        valid = false
                    }
                    suppression.policies = list
                case "resources": suppression.resources = list
                case "principals": suppression.principals = list
                default: suppression.conditionKeys = list
                }
            case "isPublic":
                guard let flag = member.value.boolValue else {
                    problem("'isPublic' of a suppression must be true or false", at: member.value.location)
                    valid = false
                    continue
                }
                suppression.isPublic = flag
            case "reason":
                suppression.reason = member.value.stringValue?.trimmingCharacters(in: .whitespaces) ?? ""
            default:
                let closest = Suggestions.closest(to: member.key, among: Self.suppressionFields)
                problem(
                    "unknown field '\(member.key)' of a suppression", at: member.keyLocation,
                    help: closest.map { "did you mean '\($0)'?" } ?? "the fields are: \(Self.suppressionFields.joined(separator: ", "))")
                valid = false
            }
        }
        if suppression.reason.isEmpty {
            problem("a suppression needs a 'reason' that says why the access is accepted", at: value.location)
            valid = false
        }
        let filters: [Any?] = [suppression.policies, suppression.resources, suppression.principals, suppression.conditionKeys, suppression.isPublic]
        if filters.allSatisfy({ $0 == nil }) {
            problem("a suppression needs at least one filter: policies, resources, principals, conditionKeys or isPublic", at: value.location)
            valid = false
        }
        return valid ? suppression : nil
    }
}
