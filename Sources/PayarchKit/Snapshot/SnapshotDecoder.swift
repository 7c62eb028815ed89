/// Decodes a value from the snapshot format (`SnapshotFormat`) in one forward pass: a keyed container
/// indexes its entries once (stepping over each value by its length) and looks keys up in the order the
/// decoder asks for them. Every read is bounds-checked; a damaged snapshot throws, it never traps.
public struct SnapshotDecoder {
    public init() {}

    public func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        let buffer = SnapshotBuffer(bytes)
        var position = 0
        let value = try buffer.decode(type, at: &position, codingPath: [])
        guard position == bytes.count else { throw buffer.corrupt("trailing bytes after the value", []) }
        return value
    }
}

final class SnapshotBuffer {
    typealias Tag = SnapshotFormat.Tag
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    func corrupt(_ message: String, _ codingPath: [any CodingKey]) -> DecodingError {
        .dataCorrupted(.init(codingPath: codingPath, debugDescription: "damaged snapshot: " + message))
    }

    func byte(at position: inout Int, _ codingPath: [any CodingKey]) throws -> UInt8 {
        guard position < bytes.count else { throw corrupt("unexpected end", codingPath) }
        defer { position += 1 }
        return bytes[position]
    }

    func varint(at position: inout Int, _ codingPath: [any CodingKey]) throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte(at: &position, codingPath)
            guard shift < 64 else { throw corrupt("varint too long", codingPath) }
            result |= UInt64(next & 0x7F) << shift
            if next & 0x80 == 0 { return result }
            shift += 7
        }
    }

    /// A length that fits in what is left of the buffer.
    func length(at position: inout Int, _ codingPath: [any CodingKey]) throws -> Int {
        let value = try varint(at: &position, codingPath)
        guard value <= UInt64(bytes.count - min(position, bytes.count)) else { throw corrupt("length past the end", codingPath) }
        return Int(value)
    }

    func tag(at position: inout Int, _ codingPath: [any CodingKey]) throws -> Tag {
        guard let tag = Tag(rawValue: try byte(at: &position, codingPath)) else { throw corrupt("unknown tag", codingPath) }
        return tag
    }

    func peekTag(_ position: Int) -> Tag? {
        position < bytes.count ? Tag(rawValue: bytes[position]) : nil
    }

    /// A container's header at `position`: its count and the range of its body, checked against the buffer.
    func container(_ tag: Tag, at position: Int, _ codingPath: [any CodingKey]) throws -> (count: Int, body: Range<Int>) {
        var cursor = position
        guard try self.tag(at: &cursor, codingPath) == tag else { throw corrupt("expected a \(tag) container", codingPath) }
        let count = try varint(at: &cursor, codingPath)
        let length = try length(at: &cursor, codingPath)
        guard count <= UInt64(length) else { throw corrupt("count past the end", codingPath) }
        return (Int(count), cursor..<(cursor + length))
    }

    /// Steps over one value.
    func skip(at position: inout Int, _ codingPath: [any CodingKey]) throws {
        switch try tag(at: &position, codingPath) {
        case .null, .falseValue, .trueValue: break
        case .int, .uint: _ = try varint(at: &position, codingPath)
        case .double:
            guard position + 8 <= bytes.count else { throw corrupt("unexpected end", codingPath) }
            position += 8
        case .string: position += try length(at: &position, codingPath)
        case .unkeyed, .keyed:
            _ = try varint(at: &position, codingPath)
            position += try length(at: &position, codingPath)
        }
    }

    func string(at position: inout Int, _ codingPath: [any CodingKey]) throws -> String {
        guard try tag(at: &position, codingPath) == .string else { throw corrupt("expected a string", codingPath) }
        let count = try length(at: &position, codingPath)
        defer { position += count }
        return bytes.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[position..<(position + count)]), as: UTF8.self)
        }
    }

    func bool(at position: inout Int, _ codingPath: [any CodingKey]) throws -> Bool {
        switch try tag(at: &position, codingPath) {
        case .trueValue: return true
        case .falseValue: return false
        default: throw corrupt("expected a Boolean", codingPath)
        }
    }

    func double(at position: inout Int, _ codingPath: [any CodingKey]) throws -> Double {
        guard try tag(at: &position, codingPath) == .double, position + 8 <= bytes.count else {
            throw corrupt("expected a number", codingPath)
        }
        var bits: UInt64 = 0
        for index in 0..<8 { bits |= UInt64(bytes[position + index]) << (8 * UInt64(index)) }
        position += 8
        return Double(bitPattern: bits)
    }

    func integer<T: FixedWidthInteger>(_ type: T.Type, at position: inout Int, _ codingPath: [any CodingKey]) throws -> T {
        let result: T?
        switch try tag(at: &position, codingPath) {
        case .int: result = T(exactly: SnapshotFormat.unzigzag(try varint(at: &position, codingPath)))
        case .uint: result = T(exactly: try varint(at: &position, codingPath))
        default: throw corrupt("expected an integer", codingPath)
        }
        guard let result else { throw corrupt("integer out of range for \(T.self)", codingPath) }
        return result
    }

    func decode<T: Decodable>(_ type: T.Type, at position: inout Int, codingPath: [any CodingKey]) throws -> T {
        // The common leaves skip the decoder machinery.
        if T.self == String.self { return try string(at: &position, codingPath) as! T }
        if T.self == Bool.self { return try bool(at: &position, codingPath) as! T }
        if T.self == Int.self { return try integer(Int.self, at: &position, codingPath) as! T }
        if T.self == Double.self { return try double(at: &position, codingPath) as! T }
        let decoder = SnapshotValueDecoder(buffer: self, position: position, codingPath: codingPath)
        let value = try T(from: decoder)
        var end = position
        try skip(at: &end, codingPath)
        position = end
        return value
    }
}

