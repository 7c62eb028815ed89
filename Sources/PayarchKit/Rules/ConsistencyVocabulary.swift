/// The consistency words of `rules/consistency.yml`.
public struct ConsistencyVocabulary: Sendable, Codable {
    public struct Level: Sendable, Codable, Hashable {
        public var id: String
        public var name: String
        public var tier: String
        /// The scope a level names by itself ("atomic" is about the ledger), used when its clause names none.
        public var impliedScope: String?
        public var aliases: [String]
        /// A property that adds to a level rather than competing with it ("atomic" and "serializable" on
        /// one scope are both wanted, not a contradiction).
        public var combines: Bool = false
    }

    /// Words whose negation states a level ("must never diverge") and whose affirmation relaxes it.
    public struct DivergenceWords: Sendable, Codable, Hashable {
        public var words: [String]
        public var negated: String
        public var affirmed: String?
        public var impliedScope: String?
    }

    public struct Scope: Sendable, Codable, Hashable {
        public var id: String
        public var name: String
        /// Scopes on the path that moves money (initiation, payment state) set the table's `consistency` key.
        public var moneyPath: Bool
        public var aliases: [String]
    }

    public var levels: [Level]
    /// Tier ids from strongest to weakest.
    public var tiers: [String]
    /// The tier the money path holds when nothing stronger is stated.
    public var moneyPathFloor: String
    public var divergence: [DivergenceWords]
    public var relaxers: [String]
    /// Phrases that hold a level or scope word but state neither ("strict ordering", "hot wallet"): read
    /// as a whole, so their words set nothing.
    public var notConsistency: [String] = []
    /// Databases payarch has no datastore rows for: named in a warning, never silently replaced.
    public var unmodelledStores: [String] = []
    /// Words that make a level apply to no scope in particular ("everywhere else").
    public var universal: [String]
    /// Words before a scope word that make it another system's view ("the gpi Tracker status").
    public var externalViews: [String]
    public var scopes: [Scope]
    public var availabilityFirst: [String]
    public var consistencyFirst: [String]
    public var atomicCommit: [String]
    public var multiRegion: [String]
    public var singleRegion: [String]
    /// Phrases that keep data in its own region by law or policy.
    public var residency: [String] = []
    /// Phrases that allow no committed write to be lost on a failover ("RPO 0").
    public var zeroLoss: [String] = []
    /// Replication the input says is asynchronous ("async DR replica"): a failover to it can lose commits.
    public var asyncReplication: [String] = []
    /// A standby the input runs synchronously ("Data Guard Maximum Availability"), wherever it sits.
    public var syncStandby: [String] = []
    /// Cloud region codes ("eu-west-1", "europe-west1", "westeurope") and the words that make a second
    /// region a standby rather than an active one.
    public var cloudRegions: CloudRegions? = nil
    public struct CloudRegions: Sendable, Codable {
        /// First parts of a dashed code ("eu", "europe").
        public var areas: [String]
        /// Middle parts, with a number after them or in them ("west", "west1").
        public var directions: [String]
        /// Codes written as one word ("westeurope").
        public var names: [String]
        public var standby: [String]
    }
    /// Database engines an input may say it already runs, by the datastore table's `engine` value.
    public var stores: [Store] = []
    public struct Store: Sendable, Codable { public var engine: String; public var aliases: [String] }

    public func tierRank(_ tier: String) -> Int {
        tiers.firstIndex(of: tier) ?? tiers.count
    }

    public func scope(_ id: String) -> Scope? { scopes.first { $0.id == id } }
    public func level(_ id: String) -> Level? { levels.first { $0.id == id } }
    /// The first level of a tier, to name a tier that was reached without a level word.
    public func level(ofTier tier: String) -> Level? { levels.first { $0.tier == tier } }
}
