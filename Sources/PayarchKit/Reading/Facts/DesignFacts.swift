/// What the reader read from the three inputs. Every fact keeps the phrase it came from; what could not
/// be read becomes an explicit `Assumption`, and what was read with a doubt a warning.
public struct DesignFacts: Sendable, Codable {
    /// The rails the design is for, in order of first mention.
    public var rails: [RailMention]
    /// Rails the input names but rules out: negated ("no ACH"), deferred ("Adyen later") or past
    /// ("migrated from Braintree").
    public var excludedRails: [ExcludedRail]
    /// Kinds of payment named without a rail ("cards", "wallets"), by rail class.
    public var categories: [Category]
    /// Databases and queues named without XA context: the user's datastore, not rails.
    public var datastores: [RailMention]
    /// The rail class that governs the design: the highest-ranked class among the known rails (unknown
    /// rails never outrank them).
    public var governingClass: String
    /// The design family of the governing class, which the decision tables key on.
    public var governingFamily: String
    public var throughput: ThroughputFacts
    public var consistency: ConsistencyFacts
    public var assumptions: [Assumption]
    /// What was read with a doubt or not read: the same warnings the CLI prints, in reading order.
    public var warnings: [ReadingWarning]
    /// The ways the rails are used that change their lifecycle ("merchant-initiated", "offline").
    public var modes: [ModeMention] = []
    /// Requirements that one step waits for another ("never send crypto before the fiat is irrevocable").
    public var gates: [StatedGate] = []
    /// Limits the input states on an amount or a count ("a monthly spending cap of 70,000 KRW"), quoted.
    public var limits: [StatedLimit] = []

    /// Warnings that say more than the assumptions do: shown as reading notes in the design.
    public var notes: [ReadingWarning] {
        warnings.filter { !Self.coveredByAssumptions.contains($0.id) && $0.id != RequirementReader.warningId }
    }

    /// The requirements the input states that no rule reads: a list of their own in the design, not notes.
    public var unreadRequirements: [ReadingWarning] {
        warnings.filter { $0.id == RequirementReader.warningId }
    }

    /// Warnings that only repeat an assumption the design states anyway.
    static let coveredByAssumptions: Set<String> = [
        "reading.no-rail", "reading.unknown-rail", "reading.no-throughput", "reading.no-consistency", "reading.assumed-peak",
        "reading.assumed-money-path", "reading.assumed-ledger",
    ]
}

public struct RailMention: Sendable, Codable, Hashable {
    /// How a rail was read from the text.
    public enum Reading: String, Sendable, Codable, Hashable {
        /// Its name or an alias.
        case name
        /// A scheme's name with a direction word ("ACH debits").
        case schemeDirection = "scheme-direction"
        /// A scheme's name alone, read as its default member ("ACH" is ACH Debit).
        case schemeDefault = "scheme-default"
        /// A token and a chain ("USDC on Solana").
        case tokenOnChain = "token-on-chain"
        /// A kind of rail and a place ("instant bank transfers in Brazil" is PIX).
        case placeDefault = "place-default"
        /// A name payarch does not know, read as a rail from the words around it.
        case context
        /// No rail was named: a generic rail of the class the text suggests, assumed for the design.
        case assumed
    }

    /// The catalogue id, or nil for a rail payarch does not know.
    public var id: String?
    public var name: String
    public var railClass: String
    public var family: String
    public var known: Bool
    public var reading: Reading
    public var phrase: SourcedPhrase?
    /// Which way the money moves on this rail as the words around it say: `credit` (payouts, withdrawals:
    /// money you send) or `debit` (collections, top-ups: money you receive); nil when nothing says, or
    /// both are said.
    public var direction: String?
    /// True when the words around it make the rail a fallback of another ("falling back to SEPA Credit
    /// Transfer"): it is designed for, but never governs the design. Nil when it is not a fallback.
    public var fallback: Bool? = nil
    /// `card-present` (terminals, POS) or `card-not-present` (online, 3-D Secure) when the words of its
    /// sentence say one and not the other; nil otherwise.
    public var channel: String? = nil
    /// `refund` when the words before it say the rail carries refunds of payments collected ("for SDD orders
    /// we refund via SEPA Credit Transfer"): what it sends is bounded by the payment refunded, not by a
    /// balance. Nil otherwise.
    public var purpose: String? = nil
    public var isFallback: Bool { fallback == true }
    public var isRefund: Bool { purpose == "refund" }
}

public struct ExcludedRail: Sendable, Codable, Hashable {
    public enum Reason: String, Sendable, Codable, Hashable {
        case negated, deferred, historical
        /// A card network named by an input that answers its authorisations as a card issuer: the issuer
        /// side, which payarch does not design.
        case issuerSide = "issuer-side"
    }

    public var id: String?
    public var name: String
    public var railClass: String
    public var reason: Reason
    public var phrase: SourcedPhrase
    /// The words that ruled it out ("no", "later", "was removed").
    public var trigger: SourcedPhrase?
}

