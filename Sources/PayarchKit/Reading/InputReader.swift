/// Turns the three input variables into `DesignFacts`, in stages that can each be tested alone: tokens
/// with offsets, clauses and list items, gazetteers of rails and words from `rules/`, context (negation,
/// deferral, history), quantities, and facts with the phrase each came from. Built once per rule book,
/// then used for any number of inputs.
public struct InputReader: Sendable {
    public static let railsVariable = "payment_rails"
    /// At most this many of the input's gates and limits become barriers of their own.
    public static let maxStatedBarriers = 24
    public static let throughputVariable = "throughput_requirements"
    public static let consistencyVariable = "consistency_constraints"
    /// More rails than any real gateway integrates; beyond it the input is treated as noise.
    public static let maxRails = 32
    /// A latency target beyond a day is a typo (or an attack on the arithmetic), not a requirement.
    public static let maxLatencyMilliseconds = 86_400_000.0
    /// Assumptions no reading warning reports already, with the warning each becomes.
    static let assumptionWarnings = [
        "throughput.peak-from-sustained": ("reading.assumed-peak", throughputVariable),
        "consistency.money-path": ("reading.assumed-money-path", consistencyVariable),
        "consistency.ledger": ("reading.assumed-ledger", consistencyVariable),
        "rails.card-psp-unnamed": ("reading.unknown-rail", railsVariable),
    ]
    /// Reading warnings that become errors when they leave no usable throughput figure.
    static let invalidFigureErrors = [
        "reading.absurd-figure": "input.tps-out-of-range", "reading.zero-figure": "input.tps-zero",
        "reading.negative-figure": "input.tps-negative",
    ]

    let rules: RuleBook
    let context: ContextReader
    let rails: RailReader
    let throughput: ThroughputReader
    let consistency: ConsistencyReader
    let modes: ModeReader
    let requirements: RequirementReader
    let clauseBreaks: Gazetteer<Bool>
    let abbreviations: Set<String>
    let closingAbbreviations: Set<String>
    let xaWords: Gazetteer<Bool>
    /// Word pairs inside rail names, across which a wrapped line is joined.
    let namePairs: Set<String>

    public init(rules: RuleBook) {
        self.rules = rules
        let context = ContextReader(vocabulary: rules.reading.context)
        self.context = context
        rails = RailReader(rules: rules, context: context)
        throughput = ThroughputReader(rules: rules, context: context)
        consistency = ConsistencyReader(rules: rules, context: context)
        modes = ModeReader(rules: rules, context: context)
        requirements = RequirementReader(vocabulary: rules.reading.requirements)
        var breaks = Gazetteer<Bool>()
        for phrase in rules.reading.context.clauseBreaks { breaks.add(phrase, true) }
        clauseBreaks = breaks
        abbreviations = Set(rules.reading.context.abbreviations.map { $0.lowercased() })
        closingAbbreviations = Set(rules.reading.context.closingAbbreviations.map { $0.lowercased() })
        var xa = Gazetteer<Bool>()
        for phrase in rules.reading.railWords.xaContext { xa.add(phrase, true) }
        xaWords = xa
        // Each pair of words that follow one another inside a rail's name or alias ("SEPA Credit",
        // "Credit Transfer"): a line wrapped between them is a space.
        var pairs: Set<String> = []
        for rail in rules.rails {
            for name in [rail.name] + rail.aliases + rail.exactAliases {
                let words = Tokenizer.tokens(name).filter(\.isWord).map(\.lower)
                for (first, second) in zip(words, words.dropFirst()) { pairs.insert(first + " " + second) }
            }
        }
        namePairs = pairs
    }

    /// The facts and what was read with a doubt.
    public struct Reading: Sendable {
        public var facts: DesignFacts
        public var warnings: [ReadingWarning]
    }

    /// Prepares one value for reading.
    public func text(_ value: String, variable: String) -> ReadingText {
        ReadingText(
            value, variable: variable, clauseBreaks: clauseBreaks, abbreviations: abbreviations, closingAbbreviations: closingAbbreviations,
            namePairs: namePairs)
    }

    public func read(_ inputs: InputSet) throws(PayarchError) -> Reading {
        func value(_ name: String) throws(PayarchError) -> String {
            guard let value = inputs[name]?.value else {
                throw PayarchError.data(
                    at: nil, id: "input.analyzer-variable",
                    "payarch designs from the variables \(Self.railsVariable), \(Self.throughputVariable) and \(Self.consistencyVariable); '\(name)' has no value")
            }
            return value
        }
        return try read(
            rails: try value(Self.railsVariable), throughput: try value(Self.throughputVariable),
            consistency: try value(Self.consistencyVariable), locations: inputs)
    }

