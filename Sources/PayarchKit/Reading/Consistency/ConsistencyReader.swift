/// Reads `consistency_constraints`: a level for each scope it names, the CAP stance, atomic commit,
/// regions, and how far a scope may lag.
///
/// A level binds to the scopes of its clause; when a clause states several levels, to the scopes of its
/// own comma-segment ("payment state strong, reporting eventual"). Negation turns a level around: "do
/// not need strong consistency for X" relaxes X, "must never diverge" is strict, "No eventual
/// consistency near the ledger" is strong, and "the ledger cannot" after "balances can be eventual"
/// negates the level of the clause before. An availability phrase marks only the scopes it names.
public struct ConsistencyReader: Sendable {
    enum Word: Sendable, Hashable {
        case level(Int)
        case divergence(Int)
        case relaxer
        case scope(String)
        case availability
        case consistencyFirst
        case atomicCommit
        case multiRegion
        case singleRegion
        case residency
        case zeroLoss
        /// Replication to a standby or another region that the input says is asynchronous.
        case asyncReplication
        case syncStandby
        /// A database engine the input says it runs.
        case store(String)
        /// A database payarch has no rows for ("SQL Server", "MongoDB").
        case unmodelledStore
        case universal
        /// A scope seen from another system ("the gpi Tracker status").
        case externalScope(String)
        case externalView
        /// A phrase that holds a level or scope word but states neither ("strict ordering").
        case notConsistency
    }

    let vocabulary: ConsistencyVocabulary
    let words: Gazetteer<Word>
    let context: ContextReader
    let durations: Gazetteer<Double>
    /// Words that make a second cloud region a standby rather than an active one.
    let standbyWords: Gazetteer<Bool>

    public init(rules: RuleBook, context: ContextReader) {
        let vocabulary = rules.vocabulary
        self.vocabulary = vocabulary
        self.context = context
        var words = Gazetteer<Word>()
        for phrase in vocabulary.atomicCommit { words.add(phrase, .atomicCommit) }
        for phrase in vocabulary.availabilityFirst { words.add(phrase, .availability) }
        for phrase in vocabulary.consistencyFirst { words.add(phrase, .consistencyFirst) }
        for phrase in vocabulary.multiRegion { words.add(phrase, .multiRegion) }
        for phrase in vocabulary.singleRegion { words.add(phrase, .singleRegion) }
        for phrase in vocabulary.residency { words.add(phrase, .residency) }
        for phrase in vocabulary.zeroLoss { words.add(phrase, .zeroLoss) }
        for phrase in vocabulary.asyncReplication { words.add(phrase, .asyncReplication) }
        for phrase in vocabulary.syncStandby { words.add(phrase, .syncStandby) }
        for store in vocabulary.stores {
            for alias in store.aliases { words.add(alias, .store(store.engine)) }
        }
        for name in vocabulary.unmodelledStores { words.add(name, .unmodelledStore) }
        for (index, level) in vocabulary.levels.enumerated() {
            for alias in level.aliases { words.add(alias, .level(index)) }
        }
        for (index, group) in vocabulary.divergence.enumerated() {
            for word in group.words { words.add(word, .divergence(index)) }
        }
        for phrase in vocabulary.relaxers { words.add(phrase, .relaxer) }
        for phrase in vocabulary.universal { words.add(phrase, .universal) }
        for phrase in vocabulary.externalViews { words.add(phrase, .externalView) }
        for phrase in vocabulary.notConsistency { words.add(phrase, .notConsistency) }
        for scope in vocabulary.scopes {
            for alias in scope.aliases { words.add(alias, .scope(scope.id)) }
        }
        self.words = words
        var standby = Gazetteer<Bool>()
        for phrase in vocabulary.cloudRegions?.standby ?? [] { standby.add(phrase, true) }
        standbyWords = standby
        var durations = Gazetteer<Double>()
        for item in rules.reading.quantities.durations { durations.add(item.word, item.seconds) }
        for item in rules.reading.quantities.periods where item.seconds >= 60 { durations.add(item.word, item.seconds) }
        self.durations = durations
    }

    /// One level statement, before it is bound to scopes.
    struct Statement {
        var tier: String
        var levelId: String
        var impliedScope: String?
        var first: Int
        var last: Int
        /// True for the words that only relax ("is fine", "can lag"): they never outrank a level word.
        var relaxing: Bool
        /// True when the statement is about its implied scope whatever its clause names ("no double debit of
        /// the customer's wallet" is about payment initiation, not the wallet).
        var onlyImplied = false
        /// Where its quoted phrase starts: at the negation that turned it ("no double-charging permitted").
        var phraseFirst: Int?
        /// True when it only refuses the weakest level ("NOT ok with eventual consistency"): a floor, which a
        /// stronger level for the same scope meets rather than contradicts.
        var floor = false
    }

    struct Output {
        var facts: ConsistencyFacts
        var assumptions: [Assumption]
        var warnings: [ReadingWarning]
    }

