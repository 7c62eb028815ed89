/// Capacity figures derived from the design peak, the chosen store and the rail classes present, with
/// the planning figures in `rules/throughput.yml`; each keeps its arithmetic so the document can show it.
///
/// - Shards follow the store: one primary stays one (and a load beyond its planning figure is a warning,
///   not a silent second shard); hash shards are a power of two, at least two; a distributed or
///   key-value store splits itself.
/// - Little's law uses mean times: a connection is held for the mean database time per payment, a rail
///   call for the slowest present class's mean call time.
/// - Each synchronous rail class keeps its own deadline (its scheme or API timeout); a latency target
///   shorter than a deadline is stated as a conflict, never enforced by cutting the rail call short.
/// - A peak above a published network capacity is a feasibility warning.
public struct Sizing: Sendable, Codable, Hashable {
    public struct Deadline: Sendable, Codable, Hashable {
        public var railClass: String
        public var milliseconds: Double
        public var basis: String
        /// False for a planning figure with no published source.
        public var published: Bool
        public var source: String?
    }

    public var peakTps: Double
    public var headroom: Double
    public var targetTps: Double
    public var storeKind: String
    /// Nil when the store splits itself (distributed and key-value stores).
    public var shards: Int?
    public var peakPerShard: Double?
    public var paymentsPerShard: Double
    public var eventsPerPayment: Double
    public var eventsPerSecond: Double
    public var messagesPerPartition: Double
    public var streamPartitions: Int
    public var databaseMilliseconds: Double
    /// Connections in use per shard (or in total, when the store splits itself).
    public var connections: Int
    /// The slowest mean rail call among the classes present, and its class.
    public var railMeanMilliseconds: Double
    public var railMeanClass: String
    /// A class whose planning mean call time is above the latency target.
    public struct MeanConflict: Sendable, Codable, Hashable {
        public var railClass: String
        public var milliseconds: Double
    }

    public var meanConflicts: [MeanConflict]
    public var railConcurrency: Int
    public var deadlines: [Deadline]
    /// The tightest latency target of the input, in milliseconds.
    public var latencyTargetMilliseconds: Double?
    /// Classes whose own deadline is longer than the latency target.
    public var latencyConflicts: [Deadline]
    public var warnings: [String]

    public init(
        peakTps: Double, planning: ThroughputRules.Planning, storeKind: String = "single-primary",
        lifecycles: [ClassLifecycle] = [], latencyTarget: Double? = nil, capacities: [ThroughputRules.Capacity] = [], rails: Set<String> = [],
        batchedClasses: Set<String> = [], fallbackRails: Set<String> = [], railCount: Int = 1, railNames: [String: String] = [:]
    ) {
        self.peakTps = peakTps
        self.storeKind = storeKind
        headroom = planning.headroom
        paymentsPerShard = planning.paymentsPerShard
        messagesPerPartition = planning.messagesPerPartition
        eventsPerPayment = planning.eventsPerPayment
        databaseMilliseconds = planning.databaseSecondsPerPayment * 1000
        let target = peakTps * planning.headroom
        targetTps = target
        var warnings: [String] = []
        switch storeKind {
        case "sharded":
            shards = max(2, Self.powerOfTwo(atLeast: (target / planning.paymentsPerShard).rounded(.up)))
        case "distributed", "key-value":
            shards = nil
        default:
            shards = 1
            if target > planning.paymentsPerShard {
                warnings.append(
                    "The target of \(ThroughputFormat.format(target)) TPS is above the \(ThroughputFormat.format(planning.paymentsPerShard)) payments/s planned for one primary; measure the primary under load, or move to the sharded layout.")
            }
        }
        peakPerShard = shards.map { peakTps / Double($0) }
        eventsPerSecond = peakTps * planning.eventsPerPayment
        streamPartitions = max(
            shards ?? 1, Self.powerOfTwo(atLeast: (eventsPerSecond * planning.headroom / planning.messagesPerPartition).rounded(.up)))
        // Little's law: items in the system = arrival rate × mean time each one spends there.
        let perShard = (peakPerShard ?? peakTps) * planning.headroom
        connections = max(4, Self.count(perShard * planning.databaseSecondsPerPayment))
        // Calls per payment only for classes that call per payment; a batched class submits files.
        let perPayment = lifecycles.filter { !batchedClasses.contains($0.railClass) }
        let slowest = perPayment.max { $0.meanMilliseconds < $1.meanMilliseconds }
        railMeanMilliseconds = slowest?.meanMilliseconds ?? 0
        railMeanClass = slowest?.railClass ?? ""
        railConcurrency = slowest == nil ? 0 : max(4, Self.count(target * railMeanMilliseconds / 1000))
        // A typical call slower than the latency target: most requests cannot be answered in time.
        meanConflicts = latencyTarget.map { target in
            perPayment.filter { $0.deadline != nil && $0.meanMilliseconds > target }.map { MeanConflict(railClass: $0.railClass, milliseconds: $0.meanMilliseconds) }
        } ?? []
        let deadlines = lifecycles.compactMap { lifecycle in
            lifecycle.deadline.map {
                Deadline(railClass: lifecycle.railClass, milliseconds: $0.milliseconds, basis: $0.text, published: $0.source != nil, source: $0.source)
            }
        }
        self.deadlines = deadlines
        latencyTargetMilliseconds = latencyTarget
        latencyConflicts = latencyTarget.map { target in deadlines.filter { $0.milliseconds > target } } ?? []
        // A capacity of one rail is measured against the whole peak only when that rail is the only one;
        // beside other rails it is the rail's share that must fit, and a fallback carries the peak only
        // while the primary is down.
        for capacity in capacities
        where (lifecycles.contains { capacity.classes.contains($0.railClass) } || capacity.rails.contains(where: rails.contains))
            && peakTps > capacity.tps
        {
            let ratio = ThroughputFormat.format((peakTps / capacity.tps * 10).rounded() / 10) + "× " + capacity.name
            let basis = "(\(capacity.text); \(capacity.source)); \(capacity.advice)."
            let peak = "the design peak of \(ThroughputFormat.format(peakTps)) TPS"
            let named = capacity.rails.filter(rails.contains)
            let names = named.map { railNames[$0] ?? $0 }.joined(separator: " and ")
            if !named.isEmpty, named.allSatisfy(fallbackRails.contains) {
                warnings.append("As a fallback, \(names) carries load only while the rail it backs up is down, but if it had to carry \(peak), that would be \(ratio) \(basis)")
            } else if !named.isEmpty, railCount > 1 {
                warnings.append("If all of \(peak) went through \(names), it would be \(ratio); size its share against that figure \(basis)")
            } else {
                warnings.append("The design peak of \(ThroughputFormat.format(peakTps)) TPS is \(ratio) \(basis)")
            }
        }
        self.warnings = warnings
    }

    /// A figure rounded up to a whole count, clamped so no input can overflow the conversion.
    static func count(_ value: Double) -> Int {
        guard value.isFinite else { return value > 0 ? 1 << 40 : 0 }
        return Int(min(max(value, 0), Double(1 << 40)).rounded(.up))
    }

    static func powerOfTwo(atLeast value: Double) -> Int {
        var result = 1
        while Double(result) < value, result < 1 << 20 { result <<= 1 }
        return result
    }
}