    /// Reads three texts; `locations` (optional) gives the input values, to point errors at them.
    public func read(rails railsText: String, throughput throughputText: String, consistency consistencyText: String, locations: InputSet? = nil)
        throws(PayarchError) -> Reading
    {
        let railsInput = text(railsText, variable: Self.railsVariable)
        let throughputInput = text(throughputText, variable: Self.throughputVariable)
        let consistencyInput = text(consistencyText, variable: Self.consistencyVariable)
        let xa = [railsInput, throughputInput, consistencyInput].contains(where: statesXA)

        var railResult = rails.read(railsInput, xa: xa)
        // "CICS transactions use two-phase commit across Db2 and MQ": resource managers under XA named with
        // the consistency constraints are rails of the design as much as those named with the rails.
        if xa, !railResult.rails.contains(where: { $0.railClass == "xa-resource" }) {
            for other in [consistencyInput, throughputInput] {
                for rail in rails.read(other, xa: true).rails where rail.known && rail.railClass == "xa-resource"
                    && !railResult.rails.contains(where: { $0.id == rail.id })
                {
                    railResult.rails.append(rail)
                }
            }
        }
        var warnings = railResult.warnings
        var assumptions: [Assumption] = []
        if railResult.rails.count > Self.maxRails {
            throw PayarchError.data(
                at: locations?[Self.railsVariable]?.location, id: "input.too-many-rails",
                "\(Self.railsVariable) names \(railResult.rails.count) rails; payarch designs for at most \(Self.maxRails)")
        }
        // An input on the card issuer's side ("JIT funding", "issuer processor") receives the network's
        // authorisations: its card-network rails are that side, which payarch does not design, so they
        // leave the design while another rail remains (the warning says so).
        if let issuer = railResult.warnings.firstIndex(where: { $0.id == "reading.issuer-side" }),
            railResult.rails.contains(where: { $0.railClass == "card-network" }),
            railResult.rails.contains(where: { $0.railClass != "card-network" })
        {
            let network = railResult.rails.filter { $0.railClass == "card-network" }
            railResult.rails.removeAll { $0.railClass == "card-network" }
            for rail in network {
                guard let phrase = rail.phrase else { continue }
                railResult.excluded.append(
                    ExcludedRail(id: rail.id, name: rail.name, railClass: rail.railClass, reason: .issuerSide, phrase: phrase, trigger: railResult.warnings[issuer].phrase))
            }
            let names = network.map(\.name).joined(separator: ", ")
            if let index = warnings.firstIndex(where: { $0.id == "reading.issuer-side" }) {
                warnings[index].message += "; the card network (\(names)) is that side here, so it is left out and the design covers only the other rails"
            }
        }
        // Card brands taken through a PSP the input does not name, with no card rail given: the cards are
        // designed as a generic card PSP, said as an assumption.
        if let brands = railResult.brandsTaken, !railResult.rails.contains(where: { ["psp-card-api", "card-network", "wallet"].contains($0.railClass) }) {
            let generic = rules.railClass("psp-card-api")?.name ?? "card PSP API"
            railResult.rails.append(
                RailMention(
                    id: nil, name: "unspecified \(generic)", railClass: "psp-card-api", family: family(of: "psp-card-api"),
                    known: false, reading: .assumed, phrase: brands))
            assumptions.append(
                Assumption(
                    id: "rails.card-psp-unnamed",
                    text: "The card brands named ('\(brands.text)' and those beside it) are taken through a PSP or acquirer the input does not name; the design treats it as one generic \(generic). Name it for a design that fits it."))
        }
        // A token wallet named beside a rail of its card class ("Apple Pay via Stripe", "Stripe, Apple Pay")
        // is a card payment that rail processes: it takes that class and forms no class of its own.
        // A card PSP payarch does not know, read from the brands that go through it ("mada, Visa and Apple Pay
        // through HyperPay"), processes them too.
        let processors = Set(railResult.rails.filter { ($0.known || $0.railClass == "psp-card-api") && !$0.isFallback && rules.rail($0.id ?? "")?.processedAs == nil }.map(\.railClass))
        for index in railResult.rails.indices {
            guard let id = railResult.rails[index].id, let card = rules.rail(id)?.processedAs, processors.contains(card) else { continue }
            railResult.rails[index].railClass = card
            railResult.rails[index].family = family(of: card)
            // It runs on the processor's channel when its own words gave none.
            let channels = Set(railResult.rails.filter { $0.known && $0.railClass == card && rules.rail($0.id ?? "")?.processedAs == nil }.map(\.channel))
            if railResult.rails[index].channel == nil, channels.count == 1, let channel = channels.first { railResult.rails[index].channel = channel }
        }
        // Unknown rails never outrank known ones; with no known rail, the unknown ones govern, then the
        // kinds of payment named, then the generic class.
        // A fallback rail never governs while another rail is given.
        let primary = railResult.rails.filter { !$0.isFallback }
        let known = primary.filter(\.known)
        let ranked = known.isEmpty ? primary : known
        var governingClass = ranked.max { rank($0.railClass) < rank($1.railClass) }?.railClass
        if railResult.rails.isEmpty {
            let categoryClass = railResult.categories.max { rank($0.railClass) < rank($1.railClass) }?.railClass
            governingClass = categoryClass ?? rules.unknownRailClass
            let generic = rules.railClass(governingClass!)?.name ?? governingClass!
            railResult.rails.append(
                RailMention(
                    id: nil, name: "unspecified \(generic)", railClass: governingClass!, family: family(of: governingClass!),
                    known: false, reading: .assumed, phrase: railResult.categories.first?.phrase))
            assumptions.append(
                Assumption(
                    id: "rails.none",
                    text: "No payment rail is named in \(Self.railsVariable); the design treats it as one generic \(generic). Name the rails (for example Stripe, ACH debit, SEPA Instant) for a design that fits them."))
            warnings.append(
                ReadingWarning(
                    id: "reading.no-rail", phrase: railResult.categories.first?.phrase, variable: Self.railsVariable,
                    message: railResult.categories.isEmpty
                        ? "\(Self.railsVariable) names no rail payarch can read; the design assumes one generic \(generic)"
                        : "\(Self.railsVariable) names kinds of payment but no rail; the design assumes one generic \(generic)"))
        }
        for mention in railResult.rails where !mention.known && mention.phrase != nil && mention.reading == .context {
            assumptions.append(
                Assumption(
                    id: "rails.unknown",
                    text: "\(mention.name) is not in payarch's rail catalogue; it is treated as a generic \(rules.railClass(mention.railClass)?.name ?? mention.railClass), and every rail-specific detail must be confirmed with its provider."))
        }
        let governing = governingClass ?? rules.unknownRailClass

        let throughputResult = throughput.read(throughputInput)
        warnings += throughputResult.warnings
        assumptions += throughputResult.assumptions
        if let target = throughputResult.facts.latency.first(where: { !$0.milliseconds.isFinite || $0.milliseconds > Self.maxLatencyMilliseconds }) {
            throw PayarchError.data(
                at: locations?[Self.throughputVariable]?.location, id: "input.latency-out-of-range",
                "\(Self.throughputVariable) gives a latency target of \(ThroughputFormat.format(target.milliseconds)) ms in '\(target.phrase.text)'; payarch reads latency targets up to one day")
        }
        var consistencyResult = consistency.read(consistencyInput)
        // A store named with the rails or the load ("ledger in CockroachDB") counts too, unless it was read
        // as a rail there (a resource manager under XA).
        let railNames = Set(railResult.rails.flatMap { rail in [rail.name.lowercased()] + (rail.phrase.map { [$0.text.lowercased()] } ?? []) })
        for other in [railsInput, throughputInput] {
            let (store, storeWarnings) = consistency.stores(in: other, skipping: railNames)
            if consistencyResult.facts.statedStore == nil { consistencyResult.facts.statedStore = store }
            consistencyResult.warnings += storeWarnings
        }
        // Regions said with the load or the rails ("CockroachDB multi-region (London, Frankfurt, Mumbai)") count
        // when the consistency input says nothing of them.
        var stated = consistencyResult.facts
        if stated.multiRegion == nil, stated.singleRegion == nil, stated.residency == nil {
            for other in [throughputInput, railsInput] {
                let stances = consistency.regionStances(in: other)
                stated.multiRegion = stated.multiRegion ?? stances.multiRegion
                stated.singleRegion = stated.singleRegion ?? stances.singleRegion
                stated.residency = stated.residency ?? stances.residency
                stated.zeroLoss = stated.zeroLoss ?? stances.zeroLoss
                stated.asyncReplication = stated.asyncReplication ?? stances.asyncReplication
                stated.syncStandby = stated.syncStandby ?? stances.syncStandby
            }
            consistencyResult.facts = stated
        }
        warnings += consistencyResult.warnings
        assumptions += consistencyResult.assumptions

        // No loss on a failover and asynchronous replication cannot both hold.
        if let zeroLoss = consistencyResult.facts.zeroLoss, let async = consistencyResult.facts.asyncReplication {
            warnings.append(
                ReadingWarning(
                    id: "reading.conflicting-replication", phrase: async,
                    message: "'\(async.text)' is asynchronous replication, which can lose the last commits on a failover, but '\(zeroLoss.text)' asks for none lost; the design makes replication synchronous. Change one of the two"))
        }
        // Every assumption is also a warning, unless a warning already says the same.
        for assumption in assumptions {
            guard let (id, variable) = Self.assumptionWarnings[assumption.id] else { continue }
            if assumption.id.hasPrefix("consistency."), warnings.contains(where: { $0.id == "reading.no-consistency" }) { continue }
            let phrase = assumption.id == "throughput.peak-from-sustained" ? throughputResult.facts.sustained?.phrase : nil
            warnings.append(ReadingWarning(id: id, phrase: phrase, variable: variable, message: assumption.text))
        }
        // One warning per id and phrase: a text that repeats "SEPA" a hundred times gets one notice.
        var seen = Set<String>()
        warnings = warnings.filter { seen.insert($0.id + "\u{0}" + ($0.phrase?.text ?? $0.message)).inserted }
        var facts = DesignFacts(
            rails: railResult.rails, excludedRails: railResult.excluded, categories: railResult.categories,
            datastores: railResult.datastores, governingClass: governing, governingFamily: family(of: governing),
            throughput: throughputResult.facts, consistency: consistencyResult.facts, assumptions: assumptions,
            warnings: warnings, modes: modes.read([railsInput, throughputInput, consistencyInput]))
        // Last: a stated requirement no fact above was read from is named, never dropped.
        let (gates, limits, unread) = requirements.read([railsInput, throughputInput, consistencyInput], read: facts.readPhrases)
        // Each gate and limit is a barrier of its own; past a screenful the design would be a list of them,
        // so the first ones are designed and the warning says how many more are not.
        facts.gates = Array(gates.prefix(Self.maxStatedBarriers))
        facts.limits = Array(limits.prefix(max(0, Self.maxStatedBarriers - facts.gates.count)))
        var notDesigned: [ReadingWarning] = []
        let left = gates.count + limits.count - facts.gates.count - facts.limits.count
        if left > 0 {
            notDesigned.append(
                ReadingWarning(
                    id: "reading.too-many-rules", phrase: nil, variable: Self.consistencyVariable,
                    message: "the inputs state \(gates.count + limits.count) gates and limits; the design makes barriers of the first \(Self.maxStatedBarriers) and not of the other \(left): design those by hand"))
        }
        facts.warnings += unread + notDesigned
        return Reading(facts: facts, warnings: warnings + unread + notDesigned)
    }

