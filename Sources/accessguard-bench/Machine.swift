import Foundation

/// Facts about the machine a benchmark runs on, read from Linux's `/proc`.
enum Machine {
    /// Returns one line naming the processor, the online cores, the memory and the system.
    static func description() -> String {
        let processor = firstValue(in: "/proc/cpuinfo", key: "model name") ?? "unknown processor"
        let memory = firstValue(in: "/proc/meminfo", key: "MemTotal").map { value -> String in
            let kilobytes = Double(value.split(separator: " ").first ?? "") ?? 0
            return String(format: "%.1f GiB", kilobytes / 1_048_576)
        } ?? "unknown memory"
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let system = ProcessInfo.processInfo.operatingSystemVersionString
        return "\(processor), \(cores) cores, \(memory), \(system)"
    }

    /// Returns the peak resident memory of this process in kilobytes, or nil off Linux.
    static func peakMemoryKilobytes() -> Int? {
        firstValue(in: "/proc/self/status", key: "VmHWM").flatMap { Int($0.split(separator: " ").first ?? "") }
    }

    private static func firstValue(in path: String, key: String) -> String? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == key {
                return parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }
}
