/// Finds the pattern shape that makes backtracking regex engines (ICU, behind NSRegularExpression) take
/// exponential time: a group containing an unbounded quantifier that is itself repeated without bound,
/// as in `(a+)+` or `(x*y*)*`. Evaluator patterns come from specs, which may be untrusted.
enum RegexSafety {
    /// The offending group's text, or nil when the pattern has no nested unbounded repetition.
    static func nestedQuantifier(in pattern: String) -> String? {
        let characters = Array(pattern)
        // Per open group: where it starts and whether it holds an unbounded quantifier.
        var groups: [(start: Int, repeats: Bool)] = []
        var index = 0
        func unboundedQuantifier(at position: Int) -> Bool {
            guard position < characters.count else { return false }
            switch characters[position] {
            case "*", "+": return true
            case "{":
                // `{n,}` is unbounded; `{n}` and `{n,m}` are not.
                var cursor = position + 1
                while cursor < characters.count, characters[cursor].isNumber { cursor += 1 }
                return cursor + 1 < characters.count && characters[cursor] == "," && characters[cursor + 1] == "}"
            default: return false
            }
        }
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "\\":
                index += 2
                continue
            case "[":
                // Skip a character class; a `]` right after `[` or `[^` is literal.
                index += 1
                if index < characters.count, characters[index] == "^" { index += 1 }
                if index < characters.count, characters[index] == "]" { index += 1 }
                while index < characters.count, characters[index] != "]" {
                    index += characters[index] == "\\" ? 2 : 1
                }
            case "(":
                groups.append((index, false))
            case ")":
                guard let group = groups.popLast() else { break }
                if group.repeats, unboundedQuantifier(at: index + 1) {
                    return String(characters[group.start...min(index + 1, characters.count - 1)])
                }
                if (group.repeats || unboundedQuantifier(at: index + 1)), !groups.isEmpty {
                    groups[groups.count - 1].repeats = true
                }
            default:
                if unboundedQuantifier(at: index), index > 0, !groups.isEmpty {
                    groups[groups.count - 1].repeats = true
                }
            }
            index += 1
        }
        return nil
    }
}
