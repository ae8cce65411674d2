import PolicyLanguage
import Testing

@testable import DeploymentFormats

/// Repeated member names, in objects small enough to compare pairwise and in larger ones.
struct DuplicateKeyTests {
    static func members(_ keys: [String]) -> [JSONMember] {
        keys.map { JSONMember(key: $0, value: .null) }
    }

    @Test(arguments: [3, 16, 40])
    func repeatedKeysPointToFirst(distinct: Int) {
        let keys = (0..<distinct).map { "key\($0)" }
        let members = Self.members(keys + ["key1", "key0", "key1"])
        let repeated = DuplicateKeys.repeatedKeys(members)
        #expect(repeated.map(\.index) == [distinct, distinct + 1, distinct + 2])
        #expect(repeated.map(\.first) == [1, 0, 1])
    }

    @Test(arguments: [2, 30])
    func distinctKeysAreNotRepeated(count: Int) {
        let members = Self.members((0..<count).map { "key\($0)" })
        #expect(DuplicateKeys.repeatedKeys(members).isEmpty)
    }

    @Test func keysDifferInCase() {
        #expect(DuplicateKeys.repeatedKeys(Self.members(["Policy", "policy"])).isEmpty)
    }
}
