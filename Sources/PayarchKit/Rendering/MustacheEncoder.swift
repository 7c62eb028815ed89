/// Turns an `Encodable` value (the design view) into the plain values swift-mustache renders: `String`,
/// `Bool`, numbers as `String`, `[Any]` and `[String: Any]`. Optionals that are nil are left out, so
/// `{{#deadline}}` renders only when there is one. Enums encode as their raw values.
struct MustacheEncoder {
    static func encode(_ value: some Encodable) throws -> [String: Any] {
        let encoder = ValueEncoder()
        try value.encode(to: encoder)
        return unbox(encoder.storage.value) as? [String: Any] ?? [:]
    }

    /// Nested containers hand out boxes that are filled later; replace each by what it holds.
    fileprivate static func unbox(_ value: Any) -> Any {
        switch value {
        case let box as Box: return unbox(box.value)
        case let dictionary as [String: Any]: return dictionary.mapValues(unbox)
        case let array as [Any]: return array.map(unbox)
        default: return value
        }
    }
}

/// A reference box, so nested containers can write into their parent after it handed them out.
private final class Box {
    var value: Any
    init(_ value: Any) { self.value = value }
}

private final class ValueEncoder: Encoder {
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]
    let storage = Box(NSNullMarker.shared)

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if !(storage.value is [String: Any]) { storage.value = [String: Any]() }
        return KeyedEncodingContainer(KeyedContainer<Key>(box: storage))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if !(storage.value is [Any]) { storage.value = [Any]() }
        return UnkeyedContainer(box: storage)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleContainer(box: storage)
    }
}

/// The value of an encoder that has not written anything yet.
private final class NSNullMarker: @unchecked Sendable {
    static let shared = NSNullMarker()
}

/// Encodes one nested value and returns what it wrote.
private func plain(_ value: some Encodable) throws -> Any {
    switch value {
    case let string as String: return string
    case let bool as Bool: return bool
    case let int as Int: return String(int)
    case let double as Double: return ThroughputFormat.format(double)
    default:
        let encoder = ValueEncoder()
        try value.encode(to: encoder)
        return MustacheEncoder.unbox(encoder.storage.value)
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: Box
    var codingPath: [any CodingKey] = []

    func set(_ value: Any, _ key: Key) {
        var dictionary = box.value as? [String: Any] ?? [:]
        dictionary[key.stringValue] = value
        box.value = dictionary
    }

    mutating func encodeNil(forKey key: Key) throws {}
    mutating func encode(_ value: String, forKey key: Key) throws { set(value, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { set(value, key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { set(String(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { set(ThroughputFormat.format(value), key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { set(try plain(value), key) }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { set(try plain(value), key) }
    }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { if let value { set(value, key) } }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let nested = Box([String: Any]())
        set(nested, key)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(box: nested))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = Box([Any]())
        set(nested, key)
        return UnkeyedContainer(box: nested)
    }

    mutating func superEncoder() -> any Encoder { ValueEncoder() }
    mutating func superEncoder(forKey key: Key) -> any Encoder { ValueEncoder() }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let box: Box
    var codingPath: [any CodingKey] = []
    var count: Int { (box.value as? [Any])?.count ?? 0 }

    func append(_ value: Any) {
        var array = box.value as? [Any] ?? []
        array.append(value)
        box.value = array
    }

    mutating func encodeNil() throws {}
    mutating func encode(_ value: String) throws { append(value) }
    mutating func encode(_ value: Bool) throws { append(value) }
    mutating func encode(_ value: Int) throws { append(String(value)) }
    mutating func encode(_ value: Double) throws { append(ThroughputFormat.format(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws { append(try plain(value)) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = Box([String: Any]())
        append(nested)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(box: nested))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = Box([Any]())
        append(nested)
        return UnkeyedContainer(box: nested)
    }
    mutating func superEncoder() -> any Encoder { ValueEncoder() }
}

private struct SingleContainer: SingleValueEncodingContainer {
    let box: Box
    var codingPath: [any CodingKey] = []

    mutating func encodeNil() throws {}
    mutating func encode(_ value: String) throws { box.value = value }
    mutating func encode(_ value: Bool) throws { box.value = value }
    mutating func encode(_ value: Int) throws { box.value = String(value) }
    mutating func encode(_ value: Double) throws { box.value = ThroughputFormat.format(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { box.value = try plain(value) }
}
