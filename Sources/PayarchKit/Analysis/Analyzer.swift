/// Turns the three input variables into `DesignFacts`. Built once per rule book (it compiles the
/// vocabularies), then used for any number of inputs.
public struct Analyzer: Sendable {
    public static let railsVariable = "payment_rails"
    public static let throughputVariable = "throughput_requirements"
    public static let consistencyVariable = "consistency_constraints"
    /// More rails than any real gateway integrates; beyond it the input is treated as noise.
    public static let maxRails = 32
    /// Far beyond any payment system; a larger figure is a typo, and sizing arithmetic would overflow.
    public static let maxTps = 1_000_000_000.0
    /// A latency target beyond a day is a typo (or an attack on the arithmetic), not a requirement.
    public static let maxLatencyMilliseconds = 86_400_000.0

    let rules: RuleBook
    let rails: RailAnalyzer
    let throughput: ThroughputAnalyzer
    let consistency: ConsistencyAnalyzer

    public init(rules: RuleBook) {
        self.rules = rules
        rails = RailAnalyzer(rules: rules)
        throughput = ThroughputAnalyzer(rules: rules.throughput)
        consistency = ConsistencyAnalyzer(vocabulary: rules.vocabulary)
    }

    /// The facts, plus warnings (such as contradictory consistency statements) that do not stop the run.
    public func analyze(_ inputs: InputSet) throws(PayarchError) -> (DesignFacts, [Diagnostic]) {
        func value(_ name: String) throws(PayarchError) -> String {
            guard let value = inputs[name]?.value else {
                throw PayarchError.data(
                    at: nil, id: "input.analyzer-variable",
                    "payarch designs from the variables \(Self.railsVariable), \(Self.throughputVariable) and \(Self.consistencyVariable); '\(name)' has no value")
            }
            return value
        }
        var mentions = rails.analyze(try value(Self.railsVariable), variable: Self.railsVariable)
        if mentions.count > Self.maxRails {
            throw PayarchError.data(
                at: inputs[Self.railsVariable]?.location, id: "input.too-many-rails",
                "\(Self.railsVariable) names \(mentions.count) rails; payarch designs for at most \(Self.maxRails)")
        }
        var assumptions: [Assumption] = []
        if mentions.isEmpty {
            let generic = rules.railClass(rules.unknownRailClass)?.name ?? rules.unknownRailClass
            mentions.append(
                RailMention(id: nil, name: "unspecified processor", railClass: rules.unknownRailClass, known: false, phrase: nil))
            assumptions.append(
                Assumption(
                    id: "rails.none",
                    text: "No payment rail is recognised in \(Self.railsVariable); the design treats it as one generic \(generic)."))
        }
        for mention in mentions where !mention.known && mention.phrase != nil {
            assumptions.append(
                Assumption(
                    id: "rails.unknown",
                    text: "\(mention.name) is not in payarch's rail lexicon; it is treated as a generic \(rules.railClass(mention.railClass)?.name ?? mention.railClass) with a key header, and every rail-specific detail must be confirmed with its provider."))
        }
        let governing = mentions.max { lhs, rhs in
            (rules.railClass(lhs.railClass)?.rank ?? 0) < (rules.railClass(rhs.railClass)?.rank ?? 0)
        }?.railClass ?? rules.unknownRailClass
        let (throughputFacts, throughputAssumptions) = throughput.analyze(
            try value(Self.throughputVariable), variable: Self.throughputVariable)
        let peak = throughputFacts.designPeak.tps
        guard peak.isFinite, peak <= Self.maxTps else {
            throw PayarchError.data(
                at: inputs[Self.throughputVariable]?.location, id: "input.tps-out-of-range",
                "\(Self.throughputVariable) gives a peak of \(ThroughputAnalyzer.format(peak)) TPS; payarch sizes designs up to \(ThroughputAnalyzer.format(Self.maxTps)) TPS")
        }
        if let target = throughputFacts.latency.first(where: { !$0.milliseconds.isFinite || $0.milliseconds > Self.maxLatencyMilliseconds }) {
            throw PayarchError.data(
                at: inputs[Self.throughputVariable]?.location, id: "input.latency-out-of-range",
                "\(Self.throughputVariable) gives a latency target of \(ThroughputAnalyzer.format(target.milliseconds)) ms in '\(target.phrase.text)'; payarch reads latency targets up to one day")
        }
        var (consistencyFacts, consistencyAssumptions, warnings) = consistency.analyze(
            try value(Self.consistencyVariable), variable: Self.consistencyVariable)
        // Point warnings at the value they are about, when it came from a file.
        for index in warnings.indices where warnings[index].location == nil {
            warnings[index].location = inputs[Self.consistencyVariable]?.location
        }
        let facts = DesignFacts(
            rails: mentions, governingClass: governing, throughput: throughputFacts, consistency: consistencyFacts,
            assumptions: assumptions + throughputAssumptions + consistencyAssumptions)
        return (facts, warnings)
    }
}
