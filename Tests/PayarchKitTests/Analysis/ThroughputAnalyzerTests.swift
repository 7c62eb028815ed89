import PayarchTestSupport
import Testing
@testable import PayarchKit

@Suite struct ThroughputAnalyzerTests {
    let analyzer = ThroughputAnalyzer(rules: Bundled.rules.throughput)

    func facts(_ text: String) -> ThroughputFacts {
        analyzer.analyze(text, variable: "throughput_requirements").0
    }

    struct Case: Sendable, CustomStringConvertible {
        var text: String
        var peak: Double?
        var sustained: Double?
        var band: String
        var description: String { text }
    }

    static let cases: [Case] = [
        Case(text: "10,000 TPS peak during flash sales, sub-second P99 latency.", peak: 10_000, sustained: nil, band: "high"),
        Case(text: "10k peak", peak: 10_000, sustained: nil, band: "high"),
        Case(text: "1.2M TPS at peak", peak: 1_200_000, sustained: nil, band: "extreme"),
        Case(text: "500 TPS sustained, mostly batch-oriented", peak: nil, sustained: 500, band: "moderate"),
        Case(text: "3,000 rps steady with bursts to 9,000 rps", peak: 9_000, sustained: 3_000, band: "high"),
        Case(text: "60,000 transactions per minute at peak", peak: 1_000, sustained: nil, band: "moderate"),
        Case(text: "3.6 million payments per hour", peak: nil, sustained: 1_000, band: "high"),
        Case(text: "8,640,000 transactions per day", peak: nil, sustained: 100, band: "moderate"),
        Case(text: "Peak is 3x baseline of 200 TPS", peak: 600, sustained: nil, band: "moderate"),
        Case(text: "40 TPS", peak: 40, sustained: nil, band: "low"),
    ]

    @Test(arguments: cases)
    func readsFiguresAndBands(_ expected: Case) {
        let found = facts(expected.text)
        if let peak = expected.peak {
            #expect(found.peak.map { ($0.tps - peak).magnitude < 0.01 } == true, "peak \(String(describing: found.peak))")
        } else {
            #expect(found.peak == nil)
        }
        if let sustained = expected.sustained {
            #expect(found.sustained.map { ($0.tps - sustained).magnitude < 0.01 } == true)
        }
        #expect(found.band == expected.band)
    }

    @Test func multiplierDerivesTheBaseline() {
        let found = facts("40k TPS peak during market spikes, 4x baseline.")
        #expect(found.baseline?.tps == 10_000)
        #expect(found.baseline?.derivation == "40,000 TPS ÷ 4")
        #expect(found.burst?.text == "spikes")
    }

    @Test func sustainedOnlyAssumesAPeak() {
        let (found, assumptions) = analyzer.analyze("500 TPS sustained", variable: "t")
        #expect(found.designPeak.tps == 1_500)
        #expect(assumptions.map(\.id) == ["throughput.peak-from-sustained"])
    }

    @Test func noFigureIsAnAssumptionNotAGuess() {
        let (found, assumptions) = analyzer.analyze("moderate, mostly business hours", variable: "t")
        #expect(found.peak == nil)
        #expect(found.designPeak.tps == Bundled.rules.throughput.planning.defaultPeakTps)
        #expect(assumptions.map(\.id) == ["throughput.no-figure"])
    }

    @Test func latencyTargets() {
        let subSecond = facts("10,000 TPS peak, sub-second P99 latency.").latency
        #expect(subSecond.map(\.milliseconds) == [1000])
        #expect(subSecond.map(\.percentile) == [99])
        let explicit = facts("2k TPS, P99.9 under 300 ms").latency
        #expect(explicit.map(\.milliseconds) == [300])
        #expect(explicit.map(\.percentile) == [99.9])
        let seconds = facts("p95 below 2 s").latency
        #expect(seconds.map(\.milliseconds) == [2000])
    }

    @Test func formatsFiguresWithoutLocale() {
        #expect(ThroughputAnalyzer.format(10_000) == "10,000")
        #expect(ThroughputAnalyzer.format(1_234_567.8) == "1,234,568")
        #expect(ThroughputAnalyzer.format(23.148) == "23.1")
        #expect(ThroughputAnalyzer.format(0.139) == "0.14")
        #expect(ThroughputAnalyzer.format(5) == "5")
        #expect(ThroughputAnalyzer.format(4.4e115) == "4.4E+115")
        #expect(ThroughputAnalyzer.format(.infinity) == "∞")
    }
}
