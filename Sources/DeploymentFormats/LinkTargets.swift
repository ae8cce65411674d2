/// The resources that attachments of one kind point at, indexed by address and identifier so
/// that linking stays linear in the size of the deployment.
struct Targets: RandomAccessCollection {
    private let elements: [Linker.Target]
    /// Indices by address, and by the address without its index or key for Terraform's
    /// counted and keyed resources.
    private var byAddress: [String: [Int]] = [:]
    /// The first index of each identifier: name, ID, ARN or URL.
    private var byIdentifier: [String: Int] = [:]

    init(_ elements: [Linker.Target]) {
        self.elements = elements
        for (index, target) in elements.enumerated() {
            let address = target.resource.address
            byAddress[address, default: []].append(index)
            let unindexed = TerraformReader.unindexed(address)
            if unindexed != address {
                byAddress[unindexed, default: []].append(index)
            }
            for identifier in target.identity.identifiers where byIdentifier[identifier] == nil {
                byIdentifier[identifier] = index
            }
        }
    }

    var startIndex: Int { elements.startIndex }
    var endIndex: Int { elements.endIndex }
    subscript(position: Int) -> Linker.Target { elements[position] }

    /// Returns the indices, in order, of the targets whose address, or address without its index, is
    /// one of `addresses`.
    func indices(referencing addresses: Set<String>) -> [Int] {
        Set(addresses.flatMap { byAddress[$0] ?? [] }).sorted()
    }

    /// Returns the index of the first target that one of `identifiers` identifies.
    func first(identifiedBy identifiers: Set<String>) -> Int? {
        identifiers.compactMap { byIdentifier[$0] }.min()
    }
}
