/// One input value prepared for reading: its tokens, the clause and the list item each token is in, and
/// helpers to quote a span of it. Clauses end at sentence ends, `;`, `!`, `?`, line breaks and contrast
/// words ("but", "whereas"); list items also end at `,`, `/`, `+`, `&`, parentheses, "and", "or".
public struct ReadingText: Sendable {
    public let text: String
    public let variable: String
    public let tokens: [Token]
    /// Clause index of each token.
    public let clause: [Int]
    /// List-item index of each token (items never cross clauses).
    public let item: [Int]
    /// True for the tokens that end a clause or an item (the separators themselves).
    public let isSeparator: [Bool]
    /// Sentence index of each token: sentences end at `.` (not after an abbreviation), `!`, `?` and line
    /// breaks, not at `;` or contrast words.
    public let sentence: [Int]

    static let itemWords: Set<String> = ["and", "or", "plus", "nor", "&"]
    static let itemPunctuation: Set<String> = [",", "/", "+", "&", "(", ")", "[", "]", "|", "·", "•", "*", "-"]

    /// `closingAbbreviations` ("avg.", "etc.") end a sentence when a capitalised word follows them
    /// ("… / 20 avg. DD 600k/mo"); other abbreviations ("e.g.", "approx.") never do.
    public init(
        _ text: String, variable: String, clauseBreaks: Gazetteer<Bool>, abbreviations: Set<String>,
        closingAbbreviations: Set<String> = [], namePairs: Set<String> = []
    ) {
        self.text = text
        self.variable = variable
        let tokens = Self.joiningWrappedLines(Tokenizer.tokens(text), namePairs: namePairs)
        self.tokens = tokens
        var clause = [Int](repeating: 0, count: tokens.count)
        var item = [Int](repeating: 0, count: tokens.count)
        var separator = [Bool](repeating: false, count: tokens.count)
        var clauseIndex = 0
        var itemIndex = 0
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            if let breakMatch = clauseBreaks.match(at: index, in: tokens) {
                clauseIndex += 1
                itemIndex += 1
                for covered in breakMatch.first..<breakMatch.last {
                    clause[covered] = clauseIndex
                    item[covered] = itemIndex
                    separator[covered] = true
                }
                index = breakMatch.last
                continue
            }
            clause[index] = clauseIndex
            item[index] = itemIndex
            if Self.endsClause(at: index, in: tokens, abbreviations: abbreviations, closing: closingAbbreviations) {
                separator[index] = true
                clauseIndex += 1
                itemIndex += 1
            } else if (token.isWord && Self.itemWords.contains(token.lower))
                || (!token.isWord && token.number == nil && Self.itemPunctuation.contains(token.text)
                    && !(token.text == "-" && !token.spaceBefore))
            {
                separator[index] = true
                itemIndex += 1
            }
            index += 1
        }
        self.clause = clause
        self.item = item
        self.isSeparator = separator
        var sentence = [Int](repeating: 0, count: tokens.count)
        var sentenceIndex = 0
        for position in tokens.indices {
            sentence[position] = sentenceIndex
            let token = tokens[position]
            if token.isLineBreak || token.text == "!" || token.text == "?" || (token.text == "." && separator[position]) { sentenceIndex += 1 }
        }
        self.sentence = sentence
    }

    /// Words a line of prose does not end on: a line that ends with one continues on the next.
    static let continuingWords: Set<String> = [
        "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "from", "with", "via", "per", "into",
        "than", "as", "is", "are", "be", "must", "should", "can", "will", "not", "no", "our", "their", "its", "each", "every",
    ]
    /// A line of prose wrapped by hand has at least this many words.
    static let wrappedLineWords = 4

    /// The tokens with the line breaks inside a wrapped sentence taken out: YAML block scalars (`|`) keep
    /// the breaks of text wrapped at a column, and a sentence must not end at each of them. A break is a
    /// wrap when the line before it has prose length and does not end a sentence, the next line is not
    /// blank and starts no list item, and the text plainly goes on: the next line starts in lower case, with
    /// a digit or a parenthesis, or the line before ends with a comma or a word no line of prose ends on.
    static func joiningWrappedLines(_ tokens: [Token], namePairs: Set<String> = []) -> [Token] {
        var result: [Token] = []
        var wordsOnLine = 0
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            if token.isLineBreak, let previous = result.last, !previous.isLineBreak, index + 1 < tokens.count {
                let next = tokens[index + 1]
                let listItem =
                    ["-", "*", "•", "·", "–", "—"].contains(next.text)
                    || (next.number != nil && index + 2 < tokens.count && [".", ")"].contains(tokens[index + 2].text) && !tokens[index + 2].spaceBefore)
                let endsSentence = [".", "!", "?", ";", ":"].contains(previous.text)
                let goesOn =
                    next.text.first?.isLowercase == true || next.number != nil || next.text == "("
                    || previous.text == "," || continuingWords.contains(previous.lower)
                    || namePairs.contains(previous.lower + " " + next.lower)
                if !next.isLineBreak, !listItem, !endsSentence, goesOn, wordsOnLine >= wrappedLineWords {
                    var joined = next
                    joined.spaceBefore = true
                    result.append(joined)
                    wordsOnLine += joined.isWord ? 1 : 0
                    index += 2
                    continue
                }
            }
            result.append(token)
            wordsOnLine = token.isLineBreak ? 0 : wordsOnLine + (token.isWord ? 1 : 0)
            index += 1
        }
        return result
    }

    /// A `.` ends a sentence when a space or the end follows and it does not end an abbreviation
    /// ("e.g."); `;`, `!`, `?` and line breaks always end a clause.
    static func endsClause(at index: Int, in tokens: [Token], abbreviations: Set<String>, closing: Set<String> = []) -> Bool {
        let token = tokens[index]
        switch token.text {
        case ";", "!", "?", "\n":
            return true
        case ".":
            let next = index + 1 < tokens.count ? tokens[index + 1] : nil
            guard next == nil || next!.spaceBefore else { return false }
            // An abbreviation ("approx.", "e.g.", "i.e."): the touching tokens before the period spell it.
            var spelled = ""
            var cursor = index
            while cursor > 0, !tokens[cursor].spaceBefore, index - cursor < 6 {
                cursor -= 1
                spelled = tokens[cursor].lower + spelled
                // "on the 1st." ends a sentence: an ordinal's suffix is no abbreviation ("St.").
                if ["st", "nd", "rd", "th"].contains(spelled), cursor > 0, tokens[cursor - 1].number != nil { return true }
                if abbreviations.contains(spelled) {
                    let capitalised = next.map { $0.isWord && $0.text.first?.isUppercase == true } ?? false
                    return closing.contains(spelled) && capitalised
                }
            }
            return true
        default:
            return false
        }
    }

    /// The original text of tokens `[first, last)`.
    public func quote(_ first: Int, _ last: Int) -> String {
        guard first < last, first < tokens.count else { return "" }
        let utf16 = text.utf16
        let start = utf16.index(utf16.startIndex, offsetBy: tokens[first].start)
        let end = utf16.index(utf16.startIndex, offsetBy: tokens[last - 1].end)
        return String(text[start..<end])
    }

    /// A sourced phrase for tokens `[first, last)`.
    public func phrase(_ first: Int, _ last: Int) -> SourcedPhrase {
        SourcedPhrase(variable: variable, text: quote(first, last), offset: tokens[first].start)
    }

    /// Words (not punctuation) between two token positions.
    func words(from first: Int, to last: Int) -> Int {
        guard first < last else { return 0 }
        return tokens[first..<last].filter { $0.isWord || $0.number != nil }.count
    }
}
