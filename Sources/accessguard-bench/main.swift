import Foundation
import AccessReasoning
import PolicyLanguage

/// accessguard-bench: measures the engine's `allowed` query over the policies of a corpus
/// folder and over generated policies of growing size, on one thread.
///
/// Usage: accessguard-bench [CORPUS_FOLDER] [--repeat N]
/// The corpus folder defaults to ../shared/corpus; results go to standard output.

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    return sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
}

struct Measurement {
    let label: String
    let policies: Int
    let latencies: [Double]
    let total: Double
    let outcomes: [String: Int]

    var line: String {
        let sorted = latencies.sorted()
        let rate = total > 0 ? Double(policies) / (total / 1000) : 0
        let outcomeText = outcomes.keys.sorted().map { "\($0) \(outcomes[$0] ?? 0)" }.joined(separator: ", ")
        return String(format: "%-34@ %7d %12.0f %10.3f %10.3f %10.3f   %@", label as NSString, policies, rate,
                      percentile(sorted, 0.5), percentile(sorted, 0.99), sorted.last ?? 0, outcomeText as NSString)
    }
}

func measure(_ label: String, _ documents: [PolicyDocument], engine: AccessEngine, repeats: Int) -> Measurement {
    var latencies: [Double] = []
    var outcomes: [String: Int] = [:]
    let clock = ContinuousClock()
    let start = clock.now
    for _ in 0..<repeats {
        for document in documents {
            let begin = clock.now
            let outcome: String
            do {
                switch try engine.allowed([document]) {
                case .access: outcome = "access"
                case .noAccess: outcome = "none"
                case .unknown: outcome = "unknown"
                }
            } catch {
                outcome = "internal error"
            }
            latencies.append(milliseconds(clock.now - begin))
            outcomes[outcome, default: 0] += 1
        }
    }
    return Measurement(label: label, policies: documents.count * repeats, latencies: latencies, total: milliseconds(clock.now - start), outcomes: outcomes)
}

func peakMemoryKilobytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? -1
    }
    return -1
}

var arguments = Array(CommandLine.arguments.dropFirst())
var repeats = 5
if let index = arguments.firstIndex(of: "--repeat"), index + 1 < arguments.count, let value = Int(arguments[index + 1]) {
    repeats = value
    arguments.removeSubrange(index...(index + 1))
}
let corpusPath = arguments.first ?? "../shared/corpus"

let catalog: ActionCatalog
do {
    catalog = try ActionCatalog.bundled()
} catch {
    FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
    exit(2)
}
let engine = AccessEngine(catalog: catalog)

print("accessguard-bench: allowed() on one thread, latencies in milliseconds")
print(String(format: "%-34@ %7@ %12@ %10@ %10@ %10@   %@", "input" as NSString, "runs" as NSString, "policies/s" as NSString,
             "median" as NSString, "p99" as NSString, "max" as NSString, "outcomes" as NSString))

let corpus = CorpusPolicies.load(from: URL(fileURLWithPath: corpusPath))
if corpus.isEmpty {
    print("corpus: no policy documents found under \(corpusPath)")
} else {
    // One untimed pass reads the catalog services the corpus uses.
    _ = measure("warm-up", corpus, engine: engine, repeats: 1)
    print(measure("corpus (\(corpus.count) policies)", corpus, engine: engine, repeats: repeats).line)
}

var generator = GeneratedPolicies(seed: 2026)
for statements in [1, 2, 5, 10, 20, 50, 100] {
    for conditions in [0, 2, 5, 10] {
        let documents = (0..<20).compactMap { _ in generator.policy(statements: statements, conditions: conditions) }
        print(measure("generated \(statements) statements, \(conditions) cond", documents, engine: engine, repeats: 1).line)
    }
}
print("peak resident memory: \(peakMemoryKilobytes()) KB")

if CommandLine.arguments.contains("--show-unknown") {
    for document in corpus {
        if case .unknown(let reason) = (try? engine.allowed([document])) ?? .noAccess {
            print("unknown: \(document.source?.name ?? "?") \(document.pointer): \(reason)")
        }
    }
}
