import AccessCrossCheck
import AccessReasoning
import PolicyLanguage

#if canImport(Glibc)
import Glibc
#endif

// Cross-checks the native engine against the Z3 engine on generated policies and prints a
// time report. Usage: accessguard-crosscheck [--seed N] [--count N] [--timeout SECONDS] [--verbose]

func fail(_ message: String) -> Never {
    print("accessguard-crosscheck: \(message)")
    exit(2)
}

var seed: UInt64 = 1
var count = 1_000
var verbose = false
var timeout = 10.0
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--seed":
        guard let value = arguments.popFirst().flatMap(UInt64.init) else { fail("--seed needs a whole number") }
        seed = value
    case "--count":
        guard let value = arguments.popFirst().flatMap(Int.init), value > 0 else { fail("--count needs a whole number greater than 0") }
        count = value
    case "--timeout":
        guard let value = arguments.popFirst().flatMap(Double.init), value > 0 else { fail("--timeout needs a number of seconds greater than 0") }
        timeout = value
    case "--verbose":
        verbose = true
    default:
        fail("unknown argument '\(argument)'; usage: accessguard-crosscheck [--seed N] [--count N] [--timeout SECONDS] [--verbose]")
    }
}

let catalog: ActionCatalog
do {
    catalog = try ActionCatalog.bundled()
} catch {
    fail("cannot load the action catalog: \(error)")
}
// Each engine stops a query at the time limit and answers it as undecided.
let checker = CrossChecker(
    native: AccessEngine(catalog: catalog, limits: EngineLimits(timeLimit: .milliseconds(Int64(timeout * 1000)))),
    z3: Z3AccessEngine(catalog: catalog, timeout: .milliseconds(Int64(timeout * 1000))))
var generator = PolicyGenerator(random: SeededRandom(seed: seed))
var tally = CrossCheckTally()
var nativeDurations: [Duration] = []
var z3Durations: [Duration] = []
for index in 0..<count {
    let generated = generator.generatedPolicy()
    let region = generator.region()
    guard let document = generated.document else { continue }
    let before = (tally.nativeTime, tally.z3Time)
    let outcome = checker.checkAllowed([document], within: region, tally: &tally)
    nativeDurations.append(tally.nativeTime - before.0)
    z3Durations.append(tally.z3Time - before.1)
    if verbose {
        print("\(index) native \(tally.nativeTime - before.0) z3 \(tally.z3Time - before.1) \(outcome)")
        print("  \(generated)\n  within \(RegionText.describe(region))")
    }
    if case .disagreed(let disagreement) = outcome {
        print("DISAGREEMENT \(index):\n\(disagreement)\n")
    }
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func median(_ durations: [Duration]) -> Double {
    guard !durations.isEmpty else { return 0 }
    return seconds(durations.sorted()[durations.count / 2])
}

let nativeTotal = seconds(tally.nativeTime)
let z3Total = seconds(tally.z3Time)
print("seed: \(seed)")
print("policies checked: \(tally.queries)")
print("agreements: \(tally.agreements)")
print("disagreements: \(tally.disagreements.count)")
print("native unknown: \(tally.nativeUnknown)")
print("Z3 unknown: \(tally.z3Unknown)")
print("native time: \(nativeTotal) s (median \(median(nativeDurations) * 1000) ms per query)")
print("Z3 time: \(z3Total) s (median \(median(z3Durations) * 1000) ms per query)")
print("Z3 / native: \(nativeTotal > 0 ? z3Total / nativeTotal : 0)")
exit(tally.disagreements.isEmpty ? 0 : 1)
