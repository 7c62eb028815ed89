/// A rail of the catalogue in `rules/rails/`: its names, class, own duplicate guard, how an unknown outcome
/// is resolved, how money comes back, what to reconcile against, its windows, and sourced facts.
public struct RailDefinition: Sendable, Codable, Hashable {
    /// Fact topics a catalogue entry may use.
    /// A fact is a sentence or two, and a rail has a screenful of them: the design lists every one.
    public static let maxFacts = 40
    public static let maxFactLength = 1_000
    /// All the text of one rail that a design may print.
    public static let maxPrintedCharacters = 40_000

    public static let topics = [
        "duplicate-guard", "unknown-outcome", "window", "compensation", "reconciliation", "events", "conflict",
        "finality", "lifecycle",
    ]
    /// Window kinds a catalogue entry may use.
    public static let windowKinds = [
        "key-retention", "late-event", "return", "refund-right", "dispute", "recall", "authorisation-validity",
        "finality", "settlement",
    ]

    public struct Fact: Sendable, Codable, Hashable {
        public var topic: String
        public var text: String
        /// The public source the fact was checked against; never empty.
        public var source: String
        /// For a token's fact about some of the chains it runs on: those chains. Shown unless the design
        /// was given one of the token's chains and none of these.
        public var chains: [String] = []
    }

    /// A time window with a number, so retention can be derived from the rails present.
    public struct Window: Sendable, Codable, Hashable {
        public var kind: String
        public var days: Double
        public var text: String
        public var source: String
    }

    public var id: String
    public var name: String
    public var railClass: String
    /// Matched case-insensitively.
    public var aliases: [String]
    /// Matched only with this letter case (`SWIFT`, `Square`).
    public var exactAliases: [String]
    /// Phrases that must read as this rail; the test suite reads each one.
    public var examples: [String]
    public var nativeKey: String
    /// The longest key the rail accepts, where documented.
    public var keyMaxLength: Int?
    public var unknownOutcome: String
    public var compensation: String
    public var reconciliationArtefact: String
    public var windows: [Window]
    public var facts: [Fact]
    /// Things a reader must confirm because no source backs them.
    public var checks: [String]
    /// For a token: the chains it is issued on. When one of them is given too, the design follows that
    /// chain's mechanics and the token's own tags (which cover every chain it runs on) are left out.
    public var runsOn: [String] = []
    /// The one way the rail moves money when its class has none (a push-to-card rail only pays out).
    public var direction: String? = nil
    /// A token wallet's card class (`psp-card-api`): named beside a rail of that class, it is a card payment
    /// that rail processes, so it takes that class and forms no class of its own.
    public var processedAs: String? = nil
    /// Places (countries, demonyms, codes, currencies) the rail belongs to, and the aliases other places'
    /// rails share ("EFT", "FPS"): such an alias written next to another place names that place's rail,
    /// not this one.
    public var homePlaces: [String] = []
    public var localAliases: [String] = []
    public var location: SourceLocation
}

/// A rail class from `rules/rail-classes.yml`.
public struct RailClass: Sendable, Codable, Hashable {
    public var id: String
    public var name: String
    /// The design family the decision tables key on (classes that need the same coordination).
    public var family: String
    /// Higher ranks settle later and reverse longer; the highest-ranked rail governs the design.
    public var rank: Int
    /// Payments travel in files submitted at cut-offs, so a call carries a file, not a payment, and
    /// per-payment call concurrency means nothing for the class.
    public var batched: Bool = false
    /// The one way every rail of the class moves money, when it has one: `debit` (a direct debit pulls) or
    /// `credit` (a credit transfer or a wire pushes).
    public var direction: String? = nil
    /// The card channel of a rail of the class whose words say none (a PSP's API takes online payments
    /// unless terminals are named); nil when such a rail counts as both.
    public var defaultChannel: String? = nil
    /// What a design assumes for a rail of the class payarch does not know: its duplicate guard and the
    /// record to reconcile against (nil: a client-generated key and the provider's settlement report).
    public var unknownRailKey: String? = nil
    public var unknownRailArtefact: String? = nil
    /// The class a rail of this class takes when its words say the input receives it ("clients fund their
    /// balance by wire"): a credit sent to you is posted and answered, never sent.
    public var receivedAs: String? = nil
}

/// A design family from `rules/rail-classes.yml`: the value of the decision tables' `railFamily` key.
public struct RailFamily: Sendable, Codable, Hashable {
    public var id: String
    public var name: String
}
