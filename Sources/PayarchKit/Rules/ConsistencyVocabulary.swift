/// The consistency words of `rules/consistency.yml`.
public struct ConsistencyVocabulary: Sendable {
    public struct Level: Sendable, Hashable {
        public var id: String
        public var name: String
        public var tier: String
        public var aliases: [String]
    }

    public struct Scope: Sendable, Hashable {
        public var id: String
        public var name: String
        /// Scopes on the path that moves money (initiation, internal state) set the table's `consistency` key.
        public var moneyPath: Bool
        public var aliases: [String]
    }

    public var levels: [Level]
    /// Tier ids from strongest to weakest.
    public var tiers: [String]
    /// The tier the money path holds when nothing stronger is stated, or when "no double charging" is.
    public var moneyPathFloor: String
    public var scopes: [Scope]
    public var consistencyFirst: [String]
    public var availabilityFirst: [String]
    public var atomicCommit: [String]
    public var multiRegion: [String]

    public func tierRank(_ tier: String) -> Int {
        tiers.firstIndex(of: tier) ?? tiers.count
    }

    public func scope(_ id: String) -> Scope? { scopes.first { $0.id == id } }
    public func level(_ id: String) -> Level? { levels.first { $0.id == id } }
}
