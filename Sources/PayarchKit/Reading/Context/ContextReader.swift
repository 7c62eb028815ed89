/// Marks entities (rails, levels, figures) as negated, deferred or historical, the way NegEx and ConText
/// do: a trigger's scope runs from the trigger to the entity it names and on over the list coordinated
/// with it ("no ACH, SEPA or BACS"), and ends at a termination term, a parenthesis it is not inside, or
/// the clause end. A pre-trigger reaches forward, a post-trigger ("… is not supported") backward. A
/// pseudo-trigger ("not only") is matched first and neutralises the words it covers.
public struct ContextReader: Sendable {
    public enum Modifier: String, Sendable, Hashable, Codable {
        case negated, deferred, historical
    }

    public enum Trigger: Sendable, Hashable {
        case pre(Modifier)
        case post(Modifier)
        /// Listed both ways ("not yet", "later"): backward when an entity comes right before it, else forward.
        case either(Modifier)
        case pseudo
        case termination
        /// Ends a forward scope only ("via", "through").
        case forwardTermination
    }

    /// A span of tokens the context can apply to.
    public struct Span: Sendable, Hashable {
        public var first: Int
        public var last: Int
    }

    public struct Mark: Sendable, Hashable {
        public var modifier: Modifier
        /// The trigger's tokens.
        public var trigger: Span
    }

    let triggers: Gazetteer<Trigger>
    let window: Int
    let joiners: Set<String>
    let breakers: Set<String>

    public init(vocabulary: ReadingVocabulary.Context, extraNegation: [String] = []) {
        var triggers = Gazetteer<Trigger>()
        for phrase in vocabulary.pseudo { triggers.add(phrase, .pseudo) }
        for (modifier, pre, post) in [
            (Modifier.negated, vocabulary.negationPre + extraNegation, vocabulary.negationPost),
            (.historical, vocabulary.historyPre, vocabulary.historyPost),
            (.deferred, vocabulary.deferralPre, vocabulary.deferralPost),
        ] {
            let both = Set(pre.map { $0.lowercased() }).intersection(post.map { $0.lowercased() })
            for phrase in pre { triggers.add(phrase, both.contains(phrase.lowercased()) ? .either(modifier) : .pre(modifier)) }
            for phrase in post where !both.contains(phrase.lowercased()) { triggers.add(phrase, .post(modifier)) }
        }
        let forwardOnly = Set(vocabulary.forwardOnlyTermination.map { $0.lowercased() })
        for phrase in vocabulary.termination {
            triggers.add(phrase, forwardOnly.contains(phrase.lowercased()) ? .forwardTermination : .termination)
        }
        self.triggers = triggers
        window = vocabulary.window
        joiners = vocabulary.listJoiners
        breakers = vocabulary.listBreakers
    }

    /// The trigger matches of a text, skipping tokens that belong to entities.
    public func triggerMatches(in text: ReadingText, covered: [Bool]) -> [Gazetteer<Trigger>.Match] {
        triggers.matches(in: text.tokens, skipping: covered)
    }

    /// One mark (or nil) per entity, with the triggers of the text found around the entities alone (no
    /// trigger is read inside one): for words read on their own, such as modes, providers and stores.
    public func marks(for entities: [Span], in text: ReadingText) -> [Mark?] {
        var covered = [Bool](repeating: false, count: text.tokens.count)
        for entity in entities { for index in entity.first..<entity.last { covered[index] = true } }
        return marks(for: entities, in: text, triggers: triggerMatches(in: text, covered: covered))
    }

