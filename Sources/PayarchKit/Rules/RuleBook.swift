/// Everything payarch decides with, loaded from a rules directory: the rail lexicon, rail classes, the
/// consistency vocabulary, throughput bands and the decision tables.
public struct RuleBook: Sendable {
    public var rails: [RailDefinition]
    public var railClasses: [RailClass]
    public var unknownRailClass: String
    public var vocabulary: ConsistencyVocabulary
    public var throughput: ThroughputRules
    public var tables: [DecisionTable]
    public var directory: String

    /// The two values of the `apState` dimension.
    public static let apStates = ["cp-only", "ap-allowed"]

    /// The values each decision dimension can take; the completeness check enumerates their product.
    public var domains: [String: [String]] {
        [
            "railClass": railClasses.map(\.id),
            "tpsBand": throughput.bands.map(\.id),
            "consistency": vocabulary.tiers,
            "ledgerConsistency": vocabulary.tiers,
            "apState": Self.apStates,
        ]
    }

    /// Rail classes of the rails in `facts`, the governing class first, then by falling rank.
    public func classes(presentIn facts: DesignFacts) -> [String] {
        var classes: [String] = []
        for mention in facts.rails where !classes.contains(mention.railClass) { classes.append(mention.railClass) }
        return classes.sorted { lhs, rhs in
            if lhs == facts.governingClass || rhs == facts.governingClass { return lhs == facts.governingClass }
            return (railClass(lhs)?.rank ?? 0, lhs) > (railClass(rhs)?.rank ?? 0, rhs)
        }
    }

    public func table(_ id: String) -> DecisionTable? { tables.first { $0.id == id } }
    public func railClass(_ id: String) -> RailClass? { railClasses.first { $0.id == id } }
    public func rail(_ id: String) -> RailDefinition? { rails.first { $0.id == id } }
}
