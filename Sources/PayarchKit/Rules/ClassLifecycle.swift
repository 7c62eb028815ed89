/// What happens to a payment on one rail class, from `rules/lifecycle/<class>.yml`: the events that can
/// charge twice or lose money and how the design handles each, how an unknown outcome is resolved, how
/// long the rail may take, the compensations per stage, and the class's own steps of the flow. A design
/// shows only the lifecycle of the classes its rails belong to.
public struct ClassLifecycle: Sendable, Codable, Hashable {
    public enum Risk: String, Sendable, Codable, Hashable, CaseIterable {
        case doubleCharge = "double-charge"
        case loss
        case none
    }

    public struct Event: Sendable, Codable, Hashable {
        public var id: String
        public var name: String
        public var risk: Risk
        public var text: String
        public var handling: String
        public var source: String
        /// The rail ids this event is specific to; empty when it holds for every rail of the class.
        public var rails: [String] = []
        /// Shown only in a design with more than one rail (falling back to another rail).
        public var severalRails: Bool = false
        /// Shown only with more than one rail of this class (routing between PSPs).
        public var severalInClass: Bool = false
        /// Per rail, the source that documents this event for that rail, shown instead of `source` when the
        /// rail is given.
        public var railSources: [RailSource] = []
        /// The class-wide events this rail-specific event says more precisely for its rails: the class-wide
        /// one is left out when every rail of the class in the design has an event covering it.
        public var covers: [String] = []
        /// Shown only when a rail of the class is given for this channel or with none.
        public var channel: String? = nil
        /// Shown only when a rail of the class is given this way (or with no direction).
        public var direction: String? = nil
        /// Shown only when the input states this mode (`modes:` in `reading/rail-words.yml`).
        public var mode: String? = nil
        /// Left out when the input states this mode (a custody platform replaces your own signer).
        public var unlessMode: String? = nil
    }

    public struct RailSource: Sendable, Codable, Hashable {
        public var rail: String
        public var source: String
    }

    /// A sentence of the flow or a check, with the rails it is specific to (empty: every rail of the class).
    /// An item tagged with a `direction` (`credit`: money you send, `debit`: money you collect) applies only
    /// when a rail of the class is given that way or without a direction.
    public struct Item: Sendable, Codable, Hashable {
        public var text: String
        public var rails: [String] = []
        public var direction: String? = nil
        public var severalRails: Bool = false
        public var severalInClass: Bool = false
        public var channel: String? = nil
        public var mode: String? = nil
        public var unlessMode: String? = nil
    }

    /// How long the design waits for the rail's own answer before recording `UNKNOWN`.
    public struct Deadline: Sendable, Codable, Hashable {
        public var milliseconds: Double
        public var text: String
        /// Nil when the figure is a planning figure, not a published one.
        public var source: String?
    }

    public struct Compensation: Sendable, Codable, Hashable {
        public var stage: String
        public var text: String
        public var rails: [String] = []
        public var direction: String? = nil
        public var severalRails: Bool = false
        public var channel: String? = nil
        /// The stages of class-wide compensations this rail-specific one states more precisely.
        public var covers: [String] = []
        public var mode: String? = nil
        public var unlessMode: String? = nil
    }

    /// Replaces what the catalogue says about each rail of the class when this lifecycle does not use the
    /// rails' own mechanism (resource managers linked by an outbox open no XA branch, so their `Xid` and
    /// recovery facts do not apply): the rails' facts and checks are then not shown either.
    public struct RailOverride: Sendable, Codable, Hashable {
        public var nativeKey: String
        public var unknownOutcome: String
        public var reconciliationArtefact: String
        /// The topics of the rail's own facts that still hold under this class (a credit received keeps
        /// its scheme's return and recall windows, not how a sender resolves a timeout); none when empty.
        public var factTopics: [String] = []
    }

    /// How the client is answered when the rail has not answered by the deadline, where it differs from
    /// the default (`202` with the payment id, then the completer resolves it): a card network's host
    /// declines the payment and reverses it instead.
    public struct TimeoutAnswer: Sendable, Codable, Hashable {
        /// The flow bullet, a whole sentence.
        public var flow: String
        /// The call in the sequence diagram ("0100 with a new STAN, stored first").
        public var call: String
        /// The answer to the client in the sequence diagram's timeout branch.
        public var answer: String
        /// What the design does when a stated latency target is shorter than the deadline.
        public var latencyConflict: String
    }

    public var railClass: String
    public var railOverride: RailOverride?
    public var timeoutAnswer: TimeoutAnswer?
    /// The coordination patterns this lifecycle is written for; empty for every pattern. A class may have
    /// one lifecycle per pattern family (resource managers under a global transaction, or linked by an
    /// outbox), chosen by the design's pattern.
    public var patterns: [String] = []
    /// The rest of a sentence that starts "A payment on this class …".
    public var lifecycle: String
    /// Terminal states as Markdown code spans.
    public var states: String
    public var unknownOutcome: String
    /// The same as a noun phrase: "resolved by <resolver>".
    public var resolver: String
    /// How a failed or unanswered call of this class may be tried again, as a sentence.
    public var retry: String = ""
    /// How work that does not arrive as an HTTP request with a client key (a file, an inbound scheme
    /// message, a chain deposit) is keyed, as sentences that may be tagged like flow steps.
    public var ingress: [Item] = []
    /// Whether the class pushes money out, so the design holds the funds before the irrevocable send; a
    /// pull (a debit, a card payment) has nothing of ours to hold.
    public var holdsFunds: Bool = false
    /// How late events arrive and are deduplicated.
    public var lateEvents: String
    /// Nil for classes that answer asynchronously (files, confirmations, the transaction manager's log).
    public var deadline: Deadline?
    /// The typical time of one rail call, for concurrency sizing.
    public var meanMilliseconds: Double
    public var meanBasis: String
    public var events: [Event]
    public var compensations: [Compensation]
    /// The class's own steps of the transaction flow; `{rails}` stands for the rail names.
    public var flow: [Item]
    /// Phrases a design whose rails are all of this class must never contain.
    public var forbidden: [String]
    /// Items to confirm before relying on them (unconfirmed, never stated as facts).
    public var checks: [Item]
    public var sources: [String]
    public var location: SourceLocation

