import Dispatch
import Synchronization

extension Array where Element: Sendable {
    /// Transforms every element on all cores and returns the results in the array's order.
    package func concurrentMap<Value: Sendable>(_ transform: @Sendable (Element) -> Value) -> [Value] {
        // One element is not worth handing to another thread.
        guard count > 1 else { return map(transform) }
        let slots = Slots<Value>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            slots.store(transform(self[index]), at: index)
        }
        return slots.values.enumerated().map { index, value in
            // Every iteration has run when concurrentPerform returns.
            value ?? transform(self[index])
        }
    }
}

/// Results written by concurrent workers, one slot each.
private final class Slots<Value: Sendable>: Sendable {
    private let slots: Mutex<[Value?]>

    init(count: Int) {
        slots = Mutex(Array(repeating: nil, count: count))
    }

    func store(_ value: Value, at index: Int) {
        slots.withLock { $0[index] = value }
    }

    var values: [Value?] {
        slots.withLock { $0 }
    }
}