public struct Category: Sendable, Codable, Hashable {
    public var railClass: String
    public var phrase: SourcedPhrase
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
        /// How the figure was derived when it was not stated as TPS, e.g. `1,200 per minute ÷ 60 s`.
        public var derivation: String?
    }

    public struct LatencyTarget: Sendable, Codable, Hashable {
        /// Percentile such as 99 or 99.9; nil when none was named.
        public var percentile: Double?
        public var milliseconds: Double
        public var phrase: SourcedPhrase
        /// True when the words around it make it the service's own part ("our side", "excluding PSP time"):
        /// rail calls are outside it. Nil otherwise.
        public var serviceOnly: Bool? = nil
        /// True when the words of its segment make it a target for reads ("balance read p95 50ms"): it says
        /// nothing of how long a payment may take. Nil otherwise.
        public var readPath: Bool? = nil
    }

    /// A duration that is a rail's or partner's timeout or window, not the design's latency target.
    public struct Timeout: Sendable, Codable, Hashable {
        public var milliseconds: Double
        public var phrase: SourcedPhrase
    }

    public var peak: Figure?
    public var sustained: Figure?
    /// Every latency target read; the design holds the one with the highest percentile.
    public var latency: [LatencyTarget]
    public var timeouts: [Timeout]
    public var batch: SourcedPhrase?
    public var burst: SourcedPhrase?
    /// The peak the design is sized for: stated, derived or assumed.
    public var designPeak: Figure
    public var band: String
    /// Notifications from the rails at their peak ("webhook bursts can be 3x that"), sized for the inbox.
    public var inbound: Figure? = nil
    /// The share of the load the input gives a rail ("PIX 55%, card 38%"); nil when none is given.
    public var railShares: [RailShare]? = nil

    public struct RailShare: Sendable, Codable, Hashable {
        /// The catalogue id of the rail (or a scheme's name), or `card` for card payments.
        public var rail: String
        /// A fraction of the load, 0–1.
        public var share: Double
        public var phrase: SourcedPhrase
    }
}

public struct ConsistencyFacts: Sendable, Codable {
    /// Whether a single-region phrase names a standby site ("warm standby", "DR site", "active/passive").
    public static func namesStandby(_ text: String) -> Bool {
        let lower = text.lowercased()
        // A global database keeps a secondary region that is promoted when the primary region is lost.
        return ["standby", "disaster", "pilot light", "passive", "global database"].contains { lower.contains($0) } || lower.hasPrefix("dr ")
            || lower.contains(" dr ")
    }

    public struct ScopeLevel: Sendable, Codable, Hashable {
        public var scope: String
        public var level: String
        public var tier: String
        /// True when the scope may favour availability over consistency.
        public var availabilityFirst: Bool
        /// False when the level applies because no scope was named.
        public var explicit: Bool
        public var phrase: SourcedPhrase
    }

    public struct Tier: Sendable, Codable, Hashable {
        public var tier: String
        public var phrases: [SourcedPhrase]
        public var assumed: Bool
    }

    /// A bound on how far a scope may lag ("reporting can lag 5 min").
    public struct LagBound: Sendable, Codable, Hashable {
        public var scope: String?
        public var seconds: Double
        public var phrase: SourcedPhrase
    }

    public var scopes: [ScopeLevel]
    /// A level stated without a scope ("strongly consistent everywhere"), which the money path and the
    /// ledger take when nothing states their own.
    public var unscoped: ScopeLevel?
    /// The tier the money path (payment initiation, payment state) must hold.
    public var moneyPath: Tier
    public var ledger: Tier
    /// `cp-only` or `ap-allowed`.
    public var apState: String
    public var apPhrases: [SourcedPhrase]
    public var lagBounds: [LagBound]
    public var consistencyFirst: SourcedPhrase?
    public var atomicCommit: SourcedPhrase?
    public var multiRegion: SourcedPhrase?
    public var singleRegion: SourcedPhrase?
    /// A database the input says it already runs ("We run CockroachDB"), by the datastore table's engine.
    public struct StatedStore: Sendable, Codable, Hashable {
        public var engine: String
        public var phrase: SourcedPhrase
    }

    public var statedStore: StatedStore? = nil
    /// Data kept in its own region ("no cross-region data"): each deployment is a single-region design.
    public var residency: SourcedPhrase? = nil
    /// No committed write may be lost on a failover ("RPO 0", "zero data loss").
    public var zeroLoss: SourcedPhrase? = nil
    /// Replication the input says is asynchronous ("async DR replica in eu-west-2").
    public var asyncReplication: SourcedPhrase? = nil
    /// A standby the input says it runs synchronously ("Data Guard Maximum Availability to Amsterdam").
    public var syncStandby: SourcedPhrase? = nil

    /// `multi-region` when the input asks for several active regions and does not also pin one.
    public var regionMode: String { multiRegion != nil && singleRegion == nil && residency == nil ? "multi-region" : "single-region" }
}
