/// JSON Lines input is read with payarch's YAML loader (JSON is YAML's flow style), which keeps positions
/// for every value. libyaml does not accept the `\uD83D\uDCB3` surrogate-pair escapes JSON encoders write
/// for characters beyond the Basic Multilingual Plane, so they are turned into the characters themselves
/// first; every other byte is left as it is.
enum JSONLineText {
    static func joiningSurrogatePairs(_ line: [UInt8]) -> [UInt8] {
        guard line.count >= 12, line.contains(UInt8(ascii: "\\")) else { return line }
        var output: [UInt8] = []
        output.reserveCapacity(line.count)
        var index = 0
        while index < line.count {
            guard line[index] == UInt8(ascii: "\\"), index + 1 < line.count else {
                output.append(line[index])
                index += 1
                continue
            }
            if line[index + 1] == UInt8(ascii: "u"), let high = hex(line, index + 2), (0xD800...0xDBFF).contains(high),
                index + 11 < line.count, line[index + 6] == UInt8(ascii: "\\"), line[index + 7] == UInt8(ascii: "u"),
                let low = hex(line, index + 8), (0xDC00...0xDFFF).contains(low),
                let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
            {
                UTF8.encode(scalar) { output.append($0) }
                index += 12
            } else {
                // Any other escape, `\\` included, is copied whole so the next byte is never misread.
                output.append(line[index])
                output.append(line[index + 1])
                index += 2
            }
        }
        return output
    }

    private static func hex(_ bytes: [UInt8], _ start: Int) -> UInt32? {
        guard start + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for byte in bytes[start..<(start + 4)] {
            guard let digit = Character(Unicode.Scalar(byte)).hexDigitValue else { return nil }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}
