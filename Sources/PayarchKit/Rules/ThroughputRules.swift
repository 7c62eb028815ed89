/// Throughput bands and planning figures from `rules/throughput.yml`.
public struct ThroughputRules: Sendable {
    public struct Band: Sendable, Hashable {
        public var id: String
        public var name: String
        public var from: Double
        public var to: Double
    }

    public struct Planning: Sendable, Hashable {
        public var peakToSustained: Double
        public var defaultPeakTps: Double
        public var headroom: Double
        public var paymentsPerShard: Double
        public var messagesPerPartition: Double
        public var databaseSecondsPerPayment: Double
        public var eventsPerPayment: Double
    }

    /// A published capacity of a network some rail classes run over.
    public struct Capacity: Sendable, Hashable {
        public var classes: [String]
        public var name: String
        public var tps: Double
        public var text: String
        public var source: String
    }

    public var bands: [Band]
    public var planning: Planning
    public var capacities: [Capacity]

    public func band(forPeak tps: Double) -> Band {
        bands.first { tps >= $0.from && tps < $0.to } ?? bands[bands.count - 1]
    }
}