    func read(_ text: ReadingText) -> Output {
        // Comma-segments of every clause, computed once (per clause, it would be quadratic in long inputs).
        let commaSegmentOf = commaSegments(text)
        let tokens = text.tokens
        var matches = words.matches(in: tokens)
        // Two scope words together ("ledger reconciliation"): the last one is the head, unless the first is a
        // noun phrase of its own ("downstream ledger reconciliation" is about both).
        matches = matches.enumerated().filter { offset, match in
            guard case .scope = match.payload, offset + 1 < matches.count, case .scope = matches[offset + 1].payload else { return true }
            return matches[offset + 1].first != match.last || text.words(from: match.first, to: match.last) > 1
        }.map(\.element)
        matches = subjects(of: matches, in: text)
        var covered = [Bool](repeating: false, count: tokens.count)
        for match in matches { for index in match.first..<match.last { covered[index] = true } }
        // "except", "other than" and "apart from" separate scopes here; they never turn a level around.
        let exceptions: Set<String> = ["except", "except for", "other than", "apart from"]
        let triggers = context.triggerMatches(in: text, covered: covered).filter {
            !exceptions.contains(text.quote($0.first, $0.last).lowercased())
        }
        let levelMatches = matches.filter {
            switch $0.payload {
            case .level, .divergence, .relaxer, .atomicCommit: return true
            default: return false
            }
        }
        // A negation turns around only the levels of its own comma-segment: "never charge twice, BI can be
        // stale" does not make the BI strong.
        let marks = context.marks(for: levelMatches.map { ContextReader.Span(first: $0.first, last: $0.last) }, in: text, triggers: triggers)
            .enumerated().map { index, mark -> ContextReader.Mark? in
                guard let mark, text.clause[mark.trigger.first] == text.clause[levelMatches[index].first] else { return mark }
                let segments = commaSegmentOf
                return segments[mark.trigger.first] == segments[levelMatches[index].first] ? mark : nil
            }

        // Stances ruled out by a negation ("we don't need multi-region", "no distributed transactions") state
        // nothing.
        let stanceMatches = matches.filter { [.multiRegion, .singleRegion, .atomicCommit, .residency, .zeroLoss, .asyncReplication, .syncStandby, .consistencyFirst].contains($0.payload) }
        let stanceMarks = context.marks(for: stanceMatches.map { ContextReader.Span(first: $0.first, last: $0.last) }, in: text, triggers: triggers)
        let negatedStances = Set(zip(stanceMatches, stanceMarks).filter { $0.1 != nil }.map { $0.0.first })

        let (statedStore, storeWarnings) = stores(in: text, matches: matches, triggers: triggers)

        var statements: [Statement] = []
        // "We are NOT ok with eventual consistency": a refused relaxer turns around the weakest level of its
        // comma-segment instead of relaxing anything.
        var refusedRelaxers: [(match: Gazetteer<Word>.Match, trigger: Int)] = []
        for (index, match) in levelMatches.enumerated() {
            let negated = marks[index]?.modifier == .negated
            defer {
                if negated, let trigger = marks[index]?.trigger, trigger.first < match.first, statements.last?.first == match.first {
                    statements[statements.count - 1].phraseFirst = trigger.first
                }
            }
            switch match.payload {
            case .level(let levelIndex):
                let level = vocabulary.levels[levelIndex]
                var tier = level.tier
                if negated { tier = tier == vocabulary.tiers.last ? vocabulary.moneyPathFloor : vocabulary.tiers.last ?? tier }
                // A negated level ("do not need strong consistency") only says how weak a scope may be.
                statements.append(
                    Statement(
                        tier: tier, levelId: negated ? (vocabulary.level(ofTier: tier)?.id ?? level.id) : level.id,
                        impliedScope: level.impliedScope, first: match.first, last: match.last,
                        relaxing: negated && tier == vocabulary.tiers.last, floor: negated && level.tier == vocabulary.tiers.last))
            case .divergence(let groupIndex):
                let group = vocabulary.divergence[groupIndex]
                guard let tier = negated ? group.negated : group.affirmed, let level = vocabulary.level(ofTier: tier) else { continue }
                statements.append(
                    Statement(
                        tier: tier, levelId: level.id, impliedScope: group.impliedScope, first: match.first, last: match.last,
                        relaxing: !negated, onlyImplied: group.impliedScope != nil))
            case .relaxer:
                if negated { refusedRelaxers.append((match, marks[index]?.trigger.first ?? match.first)) }
                guard !negated, let tier = vocabulary.tiers.last, let level = vocabulary.level(ofTier: tier) else { continue }
                statements.append(Statement(tier: tier, levelId: level.id, impliedScope: nil, first: match.first, last: match.last, relaxing: true))
            case .atomicCommit:
                guard !negated, let level = vocabulary.levels.first(where: { $0.id == "atomic" }) ?? vocabulary.level(ofTier: vocabulary.tiers[0]) else { continue }
                statements.append(
                    Statement(tier: level.tier, levelId: level.id, impliedScope: level.impliedScope, first: match.first, last: match.last, relaxing: false))
            default:
                continue
            }
        }

        // The floor's own level ("strong consistency"), else the first level of its tier.
        let floorLevel = vocabulary.levels.first { $0.id == vocabulary.moneyPathFloor } ?? vocabulary.level(ofTier: vocabulary.moneyPathFloor)
        if !refusedRelaxers.isEmpty, let weakest = vocabulary.tiers.last, let floor = floorLevel {
            for index in statements.indices where statements[index].tier == weakest {
                let statement = statements[index]
                guard let refusal = refusedRelaxers.first(where: { relaxer in
                    text.clause[relaxer.match.first] == text.clause[statement.first]
                        && commaSegmentOf[relaxer.match.first] == commaSegmentOf[statement.first]
                }) else { continue }
                statements[index].tier = floor.tier
                statements[index].levelId = floor.id
                statements[index].relaxing = false
                statements[index].floor = true
                statements[index].phraseFirst = min(refusal.trigger, statement.phraseFirst ?? statement.first)
                statements[index].last = max(statement.last, refusal.match.last)
            }
        }

        // A level in parentheses among other words qualifies what the parentheses are about ("(gCase/camt.056
        // is best effort)"): with no scope of its own inside them, it states nothing about the scopes around
        // them. A level alone in parentheses ("… until confirmed (strong)") is a tag for its sentence.
        var group = [Int](repeating: 0, count: tokens.count)
        var groups = 0
        var open: [Int] = []
        for index in tokens.indices {
            if tokens[index].text == "(" { groups += 1; open.append(groups) }
            group[index] = open.last ?? 0
            if tokens[index].text == ")" { _ = open.popLast() }
        }
        let scopeGroups = Set(matches.compactMap { match -> Int? in
            if case .scope = match.payload { return group[match.first] }
            return nil
        })
        statements.removeAll { statement in
            let id = group[statement.first]
            guard id != 0, !scopeGroups.contains(id) else { return false }
            let others = tokens.indices.filter { group[$0] == id && ($0 < statement.first || $0 >= statement.last) && tokens[$0].isWord }
            return !others.isEmpty
        }

        var explicit: [String: (level: ConsistencyFacts.ScopeLevel, phrases: [SourcedPhrase])] = [:]
        var order: [String] = []
        var contradicted: Set<String> = []
        var unscoped: ConsistencyFacts.ScopeLevel?
        // An unscoped relaxation ("we don't need strict serializability") says what is not needed, not what
        // the money path or the ledger may drop to: neither takes its level from it.
        var unscopedRelaxing = false
        var warnings: [ReadingWarning] = storeWarnings
        var apScopes: Set<String> = []
        var apPhrases: [SourcedPhrase] = []
        var lagBounds: [ConsistencyFacts.LagBound] = []
        let clauseCount = (text.clause.last ?? -1) + 1
        var previousClauseStatement: Statement?
        var previousClauseScopes: [String] = []

        var relaxedOnly: Set<String> = []
        var floorOnly: Set<String> = []
        func state(_ statement: Statement, scopes: [String]) {
            let phrase = text.phrase(statement.phraseFirst ?? statement.first, statement.last)
            let targets = scopes.isEmpty || statement.onlyImplied ? (statement.impliedScope.map { [$0] } ?? []) : scopes
            if targets.isEmpty {
                // A requirement outranks a relaxation; among either, the stronger level holds.
                let replaces = unscoped == nil || (unscopedRelaxing && !statement.relaxing)
                    || (unscopedRelaxing == statement.relaxing && vocabulary.tierRank(statement.tier) < vocabulary.tierRank(unscoped!.tier))
                if replaces {
                    unscoped = .init(scope: "", level: statement.levelId, tier: statement.tier, availabilityFirst: false, explicit: false, phrase: phrase)
                    unscopedRelaxing = statement.relaxing
                }
                return
            }
            for scope in targets {
                let level = ConsistencyFacts.ScopeLevel(
                    scope: scope, level: statement.levelId, tier: statement.tier, availabilityFirst: false, explicit: true, phrase: phrase)
                guard let earlier = explicit[scope] else {
                    explicit[scope] = (level, [phrase])
                    order.append(scope)
                    if statement.relaxing { relaxedOnly.insert(scope) }
                    if statement.floor { floorOnly.insert(scope) }
                    continue
                }
                guard earlier.level.tier != level.tier else { continue }
                // A floor ("not eventual") and a level at or above it agree: the stronger holds, unannounced.
                let newIsStronger = vocabulary.tierRank(level.tier) < vocabulary.tierRank(earlier.level.tier)
                if statement.floor, !newIsStronger { continue }
                if floorOnly.contains(scope), newIsStronger, !statement.relaxing {
                    floorOnly.remove(scope)
                    explicit[scope] = (level, earlier.phrases + [phrase])
                    continue
                }
                // A requirement outranks a relaxation of the same scope ("don't need linearizable;
                // read-your-writes is enough"); two relaxations keep the stronger.
                if statement.relaxing {
                    if relaxedOnly.contains(scope), vocabulary.tierRank(level.tier) < vocabulary.tierRank(earlier.level.tier) {
                        explicit[scope] = (level, earlier.phrases + [phrase])
                    }
                    continue
                }
                if relaxedOnly.contains(scope) {
                    relaxedOnly.remove(scope)
                    explicit[scope] = (level, earlier.phrases + [phrase])
                    continue
                }
                // Two different levels for one scope: the stronger one holds, since a design that meets
                // it meets the weaker one too, and the reader is told.
                let stronger = vocabulary.tierRank(level.tier) < vocabulary.tierRank(earlier.level.tier) ? level : earlier.level
                let combined = [level.level, earlier.level.level].contains { vocabulary.level($0)?.combines == true }
                if !combined, contradicted.insert(scope).inserted {
                    warnings.append(
                        ReadingWarning(
                            id: "reading.contradiction", phrase: phrase,
                            message: "\(text.variable) states two levels for \(vocabulary.scope(scope)?.name ?? scope): '\(earlier.phrases[0].text)' and '\(phrase.text)'; the stronger, '\(stronger.phrase.text)', is used. Say which one applies if the other was meant"))
                }
                explicit[scope] = (stronger, earlier.phrases + [phrase])
            }
        }

        for clause in 0..<clauseCount {
            let clauseMatches = matches.filter { text.clause[$0.first] == clause }
            let clauseStatements = statements.filter { text.clause[$0.first] == clause }
            let scopeMatches = clauseMatches.compactMap { match -> (String, Int)? in
                guard case .scope(let id) = match.payload else { return nil }
                return (id, match.first)
            }
            // Stances.
            for match in clauseMatches {
                let phrase = text.phrase(match.first, match.last)
                switch match.payload {
                case .availability:
                    apPhrases.append(phrase)
                    for (scope, _) in scopeMatches where !(vocabulary.scope(scope)?.moneyPath ?? true) { apScopes.insert(scope) }
                    for (scope, _) in scopeMatches where vocabulary.scope(scope)?.moneyPath == true {
                        warnings.append(
                            ReadingWarning(
                                id: "reading.available-money-path", phrase: phrase,
                                message: "\(text.variable) lets \(vocabulary.scope(scope)?.name ?? scope) favour availability; payarch keeps the money path consistent, because an available-but-divergent idempotency gate charges twice"))
                    }
                default:
                    break
                }
            }
            // A clause that states a level only about another system's view describes the outside world.
            if scopeMatches.isEmpty, let view = clauseMatches.first(where: { if case .externalScope = $0.payload { return true } else { return false } }),
                let statement = clauseStatements.first
            {
                let phrase = text.phrase(view.first, statement.last)
                warnings.append(
                    ReadingWarning(
                        id: "reading.external-view", phrase: phrase,
                        message: "'\(phrase.text)' describes a system outside the design; it sets no consistency level of the design"))
                continue
            }
            if clauseStatements.isEmpty {
                // "…; the ledger cannot": a scope and a negation with no level of its own negate the level
                // of the clause before.
                if let previous = previousClauseStatement, !scopeMatches.isEmpty,
                    let trigger = triggers.first(where: { text.clause[$0.first] == clause && $0.payload == .pre(.negated) }),
                    text.words(from: trigger.last, to: (text.clause.lastIndex(of: clause) ?? trigger.last) + 1) <= 1,
                    // "the ledger cannot (be)": nothing but an auxiliary after the negation; "before release,
                    // never after" negates an order, not a level.
                    (trigger.last..<max(trigger.last, (text.clause.lastIndex(of: clause) ?? trigger.last) + 1)).allSatisfy({ index in
                        index >= text.tokens.count || !text.tokens[index].isWord || Self.auxiliaries.contains(text.tokens[index].lower)
                    })
                {
                    let tier = previous.tier == vocabulary.tiers.last ? vocabulary.moneyPathFloor : vocabulary.tiers.last ?? previous.tier
                    if let level = vocabulary.level(ofTier: tier) {
                        state(
                            Statement(tier: tier, levelId: level.id, impliedScope: nil, first: scopeMatches[0].1, last: scopeMatches[0].1 + 1, relaxing: false),
                            scopes: scopeMatches.map(\.0))
                    }
                }
                continue
            }
            // Several levels in one clause bind per comma-segment; a relaxer joins the level it qualifies.
            // A relaxer in a comma-segment of its own ("…, BI can be stale by a few hours") binds there too.
            let clauseSegments = commaSegmentOf
            let strong = clauseStatements.filter { !$0.relaxing }
            let strongSegments = Set(strong.map { clauseSegments[$0.first] })
            let separateRelaxers = clauseStatements.filter { statement in
                statement.relaxing && !strongSegments.contains(clauseSegments[statement.first])
                    && scopeMatches.contains { clauseSegments[$0.1] == clauseSegments[statement.first] }
            }
            let bindable = strong.isEmpty ? [clauseStatements[0]] : (strong + separateRelaxers).sorted { $0.first < $1.first }
            if scopeMatches.isEmpty, bindable.allSatisfy({ $0.impliedScope == nil }), !previousClauseScopes.isEmpty,
                !clauseMatches.contains(where: { $0.payload == .universal }), startsClause(bindable[0], in: text)
            {
                // "Balances don't need to be linearizable; read-your-writes per user is enough": a level with
                // no scope of its own continues the clause before.
                for statement in bindable { state(statement, scopes: previousClauseScopes) }
            } else if bindable.count == 1 {
                state(bindable[0], scopes: unique(scopeMatches.map(\.0)))
            } else {
                let segments = commaSegmentOf
                let levelSegments = Set(bindable.map { segments[$0.first] })
                let universalSegments = Set(clauseMatches.filter { $0.payload == .universal }.map { segments[$0.first] })
                // Scopes in a segment with a level belong to it; the others go to the nearest level that is
                // not about "everywhere" ("…except the payment state machine, which has to be strongly consistent").
                var assigned: [Int: [String]] = [:]
                for (offset, statement) in bindable.enumerated() {
                    assigned[offset] = scopeMatches.filter { segments[$0.1] == segments[statement.first] }.map(\.0)
                }
                for (scope, position) in scopeMatches where !levelSegments.contains(segments[position]) {
                    let candidates = bindable.enumerated().filter { !universalSegments.contains(segments[$0.element.first]) && (assigned[$0.offset] ?? []).isEmpty }
                    guard let nearest = candidates.min(by: { abs($0.element.first - position) < abs($1.element.first - position) }) else { continue }
                    assigned[nearest.offset, default: []].append(scope)
                }
                for (offset, statement) in bindable.enumerated() {
                    state(statement, scopes: universalSegments.contains(segments[statement.first]) ? [] : unique(assigned[offset] ?? []))
                }
            }
            previousClauseStatement = bindable.last
            if !scopeMatches.isEmpty { previousClauseScopes = unique(scopeMatches.map(\.0)) }
            // Lag bounds: "reporting can lag 5 min", "30s lag is fine".
            for statement in clauseStatements where statement.relaxing {
                if let seconds = duration(near: statement, in: text) {
                    let scope = scopeMatches.min { abs($0.1 - statement.first) < abs($1.1 - statement.first) }?.0
                    lagBounds.append(.init(scope: scope, seconds: seconds, phrase: text.phrase(statement.first, statement.last)))
                }
            }
        }

        var scopes: [ConsistencyFacts.ScopeLevel] = []
        for scope in vocabulary.scopes where explicit[scope.id] != nil {
            var entry = explicit[scope.id]!.level
            entry.availabilityFirst = apScopes.contains(scope.id)
            scopes.append(entry)
        }
        for scope in vocabulary.scopes where explicit[scope.id] == nil && apScopes.contains(scope.id) {
            guard let phrase = apPhrases.first, let tier = vocabulary.tiers.last, let level = vocabulary.level(ofTier: tier) else { continue }
            scopes.append(.init(scope: scope.id, level: level.id, tier: tier, availabilityFirst: true, explicit: true, phrase: phrase))
        }

        func first(_ kind: Word) -> SourcedPhrase? {
            matches.first { $0.payload == kind && !negatedStances.contains($0.first) }.map { text.phrase($0.first, $0.last) }
        }
        let regions = regionStances(in: text, matches: matches, negated: negatedStances)
        var assumptions: [Assumption] = []
        let consistencyFirst = first(.consistencyFirst)
        let moneyEntries = scopes.filter { vocabulary.scope($0.scope)?.moneyPath == true }
        let moneyPath: ConsistencyFacts.Tier
        if let strongest = moneyEntries.min(by: { vocabulary.tierRank($0.tier) < vocabulary.tierRank($1.tier) }) {
            var tier = strongest.tier
            var phrases = Array(Set(moneyEntries.filter { $0.tier == tier }.map(\.phrase))).sorted()
            if let stance = consistencyFirst, vocabulary.tierRank(tier) > vocabulary.tierRank(vocabulary.moneyPathFloor) {
                tier = vocabulary.moneyPathFloor
                phrases.append(stance)
            }
            moneyPath = .init(tier: tier, phrases: phrases, assumed: false)
        } else if let unscoped, !unscopedRelaxing,
            vocabulary.tierRank(unscoped.tier) <= vocabulary.tierRank(vocabulary.moneyPathFloor) || consistencyFirst == nil
        {
            let tier = vocabulary.tierRank(unscoped.tier) > vocabulary.tierRank(vocabulary.moneyPathFloor) && consistencyFirst != nil
                ? vocabulary.moneyPathFloor : unscoped.tier
            moneyPath = .init(tier: tier, phrases: [unscoped.phrase], assumed: false)
        } else if let stance = consistencyFirst {
            moneyPath = .init(tier: vocabulary.moneyPathFloor, phrases: [stance], assumed: false)
        } else {
            moneyPath = .init(tier: vocabulary.moneyPathFloor, phrases: [], assumed: true)
            assumptions.append(
                Assumption(
                    id: "consistency.money-path",
                    text: "No consistency level is stated for payment initiation or payment state; the design holds them strongly consistent, the minimum that rules out a second charge."))
        }
        let ledger: ConsistencyFacts.Tier
        if let entry = scopes.first(where: { $0.scope == "ledger" }) {
            ledger = .init(tier: entry.tier, phrases: [entry.phrase], assumed: false)
        } else if let unscoped, !unscopedRelaxing,
            // A level bound to no scope that is weaker than the money path's stated one ("DR is a nightly
            // backup") is about something else: it never loosens the ledger below the money path.
            moneyEntries.isEmpty || vocabulary.tierRank(unscoped.tier) <= vocabulary.tierRank(moneyPath.tier)
        {
            ledger = .init(tier: unscoped.tier, phrases: [unscoped.phrase], assumed: false)
        } else {
            ledger = .init(tier: moneyPath.tier, phrases: moneyPath.phrases, assumed: true)
            assumptions.append(
                Assumption(id: "consistency.ledger", text: "No consistency level is stated for the ledger; it is held to the money path's level."))
        }
        if scopes.isEmpty, unscoped == nil {
            warnings.append(
                ReadingWarning(
                    id: "reading.no-consistency", phrase: nil, variable: text.variable,
                    message: "\(text.variable) states no consistency level for any scope; the design assumes the money path strongly consistent"))
        }
        let facts = ConsistencyFacts(
            scopes: scopes, unscoped: unscoped, moneyPath: moneyPath, ledger: ledger,
            apState: apScopes.contains(where: { vocabulary.scope($0)?.moneyPath == false }) ? "ap-allowed" : "cp-only",
            apPhrases: Array(Set(apPhrases)).sorted(), lagBounds: lagBounds, consistencyFirst: consistencyFirst,
            atomicCommit: first(.atomicCommit), multiRegion: regions.multiRegion, singleRegion: regions.singleRegion,
            statedStore: statedStore, residency: regions.residency, zeroLoss: regions.zeroLoss,
            asyncReplication: regions.asyncReplication, syncStandby: regions.syncStandby)
        return Output(facts: facts, assumptions: assumptions, warnings: warnings)
    }

