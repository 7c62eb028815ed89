/// A rail from `rules/rails.yml`: its names, class, native idempotency mechanism and sourced facts.
public struct RailDefinition: Sendable, Hashable {
    public struct Fact: Sendable, Hashable {
        public var topic: String
        public var text: String
        /// The public source the fact was checked against; never empty.
        public var source: String
    }

    public var id: String
    public var name: String
    public var railClass: String
    public var aliases: [String]
    public var examples: [String]
    public var nativeKey: String
    /// The longest key the rail accepts, where documented.
    public var keyMaxLength: Int?
    public var facts: [Fact]
    /// Things a reader must confirm because no source backs them.
    public var checks: [String]
    public var reconciliationArtefact: String
    public var location: SourceLocation
}

/// A rail class from `rules/rail-classes.yml`.
public struct RailClass: Sendable, Hashable {
    public var id: String
    public var name: String
    /// Higher ranks settle later and reverse longer; the highest-ranked rail governs the design.
    public var rank: Int
    public var outcome: String
    /// How an unknown outcome is resolved on this class.
    public var inquiry: String
    /// A payment's terminal results on this class, as shown in the flow.
    public var states: String
}