    public init(
        railClass: String, lifecycle: String, states: String, unknownOutcome: String, resolver: String, lateEvents: String,
        deadline: Deadline?, meanMilliseconds: Double, meanBasis: String, events: [Event], compensations: [Compensation],
        flow: [Item], forbidden: [String], checks: [Item], sources: [String], location: SourceLocation
    ) {
        self.railClass = railClass
        self.lifecycle = lifecycle
        self.states = states
        self.unknownOutcome = unknownOutcome
        self.resolver = resolver
        self.lateEvents = lateEvents
        self.deadline = deadline
        self.meanMilliseconds = meanMilliseconds
        self.meanBasis = meanBasis
        self.events = events
        self.compensations = compensations
        self.flow = flow
        self.forbidden = forbidden
        self.checks = checks
        self.sources = sources
        self.location = location
    }

    /// Whether an item tagged with `rails` applies to a design whose known rail ids are `given`: an untagged
    /// item applies to every rail of the class, a tagged one only when one of its rails was given.
    public static func applies(_ rails: [String], to given: Set<String>) -> Bool {
        rails.isEmpty || rails.contains(where: given.contains)
    }

    /// The lifecycle as it applies to the rails given: the events, compensations, flow steps and checks
    /// that are generic to the class or specific to one of those rails.
    /// `directions` are the ways the class's rails are given (a rail given with no direction counts as
    /// both); items for another direction are left out.
    /// `severalRails` says whether the design has more than one rail; items about moving a payment between
    /// rails are left out otherwise, and items about routing between rails of this class when `classRails`
    /// has only one.
    /// `classRails` are the class's rails in the design (nil for a rail payarch does not know): a class-wide
    /// event that a rail-specific one covers for every one of them is left out.
    /// `modes` are the modes the input states; an item tagged with another mode is left out, and so is one
    /// tagged `unlessMode` with one of them.
    public func narrowed(
        to given: Set<String>, directions: Set<String> = Self.directions, severalRails: Bool = true, classRails: [String?] = [],
        channels: Set<String> = Self.channels, modes: Set<String> = []
    ) -> ClassLifecycle {
        let severalInClass = classRails.isEmpty || classRails.count > 1
        var copy = self
        /// Whether an item with these tags belongs in the design.
        func keeps(
            _ rails: [String], _ direction: String?, _ needsSeveral: Bool, _ needsSeveralInClass: Bool, _ channel: String?, _ mode: String?,
            _ unlessMode: String?
        ) -> Bool {
            Self.applies(rails, to: given) && (direction.map(directions.contains) ?? true) && (severalRails || !needsSeveral)
                && (severalInClass || !needsSeveralInClass) && (channel.map(channels.contains) ?? true) && (mode.map(modes.contains) ?? true)
                && !(unlessMode.map(modes.contains) ?? false)
        }
        /// Whether every rail of the class in the design has a rail-specific item that covers a class-wide one.
        func coveredForEveryRail(_ isClassWide: Bool, _ covering: (String) -> Bool) -> Bool {
            guard isClassWide, !classRails.isEmpty else { return false }
            return classRails.allSatisfy { rail in rail.map(covering) ?? false }
        }
        copy.events = events.filter { event in
            keeps(event.rails, event.direction, event.severalRails, event.severalInClass, event.channel, event.mode, event.unlessMode)
                && !coveredForEveryRail(event.rails.isEmpty) { rail in events.contains { $0.rails.contains(rail) && $0.covers.contains(event.id) } }
        }
        copy.compensations = compensations.filter { item in
            keeps(item.rails, item.direction, item.severalRails, false, item.channel, item.mode, item.unlessMode)
                && !coveredForEveryRail(item.rails.isEmpty) { rail in compensations.contains { $0.rails.contains(rail) && $0.covers.contains(item.stage) } }
        }
        copy.flow = flow.filter { keeps($0.rails, $0.direction, $0.severalRails, $0.severalInClass, $0.channel, $0.mode, $0.unlessMode) }
        copy.ingress = ingress.filter { keeps($0.rails, $0.direction, $0.severalRails, $0.severalInClass, $0.channel, $0.mode, $0.unlessMode) }
        copy.checks = checks.filter { keeps($0.rails, $0.direction, $0.severalRails, $0.severalInClass, $0.channel, $0.mode, $0.unlessMode) }
        return copy
    }

    /// The directions an item may be tagged with.
    public static let directions: Set<String> = ["credit", "debit"]
    /// The channels an item may be tagged with.
    public static let channels: Set<String> = ["card-present", "card-not-present"]
}
