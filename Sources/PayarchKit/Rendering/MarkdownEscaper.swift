/// Makes user text safe to place inline in Markdown: line breaks collapse to spaces and every character
/// that could open emphasis, code, links, HTML, tables or headings is backslash-escaped, so input can
/// never add structure to the document.
///
/// The work is done per Unicode scalar, never per `Character`: a `*` followed by a combining mark, or a
/// `<` preceded by a prepend character, is one grapheme cluster but still a `*` or a `<` to a Markdown
/// renderer. Control characters and invisible reordering characters (bidi overrides and isolates) are
/// replaced by U+FFFD so they can neither break a line nor make the text read differently than it parses.
public enum MarkdownEscaper {
    /// ASCII punctuation with a meaning anywhere inline in CommonMark, GFM tables and strikethrough, or HTML.
    static let special: Set<Unicode.Scalar> = [
        "\\", "`", "*", "_", "{", "}", "[", "]", "<", ">", "#", "|", "~", "!", "&", "$", "@",
    ]

    public static func inline(_ text: String) -> String {
        var result: [Unicode.Scalar] = []
        var pendingSpace = false
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            if scalar.properties.isWhitespace {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace {
                result.append(" ")
                pendingSpace = false
            }
            if PrintableText.needsEscape(scalar) {
                result.append("\u{FFFD}")
                continue
            }
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            if needsBackslash(scalar, after: result, before: next) { result.append("\\") }
            result.append(scalar)
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: result)
        return String(view)
    }

    /// Whether `scalar` needs a backslash where it stands. Besides the always-special characters: a list
    /// marker (`- `, `+ `, `1. `, `1) `) or setext underline (`=`) at the very start, and the pieces of a
    /// GFM autolink (`://`, `www.`), so a URL in the input stays text.
    static func needsBackslash(_ scalar: Unicode.Scalar, after previous: [Unicode.Scalar], before next: Unicode.Scalar?)
        -> Bool
    {
        if special.contains(scalar) { return true }
        let endsMarker = next.map { $0.properties.isWhitespace } ?? true
        switch scalar {
        case "=":
            return previous.isEmpty
        case "-", "+":
            return previous.isEmpty && endsMarker
        case ".", ")":
            if endsMarker, !previous.isEmpty, previous.allSatisfy({ $0.isASCII && $0.properties.numericType == .decimal }) {
                return true
            }
            return scalar == "." && previous.count >= 3
                && previous.suffix(3).map({ Character($0).lowercased() }).joined() == "www"
        case "/":
            return previous.last == ":"
        default:
            return false
        }
    }

    /// An inline phrase in straight quotes, escaped.
    public static func quoted(_ text: String) -> String {
        "\"" + inline(text) + "\""
    }
}
