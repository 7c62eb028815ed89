/// Encodes any `Encodable` value into the snapshot format (`SnapshotFormat`). The value is first built
/// as a tree, so nested containers may be filled in any order, then written out once with each
/// container's byte length in front of it.
public struct SnapshotEncoder {
    public init() {}

    public func encode(_ value: some Encodable) throws -> [UInt8] {
        let root = SnapshotNode()
        try value.encode(to: SnapshotNodeEncoder(node: root, codingPath: []))
        var bytes: [UInt8] = []
        root.write(to: &bytes)
        return bytes
    }
}

/// One encoded value while the tree is built.
private final class SnapshotNode {
    enum Content {
        case empty
        case null
        case bool(Bool)
        case int(Int64)
        case uint(UInt64)
        case double(Double)
        case string(String)
        case unkeyed([SnapshotNode])
        case keyed([(String, SnapshotNode)])
    }

    var content: Content = .empty

    func write(to bytes: inout [UInt8]) {
        typealias Tag = SnapshotFormat.Tag
        switch content {
        case .empty, .null:
            bytes.append(Tag.null.rawValue)
        case .bool(let value):
            bytes.append(value ? Tag.trueValue.rawValue : Tag.falseValue.rawValue)
        case .int(let value):
            bytes.append(Tag.int.rawValue)
            SnapshotFormat.appendVarint(SnapshotFormat.zigzag(value), to: &bytes)
        case .uint(let value):
            bytes.append(Tag.uint.rawValue)
            SnapshotFormat.appendVarint(value, to: &bytes)
        case .double(let value):
            bytes.append(Tag.double.rawValue)
            var bits = value.bitPattern
            for _ in 0..<8 {
                bytes.append(UInt8(truncatingIfNeeded: bits))
                bits >>= 8
            }
        case .string(let value):
            bytes.append(Tag.string.rawValue)
            SnapshotFormat.appendVarint(UInt64(value.utf8.count), to: &bytes)
            bytes.append(contentsOf: value.utf8)
        case .unkeyed(let items):
            var body: [UInt8] = []
            for item in items { item.write(to: &body) }
            bytes.append(Tag.unkeyed.rawValue)
            SnapshotFormat.appendVarint(UInt64(items.count), to: &bytes)
            SnapshotFormat.appendVarint(UInt64(body.count), to: &bytes)
            bytes.append(contentsOf: body)
        case .keyed(let entries):
            var body: [UInt8] = []
            for (key, value) in entries {
                SnapshotFormat.appendVarint(UInt64(key.utf8.count), to: &body)
                body.append(contentsOf: key.utf8)
                value.write(to: &body)
            }
            bytes.append(Tag.keyed.rawValue)
            SnapshotFormat.appendVarint(UInt64(entries.count), to: &bytes)
            SnapshotFormat.appendVarint(UInt64(body.count), to: &bytes)
            bytes.append(contentsOf: body)
        }
    }

    func appendKeyed(_ key: String, _ child: SnapshotNode) {
        if case .keyed(var entries) = content {
            content = .empty
            entries.append((key, child))
            content = .keyed(entries)
        }
    }

    func appendUnkeyed(_ child: SnapshotNode) {
        if case .unkeyed(var items) = content {
            content = .empty
            items.append(child)
            content = .unkeyed(items)
        }
    }

    static func encoded(_ value: some Encodable, codingPath: [any CodingKey]) throws -> SnapshotNode {
        let node = SnapshotNode()
        try value.encode(to: SnapshotNodeEncoder(node: node, codingPath: codingPath))
        return node
    }

    static func with(_ content: Content) -> SnapshotNode {
        let node = SnapshotNode()
        node.content = content
        return node
    }
}

private struct SnapshotNodeEncoder: Encoder {
    let node: SnapshotNode
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .keyed = node.content {} else { node.content = .keyed([]) }
        return KeyedEncodingContainer(SnapshotKeyedEncoding<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .unkeyed = node.content {} else { node.content = .unkeyed([]) }
        return SnapshotUnkeyedEncoding(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SnapshotSingleEncoding(node: node, codingPath: codingPath)
    }
}

private struct SnapshotKeyedEncoding<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: SnapshotNode
    var codingPath: [any CodingKey]

    func add(_ content: SnapshotNode.Content, _ key: Key) { node.appendKeyed(key.stringValue, .with(content)) }

