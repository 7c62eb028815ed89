/// Turns an `Encodable` value (the design view) into the plain values swift-mustache renders: `String`,
/// `Bool`, numbers as `String`, `[Any]` and `[String: Any]`. Optionals that are nil are left out, so
/// `{{#deadline}}` renders only when there is one. Enums encode as their raw values.
///
/// The encoder writes into a tree of typed nodes and converts it once at the end: no value is cast back
/// from `Any` while encoding, which keeps a design's context cheap to build.
struct MustacheEncoder {
    static func encode(_ value: some Encodable) throws -> [String: Any] {
        let root = Node()
        try value.encode(to: NodeEncoder(node: root))
        var result: [String: Any] = [:]
        for (key, child) in root.keyed ?? [:] {
            if let plain = child.plain { result[key] = plain }
        }
        return result
    }
}

/// What one encoder wrote: a scalar, a keyed or an unkeyed collection, or nothing (a nil optional).
private final class Node {
    var scalar: Any?
    var keyed: [String: Node]?
    var unkeyed: [Node]?

    /// The node as the plain values Mustache reads; nil when nothing was written.
    var plain: Any? {
        if let scalar { return scalar }
        if let keyed {
            var dictionary: [String: Any] = [:]
            dictionary.reserveCapacity(keyed.count)
            for (key, child) in keyed {
                if let value = child.plain { dictionary[key] = value }
            }
            return dictionary
        }
        if let unkeyed {
            var array: [Any] = []
            array.reserveCapacity(unkeyed.count)
            for child in unkeyed {
                if let value = child.plain { array.append(value) }
            }
            return array
        }
        return nil
    }

    func makeKeyed() {
        if keyed == nil { keyed = [:] }
    }

    func makeUnkeyed() {
        if unkeyed == nil { unkeyed = [] }
    }

    static func encoded(_ value: some Encodable) throws -> Node {
        let node = Node()
        try value.encode(to: NodeEncoder(node: node))
        return node
    }
}

private struct NodeEncoder: Encoder {
    let node: Node
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        node.makeKeyed()
        return KeyedEncodingContainer(KeyedContainer<Key>(node: node))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        node.makeUnkeyed()
        return UnkeyedContainer(node: node)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleContainer(node: node)
    }
}

private func scalarNode(_ value: Any) -> Node {
    let node = Node()
    node.scalar = value
    return node
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: Node
    var codingPath: [any CodingKey] = []

    func set(_ child: Node, _ key: Key) {
        node.keyed?[key.stringValue] = child
    }

    mutating func encodeNil(forKey key: Key) throws {}
    mutating func encode(_ value: String, forKey key: Key) throws { set(scalarNode(value), key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { set(scalarNode(value), key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { set(scalarNode(String(value)), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { set(scalarNode(ThroughputFormat.format(value)), key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { set(try Node.encoded(value), key) }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { set(try Node.encoded(value), key) }
    }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { if let value { set(scalarNode(value), key) } }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let nested = Node()
        nested.makeKeyed()
        set(nested, key)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(node: nested))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = Node()
        nested.makeUnkeyed()
        set(nested, key)
        return UnkeyedContainer(node: nested)
    }

    mutating func superEncoder() -> any Encoder { NodeEncoder(node: Node()) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { NodeEncoder(node: Node()) }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let node: Node
    var codingPath: [any CodingKey] = []
    var count: Int { node.unkeyed?.count ?? 0 }

    func append(_ child: Node) {
        node.unkeyed?.append(child)
    }

    mutating func encodeNil() throws {}
    mutating func encode(_ value: String) throws { append(scalarNode(value)) }
    mutating func encode(_ value: Bool) throws { append(scalarNode(value)) }
    mutating func encode(_ value: Int) throws { append(scalarNode(String(value))) }
    mutating func encode(_ value: Double) throws { append(scalarNode(ThroughputFormat.format(value))) }
    mutating func encode<T: Encodable>(_ value: T) throws { append(try Node.encoded(value)) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = Node()
        nested.makeKeyed()
        append(nested)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(node: nested))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = Node()
        nested.makeUnkeyed()
        append(nested)
        return UnkeyedContainer(node: nested)
    }

    mutating func superEncoder() -> any Encoder { NodeEncoder(node: Node()) }
}

private struct SingleContainer: SingleValueEncodingContainer {
    let node: Node
    var codingPath: [any CodingKey] = []

    mutating func encodeNil() throws {}
    mutating func encode(_ value: String) throws { node.scalar = value }
    mutating func encode(_ value: Bool) throws { node.scalar = value }
    mutating func encode(_ value: Int) throws { node.scalar = String(value) }
    mutating func encode(_ value: Double) throws { node.scalar = ThroughputFormat.format(value) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        let child = try Node.encoded(value)
        node.scalar = child.scalar
        node.keyed = child.keyed
        node.unkeyed = child.unkeyed
    }
}
