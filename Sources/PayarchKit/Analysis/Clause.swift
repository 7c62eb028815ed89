import Foundation

/// A clause of free text: the unit within which a level binds to a scope and a qualifier to a figure.
struct Clause {
    var text: String
    /// UTF-16 offset of the clause in the whole value.
    var offset: Int

    /// Splits on semicolons, sentence ends, commas followed by a space, line breaks, and contrast words
    /// ("while", "whereas", "but"), keeping offsets into the original text.
    static func split(_ text: String) -> [Clause] {
        let ns = text as NSString
        let pattern = "[;\\n]|\\.(?=\\s|$)|,(?=\\s)|\\s(?:while|whereas|but|except)\\s"
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) else {
            return [Clause(text: text, offset: 0)]
        }
        var clauses: [Clause] = []
        var start = 0
        for match in regex.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            clauses.append(Clause(text: ns.substring(with: NSRange(location: start, length: match.range.location - start)), offset: start))
            start = match.range.location + match.range.length
        }
        clauses.append(Clause(text: ns.substring(from: start), offset: start))
        return clauses.filter { !$0.text.trimmingCharacters(in: .whitespaces).isEmpty }
    }
}
