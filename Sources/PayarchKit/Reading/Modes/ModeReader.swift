/// Reads the ways the business uses its rails that change their lifecycle ("merchant-initiated renewals",
/// "offline approvals at transit gates", "FX conversion before release", "custody through Fireblocks"),
/// from `modes:` in `rules/reading/rail-words.yml`. Any of the three inputs may say them; a mode that is
/// negated, deferred or in the past ("no offline mode", "we moved off Fireblocks") is not read.
/// Lifecycle items tagged with a `mode` appear only in a design that reads it.
public struct ModeReader: Sendable {
    let words: Gazetteer<String>
    let implied: [String: [String]]
    let context: ContextReader

    public init(rules: RuleBook, context: ContextReader) {
        var words = Gazetteer<String>()
        var implied: [String: [String]] = [:]
        for mode in rules.reading.railWords.modes {
            for phrase in mode.words { words.add(phrase, mode.mode) }
            for phrase in mode.exactWords { words.add(phrase, exact: true, mode.mode) }
            implied[mode.mode] = mode.implies
        }
        self.words = words
        self.implied = implied
        self.context = context
    }

    /// Each mode the texts state, once, with the first phrase that states it, in the order of the modes'
    /// first phrases.
    public func read(_ texts: [ReadingText]) -> [ModeMention] {
        var found: [ModeMention] = []
        for text in texts {
            let matches = words.matches(in: text.tokens)
            guard !matches.isEmpty else { continue }
            let marks = context.marks(for: matches.map { ContextReader.Span(first: $0.first, last: $0.last) }, in: text)
            for (match, mark) in zip(matches, marks) where mark == nil {
                for mode in [match.payload] + (implied[match.payload] ?? []) where !found.contains(where: { $0.mode == mode }) {
                    found.append(ModeMention(mode: mode, phrase: text.phrase(match.first, match.last)))
                }
            }
        }
        return found
    }
}

/// A way the rails are used that the input states, with the phrase that states it.
public struct ModeMention: Sendable, Codable, Hashable {
    public var mode: String
    public var phrase: SourcedPhrase
}
