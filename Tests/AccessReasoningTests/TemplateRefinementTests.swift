import PolicyLanguage
import Testing

@testable import AccessReasoning

/// The two ways of splitting a cell on a principal-derived key agree: the direct one for
/// finite and cofinite sets over one-component templates, and the automaton walk.
struct TemplateRefinementTests {
    struct Row: CustomTestStringConvertible, Sendable {
        let kind: AccessReasoning.PrincipalKind
        let key: DerivedKey
        let values: [String]
        let samples: [String]

        var testDescription: String { "\(kind) \(key) \(values)" }
    }

    static let rows: [Row] = [
        Row(kind: .accountRoot, key: .principalARN,
            values: ["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:root", "arn:aws:iam::1:root", "arn:aws:s3:::bucket"],
            samples: ["111122223333", "444455556666", "1", "777788889999"]),
        Row(kind: .accountRoot, key: .principalAccount,
            values: ["111122223333", "cloudfront", "12"],
            samples: ["111122223333", "cloudfront", "12", "222233334444"]),
        Row(kind: .iamUser, key: .userName,
            values: ["alice", "bob", "é"],
            samples: ["alice", "bob", "é", "e\u{301}", "carol"]),
        Row(kind: .roleSession, key: .principalARN,
            values: ["arn:aws:iam::111122223333:role/admin"],
            samples: []),
    ]

    static func cell(kind: AccessReasoning.PrincipalKind) throws -> RequestCell {
        let catalog = try ActionCatalog.bundled()
        return try #require(try RequestCell.universe(catalog: catalog).first { $0.kind == kind })
    }

    @Test(arguments: rows, [false, true])
    func directSplitAgreesWithAutomatonWalk(_ row: Row, _ cofinite: Bool) throws {
        let cell = try Self.cell(kind: row.kind)
        let pieces = try #require(PrincipalModel.template(row.key, kind: row.kind))
        let literals = StringSet.literals(row.values)
        let strings = cofinite ? literals.complement : literals
        guard let direct = try cell.refinedSingleComponent(pieces, strings) else {
            // Templates with several components take the automaton walk only.
            #expect(pieces.filter { if case .component = $0 { return true } else { return false } }.count > 1)
            return
        }
        let walked = try cell.decompose(pieces, over: strings.automaton())
        let component = try #require(pieces.compactMap { if case .component(let component) = $0 { return component } else { return nil } }.first)
        for sample in row.samples {
            let inDirect = direct.contains { $0.component(component)?.contains(sample) ?? false }
            let inWalked = walked.contains { $0.component(component)?.contains(sample) ?? false }
            #expect(inDirect == inWalked, "\(sample): direct \(inDirect), automaton \(inWalked)")
        }
    }
}
