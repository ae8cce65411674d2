/// A JSON pointer (RFC 6901) such as `/Statement/2/Condition/StringEquals/aws:SourceVpc`.
public struct JSONPointer: Hashable, Sendable, CustomStringConvertible {
    /// One step of the path: an object member name or an array index.
    public enum Component: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    /// The last step with a link to the steps before it. Pointers into one document share
    /// their prefixes, because every statement, element and value of a policy keeps one.
    private final class Step: Sendable {
        let parent: Step?
        let component: Component
        let depth: Int

        init(parent: Step?, component: Component) {
            self.parent = parent
            self.component = component
            depth = (parent?.depth ?? 0) + 1
        }
    }

    private let last: Step?

    private init(last: Step?) {
        self.last = last
    }

    public init(_ components: [Component] = []) {
        var step: Step?
        for component in components {
            step = Step(parent: step, component: component)
        }
        last = step
    }

    public static let root = JSONPointer()

    public var components: [Component] {
        var reversed: [Component] = []
        var step = last
        while let current = step {
            reversed.append(current.component)
            step = current.parent
        }
        return reversed.reversed()
    }

    public func appending(_ key: String) -> JSONPointer {
        JSONPointer(last: Step(parent: last, component: .key(key)))
    }

    public func appending(_ index: Int) -> JSONPointer {
        JSONPointer(last: Step(parent: last, component: .index(index)))
    }

    public static func == (lhs: JSONPointer, rhs: JSONPointer) -> Bool {
        var left = lhs.last
        var right = rhs.last
        guard left?.depth == right?.depth else { return false }
        while let leftStep = left, let rightStep = right {
            if leftStep === rightStep { return true }
            if leftStep.component != rightStep.component { return false }
            left = leftStep.parent
            right = rightStep.parent
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(components)
    }

    /// The pointer text; `~` and `/` inside names are escaped as `~0` and `~1`.
    public var description: String {
        var text = ""
        for component in components {
            text += "/"
            switch component {
            case .key(let key):
                text += key.replacing("~", with: "~0").replacing("/", with: "~1")
            case .index(let index):
                text += String(index)
            }
        }
        return text
    }

    /// Path components as JSON values would list them: names as strings, indices as numbers.
    public var pathValues: [JSONValue] {
        components.map { component in
            switch component {
            case .key(let key): return JSONValue.string(key)
            case .index(let index): return JSONValue.number(String(index))
            }
        }
    }
}