    /// One mark (or nil) per entity, entities sorted by position. A `blocker` (a place, say) that comes
    /// first in a trigger's scope takes the trigger for itself: "everywhere except in India, where we only do
    /// UPI" rules out India, not UPI.
    public func marks(
        for entities: [Span], in text: ReadingText, triggers found: [Gazetteer<Trigger>.Match], blockers: [Span] = []
    ) -> [Mark?] {
        var marks = [Mark?](repeating: nil, count: entities.count)
        let tokens = text.tokens
        let terminations = found.filter { $0.payload == .termination || $0.payload == .forwardTermination }
        let backwardTerminations = found.filter { $0.payload == .termination }
        func terminated(between start: Int, and end: Int) -> Bool {
            terminations.contains { $0.first >= start && $0.last <= end }
        }
        func terminatedBackward(between start: Int, and end: Int) -> Bool {
            backwardTerminations.contains { $0.first >= start && $0.last <= end }
        }
        /// A parenthesis between two positions that is not part of a group holding no entity.
        func parenthesis(between start: Int, and end: Int) -> Bool {
            guard start < end else { return false }
            var depth = 0
            var groupHasEntity = false
            for index in start..<end {
                switch tokens[index].text {
                case "(", "[":
                    depth += 1
                    groupHasEntity = false
                case ")", "]":
                    if depth == 0 || groupHasEntity { return true }
                    depth -= 1
                default:
                    if depth > 0, entities.contains(where: { $0.first == index }) { groupHasEntity = true }
                }
            }
            return depth != 0
        }
        // Words of other triggers: a list ends where another trigger starts its own ("upi + razorpay, maybe
        // paytm later" defers Paytm only).
        var triggerTokens = Set<Int>()
        for match in found {
            switch match.payload {
            case .pre, .post, .either: triggerTokens.formUnion(match.first..<match.last)
            case .pseudo, .termination, .forwardTermination: break
            }
        }
        /// Only joiners and at most one other word between two entities of one list.
        func coordinated(from start: Int, to end: Int) -> Bool {
            guard start <= end, !(start..<end).contains(where: triggerTokens.contains) else { return false }
            var others = 0
            for token in tokens[start..<end] {
                if joiners.contains(token.lower) { continue }
                if breakers.contains(token.lower) { return false }
                if token.isWord || token.number != nil {
                    others += 1
                } else if token.text != "-" && token.text != "'" && token.text != "\"" {
                    return false
                }
            }
            return others <= 1
        }
        for trigger in found {
            let modifier: Modifier
            let forward: Bool
            let clause = text.clause[trigger.first]
            switch trigger.payload {
            case .pre(let value): (modifier, forward) = (value, true)
            case .post(let value): (modifier, forward) = (value, false)
            case .either(let value):
                // The nearer entity decides; a comma on the way counts as a word; a tie reads forward.
                func distance(_ start: Int, _ end: Int) -> Int {
                    guard !parenthesis(between: start, and: end) else { return Int.max }
                    return text.words(from: start, to: end) + tokens[start..<end].filter { $0.text == "," }.count
                }
                let before = entities.last { $0.last <= trigger.first && text.clause[$0.first] == clause }
                let after = entities.first { $0.first >= trigger.last && text.clause[$0.first] == clause }
                let backward = before.map { distance($0.last, trigger.first) } ?? Int.max
                let ahead = after.map { distance(trigger.last, $0.first) } ?? Int.max
                (modifier, forward) = (value, ahead <= backward && ahead != Int.max)
            case .pseudo, .termination, .forwardTermination: continue
            }
            let mark = Mark(modifier: modifier, trigger: Span(first: trigger.first, last: trigger.last))
            if forward {
                // A label ending in a colon ("Rejected options:", "Phase 2 (not in this design):") rules out
                // everything after the colon in its clause.
                if let colon = (trigger.last..<tokens.count).first(where: { text.clause[$0] == clause && tokens[$0].text == ":" }),
                    !entities.contains(where: { $0.first >= trigger.last && $0.first < colon }), text.words(from: trigger.last, to: colon) <= window
                {
                    for (index, entity) in entities.enumerated() where entity.first > colon && text.clause[entity.first] == clause {
                        if marks[index] == nil { marks[index] = mark }
                    }
                    continue
                }
                // "can't use anything other than PIX": a pseudo-trigger between a trigger and its entity
                // cancels it.
                let pseudo = found.filter { $0.payload == .pseudo && $0.first >= trigger.last }.map(\.first).min()
                var previousEnd = trigger.last
                var taken = 0
                for (index, entity) in entities.enumerated() where entity.first >= trigger.last {
                    if taken == 0, let pseudo, pseudo < entity.first { break }
                    guard text.clause[entity.first] == clause else { break }
                    if taken == 0, let blocker = blockers.first(where: { $0.first >= trigger.last && $0.first < entity.first }),
                        text.words(from: trigger.last, to: blocker.first) <= window
                    {
                        break
                    }
                    let gapStart = previousEnd
                    let ok = taken == 0
                        ? text.words(from: gapStart, to: entity.first) <= window && !parenthesis(between: gapStart, and: entity.first)
                            && !terminated(between: gapStart + (text.words(from: gapStart, to: entity.first) > 0 ? 1 : 0), and: entity.first)
                        : coordinated(from: gapStart, to: entity.first) && !terminated(between: gapStart, and: entity.first)
                            && !parenthesis(between: gapStart, and: entity.first)
                    guard ok else { break }
                    if marks[index] == nil { marks[index] = mark }
                    taken += 1
                    previousEnd = entity.last
                }
            } else {
                var nextStart = trigger.first
                var taken = 0
                for (index, entity) in entities.enumerated().reversed() where entity.last <= trigger.first {
                    guard text.clause[entity.first] == clause else { break }
                    let ok = taken == 0
                        ? text.words(from: entity.last, to: nextStart) <= window && !parenthesis(between: entity.last, and: nextStart)
                            && !terminatedBackward(between: entity.last, and: nextStart)
                        : coordinated(from: entity.last, to: nextStart) && !terminatedBackward(between: entity.last, and: nextStart)
                            && !parenthesis(between: entity.last, and: nextStart)
                    guard ok else { break }
                    if marks[index] == nil { marks[index] = mark }
                    taken += 1
                    nextStart = entity.first
                }
            }
        }
        return marks
    }
}
