/// Finds the requirements an input states that no reader turned into a fact, so a design never drops a
/// stated constraint in silence (`rules/reading/requirements.yml`). Each clause is split further at commas,
/// colons and spaced dashes; a segment with a requirement word ("must", "never", "only after") that no fact
/// was read from and that names nothing every design guarantees (no payment twice, reconciliation) becomes
/// `reading.unread-requirement`, quoting the segment.
public struct RequirementReader: Sendable {
    public static let warningId = "reading.unread-requirement"
    enum GateWord: Sendable, Hashable { case negated, onlyAfter }
    let gateWords: Gazetteer<GateWord>
    let affirmedBefore: Gazetteer<Bool>
    let negations: Gazetteer<Bool>
    let requirementWords: Gazetteer<Bool>
    let timeUnits: Gazetteer<Bool>
    let timeQualifiers: Gazetteer<Bool>
    let controlWords: Gazetteer<Bool>
    let approvalWords: Gazetteer<Bool>
    let limitWords: Gazetteer<Bool>
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
        var gates = Gazetteer<GateWord>()
        for phrase in vocabulary.gates.negatedGate { gates.add(phrase, .negated) }
        for phrase in vocabulary.gates.onlyAfterGate { gates.add(phrase, .onlyAfter) }
        gateWords = gates
        requirementWords = Gazetteer(vocabulary.requirementWords, true)
        affirmedBefore = Gazetteer(vocabulary.gates.affirmedBefore, true)
        negations = Gazetteer(vocabulary.gates.negations, true)
        metWords = Gazetteer(vocabulary.metWords, true)
        timeUnits = Gazetteer(vocabulary.gates.timeUnits, true)
        timeQualifiers = Gazetteer(vocabulary.gates.timeQualifiers, true)
        controlWords = Gazetteer(vocabulary.controlWords, true)
        approvalWords = Gazetteer(vocabulary.approvalWords, true)
        limitWords = Gazetteer(vocabulary.limitWords, true)
    }

    /// A segment of one input: tokens `[first, last)`.
    struct Segment: Equatable {
        var first: Int
        var last: Int
    }

    static let conjunctions: Set<String> = ["and", "but", "or", "so", "yet", "while", "whereas", "also"]
    /// Verbs that open a limit ("exceed SAR 3,000"), not a step of the payment.
    static let limitVerbs: Set<String> = ["exceed", "exceeds", "surpass", "surpasses", "top", "tops", "reach", "reaches", "pass", "passes"]

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

    /// What the requirements of the texts say: the gates read, and a warning for each requirement that
    /// is neither a gate nor read as a fact (`read` holds every phrase a fact or warning came from).
    public func read(_ texts: [ReadingText], read: [SourcedPhrase]) -> (gates: [StatedGate], limits: [StatedLimit], unread: [ReadingWarning]) {
        var gates: [StatedGate] = []
        var limits: [StatedLimit] = []
        var warnings: [ReadingWarning] = []
        var more = 0
        for text in texts {
            let spans = read.filter { $0.variable == text.variable }.map { ($0.offset, $0.offset + $0.text.utf16.count) }
            // Each gazetteer runs once per text; segments only filter its matches.
            let matches = Matches(
                requirements: requirementWords.matches(in: text.tokens), gates: gateWords.matches(in: text.tokens),
                before: affirmedBefore.matches(in: text.tokens), negations: negations.matches(in: text.tokens))
            // A control word makes a segment a requirement too ("need 2-person approval"); only the modal
            // words cut gates.
            // A limit word does too, outside the load's text, where "max" and "up to" describe the load.
            let limitStarts = text.variable == InputReader.throughputVariable ? [] : limitWords.matches(in: text.tokens).map(\.first)
            let requirements = (matches.requirements.map(\.first) + controlWords.matches(in: text.tokens).map(\.first) + limitStarts).sorted()
            // Whether any of the sorted `starts` falls in `range`, by binary search: a long text has thousands
            // of segments and words, and a scan per segment made the reader quadratic.
            func anyStart(_ starts: [Int], in range: Range<Int>) -> Int? {
                var low = 0
                var high = starts.count
                while low < high {
                    let middle = (low + high) / 2
                    if starts[middle] < range.lowerBound { low = middle + 1 } else { high = middle }
                }
                return low < starts.count && starts[low] < range.upperBound ? starts[low] : nil
            }
            let negationStarts = matches.negations.map(\.first).sorted()
            let negatedGateStarts = matches.gates.filter { $0.payload == .negated }.map(\.first).sorted()
            let met = metWords.matches(in: text.tokens).map(\.first)
            // A lead-in of requirement words only ("Must never:") gives its requirement to the segments after
            // it in its sentence, and is no requirement of its own.
            var leadInSentence: Int?
            for segment in segments(of: text) {
                let range = segment.first..<segment.last
                let words = text.tokens[range].filter(\.isWord)
                let leadIn = segment.last < text.tokens.count && text.tokens[segment.last].text == ":" && !words.isEmpty
                    && requirementWords.matches(in: Array(text.tokens[range])).reduce(0) { $0 + ($1.last - $1.first) } >= words.count
                if leadIn {
                    leadInSentence = text.sentence[segment.first]
                    continue
                }
                let inherited = leadInSentence == text.sentence[segment.first]
                // "is not marked paid until …": a negated gate states a requirement without a modal verb.
                let negatedGate = anyStart(negationStarts, in: range).map { negation in
                    anyStart(negatedGateStarts, in: (negation + 1)..<max(negation + 1, range.upperBound)) != nil
                } ?? false
                guard inherited || negatedGate || anyStart(requirements, in: range) != nil else { continue }
                var found = self.gates(in: segment, of: text, matches: matches)
                if found.isEmpty, let approval = approvalGate(in: segment, of: text) { found = [approval] }
                if !found.isEmpty {
                    gates += found
                    continue
                }
                guard !met.contains(where: range.contains) else { continue }
                // "Players under 19 have a monthly spending cap of 70,000 KRW", "max 2 re-presentments": a
                // limit on an amount or a count, designed as a counter checked in the claim's transaction.
                let oneAtATime = text.variable != InputReader.throughputVariable && isOneAtATime(segment, of: text)
                if text.variable != InputReader.throughputVariable, oneAtATime || isLimit(segment, of: text) {
                    var last = segment.last
                    while last > segment.first + 1, !text.tokens[last - 1].isWord, text.tokens[last - 1].number == nil, text.tokens[last - 1].text != ")" { last -= 1 }
                    var phrase = text.phrase(segment.first, last)
                    phrase.text = Self.shortened(phrase.text)
                    limits.append(StatedLimit(phrase: phrase, oneAtATime: oneAtATime))
                    continue
                }
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
        return (gates, limits, warnings)
    }

    /// Whether a segment allows one payment at a time ("only one top-up may be in flight per account",
    /// "one cash-out in flight per creator"): a limit of one on the payments not yet final.
    func isOneAtATime(_ segment: Segment, of text: ReadingText) -> Bool {
        let words = text.tokens[segment.first..<segment.last].map(\.lower)
        let joined = " " + words.joined(separator: " ") + " "
        return [" one ", " single "].contains(where: joined.contains)
            && Self.inFlightPhrases.contains(where: { joined.contains(" " + $0 + " ") })
    }

    static let inFlightPhrases = ["in flight", "in - flight", "at a time", "in progress", "at once", "outstanding", "open at once", "pending at once"]

    /// Whether a segment caps an amount or a count: a limit word and a figure that is no time ("max 48h"
    /// is a deadline, not a limit).
    func isLimit(_ segment: Segment, of text: ReadingText) -> Bool {
        let tokens = Array(text.tokens[segment.first..<segment.last])
        guard !limitWords.matches(in: tokens).isEmpty else { return false }
        let times = Set(timeUnits.matches(in: tokens).map(\.first))
        return tokens.indices.contains { index in
            tokens[index].number != nil && !times.contains(index + 1) && !(index + 1 < tokens.count && times.contains(index + 2) && !tokens[index + 1].isWord)
        }
    }

    /// The gates a requirement segment states: one step that must wait for another. A segment joined by
    /// "or", "and" or ";" to another gate ("never book the trade without a payout or release the payout
    /// without the trade") states each.
    /// The matches of a text's requirement, gate and negation words, found once.
    struct Matches {
        var requirements: [Gazetteer<Bool>.Match]
        var gates: [Gazetteer<GateWord>.Match]
        var before: [Gazetteer<Bool>.Match]
        var negations: [Gazetteer<Bool>.Match]
    }

    func gates(in segment: Segment, of text: ReadingText, matches: Matches) -> [StatedGate] {
        let tokens = text.tokens
        var gateMatches = matches.gates.filter { $0.first >= segment.first && $0.last <= segment.last }
        // "must only be sent once the debit has committed": "only" and its "once", "after", "when" or "if"
        // up to four words apart are one gate, at the later word.
        for index in segment.first..<segment.last where tokens[index].lower == "only" {
            let window = (index + 1)..<min(segment.last, index + 6)
            if let later = window.first(where: { Self.onlyFollowers.contains(tokens[$0].lower) }),
                !gateMatches.contains(where: { $0.first <= later && later < $0.last })
            {
                gateMatches.append(.init(payload: .onlyAfter, first: later, last: later + 1))
            }
        }
        gateMatches.sort { $0.first < $1.first }
        let beforeMatches = matches.before.filter { $0.first >= segment.first && $0.last <= segment.last }
        guard !gateMatches.isEmpty || !beforeMatches.isEmpty else { return [] }
        let negationMatches = matches.negations.filter { $0.first >= segment.first && $0.last <= segment.last }
        let requirementMatches = matches.requirements.filter { $0.first >= segment.first && $0.last <= segment.last }
        // Parts: split at a joining word whose rest holds another gate word.
        var parts: [Segment] = []
        var start = segment.first
        for index in segment.first..<segment.last where ["or", "and", ";"].contains(tokens[index].lower) && index > start {
            let rest = index + 1..<segment.last
            let partHasGate = gateMatches.contains { $0.first >= start && $0.last <= index }
            if partHasGate, gateMatches.contains(where: { rest.contains($0.first) }) {
                parts.append(Segment(first: start, last: index))
                start = index + 1
            }
        }
        parts.append(Segment(first: start, last: segment.last))
        var found: [StatedGate] = []
        for part in parts {
            let inPart = { (match: Gazetteer<GateWord>.Match) in match.first >= part.first && match.last <= part.last }
            let gate = gateMatches.first { inPart($0) && $0.payload == .onlyAfter }
                ?? gateMatches.first { match in
                    inPart(match) && match.payload == .negated && negationMatches.contains { $0.first < match.first }
                }
            if let gate {
                // The action runs from the last requirement or negation word before the gate (or the part's
                // start) to the gate; the precondition from the gate to a parenthesis, colon or the end.
                let marks = (requirementMatches.map(\.last) + negationMatches.map(\.last)).filter { $0 <= gate.first && $0 > part.first }
                var actionStart = gate.payload == .onlyAfter ? part.first : (marks.max() ?? part.first)
                // An action of one word ("sent") lost its subject to a comma: it starts with its clause.
                let contentWords = (actionStart..<gate.first).filter { text.tokens[$0].isWord && !Self.leading.contains(text.tokens[$0].lower) }.count
                if contentWords < 2, let clauseStart = tokens.indices.first(where: { text.clause[$0] == text.clause[gate.first] }),
                    clauseStart < actionStart
                {
                    actionStart = clauseStart
                }
                if let gateFound = make(action: actionStart..<gate.first, precondition: gate.last..<part.last, segment: segment, text: text) {
                    found.append(gateFound)
                }
                continue
            }
            // "Screening must happen before release": the precondition comes first, the action after.
            if let before = beforeMatches.first(where: { $0.first >= part.first && $0.last <= part.last }),
                !negationMatches.contains(where: { $0.first < before.first }),
                let requirement = requirementMatches.first(where: { $0.first < before.first && $0.first > part.first })
            {
                if let gateFound = make(
                    action: before.last..<part.last, precondition: part.first..<requirement.first, segment: segment, text: text, actionBeforeGate: false)
                {
                    found.append(gateFound)
                }
            }
        }
        return found
    }

    /// "Refunds above EUR 1,000 need a second person in customer service to approve", "A wire above
    /// $100,000 needs a second officer's approval before release": a payment over an amount that waits for an
    /// approval. The action runs to the verb that asks for it, the precondition from there to the end.
    func approvalGate(in segment: Segment, of text: ReadingText) -> StatedGate? {
        let tokens = Array(text.tokens[segment.first..<segment.last])
        guard !approvalWords.matches(in: tokens).isEmpty,
            let threshold = tokens.indices.first(where: { Self.thresholdWords.contains(tokens[$0].lower) }),
            tokens[threshold...].prefix(4).contains(where: { $0.number != nil }),
            let verb = tokens.indices.first(where: { $0 > threshold && Self.approvalVerbs.contains(tokens[$0].lower) })
        else { return nil }
        guard var gate = make(
            action: segment.first..<(segment.first + verb), precondition: (segment.first + verb + 1)..<segment.last, segment: segment, text: text)
        else { return nil }
        gate.approval = true
        return gate
    }

    /// Words that open a threshold ("above EUR 1,000"), and the verbs that ask for an approval.
    static let thresholdWords: Set<String> = ["above", "over", "exceeding", "beyond", ">", "≥", "from"]
    static let approvalVerbs: Set<String> = ["need", "needs", "require", "requires", "required", "must", "go", "goes"]

    /// A gate from two token ranges, each trimmed of joining words and cut at a parenthesis, colon or
    /// comma; nil when either is left without a word.
    func make(action: Range<Int>, precondition: Range<Int>, segment: Segment, text: ReadingText, actionBeforeGate: Bool = true) -> StatedGate? {
        // A precondition ends at its first comma; an action keeps its commas ("batched nightly, and sent").
        // A parenthesis inside a phrase stays ("the AML screening (Chainalysis) has passed"); one that
        // trails it, or never closes, is an aside and goes.
        func trimmed(_ range: Range<Int>, atComma: Bool = true) -> Range<Int>? {
            var first = range.lowerBound
            var last = range.upperBound
            let stops = atComma ? [":", ",", ";"] : [":", ";"]
            var depth = 0
            var open: Int?
            for index in first..<last {
                let token = text.tokens[index].text
                if token == "(" {
                    if depth == 0 { open = index }
                    depth += 1
                } else if token == ")" {
                    depth = max(0, depth - 1)
                } else if depth == 0, stops.contains(token) {
                    last = index
                    break
                }
            }
            if depth > 0, let open { last = open }
            // A parenthesis that closes the phrase is an aside.
            var end = last
            while end > first, !text.tokens[end - 1].isWord && text.tokens[end - 1].text != ")" && text.tokens[end - 1].number == nil { end -= 1 }
            if end > first, text.tokens[end - 1].text == ")", let opening = (first..<end).last(where: { text.tokens[$0].text == "(" }) { last = opening }
            while first < last, Self.leading.contains(text.tokens[first].lower) || !text.tokens[first].isWord && text.tokens[first].number == nil { first += 1 }
            while last > first, !text.tokens[last - 1].isWord && text.tokens[last - 1].number == nil { last -= 1 }
            return (first..<last).contains { text.tokens[$0].isWord } ? first..<last : nil
        }
        guard let action = trimmed(action, atComma: !actionBeforeGate), let precondition = trimmed(precondition) else { return nil }
        // "A courier's cash float may not exceed SAR 3,000 before we block new COD orders": an amount the action
        // must stay under is a limit, not a step that waits (read as a limit by `isLimit`).
        let actionWords = text.tokens[action].filter(\.isWord).map(\.lower)
        if let first = actionWords.first, Self.limitVerbs.contains(first), text.tokens[action].contains(where: { $0.number != nil }) { return nil }
        var gate = StatedGate(
            action: text.phrase(action.lowerBound, action.upperBound), precondition: text.phrase(precondition.lowerBound, precondition.upperBound),
            phrase: text.phrase(segment.first, segment.last))
        gate.timing = timing(in: segment, of: text)
        return gate
    }

    /// The time a gate's segment states ("at least 24h before", "5 calendar days"): a number, a time unit
    /// right after it, the qualifier right before it and a "before" or "after" right after the unit.
    func timing(in segment: Segment, of text: ReadingText) -> SourcedPhrase? {
        let tokens = Array(text.tokens[segment.first..<segment.last])
        let units = timeUnits.matches(in: tokens)
        let qualifiers = timeQualifiers.matches(in: tokens)
        // Only a time that says how long the step must wait ("at least 24h", "5 days before"): "can be up to
        // 48h later" is an expected delay, and "2 business days of exposure" is no wait at all.
        for unit in units where unit.first > 0 && tokens[unit.first - 1].number != nil {
            var first = unit.first - 1
            let qualifier = qualifiers.first(where: { $0.last == first })
            if let qualifier { first = qualifier.first }
            var last = unit.last
            let ordered = last < tokens.count && ["before", "after", "ahead", "prior"].contains(tokens[last].lower)
            if ordered { last += 1 }
            let minimum = qualifier.map { Self.minimumQualifiers.contains(text.tokens[segment.first + $0.first..<segment.first + $0.last].map(\.lower).joined(separator: " ")) } ?? false
            guard minimum || (ordered && qualifier == nil) else { continue }
            return text.phrase(segment.first + first, segment.first + last)
        }
        return nil
    }

    /// Qualifiers that make a stated time a wait: the step may run only once it has passed.
    static let minimumQualifiers: Set<String> = ["at least", "minimum", "no earlier than", "more than"]

    /// Words that, a few words after "only", close a gate ("only be sent once").
    static let onlyFollowers: Set<String> = ["once", "after", "when", "if"]

    /// Words a gate's action or precondition does not start with ("we must not send", "never to release").
    static let leading: Set<String> = ["we", "to", "be", "is", "are", "also", "then", "must", "never", "not", "only", "and", "or", "that"]
}

/// A requirement that one step waits for another, read from the input: designed as a barrier of its own.
/// A limit the input states: a cap on an amount or a count, or one payment at a time per what it names.
public struct StatedLimit: Sendable, Codable, Hashable {
    /// The limit as written.
    public var phrase: SourcedPhrase
    /// True for one payment at a time ("one cash-out in flight per creator").
    public var oneAtATime: Bool = false
}

public struct StatedGate: Sendable, Codable, Hashable {
    /// What must wait ("send crypto").
    public var action: SourcedPhrase
    /// What must hold first ("the fiat is irrevocable").
    public var precondition: SourcedPhrase
    /// The requirement as written.
    public var phrase: SourcedPhrase
    /// A time the requirement states ("at least 24h before"), checked against the record's committed time.
    public var timing: SourcedPhrase? = nil
    /// True for an approval above an amount ("refunds above EUR 1,000 need a second person to approve"):
    /// the precondition is an approval by someone other than the initiator.
    public var approval: Bool = false
}

extension RequirementReader {

    /// A segment cut to `maxQuote` characters at a word boundary.
    static func shortened(_ text: String) -> String {
        guard text.count > maxQuote else { return text }
        let cut = text.prefix(maxQuote)
        let end = cut.lastIndex(of: " ") ?? cut.endIndex
        return String(cut[..<end]) + "…"
    }
}
