/// How many terminal columns text takes, and word-wrapping to a number of columns. Text is measured and
/// cut per Character (grapheme cluster), so a cut never falls inside a multi-byte character or between
/// a letter and its combining marks; East Asian wide and fullwidth characters and emoji take two columns.
public enum TerminalColumns {
    /// The columns `text` takes on a terminal.
    public static func width<Text: StringProtocol>(of text: Text) -> Int {
        text.reduce(0) { $0 + width(of: $1) }
    }

    /// 2 for wide characters, 0 for a mark with no base, 1 otherwise.
    public static func width(of character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        if character.unicodeScalars.contains(where: { $0.properties.isEmojiPresentation || $0 == "\u{FE0F}" && first.properties.isEmoji }) {
            return 2
        }
        switch first.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return 0
        default: return isWide(first) ? 2 : 1
        }
    }

    /// East Asian Wide (W) and Fullwidth (F) blocks of Unicode's EastAsianWidth.txt.
    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
            0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF,
            0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x18D08,
            0x1B000...0x1B2FF, 0x1F200...0x1F2FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// Word-wraps `text` at spaces so that no line takes more than `columns` columns; a word wider than
    /// that is cut between characters. Always at least one line.
    public static func wrap(_ text: String, columns: Int) -> [String] {
        let columns = max(columns, 2)
        var lines: [String] = []
        var current = ""
        var currentWidth = 0
        for piece in text.split(separator: " ") {
            var word = piece
            var wordWidth = width(of: word)
            while wordWidth > columns {
                if !current.isEmpty {
                    lines.append(current)
                    (current, currentWidth) = ("", 0)
                }
                let head = prefix(of: word, columns: columns)
                lines.append(String(head))
                word = word[head.endIndex...]
                wordWidth -= width(of: head)
            }
            if current.isEmpty {
                (current, currentWidth) = (String(word), wordWidth)
            } else if currentWidth + 1 + wordWidth <= columns {
                current += " " + word
                currentWidth += 1 + wordWidth
            } else {
                lines.append(current)
                (current, currentWidth) = (String(word), wordWidth)
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// The longest prefix of `text` that fits in `columns` columns, and at least one character.
    static func prefix(of text: Substring, columns: Int) -> Substring {
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let next = used + width(of: text[index])
            if next > columns, end > text.startIndex { break }
            used = next
            end = text.index(after: index)
        }
        return text[..<end]
    }

    /// `text` followed by spaces up to `columns` columns (unchanged when it is already that wide).
    public static func pad(_ text: String, to columns: Int) -> String {
        let missing = columns - width(of: text)
        return missing > 0 ? text + String(repeating: " ", count: missing) : text
    }
}
