/// What the analyser read from the three inputs. Every fact keeps the phrase it came from; what could
/// not be read becomes an explicit `Assumption`.
public struct DesignFacts: Sendable, Codable {
    public var rails: [RailMention]
    /// The rail class that governs the design: the highest-ranked class among the rails.
    public var governingClass: String
    public var throughput: ThroughputFacts
    public var consistency: ConsistencyFacts
    public var assumptions: [Assumption]
}

public struct RailMention: Sendable, Codable, Hashable {
    /// The lexicon id, or nil for a rail payarch does not know.
    public var id: String?
    public var name: String
    public var railClass: String
    public var known: Bool
    public var phrase: SourcedPhrase?
}

public struct Assumption: Sendable, Codable, Hashable {
    /// A stable id such as `throughput.peak-from-sustained`.
    public var id: String
    public var text: String
}

public struct ThroughputFacts: Sendable, Codable {
    public struct Figure: Sendable, Codable, Hashable {
        public var tps: Double
        public var phrase: SourcedPhrase?
        /// How the figure was derived when it was not stated directly, e.g. `3 × sustained`.
        public var derivation: String?
    }

    public struct LatencyTarget: Sendable, Codable, Hashable {
        /// Percentile such as 99 or 99.9; nil when none was named.
        public var percentile: Double?
        public var milliseconds: Double
        public var phrase: SourcedPhrase
    }

    public var peak: Figure?
    public var sustained: Figure?
    public var baseline: Figure?
    public var latency: [LatencyTarget]
    public var batch: SourcedPhrase?
    public var burst: SourcedPhrase?
    /// The peak the design is sized for: stated, derived or assumed.
    public var designPeak: Figure
    public var band: String
}

public struct ConsistencyFacts: Sendable, Codable {
    public struct ScopeLevel: Sendable, Codable, Hashable {
        public var scope: String
        public var level: String
        public var tier: String
        /// True when the scope may favour availability over consistency.
        public var availabilityFirst: Bool
        /// False when the level applies because no scope was named (or "everywhere" was).
        public var explicit: Bool
        public var phrase: SourcedPhrase
    }

    public struct Tier: Sendable, Codable, Hashable {
        public var tier: String
        public var phrases: [SourcedPhrase]
        public var assumed: Bool
    }

    public var scopes: [ScopeLevel]
    /// The tier the money path (initiation, internal state) must hold.
    public var moneyPath: Tier
    public var ledger: Tier
    /// `cp-only` or `ap-allowed`.
    public var apState: String
    public var apPhrases: [SourcedPhrase]
    public var consistencyFirst: SourcedPhrase?
    public var atomicCommit: SourcedPhrase?
    public var multiRegion: SourcedPhrase?
}
