/// Capacity figures derived from the design peak with the planning figures in `rules/throughput.yml`,
/// each kept with its arithmetic so the document can show it.
public struct Sizing: Sendable, Codable, Hashable {
    public var peakTps: Double
    public var headroom: Double
    public var shards: Int
    public var peakPerShard: Double
    public var streamPartitions: Int
    public var eventsPerSecond: Double
    public var connectionsPerShard: Int
    public var processorConcurrency: Int
    public var paymentsPerShard: Double
    public var messagesPerPartition: Double
    public var eventsPerPayment: Double
    public var databaseMilliseconds: Double
    public var processorMilliseconds: Double

    public init(peakTps: Double, planning: ThroughputRules.Planning) {
        self.peakTps = peakTps
        headroom = planning.headroom
        paymentsPerShard = planning.paymentsPerShard
        messagesPerPartition = planning.messagesPerPartition
        eventsPerPayment = planning.eventsPerPayment
        databaseMilliseconds = planning.databaseSecondsPerPayment * 1000
        processorMilliseconds = planning.processorSecondsP99 * 1000
        let target = peakTps * planning.headroom
        shards = Self.powerOfTwo(atLeast: (target / planning.paymentsPerShard).rounded(.up))
        peakPerShard = peakTps / Double(shards)
        eventsPerSecond = peakTps * planning.eventsPerPayment
        streamPartitions = max(
            shards, Self.powerOfTwo(atLeast: (eventsPerSecond * planning.headroom / planning.messagesPerPartition).rounded(.up)))
        // Little's law: connections in use = arrival rate × time each payment holds one.
        connectionsPerShard = max(4, Self.count(peakPerShard * planning.headroom * planning.databaseSecondsPerPayment))
        processorConcurrency = max(4, Self.count(target * planning.processorSecondsP99))
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
