/// The part of one source line a diagnostic shows under its headline, with a caret.
///
/// Only a window of at most `maxColumns` columns around the caret is ever decoded, so a diagnostic in a
/// multi-megabyte line costs no more than one in a short line, and what is shown has its control and
/// invisible characters escaped (see `PrintableText`).
public struct SourceLine: Sendable, Hashable {
    public static let maxColumns = 200
    /// Columns shown before the caret when the line has to be cut.
    static let leadColumns = 80

    /// The text of the window, raw (escaped only when displayed).
    public var text: String
    /// The 1-based column of the window's first character in the whole line.
    public var startColumn: Int
    /// True when the line goes on after the window.
    public var truncated: Bool

    public init(text: String, startColumn: Int = 1, truncated: Bool = false) {
        self.text = text
        self.startColumn = startColumn
        self.truncated = truncated
    }

    /// The window of line `line` (1-based) around `column` (1-based, in Unicode scalars), or nil when the
    /// file has no such line.
    public static func extract(from bytes: [UInt8], line: Int, column: Int) -> SourceLine? {
        guard line >= 1 else { return nil }
        var start = 0
        var current = 1
        while current < line {
            guard let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            start = newline + 1
            current += 1
        }
        guard start <= bytes.count else { return nil }
        let firstColumn = max(1, column - leadColumns)
        // Skip scalars before the window: count UTF-8 lead bytes, never decode them.
        var index = start
        var skipped = 1
        while skipped < firstColumn, index < bytes.count, bytes[index] != UInt8(ascii: "\n") {
            index += 1
            while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index += 1 }
            skipped += 1
        }
        var end = index
        var taken = 0
        while taken < maxColumns, end < bytes.count, bytes[end] != UInt8(ascii: "\n") {
            end += 1
            while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
            taken += 1
        }
        var slice = bytes[index..<end]
        let atLineEnd = end >= bytes.count || bytes[end] == UInt8(ascii: "\n")
        if atLineEnd, slice.last == UInt8(ascii: "\r") { slice = slice.dropLast() }
        return SourceLine(text: decode(Array(slice)), startColumn: skipped, truncated: !atLineEnd)
    }

    /// Bytes that are not UTF-8 are kept, one marker scalar each (in the last private-use block), so
    /// `display` can show them as `\xFF` instead of a replacement character.
    static let invalidByteBase: UInt32 = 0x10FF00

    static func decode(_ bytes: [UInt8]) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        var text = String.UnicodeScalarView()
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                text.append(Unicode.UTF8.decode(encoded))
                offset += encoded.count
            case .error(let length):
                for byte in bytes[offset..<min(bytes.count, offset + length)] {
                    text.append(Unicode.Scalar(invalidByteBase + UInt32(byte))!)
                }
                offset += length
            case .emptyInput:
                return String(text)
            }
        }
    }

    /// Two display lines: the escaped window (with `…` where the line was cut) and a caret under `column`.
    public func display(caretAt column: Int) -> (line: String, caret: String) {
        var shown = startColumn > 1 ? "…" : ""
        var caretOffset = shown.count
        var position = startColumn
        for scalar in text.unicodeScalars {
            let piece: String
            if scalar == "\t" {
                piece = " "
            } else if scalar.value >= Self.invalidByteBase, scalar.value <= Self.invalidByteBase + 0xFF {
                let hex = String(scalar.value - Self.invalidByteBase, radix: 16, uppercase: true)
                piece = "\\x" + (hex.count < 2 ? "0" + hex : hex)
            } else {
                piece = PrintableText.needsEscape(scalar) ? PrintableText.escaped(scalar) : String(scalar)
            }
            if position < column { caretOffset += piece.count }
            shown += piece
            position += 1
        }
        if truncated { shown += "…" }
        if column > position { caretOffset += column - position }
        return (shown, String(repeating: " ", count: caretOffset) + "^")
    }
}