    /// Where the design's data lives, as a text states it.
    struct RegionStances {
        var multiRegion: SourcedPhrase?
        var singleRegion: SourcedPhrase?
        var residency: SourcedPhrase?
        var zeroLoss: SourcedPhrase?
        var asyncReplication: SourcedPhrase?
        var syncStandby: SourcedPhrase?
    }

    /// The region stances of a text read on its own (the load or the rails): its stance words, less those a
    /// negation, deferral or history rules out.
    func regionStances(in text: ReadingText) -> RegionStances {
        let kinds: [Word] = [.multiRegion, .singleRegion, .residency, .zeroLoss, .asyncReplication, .syncStandby]
        let matches = words.matches(in: text.tokens).filter { kinds.contains($0.payload) }
        let marks = context.marks(for: matches.map { ContextReader.Span(first: $0.first, last: $0.last) }, in: text)
        return regionStances(in: text, matches: matches, negated: Set(zip(matches, marks).filter { $0.1 != nil }.map { $0.0.first }))
    }

    /// The region stances of `matches`, leaving out those starting at a `negated` token: the first phrase of
    /// each kind, two different cloud region codes for several regions, and of the single-region phrases one
    /// that names a standby site ("warm standby", "DR site"), which says more.
    func regionStances(in text: ReadingText, matches: [Gazetteer<Word>.Match], negated: Set<Int>) -> RegionStances {
        let stated = matches.filter { !negated.contains($0.first) }
        func first(_ kind: Word) -> SourcedPhrase? {
            stated.first { $0.payload == kind }.map { text.phrase($0.first, $0.last) }
        }
        let single = stated.filter { $0.payload == .singleRegion }
        return RegionStances(
            multiRegion: first(.multiRegion) ?? activeCloudRegions(in: text),
            singleRegion: (single.first { ConsistencyFacts.namesStandby(text.quote($0.first, $0.last)) } ?? single.first)
                .map { text.phrase($0.first, $0.last) },
            residency: first(.residency), zeroLoss: first(.zeroLoss), asyncReplication: first(.asyncReplication) ?? bareAsync(in: text),
            syncStandby: first(.syncStandby))
    }

