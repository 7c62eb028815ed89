/// Everything a design document says, resolved once from a plan: rails and their classes looked up once,
/// every choice a typed value, every sentence that depends on a rail class, a store or a pattern already
/// chosen. The Markdown templates, the JSON report and `compare` all read this one view, so text that
/// does not apply to the design's rails, store or pattern has no way in.
///
/// Strings here are Markdown: text from the rules is trusted, text from the input was escaped by the
/// builder.
public struct DesignView: Sendable, Codable {
    public enum Pattern: String, Sendable, Codable, CaseIterable {
        case outbox, saga
        case twoPhaseCommit = "two-phase-commit"
    }

    public enum StoreKind: String, Sendable, Codable, CaseIterable {
        case singlePrimary = "single-primary", sharded, distributed
        case keyValue = "key-value"
        case xa
    }

    public enum LedgerMode: String, Sendable, Codable, CaseIterable {
        case synchronous, asynchronous
    }

    public enum RegionMode: String, Sendable, Codable, CaseIterable {
        case singleRegion = "single-region"
        case homeRegion = "home-region"
        case globalStore = "global-store"
    }

    public struct Choice: Sendable, Codable {
        public var name: String
        public var detail: String
    }

    public struct Risk: Sendable, Codable {
        public var event: String
        public var className: String
        public var risk: String
        public var handling: String
    }

    public struct BasisRow: Sendable, Codable {
        public var label: String
        public var reading: String
        public var phrase: String
    }

    public struct Note: Sendable, Codable {
        public var id: String
        public var text: String
    }

    public struct Fact: Sendable, Codable {
        public var topic: String
        public var text: String
        public var source: String
    }

    public struct Rail: Sendable, Codable {
        public var name: String
        public var railClass: String
        public var className: String
        public var known: Bool
        /// The rail's own duplicate guard, as a noun phrase.
        public var nativeKey: String
        /// How an unknown outcome on this rail is resolved, as a sentence.
        public var unknownOutcome: String
        public var reconciliationArtefact: String
        public var checks: [String]
        public var facts: [Fact]
    }

    /// An open item: what to confirm, labelled with the rails it concerns.
    public struct OpenItem: Sendable, Codable {
        public var rails: String
        public var text: String
    }

    public struct Event: Sendable, Codable {
        public var name: String
        public var risk: String
        public var text: String
        public var handling: String
        public var source: String
    }

    public struct Compensation: Sendable, Codable {
        /// The rails it applies to: those of its tags that were given, or every rail of its class.
        public var rails: String
        public var stage: String
        public var text: String
    }

    /// How long a class's call may take, and why: a sourced rule or a planning figure that says so.
    public struct Deadline: Sendable, Codable {
        public var milliseconds: String
        public var basis: String
    }

    /// One rail class present in the design, with its rails and its lifecycle.
    public struct RailClass: Sendable, Codable {
        public var id: String
        public var name: String
        public var rails: String
        /// Its payments keep the Outbox Pattern's synchronous flow inside a saga design.
        public var ownOutbox: Bool
        public var lifecycle: String
        public var states: String
        public var unknownOutcome: String
        public var resolver: String
        /// How a failed call of the class may be tried again.
        public var retry: String
        /// How work that does not come as an HTTP request with a client key is keyed: one paragraph, or none.
        public var ingress: [String]
        public var lateEvents: String
        /// The call's deadline; empty for classes that answer asynchronously (a list of at most one, so a
        /// template section renders it only when there is one).
        public var deadline: [Deadline]
        /// What the client gets when the rail has not answered by the deadline (the flow bullet), and the
        /// call and answer as the sequence diagram shows them.
        public var timeoutFlow: String
        public var callLabel: String
        public var timeoutLabel: String
        public var flow: [String]
        public var events: [Event]
        public var compensations: [Compensation]
        public var checks: [Check]
    }

    /// An item to confirm, with the rails it concerns.
    public struct Check: Sendable, Codable {
        public var rails: String
        public var text: String
    }

    public struct Database: Sendable, Codable {
        public var name: String
        public var isolation: String
        public var keyStore: String
        public var claim: String
        public var retry: String
        public var readRule: String
        public var workQueue: String
        public var gateFailure: String
        public var failover: String
        public var tables: [Table]
        /// What the store calls a table: "Table", or "Collection" in a document store.
        public var tableNoun: String
        public var lockingName: String
        public var lockingStatement: String
    }

    public struct ReconciliationGroup: Sendable, Codable {
        public var rails: String
        public var cadence: String
        public var matchAgainst: String
    }

    public struct SizingRow: Sendable, Codable {
        public var quantity: String
        public var value: String
        public var derivation: String
    }

    public struct Capacity: Sendable, Codable {
        public var partitioning: String
        public var rows: [SizingRow]
        /// Deadlines per synchronous rail class, and at most one conflict with the latency target.
        public var deadlines: [String]
        public var conflicts: [String]
        public var warnings: [String]
        /// At most one note on batch rails' cut-offs.
        public var batchNote: [String]
    }

    public struct Table: Sendable, Codable {
        public var name: String
        public var key: String
        public var purpose: String
    }

    public struct Provenance: Sendable, Codable {
        public var decision: String
        public var choice: String
        public var row: String
        public var selectedBy: String
        public var rationale: String
    }

