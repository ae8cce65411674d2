import Foundation
import AccessReasoning
import PolicyLanguage

/// accessguard-bench: measures the engine's queries over the policies of a corpus folder,
/// and `allowed` over generated policies of growing size, on one thread.
///
/// Usage: accessguard-bench [CORPUS_FOLDER] [--repeat N] [--slowest N] [--show-unknown] [--corpus-only]
///   [--policy FILE_SUFFIX:N]
///        accessguard-bench --deployments FILE... [--repeat N]
///        accessguard-bench --parse FILE... [--repeat N]
/// The corpus folder defaults to ../shared/corpus; results go to standard output. With
/// `--deployments`, it times reading and linking the deployment files instead; with `--parse`,
/// only Foundation's parse of each JSON file, for scripts that time whole commands.

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    return sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
}

func padded(_ text: String, _ width: Int, left: Bool = false) -> String {
    let padding = String(repeating: " ", count: max(0, width - text.count))
    return left ? text + padding : padding + text
}

func decimal(_ value: Double, _ digits: Int) -> String {
    String(format: "%.\(digits)f", value)
}

struct Measurement {
    let label: String
    let runs: Int
    /// Each run's latency with the index of its policy in the measured list.
    let latencies: [(milliseconds: Double, index: Int)]
    let total: Double
    let outcomes: [String: Int]

    static let header = padded("input", 40, left: true) + padded("runs", 7) + padded("policies/s", 12)
        + padded("median", 10) + padded("p99", 10) + padded("max", 10) + "   outcomes"

    var line: String {
        let sorted = latencies.map(\.milliseconds).sorted()
        let rate = total > 0 ? Double(runs) / (total / 1000) : 0
        let outcomeText = outcomes.keys.sorted().map { "\($0) \(outcomes[$0] ?? 0)" }.joined(separator: ", ")
        return padded(label, 40, left: true) + padded("\(runs)", 7) + padded(decimal(rate, 0), 12)
            + padded(decimal(percentile(sorted, 0.5), 3), 10) + padded(decimal(percentile(sorted, 0.99), 3), 10)
            + padded(decimal(sorted.last ?? 0, 3), 10) + "   " + outcomeText
    }
}

func outcomeName(_ answer: AccessAnswer) -> String {
    switch answer {
    case .access: return "access"
    case .noAccess: return "none"
    case .unknown: return "unknown"
    }
}

/// Times `query` on each document, `repeats` times over the list; the query returns the
/// outcome to count.
func measure(_ label: String, _ documents: [PolicyDocument], repeats: Int,
             query: (PolicyDocument) throws(EngineInternalError) -> String) -> Measurement {
    var latencies: [(milliseconds: Double, index: Int)] = []
    var outcomes: [String: Int] = [:]
    let clock = ContinuousClock()
    let start = clock.now
    for _ in 0..<repeats {
        for (index, document) in documents.enumerated() {
            let begin = clock.now
            let outcome: String
            do throws(EngineInternalError) {
                outcome = try query(document)
            } catch {
                outcome = "internal error"
            }
            latencies.append((milliseconds(clock.now - begin), index))
            outcomes[outcome, default: 0] += 1
        }
    }
    return Measurement(label: label, runs: documents.count * repeats, latencies: latencies,
                       total: milliseconds(clock.now - start), outcomes: outcomes)
}

func measureAllowed(_ label: String, _ documents: [PolicyDocument], engine: AccessEngine, repeats: Int) -> Measurement {
    measure(label, documents, repeats: repeats) { document throws(EngineInternalError) in
        outcomeName(try engine.allowed([document]))
    }
}

func option(_ name: String, in arguments: inout [String]) -> Int? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count, let value = Int(arguments[index + 1]) else {
        return nil
    }
    arguments.removeSubrange(index...(index + 1))
    return value
}

var arguments = Array(CommandLine.arguments.dropFirst())
let repeats = option("--repeat", in: &arguments) ?? 5
let slowest = option("--slowest", in: &arguments) ?? 0
let showUnknown = arguments.contains("--show-unknown")
let corpusOnly = arguments.contains("--corpus-only")
arguments.removeAll { $0 == "--show-unknown" || $0 == "--corpus-only" }
// `--policy SUFFIX:N` keeps only the Nth policy of the files whose path ends with SUFFIX.
var selected: (suffix: String, ordinal: Int)?
if let index = arguments.firstIndex(of: "--policy"), index + 1 < arguments.count {
    let parts = arguments[index + 1].split(separator: ":")
    if parts.count == 2, let ordinal = Int(parts[1]) {
        selected = (String(parts[0]), ordinal)
    }
    arguments.removeSubrange(index...(index + 1))
}
let corpusPath = arguments.first ?? "../shared/corpus"

