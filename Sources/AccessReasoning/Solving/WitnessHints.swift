import PolicyLanguage

/// Values the policies themselves name, by principal component, which make readable
/// witnesses: a role named `Reader` in a policy gives a witness of `Reader`, not `a`, when
/// the cell allows it.
struct WitnessHints: Sendable {
    private(set) var values: [PrincipalComponent: [String]] = [:]

    init() {}

    /// Collects the accounts, paths, names and other parts of the principals and condition
    /// values of the policies, in order of appearance.
    init(_ policies: [PolicyDocument]) {
        for policy in policies {
            for statement in policy.statements {
                for entry in statement.principal?.entries ?? [] {
                    add(entry.value)
                }
                for clause in statement.conditions {
                    for value in clause.values {
                        add(value.text)
                    }
                }
            }
        }
    }

    func values(for component: PrincipalComponent) -> [String] {
        values[component] ?? []
    }

    private mutating func insert(_ value: String, as component: PrincipalComponent) {
        guard !value.isEmpty, !(values[component] ?? []).contains(value) else { return }
        values[component, default: []].append(value)
    }

    private mutating func add(_ text: String) {
        if text.utf8.count == 12, text.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) {
            insert(text, as: .account)
            insert(text, as: .sourceAccount)
            return
        }
        if text.hasSuffix(".amazonaws.com") || text.hasSuffix(".amazonaws.com.cn") {
            insert(text, as: .serviceName)
            return
        }
        guard !text.contains("*"), !text.contains("?"), let arn = ARN(text) else { return }
        insert(arn.partition, as: .partition)
        insert(arn.account, as: .account)
        // The same ARN, read as the resource a service acts for (aws:SourceArn).
        insert(arn.partition, as: .sourcePartition)
        insert(arn.account, as: .sourceAccount)
        insert(arn.service, as: .sourceService)
        insert(arn.region, as: .sourceRegion)
        insert(arn.resource, as: .sourceResource)
        insert("\(arn.service).amazonaws.com", as: .serviceName)
        let pieces = arn.resource.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let type = pieces.first, pieces.count >= 2 else { return }
        switch (arn.service, type) {
        case ("iam", "user"), ("iam", "role"):
            insert(pieces[pieces.count - 1], as: .name)
            insert("/" + pieces.dropFirst().dropLast().map { $0 + "/" }.joined(), as: .path)
        case ("sts", "assumed-role") where pieces.count == 3:
            insert(pieces[1], as: .name)
            insert(pieces[2], as: .session)
        case ("sts", "federated-user"):
            insert(pieces[1], as: .federatedName)
        default:
            break
        }
    }
}
