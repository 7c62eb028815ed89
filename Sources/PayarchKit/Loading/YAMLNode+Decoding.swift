/// Typed access to YAML nodes for the spec, input and rules decoders: every wrong shape becomes a
/// diagnostic at the node's own position that says what was expected and what was found.
extension YAMLNode {
    public func mappingPairs(for what: String) throws(PayarchError) -> [Pair] {
        guard case .mapping(let pairs) = content else { throw typeMismatch(expected: "a mapping", for: what) }
        return pairs
    }

    public func sequenceItems(for what: String) throws(PayarchError) -> [YAMLNode] {
        guard case .sequence(let items) = content else { throw typeMismatch(expected: "a sequence", for: what) }
        return items
    }

    public func string(for what: String) throws(PayarchError) -> String {
        guard case .scalar(let text) = content, !isNull else { throw typeMismatch(expected: "a string", for: what) }
        return text
    }

    /// A string, or a one-level sequence of strings (`when: {railClass: [a, b]}` or `railClass: a`).
    public func strings(for what: String) throws(PayarchError) -> [String] {
        if case .scalar = content { return [try string(for: what)] }
        return try sequenceItems(for: what).map { item throws(PayarchError) in try item.string(for: what) }
    }

    public func bool(for what: String) throws(PayarchError) -> Bool {
        switch scalar?.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw typeMismatch(expected: "true or false", for: what)
        }
    }

    public func number(for what: String) throws(PayarchError) -> Double {
        guard let text = scalar, let value = Double(text.replacingOccurrences(of: "_", with: "")) else {
            throw typeMismatch(expected: "a number", for: what)
        }
        return value
    }

    /// A whole number that fits an Int (a rank, an order, a length).
    public func integer(for what: String) throws(PayarchError) -> Int {
        guard let text = scalar, let value = Int(text.replacingOccurrences(of: "_", with: "")) else {
            throw typeMismatch(expected: "a whole number", for: what)
        }
        return value
    }

    public func typeMismatch(expected: String, for what: String) -> PayarchError {
        PayarchError.data(
            at: location, id: "yaml.type", "expected \(expected) for \(what), found \(kindDescription)")
    }
}

/// A mapping read key by key: tracks which keys were used so the rest can be reported as unknown.
public struct MappingReader {
    public let node: YAMLNode
    public let what: String
    private let pairs: [YAMLNode.Pair]

    public init(_ node: YAMLNode, what: String) throws(PayarchError) {
        self.node = node
        self.what = what
        self.pairs = try node.mappingPairs(for: what)
    }

    public subscript(key: String) -> YAMLNode? {
        pairs.first { $0.key.scalar == key }?.value
    }

    /// The string value of a required key that must be one of `allowed`; anything else is `id`, with the
    /// allowed values in a note.
    public func oneOf(_ key: String, _ allowed: [String], id: String, what: String, listName: String) throws(PayarchError) -> String {
        let node = try required(key)
        let value = try node.string(for: "'\(key)'")
        guard allowed.contains(value) else {
            throw PayarchError.data(
                at: node.location, id: id, "unknown \(what) '\(value)'", notes: ["\(listName): " + allowed.joined(separator: ", ")])
        }
        return value
    }

    /// The value for a key that must be present.
    public func required(_ key: String) throws(PayarchError) -> YAMLNode {
        guard let value = self[key], !value.isNull else {
            throw PayarchError.data(at: node.location, id: "yaml.missing-key", "\(what) is missing '\(key)'")
        }
        return value
    }

    public func optionalString(_ key: String) throws(PayarchError) -> String? {
        guard let value = self[key], !value.isNull else { return nil }
        return try value.string(for: "'\(key)' in \(what)")
    }

    /// Keys that are not in `known`, with their positions, in document order.
    public func unknownKeys(known: Set<String>) -> [(String, SourceLocation)] {
        pairs.compactMap { pair in
            guard let key = pair.key.scalar, !known.contains(key) else { return nil }
            return (key, pair.key.location)
        }
    }

    public var entries: [(key: String, keyNode: YAMLNode, value: YAMLNode)] {
        pairs.map { (key: $0.key.scalar ?? "", keyNode: $0.key, value: $0.value) }
    }
}

extension MappingReader {
    /// Rules and catalogue files load strictly: a key the format does not know (a row written with
    /// `exampels:`) is an error at its own line, with the nearest known key suggested.
    public func rejectUnknownKeys(_ known: [String]) throws(PayarchError) {
        guard let (key, location) = unknownKeys(known: Set(known)).first else { return }
        var notes = ["\(what) takes: " + known.joined(separator: ", ")]
        if let suggestion = EditDistance.closest(to: key, in: known) { notes.insert("did you mean '\(suggestion)'?", at: 0) }
        throw PayarchError.data(at: location, id: "rules.unknown-key", "unknown key '\(key)' in \(what)", notes: notes)
    }

    /// A list of strings, or an empty list when the key is absent or null.
    public func stringList(_ key: String) throws(PayarchError) -> [String] {
        guard let node = self[key], !node.isNull else { return [] }
        return try node.strings(for: "'\(key)' in \(what)")
    }

    /// A mapping of names to numbers, in document order.
    public func numberTable(_ key: String) throws(PayarchError) -> [(String, Double)] {
        guard let node = self[key], !node.isNull else { return [] }
        return try MappingReader(node, what: "'\(key)'").entries.map { entry throws(PayarchError) in
            (entry.key, try entry.value.number(for: "'\(entry.key)' in '\(key)'"))
        }
    }
}