private struct SnapshotValueDecoder: Decoder {
    let buffer: SnapshotBuffer
    let position: Int
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(try SnapshotKeyedDecoding<Key>(buffer: buffer, position: position, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try SnapshotUnkeyedDecoding(buffer: buffer, position: position, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SnapshotSingleDecoding(buffer: buffer, position: position, codingPath: codingPath)
    }
}

private final class SnapshotKeyedDecoding<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let buffer: SnapshotBuffer
    var codingPath: [any CodingKey]
    /// Per entry: where its key's bytes start, how many there are, and where its value starts.
    private var entries: [(keyStart: Int, keyCount: Int, value: Int)] = []
    /// Where the last lookup matched; the next key asked for is usually the next entry.
    private var hint = 0

    init(buffer: SnapshotBuffer, position: Int, codingPath: [any CodingKey]) throws {
        self.buffer = buffer
        self.codingPath = codingPath
        let (count, body) = try buffer.container(.keyed, at: position, codingPath)
        var cursor = body.lowerBound
        let end = body.upperBound
        entries.reserveCapacity(count)
        for _ in 0..<count {
            let keyCount = try buffer.length(at: &cursor, codingPath)
            let keyStart = cursor
            cursor += keyCount
            let value = cursor
            try buffer.skip(at: &cursor, codingPath)
            guard cursor <= end else { throw buffer.corrupt("entry past its container", codingPath) }
            entries.append((keyStart, keyCount, value))
        }
        guard cursor == end else { throw buffer.corrupt("container length mismatch", codingPath) }
    }

    var allKeys: [Key] {
        entries.compactMap { entry in
            Key(stringValue: String(decoding: buffer.bytes[entry.keyStart..<(entry.keyStart + entry.keyCount)], as: UTF8.self))
        }
    }

    private func matches(_ index: Int, _ key: Key) -> Bool {
        let entry = entries[index]
        var name = key.stringValue
        return name.withUTF8 { utf8 in
            guard utf8.count == entry.keyCount else { return false }
            for offset in 0..<utf8.count where utf8[offset] != buffer.bytes[entry.keyStart + offset] { return false }
            return true
        }
    }

    private func valuePosition(_ key: Key) -> Int? {
        guard !entries.isEmpty else { return nil }
        for step in 0..<entries.count {
            let index = (hint + step) % entries.count
            if matches(index, key) {
                hint = index + 1 == entries.count ? 0 : index + 1
                return entries[index].value
            }
        }
        return nil
    }

    private func position(_ key: Key) throws -> Int {
        guard let position = valuePosition(key) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "damaged snapshot: no entry"))
        }
        return position
    }

    func contains(_ key: Key) -> Bool {
        valuePosition(key) != nil
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        buffer.peekTag(try position(key)) == .null
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
        var at = try position(key)
        return try buffer.bool(at: &at, codingPath + [key])
    }

    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        var at = try position(key)
        return try buffer.string(at: &at, codingPath + [key])
    }

    func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
        var at = try position(key)
        return try buffer.double(at: &at, codingPath + [key])
    }

    func decode(_ type: Float.Type, forKey key: Key) throws -> Float {
        var at = try position(key)
        return Float(try buffer.double(at: &at, codingPath + [key]))
    }

    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try integer(type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try integer(type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try integer(type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try integer(type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try integer(type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try integer(type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try integer(type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try integer(type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try integer(type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try integer(type, key) }

    private func integer<T: FixedWidthInteger>(_ type: T.Type, _ key: Key) throws -> T {
        var at = try position(key)
        return try buffer.integer(type, at: &at, codingPath + [key])
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        var at = try position(key)
        return try buffer.decode(type, at: &at, codingPath: codingPath + [key])
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        KeyedDecodingContainer(try SnapshotKeyedDecoding<NestedKey>(buffer: buffer, position: try position(key), codingPath: codingPath + [key]))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try SnapshotUnkeyedDecoding(buffer: buffer, position: try position(key), codingPath: codingPath + [key])
    }

    func superDecoder() throws -> any Decoder {
        throw buffer.corrupt("super decoders are not used in snapshots", codingPath)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        SnapshotValueDecoder(buffer: buffer, position: try position(key), codingPath: codingPath + [key])
    }
}

private struct SnapshotUnkeyedDecoding: UnkeyedDecodingContainer {
    let buffer: SnapshotBuffer
    var codingPath: [any CodingKey]
    var count: Int?
    var currentIndex = 0
    private var cursor: Int
    private let end: Int

    init(buffer: SnapshotBuffer, position: Int, codingPath: [any CodingKey]) throws {
        self.buffer = buffer
        self.codingPath = codingPath
        let (count, body) = try buffer.container(.unkeyed, at: position, codingPath)
        self.count = count
        cursor = body.lowerBound
        end = body.upperBound
    }

    var isAtEnd: Bool { currentIndex >= (count ?? 0) }

    private mutating func next<T>(_ read: (SnapshotBuffer, inout Int, [any CodingKey]) throws -> T) throws -> T {
        guard !isAtEnd else { throw buffer.corrupt("read past the last element", codingPath) }
        var at = cursor
        let value = try read(buffer, &at, codingPath)
        cursor = at
        guard cursor <= end else { throw buffer.corrupt("element past its container", codingPath) }
        currentIndex += 1
        return value
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, buffer.peekTag(cursor) == .null else { return false }
        cursor += 1
        currentIndex += 1
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try next { try $0.bool(at: &$1, $2) } }
    mutating func decode(_ type: String.Type) throws -> String { try next { try $0.string(at: &$1, $2) } }
    mutating func decode(_ type: Double.Type) throws -> Double { try next { try $0.double(at: &$1, $2) } }
    mutating func decode(_ type: Float.Type) throws -> Float { Float(try next { try $0.double(at: &$1, $2) }) }
    mutating func decode(_ type: Int.Type) throws -> Int { try integer(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }

    private mutating func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        try next { try $0.integer(type, at: &$1, $2) }
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try next { try $0.decode(type, at: &$1, codingPath: $2) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next { buffer, position, path in
            let container = try SnapshotKeyedDecoding<NestedKey>(buffer: buffer, position: position, codingPath: path)
            try buffer.skip(at: &position, path)
            return KeyedDecodingContainer(container)
        }
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next { buffer, position, path in
            let container = try SnapshotUnkeyedDecoding(buffer: buffer, position: position, codingPath: path)
            try buffer.skip(at: &position, path)
            return container
        }
    }

    mutating func superDecoder() throws -> any Decoder {
        try next { buffer, position, path in
            let decoder = SnapshotValueDecoder(buffer: buffer, position: position, codingPath: path)
            try buffer.skip(at: &position, path)
            return decoder
        }
    }
}

private struct SnapshotSingleDecoding: SingleValueDecodingContainer {
    let buffer: SnapshotBuffer
    let position: Int
    var codingPath: [any CodingKey]

    func decodeNil() -> Bool { buffer.peekTag(position) == .null }

    func read<T>(_ body: (inout Int) throws -> T) rethrows -> T {
        var at = position
        return try body(&at)
    }

    func decode(_ type: Bool.Type) throws -> Bool { try read { try buffer.bool(at: &$0, codingPath) } }
    func decode(_ type: String.Type) throws -> String { try read { try buffer.string(at: &$0, codingPath) } }
    func decode(_ type: Double.Type) throws -> Double { try read { try buffer.double(at: &$0, codingPath) } }
    func decode(_ type: Float.Type) throws -> Float { Float(try read { try buffer.double(at: &$0, codingPath) }) }
    func decode(_ type: Int.Type) throws -> Int { try read { try buffer.integer(type, at: &$0, codingPath) } }
    func decode(_ type: Int8.Type) throws -> Int8 { try read { try buffer.integer(type, at: &$0, codingPath) } }
    func decode(_ type: Int16.Type) throws -> Int16 { try read { try buffer.integer(type, at: &$0, codingPath) } }
    func decode(_ type: Int32.Type) throws -> Int32 { try read { try buffer.integer(type, at: &$0, codingPath) } }
    func decode(_ type: Int64.Type) throws -> Int64 { try read { try buffer.integer(type, at: &$0, codingPath) } }
    func decode(_ type: UInt.Type) throws -> UInt { try read { try buffer.integer(type, at: &$0, codingPath) } }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try read { try buffer.integer(type, at: &$0, codingPath) } }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try read { try buffer.integer(type, at: &$0, codingPath) } }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try read { try buffer.integer(type, at: &$0, codingPath) } }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try read { try buffer.integer(type, at: &$0, codingPath) } }
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try read { try buffer.decode(type, at: &$0, codingPath: codingPath) }
    }
}