    /// "Data Guard physical standby in the DR DC (async, ~2s lag)": "async" alone, in a sentence that names a
    /// copy of the store, is asynchronous replication; elsewhere ("async processing") it is not.
    func bareAsync(in text: ReadingText) -> SourcedPhrase? {
        let tokens = text.tokens
        let copies: Set<String> = ["standby", "replica", "replicas", "secondary", "secondaries", "dr", "guard", "replication", "replicated"]
        // The sentences that name a copy, found in one pass (a text may repeat "async" thousands of times).
        let sentencesWithCopies = Set(tokens.indices.filter { copies.contains(tokens[$0].lower) }.map { text.sentence[$0] })
        for (index, token) in tokens.enumerated() where ["async", "asynchronous", "asynchronously"].contains(token.lower) {
            if index > 0, ["no", "not", "never", "non"].contains(tokens[index - 1].lower) { continue }
            if sentencesWithCopies.contains(text.sentence[index]) { return text.phrase(index, index + 1) }
        }
        return nil
    }

    /// Words that may follow a bare negation that negates the clause before ("the ledger cannot be").
    static let auxiliaries: Set<String> = ["be", "do", "does", "is", "are", "can", "will", "so", "either", "too", "it", "they"]

    /// The store a text says the input runs: the first one no negation, history or deferral marks ("we moved
    /// off DynamoDB" names none); and a warning for each store payarch has no rows for, which is named,
    /// never silently replaced. `skipping` are names read as something else there (a resource manager
    /// under XA is a rail).
    func stores(
        in text: ReadingText, matches: [Gazetteer<Word>.Match]? = nil, triggers: [Gazetteer<ContextReader.Trigger>.Match]? = nil,
        skipping: Set<String> = []
    ) -> (store: ConsistencyFacts.StatedStore?, warnings: [ReadingWarning]) {
        let all = matches ?? words.matches(in: text.tokens)
        let found = all.filter { match in
            switch match.payload {
            case .store, .unmodelledStore: return !skipping.contains(text.quote(match.first, match.last).lowercased())
            default: return false
            }
        }
        guard !found.isEmpty else { return (nil, []) }
        let spans = found.map { ContextReader.Span(first: $0.first, last: $0.last) }
        let marks = triggers.map { context.marks(for: spans, in: text, triggers: $0) } ?? context.marks(for: spans, in: text)
        var store: ConsistencyFacts.StatedStore?
        var warnings: [ReadingWarning] = []
        for (match, mark) in zip(found, marks) where mark == nil {
            let phrase = text.phrase(match.first, match.last)
            if case .store(let engine) = match.payload {
                if store == nil { store = .init(engine: engine, phrase: phrase) }
            } else {
                warnings.append(
                    ReadingWarning(
                        id: "reading.unmodelled-store", phrase: phrase,
                        message: "'\(phrase.text)' is a store payarch has no design rows for; the design is written for the store its tables choose. Translate its statements (unique-key claim, isolation, locking reads, failover) to \(phrase.text) and confirm each before relying on them"))
            }
        }
        return (store, warnings)
    }

