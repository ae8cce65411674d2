import PolicyLanguage
import Testing

@testable import AccessReasoning

/// The two ways of splitting a cell on a principal-derived key agree: the direct one for
/// listed values (finite and cofinite sets), and the automaton walk.
struct TemplateRefinementTests {
    struct Row: CustomTestStringConvertible, Sendable {
        let kind: AccessReasoning.PrincipalKind
        let key: DerivedKey
        let values: [String]
        /// Component values in the order the template names the components.
        let samples: [[String]]

        var testDescription: String { "\(kind) \(key) \(values)" }
    }

    static let rows: [Row] = [
        Row(kind: .accountRoot, key: .principalARN,
            values: ["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:root", "arn:aws:iam::1:root", "arn:aws:s3:::bucket"],
            samples: [["aws", "111122223333"], ["aws", "444455556666"], ["aws-cn", "111122223333"], ["aws", "777788889999"]]),
        Row(kind: .accountRoot, key: .principalAccount,
            values: ["111122223333", "cloudfront", "12"],
            samples: [["111122223333"], ["cloudfront"], ["12"], ["222233334444"]]),
        Row(kind: .iamUser, key: .userName,
            values: ["alice", "bob", "é"],
            samples: [["alice"], ["bob"], ["é"], ["e\u{301}"], ["carol"]]),
        Row(kind: .roleSession, key: .principalARN,
            values: ["arn:aws:iam::111111111111:role/Admin", "arn:aws:iam::111111111111:role/team/Admin", "arn:aws:iam::222222222222:role/a/b/Reader"],
            samples: [
                ["aws", "111111111111", "/", "Admin"], ["aws", "111111111111", "/team/", "Admin"],
                ["aws", "111111111111", "/", "team"], ["aws", "222222222222", "/a/b/", "Reader"],
                ["aws", "222222222222", "/a/", "Reader"], ["aws", "111111111111", "/", "Reader"],
                ["aws-cn", "111111111111", "/", "Admin"],
            ]),
        Row(kind: .roleSession, key: .userID,
            values: ["AROAEXAMPLE:session-1", "AROAEXAMPLE:a:b"],
            samples: [["AROAEXAMPLE", "session-1"], ["AROAEXAMPLE", "session-2"], ["AROAEXAMPLE:a", "b"], ["AROAEXAMPLE", "a:b"]]),
    ]

    static func cell(kind: AccessReasoning.PrincipalKind) throws -> RequestCell {
        let catalog = try ActionCatalog.bundled()
        return try #require(try RequestCell.universe(catalog: catalog).first { $0.kind == kind })
    }

    static func holds(_ cells: [RequestCell], _ components: [PrincipalComponent], _ sample: [String]) -> Bool {
        cells.contains { cell in
            zip(components, sample).allSatisfy { cell.component($0)?.contains($1) ?? false }
        }
    }

    @Test(arguments: rows, [false, true])
    func listedValuesAgreeWithAutomatonWalk(_ row: Row, _ cofinite: Bool) throws {
        let cell = try Self.cell(kind: row.kind)
        let pieces = try #require(PrincipalModel.template(row.key, kind: row.kind))
        let components = pieces.compactMap { if case .component(let component) = $0 { return component } else { return nil } }
        let literals = StringSet.literals(row.values)
        let strings = cofinite ? literals.complement : literals
        let direct = try #require(try cell.refinedByListedValues(pieces, strings))
        let walked = try cell.decompose(pieces, over: strings.automaton())
        for sample in row.samples {
            let inDirect = Self.holds(direct, components, sample)
            let inWalked = Self.holds(walked, components, sample)
            #expect(inDirect == inWalked, "\(sample): direct \(inDirect), automaton \(inWalked)")
        }
    }

    @Test func listedCellsAreDisjoint() throws {
        let cell = try Self.cell(kind: .roleSession)
        let pieces = try #require(PrincipalModel.template(.principalARN, kind: .roleSession))
        let values = StringSet.literals(["arn:aws:iam::111111111111:role/Admin", "arn:aws:iam::111111111111:role/x/Admin"])
        for strings in [values, values.complement] {
            let cells = try #require(try cell.refinedByListedValues(pieces, strings))
            for (index, first) in cells.enumerated() {
                for second in cells[(index + 1)...] {
                    let overlap = try PrincipalComponent.allCases.allSatisfy { component in
                        guard let a = first.component(component), let b = second.component(component) else { return true }
                        return try !a.intersection(b).isEmpty
                    }
                    #expect(!overlap, "two cells share requests")
                }
            }
        }
    }

    /// `StringLike` on `aws:SourceArn`, whose `*` also matches colons, split over the
    /// components of a regional resource's ARN: each sample is in a cell exactly when its
    /// assembled ARN matches the pattern.
    @Test func sourceArnPatternSplitsOverComponents() throws {
        let cell = try Self.cell(kind: .serviceForRegionalResource)
        let pieces = try #require(PrincipalModel.template(.sourceARN, kind: .serviceForRegionalResource))
        let components = pieces.compactMap { if case .component(let component) = $0 { return component } else { return nil } }
        let glob = Glob(pattern: "arn:aws:sns:*:444455556666:*")
        let cells = try cell.decompose(pieces, over: Automaton.stringLike(glob))
        let samples = [
            ["aws", "sns", "us-east-1", "444455556666", "t"],
            ["aws", "sns", "us-east-1", "111122223333", "444455556666:t"],
            ["aws", "sns", "us-east-1", "111122223333", "t"],
            ["aws", "sqs", "us-east-1", "444455556666", "t"],
            ["aws-cn", "sns", "us-east-1", "444455556666", "t"],
            ["aws", "sns", "x", "444455556666", "a:b"],
        ]
        for sample in samples {
            let arn = "arn:\(sample[0]):\(sample[1]):\(sample[2]):\(sample[3]):\(sample[4])"
            #expect(Self.holds(cells, components, sample) == glob.matches(arn), "\(arn)")
        }
    }
}
