/// Makes user text safe to place inline in Markdown: line breaks collapse to spaces and every character
/// that could open emphasis, code, links, HTML, tables or headings is backslash-escaped, so input can
/// never add structure to the document. A word holding `@` (which GFM would turn into an e-mail link
/// whatever its escapes) is shown verbatim as a code span.
///
/// The work is done per Unicode scalar, never per `Character`: a `*` followed by a combining mark, or a
/// `<` preceded by a prepend character, is one grapheme cluster but still a `*` or a `<` to a Markdown
/// renderer. Control characters and invisible reordering characters (bidi overrides and isolates) are
/// replaced by U+FFFD so they can neither break a line nor make the text read differently than it parses.
public enum MarkdownEscaper {
    /// ASCII punctuation with a meaning anywhere inline in CommonMark, GFM tables and strikethrough, or HTML.
    /// (`@` is not here: a word holding it becomes a code span as a whole.)
    static let special: Set<Unicode.Scalar> = [
        "\\", "`", "*", "_", "{", "}", "[", "]", "<", ">", "#", "|", "~", "!", "&", "$",
    ]

    public static func inline(_ text: String) -> String {
        var result: [Unicode.Scalar] = []
        // Words, split at whitespace; runs of whitespace collapse to one space.
        var words: [[Unicode.Scalar]] = [[]]
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                if !words[words.count - 1].isEmpty { words.append([]) }
            } else {
                words[words.count - 1].append(scalar)
            }
        }
        for word in words where !word.isEmpty {
            if !result.isEmpty { result.append(" ") }
            // GFM finds e-mail autolinks (`a@b.example`, `mailto:`, `xmpp:`) in text after backslash escapes
            // are resolved, so a word with `@` is shown as a code span, where nothing is a link.
            if word.contains("@") {
                result += codeSpan(word)
                continue
            }
            for (index, scalar) in word.enumerated() {
                if PrintableText.needsEscape(scalar) {
                    result.append("\u{FFFD}")
                    continue
                }
                let next = index + 1 < word.count ? word[index + 1] : nil
                if needsBackslash(scalar, after: result, before: next) { result.append("\\") }
                result.append(scalar)
            }
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: result)
        return String(view)
    }

    /// A code span showing `word` as it is: fenced by one backtick more than its longest backtick run,
    /// padded with spaces when it starts or ends with a backtick, `|` escaped for GFM tables (which honour
    /// `\|` inside code), and invisible or control characters replaced by U+FFFD.
    static func codeSpan(_ word: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var longest = 0
        var run = 0
        var content: [Unicode.Scalar] = []
        for scalar in word {
            run = scalar == "`" ? run + 1 : 0
            longest = max(longest, run)
            if PrintableText.needsEscape(scalar) {
                content.append("\u{FFFD}")
            } else {
                if scalar == "|" { content.append("\\") }
                content.append(scalar)
            }
        }
        let fence = [Unicode.Scalar](repeating: "`", count: longest + 1)
        let pad: [Unicode.Scalar] = content.first == "`" || content.last == "`" ? [" "] : []
        return fence + pad + content + pad + fence
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