let catalog: ActionCatalog
do {
    catalog = try ActionCatalog.bundled()
} catch {
    FileHandle.standardError.write(Data("accessguard-bench: cannot read the action catalog: \(error.description)\n".utf8))
    exit(2)
}
let engine = AccessEngine(catalog: catalog)

if arguments.first == "--parse" {
    // One line per file: the median time Foundation's JSONSerialization takes to parse it.
    for path in arguments.dropFirst() {
        guard let data = FileManager.default.contents(atPath: path) else {
            print("\(path): cannot be read")
            continue
        }
        let parse = DeploymentBenchmark.median(repeats) { _ = try? JSONSerialization.jsonObject(with: data) }
        print("\(decimal(parse, 1))\t\(path)")
    }
    exit(0)
}

if arguments.first == "--deployments" {
    print("machine: \(Machine.description())")
    DeploymentBenchmark.run(files: Array(arguments.dropFirst()), repeats: repeats, catalog: catalog)
    print("peak resident memory: \(Machine.peakMemoryKilobytes().map { "\($0) KB" } ?? "unknown")")
    exit(0)
}

print("accessguard-bench: engine queries on one thread, latencies in milliseconds; allowed() unless the row says otherwise")
print("machine: \(Machine.description())")
print(Measurement.header)

let corpus = CorpusPolicies.load(from: URL(fileURLWithPath: corpusPath)).filter { entry in
    selected.map { entry.file.hasSuffix($0.suffix) && entry.ordinal == $0.ordinal } ?? true
}
if corpus.isEmpty {
    print("corpus: no policy documents found under \(corpusPath)")
} else {
    let documents = corpus.map(\.document)
    // The first pass, reported on its own, reads the catalog services the corpus uses and
    // fills the pattern caches.
    let cold = measureAllowed("corpus, first pass (cold caches)", documents, engine: engine, repeats: 1)
    let warm = measureAllowed("corpus (\(corpus.count) policies)", documents, engine: engine, repeats: repeats)
    print(cold.line)
    print(warm.line)
    let compared = measure("corpus, compare(p, p)", documents, repeats: repeats) { document throws(EngineInternalError) in
        try engine.compare([document], [document]).verdict.rawValue
    }
    print(compared.line)
    let notGranted = measure("corpus, accessNotGranted(s3:PutObject)", documents, repeats: repeats) { document throws(EngineInternalError) in
        outcomeName(try engine.accessNotGranted([document], actions: ["s3:PutObject"], resources: []))
    }
    print(notGranted.line)
    if slowest > 0 {
        for (name, measurement) in [("allowed, first pass", cold), ("allowed, repeated passes", warm), ("compare", compared), ("accessNotGranted", notGranted)] {
            var worst: [Int: Double] = [:]
            for (latency, index) in measurement.latencies {
                worst[index] = max(worst[index] ?? 0, latency)
            }
            print("slowest policies, \(name):")
            for (index, latency) in worst.sorted(by: { $0.value > $1.value }).prefix(slowest) {
                let entry = corpus[index]
                print("  \(decimal(latency, 3)) ms  \(entry.file), policy \(entry.ordinal)")
            }
        }
    }
}

var generator = GeneratedPolicies(seed: 2026)
let sizes = corpusOnly ? [] : [1, 2, 5, 10, 20, 50, 100]
for statements in sizes {
    for conditions in [0, 2, 5, 10] {
        let documents = (0..<20).compactMap { _ in generator.policy(statements: statements, conditions: conditions) }
        print(measureAllowed("generated \(statements) statements, \(conditions) cond", documents, engine: engine, repeats: 1).line)
    }
}
// compare(p, p) must rule out every request, so it explores the whole policy; without Deny
// statements the statements do not interact.
for statements in sizes {
    for conditions in [0, 5] {
        let documents = (0..<20).compactMap { _ in generator.policy(statements: statements, conditions: conditions, denies: false) }
        let measurement = measure("compare(p, p), \(statements) Allow, \(conditions) cond", documents, repeats: 1) { document throws(EngineInternalError) in
            try engine.compare([document], [document]).verdict.rawValue
        }
        print(measurement.line)
    }
}
print("peak resident memory: \(Machine.peakMemoryKilobytes().map { "\($0) KB" } ?? "unknown")")

if showUnknown {
    for entry in corpus {
        if case .unknown(let reason) = (try? engine.allowed([entry.document])) ?? .noAccess {
            print("unknown: \(entry.file), policy \(entry.ordinal): \(reason)")
        }
    }
}
