/// The byte format of a snapshot (`SnapshotEncoder`, `SnapshotDecoder`): a tag byte before every value,
/// unsigned LEB128 varints for lengths and integers, UTF-8 strings, and containers that carry their byte
/// length so a reader can step over one in constant time.
///
/// - `nil`, `false`, `true`: the tag alone.
/// - integer: `int` and a zigzag varint, or `uint` and a varint.
/// - `double`: eight bytes, the little-endian bit pattern.
/// - `string`: byte length, then the bytes.
/// - `unkeyed`: element count, byte length, then the elements.
/// - `keyed`: entry count, byte length, then per entry the key (byte length and bytes, no tag) and the value.
enum SnapshotFormat {
    enum Tag: UInt8 {
        case null = 0
        case falseValue = 1
        case trueValue = 2
        case int = 3
        case uint = 4
        case double = 5
        case string = 6
        case unkeyed = 7
        case keyed = 8
    }

    static func appendVarint(_ value: UInt64, to bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    static func zigzag(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value << 1) ^ (value >> 63))
    }

    static func unzigzag(_ value: UInt64) -> Int64 {
        Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
    }
}
