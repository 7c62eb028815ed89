/// Throughput bands and planning figures from `rules/throughput.yml`.
public struct ThroughputRules: Sendable, Codable {
    public struct Band: Sendable, Codable, Hashable {
        public var id: String
        public var name: String
        public var from: Double
        public var to: Double
    }

    public struct Planning: Sendable, Codable, Hashable {
        public var peakToSustained: Double
        public var defaultPeakTps: Double
        public var headroom: Double
        public var paymentsPerShard: Double
        public var messagesPerPartition: Double
        public var databaseSecondsPerPayment: Double
        public var eventsPerPayment: Double
        /// Row or item writes per payment, for stores sized by writes.
        public var writesPerPayment: Double = 6
    }

    /// A published capacity of a network some rail classes run over.
    /// A published limit a design peak is checked against: a network's capacity, a provider's default rate
    /// limit, a chain's block space. It applies when a rail of one of `classes`, or one of `rails`, is given.
    public struct Capacity: Sendable, Codable, Hashable {
        public var classes: [String]
        public var rails: [String] = []
        public var name: String
        public var tps: Double
        public var text: String
        public var source: String
        /// What the design should do about a peak above it.
        public var advice: String = "check the figure before sizing anything for it"
        /// A hard ceiling shared by everyone (a chain's block space), not a limit the provider can raise: the
        /// rail calls in flight are sized for at most this rate, and the rest waits to be batched.
        public var ceiling: Bool = false
    }

    /// A store's published write throughput per node, for a node estimate of a distributed store.
    public struct NodeWrites: Sendable, Codable, Hashable {
        public var engine: String
        /// Rows of 1 KB per second per node at full CPU, in one region and across regions.
        public var regional: Double
        public var multiRegion: Double
        /// The share of that peak a plan counts on.
        public var utilisation: Double
        public var text: String
        public var source: String
    }

    public var bands: [Band]
    public var planning: Planning
    public var capacities: [Capacity]
    public var nodeWrites: [NodeWrites] = []

    public func band(forPeak tps: Double) -> Band {
        bands.first { tps >= $0.from && tps < $0.to } ?? bands[bands.count - 1]
    }
}
