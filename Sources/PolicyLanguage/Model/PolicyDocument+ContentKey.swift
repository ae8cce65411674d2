extension PolicyDocument {
    /// The document's content as text, without the file, locations and JSON pointers it was
    /// read with. Two documents with the same key allow and deny the same requests, and
    /// their statements and clauses come in the same order.
    ///
    /// Every string is written with its UTF-8 length first, so that no value can run into the
    /// next one.
    // NOTE: A stored property added to the document, a statement or an element has to join
    // this key when it changes what a policy means. A test counts the stored properties.
    public var contentKey: String {
        var key = ContentKeyWriter()
        key.add(version.map { String(describing: $0.value) })
        key.add(id?.value)
        key.add(statements.count)
        for statement in statements {
            key.add(statement.index)
            key.add(statement.sid?.value)
            key.add(statement.effect.map { String(describing: $0.value) })
            key.add(statement.hasReadErrors ? 1 : 0)
            if let principal = statement.principal {
                key.add(principal.isNegated ? "NotPrincipal" : "Principal")
                key.add(principal.entries.count)
                for entry in principal.entries {
                    key.add(entry.kind?.rawValue)
                    key.add(entry.value)
                }
            } else {
                key.add(nil)
            }
            if let action = statement.action {
                key.add(action.isNegated ? "NotAction" : "Action")
                key.add(action.patterns.map(\.value))
            } else {
                key.add(nil)
            }
            if let resource = statement.resource {
                key.add(resource.isNegated ? "NotResource" : "Resource")
                key.add(resource.patterns.map(\.value))
            } else {
                key.add(nil)
            }
            key.add(statement.conditions.count)
            for clause in statement.conditions {
                key.add(clause.operatorName.value)
                key.add(clause.conditionOperator == nil ? 0 : 1)
                key.add(clause.key.value)
                key.add(clause.values.count)
                for value in clause.values {
                    key.add(value.jsonType.rawValue)
                    key.add(value.text)
                }
            }
        }
        return key.text
    }
}

/// Builds a key from strings and numbers, each written with its length so that the
/// concatenation can be read back in one way only.
public struct ContentKeyWriter {
    public private(set) var text = ""

    public init() {}

    /// Adds a string, or a marker distinct from every string for nil.
    public mutating func add(_ value: String?) {
        guard let value else {
            text += "-;"
            return
        }
        text += String(value.utf8.count)
        text += ":"
        text += value
    }

    public mutating func add(_ value: Int) {
        text += "#"
        text += String(value)
        text += ";"
    }

    public mutating func add(_ values: [String]) {
        add(values.count)
        for value in values {
            add(value)
        }
    }
}
