/// A JSON pointer (RFC 6901) such as `/Statement/2/Condition/StringEquals/aws:SourceVpc`.
public struct JSONPointer: Hashable, Sendable, CustomStringConvertible {
    /// One step of the path: an object member name or an array index.
    public enum Component: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    public private(set) var components: [Component]

    public init(_ components: [Component] = []) {
        self.components = components
    }

    public static let root = JSONPointer()

    public func appending(_ key: String) -> JSONPointer {
        JSONPointer(components + [.key(key)])
    }

    public func appending(_ index: Int) -> JSONPointer {
        JSONPointer(components + [.index(index)])
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
