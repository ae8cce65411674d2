import DeploymentFormats
import Foundation
import PolicyLanguage

/// Times reading and linking deployment files against merely parsing their JSON with
/// Foundation, each step repeated and reported as a median.
enum DeploymentBenchmark {
    struct Row {
        let step: String
        let median: Double
    }

    static func run(files: [String], repeats: Int, catalog: ActionCatalog) {
        let settings = DeploymentSettings(account: "111122223333", region: "eu-west-1")
        let options = DeploymentReadOptions(settings: settings)
        print("deployments: medians of \(repeats) runs in milliseconds; ratios against JSONSerialization on the same bytes")
        print(padded("file", 28, left: true) + padded("MB", 7) + padded("resources", 11) + padded("Foundation", 12)
            + padded("read", 10) + padded("link", 10) + padded("read+link", 11) + padded("ratio", 8))
        for path in files {
            guard let data = FileManager.default.contents(atPath: path) else {
                print("\(path): cannot be read")
                continue
            }
            let parse = median(repeats) { _ = try? JSONSerialization.jsonObject(with: data) }
            var resources = 0
            var linkedCount = 0
            var readTimes: [Double] = []
            var linkTimes: [Double] = []
            let clock = ContinuousClock()
            for _ in 0..<repeats {
                let start = clock.now
                let result = DeploymentReader.read(path: path, options: options)
                let read = clock.now
                let linked = Linker.link(result.deployments, settings: settings, catalog: catalog)
                let end = clock.now
                readTimes.append(milliseconds(read - start))
                linkTimes.append(milliseconds(end - read))
                resources = result.deployments.reduce(0) { $0 + $1.resources.count }
                linkedCount = linked.resources.count
            }
            let total = zip(readTimes, linkTimes).map { $0 + $1 }
            let name = URL(fileURLWithPath: path).lastPathComponent
            print(padded(name, 28, left: true) + padded(decimal(Double(data.count) / 1_048_576, 1), 7) + padded("\(resources)", 11)
                + padded(decimal(parse, 1), 12) + padded(decimal(middle(readTimes), 1), 10) + padded(decimal(middle(linkTimes), 1), 10)
                + padded(decimal(middle(total), 1), 11) + padded(decimal(middle(total) / parse, 2) + "x", 8)
                + "   \(linkedCount) linked")
        }
    }

    static func median(_ repeats: Int, _ body: () -> Void) -> Double {
        let clock = ContinuousClock()
        var times: [Double] = []
        for _ in 0..<repeats {
            let start = clock.now
            body()
            times.append(milliseconds(clock.now - start))
        }
        return middle(times)
    }

    static func middle(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }
}
