extension Automaton {
    /// Builds the automaton of the strings equal to one of `words` or starting with one of
    /// `prefixes`, directly as a trie. A resource's own ARNs, such as a bucket and its
    /// objects, are of this form.
    static func trie(words: [[Unicode.Scalar]], prefixes: [[Unicode.Scalar]], limit: Int = AutomatonLimit.states) throws(AutomatonTooLarge) -> Automaton {
        // Node 0 is the root. A node that ends a prefix accepts everything after it.
        // Most nodes have one child, so each keeps a short list rather than a dictionary.
        var children: [[(scalar: UInt32, node: Int32)]] = [[]]
        var accepting = [false]
        var acceptsRest = [false]

        func insert(_ scalars: [Unicode.Scalar], rest: Bool) throws(AutomatonTooLarge) {
            var node = 0
            for scalar in scalars {
                if acceptsRest[node] { return }
                if let next = children[node].first(where: { $0.scalar == scalar.value }) {
                    node = Int(next.node)
                    continue
                }
                if children.count + 1 >= limit {
                    throw AutomatonTooLarge(states: children.count + 1)
                }
                children.append([])
                accepting.append(false)
                acceptsRest.append(false)
                children[node].append((scalar.value, Int32(children.count - 1)))
                node = children.count - 1
            }
            accepting[node] = true
            if rest { acceptsRest[node] = true }
        }
        for prefix in prefixes {
            try insert(prefix, rest: true)
        }
        for word in words {
            try insert(word, rest: false)
        }

        // The nodes become states, followed by a rejecting sink. Nodes below a node that
        // accepts the rest stay unreachable.
        let sink = Int32(children.count)
        var builder = Builder()
        for node in children.indices {
            if acceptsRest[node] {
                builder.addState(lows: [0], targets: [Int32(node)], accepting: true)
                continue
            }
            var low: UInt32 = 0
            let sorted = children[node].count > 1 ? children[node].sorted { $0.scalar < $1.scalar } : children[node]
            for (scalar, child) in sorted {
                if scalar > low {
                    builder.lows.append(low)
                    builder.targets.append(sink)
                }
                builder.lows.append(scalar)
                builder.targets.append(child)
                low = scalar + 1
            }
            if low <= ScalarSet.maximum {
                builder.lows.append(low)
                builder.targets.append(sink)
            }
            builder.closeState(accepting: accepting[node])
        }
        builder.addState(lows: [0], targets: [sink], accepting: false)
        return builder.build(start: 0)
    }
}