    mutating func encodeNil(forKey key: Key) throws { add(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { add(.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { add(.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { add(.double(value), key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { add(.double(Double(value)), key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { add(.int(Int64(value)), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { add(.int(Int64(value)), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { add(.int(Int64(value)), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { add(.int(Int64(value)), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { add(.int(value), key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { add(.uint(UInt64(value)), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { add(.uint(UInt64(value)), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { add(.uint(UInt64(value)), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { add(.uint(UInt64(value)), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { add(.uint(value), key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        node.appendKeyed(key.stringValue, try .encoded(value, codingPath: codingPath + [key]))
    }

    // A missing optional is written as an explicit null, so the reader finds every key it asks for.
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { add(value.map { .bool($0) } ?? .null, key) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { add(value.map { .string($0) } ?? .null, key) }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { add(value.map { .double($0) } ?? .null, key) }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { add(value.map { .double(Double($0)) } ?? .null, key) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { add(value.map { .int(Int64($0)) } ?? .null, key) }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { add(value.map { .int(Int64($0)) } ?? .null, key) }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { add(value.map { .int(Int64($0)) } ?? .null, key) }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { add(value.map { .int(Int64($0)) } ?? .null, key) }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { add(value.map { .int($0) } ?? .null, key) }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { add(value.map { .uint(UInt64($0)) } ?? .null, key) }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { add(value.map { .uint(UInt64($0)) } ?? .null, key) }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { add(value.map { .uint(UInt64($0)) } ?? .null, key) }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { add(value.map { .uint(UInt64($0)) } ?? .null, key) }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { add(value.map { .uint($0) } ?? .null, key) }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        guard let value else { return add(.null, key) }
        try encode(value, forKey: key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = SnapshotNode.with(.keyed([]))
        node.appendKeyed(key.stringValue, child)
        return KeyedEncodingContainer(SnapshotKeyedEncoding<NestedKey>(node: child, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = SnapshotNode.with(.unkeyed([]))
        node.appendKeyed(key.stringValue, child)
        return SnapshotUnkeyedEncoding(node: child, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder {
        let child = SnapshotNode()
        node.appendKeyed("super", child)
        return SnapshotNodeEncoder(node: child, codingPath: codingPath)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let child = SnapshotNode()
        node.appendKeyed(key.stringValue, child)
        return SnapshotNodeEncoder(node: child, codingPath: codingPath + [key])
    }
}

private struct SnapshotUnkeyedEncoding: UnkeyedEncodingContainer {
    let node: SnapshotNode
    var codingPath: [any CodingKey]
    var count: Int {
        if case .unkeyed(let items) = node.content { return items.count }
        return 0
    }

    func add(_ content: SnapshotNode.Content) { node.appendUnkeyed(.with(content)) }

    mutating func encodeNil() throws { add(.null) }
    mutating func encode(_ value: Bool) throws { add(.bool(value)) }
    mutating func encode(_ value: String) throws { add(.string(value)) }
    mutating func encode(_ value: Double) throws { add(.double(value)) }
    mutating func encode(_ value: Float) throws { add(.double(Double(value))) }
    mutating func encode(_ value: Int) throws { add(.int(Int64(value))) }
    mutating func encode(_ value: Int8) throws { add(.int(Int64(value))) }
    mutating func encode(_ value: Int16) throws { add(.int(Int64(value))) }
    mutating func encode(_ value: Int32) throws { add(.int(Int64(value))) }
    mutating func encode(_ value: Int64) throws { add(.int(value)) }
    mutating func encode(_ value: UInt) throws { add(.uint(UInt64(value))) }
    mutating func encode(_ value: UInt8) throws { add(.uint(UInt64(value))) }
    mutating func encode(_ value: UInt16) throws { add(.uint(UInt64(value))) }
    mutating func encode(_ value: UInt32) throws { add(.uint(UInt64(value))) }
    mutating func encode(_ value: UInt64) throws { add(.uint(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws { node.appendUnkeyed(try .encoded(value, codingPath: codingPath)) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = SnapshotNode.with(.keyed([]))
        node.appendUnkeyed(child)
        return KeyedEncodingContainer(SnapshotKeyedEncoding<NestedKey>(node: child, codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = SnapshotNode.with(.unkeyed([]))
        node.appendUnkeyed(child)
        return SnapshotUnkeyedEncoding(node: child, codingPath: codingPath)
    }

    mutating func superEncoder() -> any Encoder {
        let child = SnapshotNode()
        node.appendUnkeyed(child)
        return SnapshotNodeEncoder(node: child, codingPath: codingPath)
    }
}

private struct SnapshotSingleEncoding: SingleValueEncodingContainer {
    let node: SnapshotNode
    var codingPath: [any CodingKey]

    mutating func encodeNil() throws { node.content = .null }
    mutating func encode(_ value: Bool) throws { node.content = .bool(value) }
    mutating func encode(_ value: String) throws { node.content = .string(value) }
    mutating func encode(_ value: Double) throws { node.content = .double(value) }
    mutating func encode(_ value: Float) throws { node.content = .double(Double(value)) }
    mutating func encode(_ value: Int) throws { node.content = .int(Int64(value)) }
    mutating func encode(_ value: Int8) throws { node.content = .int(Int64(value)) }
    mutating func encode(_ value: Int16) throws { node.content = .int(Int64(value)) }
    mutating func encode(_ value: Int32) throws { node.content = .int(Int64(value)) }
    mutating func encode(_ value: Int64) throws { node.content = .int(value) }
    mutating func encode(_ value: UInt) throws { node.content = .uint(UInt64(value)) }
    mutating func encode(_ value: UInt8) throws { node.content = .uint(UInt64(value)) }
    mutating func encode(_ value: UInt16) throws { node.content = .uint(UInt64(value)) }
    mutating func encode(_ value: UInt32) throws { node.content = .uint(UInt64(value)) }
    mutating func encode(_ value: UInt64) throws { node.content = .uint(value) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        node.content = try SnapshotNode.encoded(value, codingPath: codingPath).content
    }
}
