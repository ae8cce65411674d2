/// A value read from a policy, with where it was found.
public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    /// Where the value starts in its file; nil for values built in code.
    public var location: SourceLocation?
    /// The value's path in the document, such as `/Statement/0/Action/1`.
    public var pointer: JSONPointer

    public init(_ value: Value, location: SourceLocation? = nil, pointer: JSONPointer = .root) {
        self.value = value
        self.location = location
        self.pointer = pointer
    }
}

extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}
