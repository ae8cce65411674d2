import PolicyLanguage
import Testing

@testable import AccessReasoning

struct ActionSetTests {
    struct Row: CustomTestStringConvertible, Sendable {
        let pattern: String
        let members: [String]
        let nonMembers: [String]

        var testDescription: String { pattern }
    }

    static let rows: [Row] = [
        Row(pattern: "*", members: ["s3:GetObject", "futureservice:DoThing"], nonMembers: []),
        Row(pattern: "s3:GetObject", members: ["s3:GetObject", "S3:getobject"], nonMembers: ["s3:GetObjectAcl", "s3:PutObject"]),
        Row(pattern: "s3:Get*", members: ["s3:GetObject", "s3:GetBucketPolicy", "s3:GetFutureThing"], nonMembers: ["s3:PutObject", "s3x:GetObject"]),
        Row(pattern: "S3:GET*", members: ["s3:GetObject"], nonMembers: ["s3:PutObject"]),
        Row(pattern: "s3:*", members: ["s3:PutObject", "s3:NotYetInvented"], nonMembers: ["sqs:SendMessage"]),
        Row(pattern: "s?:GetObject", members: ["s3:GetObject"], nonMembers: ["sqs:GetObject", "s3:GetObjectAcl"]),
        Row(pattern: "*:GetObject", members: ["s3:GetObject", "other:GetObject"], nonMembers: ["s3:PutObject"]),
        Row(pattern: "s*:Send*", members: ["sqs:SendMessage", "sns:SendFutureThing"], nonMembers: ["s3:GetObject", "kms:SendX"]),
        Row(pattern: "iam:*User", members: ["iam:CreateUser", "iam:DeleteUser"], nonMembers: ["iam:CreateUserX", "iam:CreateRole"]),
        Row(pattern: "s3:GetObject?", members: ["s3:GetObjectX"], nonMembers: ["s3:GetObject"]),
        Row(pattern: "futureservice:Do", members: ["futureservice:Do"], nonMembers: ["futureservice:Did", "s3:GetObject"]),
        Row(pattern: "s3", members: [], nonMembers: ["s3:GetObject"]),
        Row(pattern: "s3:Get*:Object", members: [], nonMembers: ["s3:GetObject"]),
    ]

    static func contains(_ set: ActionSet, _ action: String, catalog: ActionCatalog) throws -> Bool {
        try !set.intersection(ActionSet.matching(action, catalog: catalog)).isEmpty
    }

    @Test(arguments: rows)
    func patternMembership(_ row: Row) throws {
        let catalog = try ActionCatalog.bundled()
        let set = try ActionSet.matching(row.pattern, catalog: catalog)
        for action in row.members {
            #expect(try Self.contains(set, action, catalog: catalog), "\(row.pattern) should match \(action)")
        }
        for action in row.nonMembers {
            #expect(try !Self.contains(set, action, catalog: catalog), "\(row.pattern) should not match \(action)")
        }
    }

    @Test(arguments: rows)
    func catalogPartAgreesWithExpansion(_ row: Row) throws {
        let catalog = try ActionCatalog.bundled()
        let set = try ActionSet.matching(row.pattern, catalog: catalog)
        let expansion = catalog.expand(row.pattern)
        var fromSet: Set<String> = []
        if set.otherServices {
            #expect(expansion.matchesEveryAction, "\(row.pattern) is not `*` but covers every service")
            return
        }
        for (prefix, bits) in set.services {
            let service = try #require(catalog.service(prefix: prefix))
            for index in bits.indices {
                fromSet.insert(CaseFolding.lowercased(service.actions[index].fullName))
            }
        }
        let fromExpansion = Set(expansion.actions.map { CaseFolding.lowercased($0.fullName) })
        #expect(fromSet == fromExpansion, "\(row.pattern): \(fromSet.symmetricDifference(fromExpansion).sorted().prefix(5))")
    }

    @Test func complementAndUnion() throws {
        let catalog = try ActionCatalog.bundled()
        let get = try ActionSet.matching("s3:Get*", catalog: catalog)
        let put = try ActionSet.matching("s3:Put*", catalog: catalog)
        let union = try get.union(put)
        #expect(try Self.contains(union, "s3:GetObject", catalog: catalog))
        #expect(try Self.contains(union, "s3:PutObject", catalog: catalog))
        #expect(try !Self.contains(union, "s3:DeleteObject", catalog: catalog))
        let notGet = get.complement
        #expect(try !Self.contains(notGet, "s3:GetObject", catalog: catalog))
        #expect(try Self.contains(notGet, "s3:DeleteObject", catalog: catalog))
        #expect(try Self.contains(notGet, "newservice:GetObject", catalog: catalog))
        #expect(try get.intersection(notGet).isEmpty)
    }

    @Test func witnessPrefersCatalogActions() throws {
        let catalog = try ActionCatalog.bundled()
        let set = try ActionSet.matching("s3:Get*", catalog: catalog)
        let witness = try #require(try set.witness())
        #expect(catalog.action(named: witness) != nil, "\(witness) is not a catalog action")
        let uncataloged = try ActionSet.matching("futureservice:Do*", catalog: catalog)
        let name = try #require(try uncataloged.witness())
        #expect(name.hasPrefix("futureservice:do"))
        #expect(catalog.action(named: name) == nil)
    }
}