    public var title: String
    public var pattern: Pattern
    public var storeKind: StoreKind
    public var ledger: LedgerMode
    public var regions: RegionMode
    public var crdt: Bool

    // Design at a glance.
    public var coordination: Choice
    public var locking: Choice
    public var store: Choice
    public var ledgerChoice: Choice
    public var regionChoice: Choice
    public var risks: [Risk]

    // Design basis.
    public var basis: [BasisRow]
    public var assumptions: [String]
    public var notes: [Note]
    public var hasNotes: Bool
    /// Requirements the input states that no rule reads, each quoted as written.
    public var unreadRequirements: [String]
    public var hasUnreadRequirements: Bool

    // Topology and lifecycle.
    public var governingClassName: String
    /// The rails of the governing class, by name.
    public var governingRails: String
    /// Whether the rails given belong to more than one class.
    public var severalClasses: Bool
    /// The rails named as fallbacks, by name: designed for, but not governing (one list item, or none).
    public var fallbackRails: [String]
    public var patternTopology: String
    public var recoveryPoints: String
    public var derivedKeyFormat: String
    public var derivedKeyLength: Int
    public var keyLimitNote: String
    public var shortKeyNote: String
    public var rails: [Rail]
    public var hasRailFacts: Bool
    public var railNames: String
    public var classes: [RailClass]
    public var database: Database

    // Barriers, recovery, reconciliation.
    /// The terminal states of every class present, for the transition barrier.
    public var terminalStates: String
    public var moneyPathLevel: String
    public var ledgerLevel: String
    public var retention: String
    public var retentionReason: String
    public var keyHome: String
    public var apScopeNames: String
    public var reconciliation: [ReconciliationGroup]

    public var capacity: Capacity
    public var sequenceDiagram: String
    /// Whether any rail or class has an item to confirm (the open-items section is rendered only then).
    public var hasOpenItems: Bool
    /// Every open item once: the rails' own checks, then their classes' checks that say something new.
    public var openItems: [OpenItem]
    /// Whether the governing class pushes money out, so the design holds the funds before sending.
    public var holdsFunds: Bool
    /// Whether every rail is a card network given for card-present payments: requests come from terminals
    /// over ISO 8583 host links, not from HTTP clients, and the terminal's own identity of a request is
    /// the key.
    public var terminalIntake: Bool = false
    /// Whether the input moves money between its own users (P2P, book transfers) and keys have home regions:
    /// a transfer between two homes is two local steps, never one cross-region transaction.
    public var transfersAcrossHomes: Bool = false
    /// Whether money collected on a rail that can still return it may fund a payout on a rail that cannot be
    /// undone: the collected funds wait for their return window (or a risk limit).
    public var fundingGate: Bool = false
    /// The rails (as one list, or none) that push money out and so get a funds hold before the send, and
    /// those that pull it in and so post the expected amount as pending.
    public var holdRails: [String]
    public var pendingRails: [String]
    /// With classes on their own synchronous flow, the rails the saga runs (one list, or none).
    public var sagaFlowRails: [String]
    /// The rails of the classes on their own synchronous flow inside a saga design (one list, or none).
    public var ownFlowRails: [String]
    /// The input's requirements that one step waits for another, each a barrier of its own.
    public var gates: [Gate]
    /// A stated gate waits for money to be settled, cleared or received: no advance against a return window.
    public var fundsGateStated: Bool
    public struct Gate: Sendable, Codable {
        /// The barrier's number, after the design's own barriers.
        public var number: Int
        /// The step that waits and what must hold first, quoted as the input wrote them.
        public var action: String
        public var precondition: String
        /// The time the input states for it ("at least 24h before"), quoted; empty when none.
        public var timing: [String] = []
        /// Whether the precondition is an approval of a payment over an amount (four eyes).
        public var approval: Bool = false
    }
    /// The input's limits on an amount or a count, each a barrier after the gates.
    public var limits: [Limit] = []
    public struct Limit: Sendable, Codable {
        public var number: Int
        /// The limit as the input wrote it, quoted.
        public var phrase: String
        /// One payment at a time per what it names, rather than a cap on an amount or a count.
        public var oneAtATime: Bool = false
    }
    /// Whether the input holds balances to a strong level (a balance may never go negative), and the level.
    public var balancesGuarded: Bool
    public var balancesLevel: String
    /// The floor below zero the input lets a balance reach ("may go negative by at most $20"), quoted; empty
    /// when a balance may not go below zero.
    public var balanceFloor: [String] = []
    /// Whether every rail that pushes money out carries refunds of payments collected and nothing says
    /// customers hold balances: Barrier 6 bounds each refund by what its payment has left to refund, not by
    /// a balance (the hold rails are then refund rails).
    public var refundGuarded: Bool = false
    /// The barrier that bounds each refund by what its payment has left to refund, where the design has one
    /// (refund rails, or the input's own rule that refunds never exceed what was collected), and the rails
    /// that carry refunds (one list, or none); empty when it has none.
    public var refundBarrier: [RefundBarrier] = []
    public struct RefundBarrier: Sendable, Codable {
        public var number: Int
        public var rails: [String]
    }
    /// The flow's bullets for a rail that has not answered by its deadline, one per distinct answer.
    public var timeoutFlows: [String]
    public var provenance: [Provenance]
}