    /// The error for a text whose only figures are zero, negative or absurd: nothing to size a design
    /// for, so generating is refused rather than sized for an assumed peak. Reading still reports them.
    public func unusableThroughput(_ reading: Reading, locations: InputSet?) -> PayarchError? {
        let throughput = reading.facts.throughput
        guard throughput.peak == nil, throughput.sustained == nil,
            let invalid = reading.warnings.first(where: { Self.invalidFigureErrors[$0.id] != nil })
        else { return nil }
        let diagnostic = invalid.diagnostic(in: locations)
        return PayarchError.data(
            at: diagnostic.location ?? locations?[Self.throughputVariable]?.location, id: Self.invalidFigureErrors[invalid.id]!,
            diagnostic.message + "; \(Self.throughputVariable) gives no other figure, so there is nothing to size the design for")
    }

    func rank(_ railClass: String) -> Int { rules.railClass(railClass)?.rank ?? 0 }
    func family(of railClass: String) -> String { rules.railClass(railClass)?.family ?? railClass }

    /// Whether a text speaks of XA or two-phase commit, and does not rule it out ("no XA").
    func statesXA(_ text: ReadingText) -> Bool {
        let found = xaWords.matches(in: text.tokens)
        guard !found.isEmpty else { return false }
        let marks = context.marks(
            for: found.map { ContextReader.Span(first: $0.first, last: $0.last) }, in: text,
            triggers: context.triggerMatches(in: text, covered: [Bool](repeating: false, count: text.tokens.count)))
        return marks.contains { $0?.modifier != .negated }
    }
}
