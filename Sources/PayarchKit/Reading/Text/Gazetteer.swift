/// Finds known phrases in a token stream, the way spaCy's PhraseMatcher does: over tokens, not
/// substrings; the longest phrase at a position wins; matches never overlap; a phrase listed as exact
/// matches only with the same letter case (`SWIFT` the network, not `Swift` the language).
///
/// Phrases are tokenized with the same `Tokenizer` as the text, so `Checkout.com`, `M-Pesa` and
/// `tx/s` match however they are split. Two tokens written together in the phrase (`T2`, `10k`) must be
/// written together in the text.
public struct Gazetteer<Payload: Sendable>: Sendable {
    public struct Match: Sendable {
        public var payload: Payload
        /// Token indices `[first, last)`.
        public var first: Int
        public var last: Int
    }

    struct Entry: Sendable {
        var tokens: [String]
        var together: [Bool]
        var exact: Bool
        var payload: Payload
    }

    /// Entries by their first token (lowercased), longest first.
    private var index: [String: [Entry]] = [:]

    public init() {}

    /// A gazetteer of `phrases`, each with the same payload.
    public init(_ phrases: [String], _ payload: Payload) {
        for phrase in phrases { add(phrase, payload) }
    }

    public var isEmpty: Bool { index.isEmpty }

    /// Adds a phrase. Returns false (and adds nothing) when the phrase has no tokens.
    @discardableResult
    public mutating func add(_ phrase: String, exact: Bool = false, _ payload: Payload) -> Bool {
        let tokens = Tokenizer.tokens(phrase)
        guard let first = tokens.first else { return false }
        let entry = Entry(
            tokens: tokens.map { exact ? $0.text : $0.lower },
            together: tokens.enumerated().map { $0.offset > 0 && !$0.element.spaceBefore }, exact: exact, payload: payload)
        // Longest first; among equal lengths the first added stays first.
        index[first.lower, default: []].insertOrdered(entry)
        return true
    }

    /// The longest phrase that starts at token `position`, if any.
    public func match(at position: Int, in tokens: [Token]) -> Match? {
        guard let candidates = index[tokens[position].lower] else { return nil }
        for entry in candidates where position + entry.tokens.count <= tokens.count {
            var matches = true
            var cursor = position
            for (offset, expected) in entry.tokens.enumerated() {
                // A phrase may run over a wrapped line ("by SEPA Credit⏎Transfer"), not over a blank line or
                // into a list item.
                if offset > 0, !entry.together[offset], Self.isSoftWrap(at: cursor, in: tokens) { cursor += 1 }
                guard cursor < tokens.count else {
                    matches = false
                    break
                }
                let token = tokens[cursor]
                if (entry.exact ? token.text : token.lower) != expected || (entry.together[offset] && token.spaceBefore)
                    || (offset > 0 && token.isLineBreak)
                {
                    matches = false
                    break
                }
                cursor += 1
            }
            if matches { return Match(payload: entry.payload, first: position, last: cursor) }
        }
        return nil
    }

    /// Whether the token at `index` is a line break inside a paragraph: the next line goes on with words,
    /// not a blank line, a list item or a heading.
    static func isSoftWrap(at index: Int, in tokens: [Token]) -> Bool {
        guard index + 1 < tokens.count, tokens[index].isLineBreak else { return false }
        let next = tokens[index + 1]
        guard !next.isLineBreak, !["-", "*", "•", "#", ">", "|"].contains(next.text) else { return false }
        if case .number = next.kind { return false }
        return true
    }

    /// Every match, left to right, longest first at each position, never overlapping.
    public func matches(in tokens: [Token], skipping covered: [Bool]? = nil) -> [Match] {
        var found: [Match] = []
        var position = 0
        while position < tokens.count {
            if let covered, covered[position] {
                position += 1
                continue
            }
            if let match = match(at: position, in: tokens) {
                found.append(match)
                position = match.last
            } else {
                position += 1
            }
        }
        return found
    }
}

extension Array {
    /// Inserts an entry before the first one with fewer tokens, keeping the array longest first and
    /// entries of equal length in the order they were added.
    fileprivate mutating func insertOrdered<Payload>(_ entry: Element) where Element == Gazetteer<Payload>.Entry {
        let position = firstIndex { $0.tokens.count < entry.tokens.count } ?? endIndex
        insert(entry, at: position)
    }
}