    /// Two different cloud region codes named in sentences without a standby word: the phrase from the first
    /// to the last of them ("eu-west-1 and eu-central-1"), or nil.
    func activeCloudRegions(in text: ReadingText) -> SourcedPhrase? {
        guard let regions = vocabulary.cloudRegions else { return nil }
        let tokens = text.tokens
        // `last` is one past the code's last token, as in a gazetteer match.
        var codes: [(code: String, first: Int, last: Int)] = []
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            if regions.names.contains(token.lower) {
                codes.append((token.lower, index, index + 1))
            } else if regions.areas.contains(token.lower), index + 2 < tokens.count, tokens[index + 1].lower == "-",
                !tokens[index + 1].spaceBefore, !tokens[index + 2].spaceBefore
            {
                let middle = tokens[index + 2].lower
                // "europe-west1": the number is part of the word.
                if let direction = regions.directions.first(where: { middle.hasPrefix($0) }),
                    middle.count > direction.count, middle.dropFirst(direction.count).allSatisfy(\.isNumber)
                {
                    codes.append(("\(token.lower)-\(middle)", index, index + 3))
                } else if regions.directions.contains(middle), index + 4 < tokens.count, tokens[index + 3].lower == "-",
                    case .number = tokens[index + 4].kind, !tokens[index + 3].spaceBefore, !tokens[index + 4].spaceBefore
                {
                    // "eu-west-1".
                    codes.append(("\(token.lower)-\(middle)-\(tokens[index + 4].lower)", index, index + 5))
                }
            }
            index += 1
        }
        guard Set(codes.map(\.code)).count >= 2, let firstCode = codes.first, let lastCode = codes.last else { return nil }
        // A standby, DR or replica region is not an active one.
        let sentences = Set(codes.map { text.sentence[$0.first] })
        if standbyWords.matches(in: tokens).contains(where: { sentences.contains(text.sentence[$0.first]) }) { return nil }
        return text.phrase(firstCode.first, lastCode.last)
    }

    static let prepositions: Set<String> = [
        "against", "vs", "versus", "with", "from", "of", "on", "in", "before", "after", "until", "per", "than", "into", "to", "via",
    ]

    /// The words that say what a level is about: a scope word right after "per" ("exactly once per
    /// deposit"), or after a preposition that follows another scope word of its segment ("reconciliation
    /// against M-Pesa statements"), is a qualifier, not a subject; and a relaxing level word used as an
    /// adjective of a scope ("daily send limits") is not a level.
    func subjects(of matches: [Gazetteer<Word>.Match], in text: ReadingText) -> [Gazetteer<Word>.Match] {
        let tokens = text.tokens
        var kept: [Gazetteer<Word>.Match] = []
        for (offset, match) in matches.enumerated() {
            switch match.payload {
            case .scope(let id):
                if match.first > 0, tokens[match.first - 1].lower == "per" { continue }
                // "the gpi Tracker status": another system's view of the scope.
                if let view = kept.last(where: { $0.payload == .externalView }), text.clause[view.first] == text.clause[match.first],
                    text.words(from: view.last, to: match.first) <= 3,
                    !tokens[view.last..<match.first].contains(where: { $0.text == "," })
                {
                    kept.append(.init(payload: .externalScope(id), first: view.first, last: match.last))
                    continue
                }
                let earlierScope = kept.last { other in
                    guard case .scope = other.payload else { return false }
                    return text.clause[other.first] == text.clause[match.first]
                        && !tokens[other.last..<match.first].contains { $0.text == "," || $0.text == ";" }
                }
                if let earlierScope,
                    tokens[earlierScope.last..<match.first].contains(where: { Self.prepositions.contains($0.lower) })
                {
                    continue
                }
            case .level(let index) where vocabulary.levels[index].tier == vocabulary.tiers.last:
                // "daily send limits": a period of a money-path or balance noun, not a level ("daily recon" is one).
                if offset + 1 < matches.count, matches[offset + 1].first == match.last, case .scope(let next) = matches[offset + 1].payload,
                    vocabulary.scope(next)?.moneyPath == true || next == "balances"
                {
                    continue
                }
            default:
                break
            }
            kept.append(match)
        }
        return kept
    }

    static let clauseOpeners: Set<String> = [
        "the", "a", "an", "and", "but", "must", "should", "can", "may", "is", "are", "be", "needs", "need", "to", "has",
        "have", "also", "only", "just", "at", "least", "then", "it", "that", "this", "so", "-", "*", "•", ":",
    ]

    /// Whether a statement opens its clause (only function words before it): "read-your-writes per user
    /// is enough" continues the clause before; "the Redis cache can be stale" has a subject of its own.
    func startsClause(_ statement: Statement, in text: ReadingText) -> Bool {
        let clause = text.clause[statement.first]
        var index = statement.first - 1
        while index >= 0, text.clause[index] == clause {
            let token = text.tokens[index]
            if token.isWord || token.number != nil, !Self.clauseOpeners.contains(token.lower) { return false }
            index -= 1
        }
        return true
    }

    func unique(_ ids: [String]) -> [String] {
        var seen: [String] = []
        for id in ids where !seen.contains(id) { seen.append(id) }
        return seen
    }

    /// Comma-segment index of each token of a clause (other tokens get -1).
    /// Per token, the number of its comma-segment within its own clause (0 for the first); tokens are
    /// compared only with tokens of the same clause.
    func commaSegments(_ text: ReadingText) -> [Int] {
        var segment = [Int](repeating: -1, count: text.tokens.count)
        var counters: [Int: Int] = [:]
        for index in text.tokens.indices {
            let clause = text.clause[index]
            var current = counters[clause] ?? 0
            defer { counters[clause] = current }
            let token = text.tokens[index]
            if token.text == "," || token.lower == "and" || token.lower == "while" || token.text == "(" || token.lower == "except"
                || token.lower == "which" || (token.lower == "other" && index + 1 < text.tokens.count && text.tokens[index + 1].lower == "than")
                || (token.lower == "apart" && index + 1 < text.tokens.count && text.tokens[index + 1].lower == "from")
            {
                current += 1
            }
            segment[index] = current
        }
        return segment
    }

    /// A duration within three tokens of a relaxing statement ("lag 5 min", "30s lag").
    func duration(near statement: Statement, in text: ReadingText) -> Double? {
        let tokens = text.tokens
        for index in max(0, statement.first - 3)..<min(tokens.count, statement.last + 4) {
            guard let number = tokens[index].number, index + 1 < tokens.count, let match = durations.match(at: index + 1, in: tokens) else {
                continue
            }
            return number * match.payload
        }
        return nil
    }
}
