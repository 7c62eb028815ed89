/// What a word of `throughput_requirements` means to the throughput and latency readers.
enum ThroughputWord: Sendable, Hashable {
    case perSecond
    case period(Double)
    case periodAdjective(Double)
    case per
    case countNoun
    case subject(String)
    case peak
    case sustained
    case combined
    case part
    case multiplier
    case multiplierPhrase(Double)
    case percentIncrease
    case headroom
    case notPaymentRate
    /// A provider's limit on calls ("rate limit of 100 req/s"): not a load.
    case limit
    /// Notifications arriving from the rails ("webhooks", "callbacks"): sized apart from the payments.
    case inbound
    case approximator
    case restatement
    case batchUnit
    case duration(Double)
    case percentile(Double)
    case latency
    /// The target covers only the service's own part ("our side", "excluding PSP time").
    case serviceOnly
    /// The target is for reads ("balance read", "lookups"), not payments.
    case readPath
    /// A noun that counts things, not payments ("stores", "terminals").
    case population
    case timeout
    case subSecond
    case rail(String)
}

/// The throughput words of a text, one (or none) per token, from longest-first non-overlapping matches.
struct ThroughputWords {
    let at: [ThroughputWord?]
    /// The first token of the match each token belongs to.
    let start: [Int]
    let end: [Int]

    init(_ text: ReadingText, gazetteer: Gazetteer<ThroughputWord>) {
        var at = [ThroughputWord?](repeating: nil, count: text.tokens.count)
        var start = Array(text.tokens.indices)
        var end = text.tokens.indices.map { $0 + 1 }
        for match in gazetteer.matches(in: text.tokens) {
            for index in match.first..<match.last {
                at[index] = match.payload
                start[index] = match.first
                end[index] = match.last
            }
        }
        self.at = at
        self.start = start
        self.end = end
    }

    subscript(_ index: Int) -> ThroughputWord? { index >= 0 && index < at.count ? at[index] : nil }

    func isBatchUnit(_ index: Int) -> Bool { if case .batchUnit = self[index] { return true } else { return false } }
    /// A period or duration word ("hours", "minutes", "ms") right where a figure's noun would be.
    func isTimeLength(_ index: Int) -> Bool {
        switch self[index] {
        case .period, .duration: true
        default: false
        }
    }
    func isPopulation(_ index: Int) -> Bool { if case .population = self[index] { return true } else { return false } }
    func isPart(_ index: Int) -> Bool { if case .part = self[index] { return true } else { return false } }
}
