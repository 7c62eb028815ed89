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
        return SourceLine(text: String(decoding: slice, as: UTF8.self), startColumn: skipped, truncated: !atLineEnd)
    }

    /// Two display lines: the escaped window (with `…` where the line was cut) and a caret under `column`.
    public func display(caretAt column: Int) -> (line: String, caret: String) {
        var shown = startColumn > 1 ? "…" : ""
        var caretOffset = shown.count
        var position = startColumn
        for scalar in text.unicodeScalars {
            let piece = scalar == "\t" ? " " : (PrintableText.needsEscape(scalar) ? PrintableText.escaped(scalar) : String(scalar))
            if position < column { caretOffset += piece.count }
            shown += piece
            position += 1
        }
        if truncated { shown += "…" }
        if column > position { caretOffset += column - position }
        return (shown, String(repeating: " ", count: caretOffset) + "^")
    }
}
