/// Everything payarch decides with, loaded from a rules directory: the rail catalogue and classes, the
/// reader's vocabularies, throughput bands and the decision tables.
public struct RuleBook: Sendable, Codable {
    public var rails: [RailDefinition]
    /// Per rail class: its events, unknown-outcome resolver, deadline, compensations and flow steps; a
    /// class has one lifecycle for every pattern, or one per group of patterns.
    public var lifecycles: [String: [ClassLifecycle]]
    public var railClasses: [RailClass]
    public var families: [RailFamily]
    public var unknownRailClass: String
    public var vocabulary: ConsistencyVocabulary
    public var reading: ReadingVocabulary
    public var throughput: ThroughputRules
    public var tables: [DecisionTable]
    /// What a rendered design must never contain (`rules/self-check.yml`), for the self-check.
    public var selfCheck: SelfCheckRules = SelfCheckRules()
    public var directory: String

    /// The lifecycle of a rail class under a coordination pattern: the one written for that pattern, else
    /// the one written for every pattern.
    public func lifecycle(of railClass: String, pattern: String?) -> ClassLifecycle? {
        let candidates = lifecycles[railClass] ?? []
        return candidates.first { pattern.map($0.patterns.contains) ?? false } ?? candidates.first { $0.patterns.isEmpty }
    }

    /// The two values of the `apState` dimension.
    public static let apStates = ["cp-only", "ap-allowed"]
    /// The two values of the `regions` dimension.
    public static let regionModes = ["single-region", "multi-region"]

    /// The values each decision dimension can take; the completeness check enumerates their product.
    public var domains: [String: [String]] {
        [
            "railFamily": families.map(\.id),
            "tpsBand": throughput.bands.map(\.id),
            "consistency": vocabulary.tiers,
            "ledgerConsistency": vocabulary.tiers,
            "apState": Self.apStates,
            "regions": Self.regionModes,
        ]
    }

    /// Families of the rails in `facts`, the governing family first, then by falling rank.
    public func families(presentIn facts: DesignFacts) -> [String] {
        var ranked: [(family: String, rank: Int)] = []
        for mention in facts.rails {
            let rank = railClass(mention.railClass)?.rank ?? 0
            if let index = ranked.firstIndex(where: { $0.family == mention.family }) {
                ranked[index].rank = max(ranked[index].rank, rank)
            } else {
                ranked.append((mention.family, rank))
            }
        }
        return ranked.sorted { lhs, rhs in
            if lhs.family == facts.governingFamily || rhs.family == facts.governingFamily {
                return lhs.family == facts.governingFamily
            }
            return (lhs.rank, lhs.family) > (rhs.rank, rhs.family)
        }.map(\.family)
    }

    public func table(_ id: String) -> DecisionTable? { tables.first { $0.id == id } }
    public func railClass(_ id: String) -> RailClass? { railClasses.first { $0.id == id } }
    public func family(_ id: String) -> RailFamily? { families.first { $0.id == id } }
    public func rail(_ id: String) -> RailDefinition? { rails.first { $0.id == id } }

    /// Whether `mention` is a token wallet read as a card payment of a processor named beside it ("Apple Pay
    /// via Stripe"): it is listed with its facts, but the processor carries its class's text and calls.
    public func isProcessedByAnother(_ mention: RailMention) -> Bool {
        guard let id = mention.id, let processedAs = rail(id)?.processedAs else { return false }
        return processedAs == mention.railClass
    }

    /// Whether a rail class holds credits the input receives on another class's rails (nothing is sent on
    /// it, so it has no key, cut-off or call of its own).
    public func isReceivedClass(_ id: String) -> Bool {
        railClasses.contains { $0.receivedAs == id }
    }
}
