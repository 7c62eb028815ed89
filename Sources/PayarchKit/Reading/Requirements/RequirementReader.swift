/// Finds the requirements an input states that no reader turned into a fact, so a design never drops a
/// stated constraint in silence (`rules/reading/requirements.yml`). Each clause is split further at commas,
/// colons and spaced dashes; a segment with a requirement word ("must", "never", "only after") that no fact
/// was read from and that names nothing every design guarantees (no payment twice, reconciliation) becomes
/// `reading.unread-requirement`, quoting the segment.
public struct RequirementReader: Sendable {
    public static let warningId = "reading.unread-requirement"
    let requirementWords: Gazetteer<Bool>
    let metWords: Gazetteer<Bool>
    /// Longer segments are quoted up to this many characters, then cut at a word with "…".
    static let maxQuote = 160
    /// A text that states more than this many unread requirements gets one warning that says how many more.
    static let maxWarnings = 8

    /// Words that carry no meaning of their own ("never after."): a segment with at most one other word
    /// continues the segment before it in its sentence.
    let emptyWords: Set<String>

    public init(vocabulary: ReadingVocabulary.Requirements) {
        var empty = Set(vocabulary.ignoredWords.map { $0.lowercased() })
        for phrase in vocabulary.requirementWords { for word in phrase.lowercased().split(separator: " ") { empty.insert(String(word)) } }
        emptyWords = empty
        var requirement = Gazetteer<Bool>()
        for phrase in vocabulary.requirementWords { requirement.add(phrase, true) }
        var met = Gazetteer<Bool>()
        for phrase in vocabulary.metWords { met.add(phrase, true) }
        requirementWords = requirement
        metWords = met
    }

    /// A segment of one input: tokens `[first, last)`.
    struct Segment: Equatable {
        var first: Int
        var last: Int
    }

    static let conjunctions: Set<String> = ["and", "but", "or", "so", "yet", "while", "whereas", "also"]

    /// The segments of a text: clauses split at commas, colons, semicolons and dashes with a space before them.
    func segments(of text: ReadingText) -> [Segment] {
        var segments: [Segment] = []
        var start = 0
        // Commas inside parentheses list examples ("confirmations (BTC 3, ETH 12)"), and a colon between
        // digits is a time ("by 14:00"): neither ends a segment.
        var depth = 0
        let tokens = text.tokens
        for (index, token) in tokens.enumerated() {
            if token.text == "(" { depth += 1 }
            if token.text == ")" { depth = max(0, depth - 1) }
            let colon = token.text == ":" && !(index + 1 < tokens.count && !tokens[index + 1].spaceBefore && tokens[index + 1].number != nil)
            let boundary =
                (depth == 0 && ([",", ";", "—", "–"].contains(token.text) || colon || (token.text == "-" && token.spaceBefore)))
                || (index > start && text.clause[index] != text.clause[index - 1])
            guard boundary else { continue }
            if index > start { segments.append(Segment(first: start, last: index)) }
            start = [",", ":", ";", "—", "–", "-"].contains(token.text) ? index + 1 : index
            depth = 0
        }
        if start < text.tokens.count { segments.append(Segment(first: start, last: text.tokens.count)) }
        // A segment that opens with a conjunction ("and ARUDD returns must reverse the ledger") is quoted
        // without it.
        let trimmed = segments.compactMap { segment -> Segment? in
            var segment = segment
            while segment.first < segment.last, Self.conjunctions.contains(text.tokens[segment.first].lower) { segment.first += 1 }
            return text.tokens[segment.first..<segment.last].contains { $0.isWord } ? segment : nil
        }
        // "…before release, never after.": a segment of at most one meaningful word continues the one
        // before it in its sentence.
        var merged: [Segment] = []
        for segment in trimmed {
            let meaningful = text.tokens[segment.first..<segment.last].filter { $0.isWord && $0.text.count >= 4 && !emptyWords.contains($0.lower) }
            if meaningful.count <= 1, let previous = merged.last, text.sentence[previous.first] == text.sentence[segment.first] {
                merged[merged.count - 1].last = segment.last
            } else {
                merged.append(segment)
            }
        }
        return merged
    }

    /// The unread requirements of `texts`, given every phrase a fact or warning was read from.
    public func unread(in texts: [ReadingText], read: [SourcedPhrase]) -> [ReadingWarning] {
        var warnings: [ReadingWarning] = []
        var more = 0
        for text in texts {
            let spans = read.filter { $0.variable == text.variable }.map { ($0.offset, $0.offset + $0.text.utf16.count) }
            let requirements = requirementWords.matches(in: text.tokens).map(\.first)
            let met = metWords.matches(in: text.tokens).map(\.first)
            for segment in segments(of: text) {
                let range = segment.first..<segment.last
                guard requirements.contains(where: range.contains), !met.contains(where: range.contains) else { continue }
                let start = text.tokens[segment.first].start
                let end = text.tokens[segment.last - 1].end
                guard !spans.contains(where: { $0.0 < end && start < $0.1 }) else { continue }
                guard warnings.count < Self.maxWarnings else {
                    more += 1
                    continue
                }
                var phrase = text.phrase(segment.first, segment.last)
                phrase.text = Self.shortened(phrase.text)
                warnings.append(
                    ReadingWarning(
                        id: Self.warningId, phrase: phrase,
                        message: "'\(phrase.text)' states a requirement no payarch rule reads, so the design does not address it by name; check the design against it and add what it needs by hand"))
            }
        }
        if more > 0, let last = warnings.last {
            warnings.append(
                ReadingWarning(
                    id: Self.warningId, phrase: nil, variable: last.phrase?.variable,
                    message: "\(more) more stated requirement\(more == 1 ? "" : "s") no payarch rule reads; check the design against each"))
        }
        return warnings
    }

    /// A segment cut to `maxQuote` characters at a word boundary.
    static func shortened(_ text: String) -> String {
        guard text.count > maxQuote else { return text }
        let cut = text.prefix(maxQuote)
        let end = cut.lastIndex(of: " ") ?? cut.endIndex
        return String(cut[..<end]) + "…"
    }
}
