/// One token of an input value: a word, a number or a punctuation mark, with its span in the original
/// text (UTF-16 offsets, as `SourcedPhrase` keeps them) so every fact can quote what the user wrote.
public struct Token: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Letters, then letters and digits: `Stripe`, `Przelewy24`, `p99`, `don't`.
        case word
        /// Digits with grouping and decimals, already read: `10,000`, `1 000`, `1.5`, `1,20,000`.
        case number(Double)
        /// One punctuation or symbol character, or a line break (`"\n"`).
        case punctuation
    }

    public var kind: Kind
    /// The text after normalization (dashes, spaces and quotes unified), as written otherwise.
    public var text: String
    /// `text` lowercased, for case-insensitive matching.
    public var lower: String
    /// UTF-16 offsets of the token in the original value.
    public var start: Int
    public var end: Int
    /// False when the token touches the previous one (`10k` is `10` then `k` with no space).
    public var spaceBefore: Bool

    public var isWord: Bool { if case .word = kind { return true } else { return false } }
    public var number: Double? { if case .number(let value) = kind { return value } else { return nil } }
    public var isLineBreak: Bool { text == "\n" }
}
