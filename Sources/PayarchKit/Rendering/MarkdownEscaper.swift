/// Makes user text safe to place inline in Markdown: line breaks collapse to spaces and every character
/// that could open emphasis, code, links, HTML, tables or headings is backslash-escaped, so input can
/// never add structure to the document.
public enum MarkdownEscaper {
    static let special: Set<Character> = ["\\", "`", "*", "_", "{", "}", "[", "]", "<", ">", "#", "|", "~", "!", "&", "$"]

    public static func inline(_ text: String) -> String {
        var result = ""
        var pendingSpace = false
        for character in text {
            if character.isWhitespace || character.isNewline || (character.asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? false) {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace {
                result.append(" ")
                pendingSpace = false
            }
            if special.contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }

    /// An inline phrase in straight quotes, escaped.
    public static func quoted(_ text: String) -> String {
        "\"" + inline(text) + "\""
    }
}
