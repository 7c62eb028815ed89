import Foundation

/// Reads TPS figures and latency targets from `throughput_requirements`: `10,000 TPS`, `10k`, `1.2M TPS`,
/// `500 TPS sustained`, `rps`, per-minute/hour/day volumes (converted), `3x baseline`, `P99 under 300 ms`,
/// `sub-second`.
public struct ThroughputAnalyzer: @unchecked Sendable {
    let rules: ThroughputRules

    private static let number = "(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)"
    private static let suffix = "(?:\\s*(k|thousand|m|mm|million|bn|billion)\\b)?"
    private static let rate = try! NSRegularExpression(
        pattern: "(?<![\\w.,])" + number + suffix
            + "\\s*(?:(tps|rps|qps|ops/s|tx/s|txn/s|txns/s|req/s|/s\\b|/sec\\b)"
            + "|(?:(?:transactions?|payments?|requests?|txns?|orders?|charges?|payouts?|transfers?|messages?|events?)\\s*)?"
            + "(?:per|/|an?|each)\\s*(second|sec|minute|min|hour|hr|day))",
        options: [.caseInsensitive])
    private static let bareThousands = try! NSRegularExpression(
        pattern: "(?<![\\w.,])(\\d+(?:\\.\\d+)?)\\s*(k|m)\\b(?!\\s*(?:ms|s\\b|sec|seconds|/))", options: [.caseInsensitive])
    private static let multiplier = try! NSRegularExpression(
        pattern: "(?<![\\d.,])(\\d+(?:\\.\\d+)?)\\s*(?:x|×|times)\\s+(?:the\\s+|its\\s+|our\\s+)?(baseline|base load|base|normal|average|sustained|steady[- ]state)",
        options: [.caseInsensitive])
    private static let percentile = try! NSRegularExpression(pattern: "\\bp(\\d{2}(?:\\.\\d+)?)\\b", options: [.caseInsensitive])
    private static let duration = try! NSRegularExpression(
        pattern: "(?<![\\w.])(\\d+(?:\\.\\d+)?)\\s*(ms|millis(?:econds?)?|milliseconds?|s|secs?|seconds?)\\b", options: [.caseInsensitive])
    private static let subSecond = try! NSRegularExpression(
        pattern: "\\b(?:sub[- ]?second|under (?:a|one) second|below (?:a|one) second|less than (?:a|one) second)\\b",
        options: [.caseInsensitive])
    private static let peakWords = try! NSRegularExpression(
        pattern: "\\b(?:peak|peaks|burst|bursts|bursty|spike|spikes|flash|max|maximum|top|black friday|cyber monday|holiday)\\b",
        options: [.caseInsensitive])
    private static let sustainedWords = try! NSRegularExpression(
        pattern: "\\b(?:sustained|steady|average|avg|typical|normal|continuous|daily|per day|a day)\\b", options: [.caseInsensitive])
    private static let baselineWords = try! NSRegularExpression(
        pattern: "\\b(?:baseline|base load|base)\\b", options: [.caseInsensitive])
    private static let batchWords = try! NSRegularExpression(
        pattern: "\\b(?:batch|batches|batched|batch-oriented|file-based|end-of-day)\\b", options: [.caseInsensitive])
    private static let burstWords = try! NSRegularExpression(
        pattern: "\\b(?:flash sales?|bursts?|bursty|spikes?|black friday|cyber monday)\\b", options: [.caseInsensitive])

    public init(rules: ThroughputRules) {
        self.rules = rules
    }

    private enum Role {
        case peak, sustained, baseline, unqualified

        /// Tie-break between qualifiers at the same distance.
        var rank: Int {
            switch self {
            case .peak: 0
            case .sustained: 1
            case .baseline: 2
            case .unqualified: 3
            }
        }
    }

    private struct Found {
        var tps: Double
        var phrase: SourcedPhrase
        var role: Role
    }

    public func analyze(_ text: String, variable: String) -> (ThroughputFacts, [Assumption]) {
        let ns = text as NSString
        let all = NSRange(location: 0, length: ns.length)
        var found: [Found] = []
        var taken = RangeSet()
        let clauses = Clause.split(text)
        let clauseStarts = clauses.map(\.offset)
        func clauseIndex(_ location: Int) -> Int { RangeSet.lastIndex(atOrBefore: location, in: clauseStarts) ?? 0 }

        // Every qualifier word, found once, grouped by clause; a figure takes the nearest one in its clause.
        var qualifiers: [Int: [(range: NSRange, role: Role)]] = [:]
        for (regex, role) in [(Self.peakWords, Role.peak), (Self.sustainedWords, .sustained), (Self.baselineWords, .baseline)] {
            for match in regex.matches(in: text, range: all) {
                qualifiers[clauseIndex(match.range.location), default: []].append((match.range, role))
            }
        }
        func role(at range: NSRange, defaultRole: Role) -> Role {
            var best: (Int, Role)?
            for qualifier in qualifiers[clauseIndex(range.location)] ?? [] {
                let match = qualifier.range
                let distance = match.location >= range.location + range.length
                    ? match.location - (range.location + range.length)
                    : max(0, range.location - (match.location + match.length))
                if best == nil || distance < best!.0 || (distance == best!.0 && qualifier.role.rank < best!.1.rank) {
                    best = (distance, qualifier.role)
                }
            }
            return best?.1 ?? defaultRole
        }

        for match in Self.rate.matches(in: text, range: all) {
            guard var value = Self.value(ns.substring(with: match.range(at: 1))) else { continue }
            value *= Self.scale(match.range(at: 2).location == NSNotFound ? nil : ns.substring(with: match.range(at: 2)))
            var defaultRole = Role.unqualified
            if match.range(at: 4).location != NSNotFound {
                switch ns.substring(with: match.range(at: 4)).lowercased() {
                case "minute", "min": value /= 60
                case "hour", "hr":
                    value /= 3600
                    defaultRole = .sustained
                case "day":
                    value /= 86_400
                    defaultRole = .sustained
                default: break
                }
            }
            let phrase = SourcedPhrase(variable: variable, text: ns.substring(with: match.range), offset: match.range.location)
            found.append(Found(tps: value, phrase: phrase, role: role(at: match.range, defaultRole: defaultRole)))
            taken.insert(match.range)
        }
        for match in Self.bareThousands.matches(in: text, range: all) where !taken.intersects(match.range) {
            guard let value = Self.value(ns.substring(with: match.range(at: 1))) else { continue }
            let tps = value * Self.scale(ns.substring(with: match.range(at: 2)))
            let phrase = SourcedPhrase(variable: variable, text: ns.substring(with: match.range), offset: match.range.location)
            found.append(Found(tps: tps, phrase: phrase, role: role(at: match.range, defaultRole: .unqualified)))
        }

        var peak = found.filter { $0.role == .peak }.max { $0.tps < $1.tps }
        var sustained = found.filter { $0.role == .sustained }.max { $0.tps < $1.tps }
        var baseline = found.filter { $0.role == .baseline }.max { $0.tps < $1.tps }
        let unqualified = found.filter { $0.role == .unqualified }.sorted { $0.tps < $1.tps }
        if peak == nil, let top = unqualified.last { peak = top }
        if sustained == nil, unqualified.count > 1, let low = unqualified.first, low.tps < (peak?.tps ?? .infinity) {
            sustained = low
        }

        var peakFigure = peak.map { ThroughputFacts.Figure(tps: $0.tps, phrase: $0.phrase, derivation: nil) }
        var baselineFigure = baseline.map { ThroughputFacts.Figure(tps: $0.tps, phrase: $0.phrase, derivation: nil) }
        let sustainedFigure = sustained.map { ThroughputFacts.Figure(tps: $0.tps, phrase: $0.phrase, derivation: nil) }
        if let match = Self.multiplier.firstMatch(in: text, range: all),
            let factor = Self.value(ns.substring(with: match.range(at: 1))), factor > 0
        {
            let phrase = SourcedPhrase(variable: variable, text: ns.substring(with: match.range), offset: match.range.location)
            let base = baselineFigure ?? sustainedFigure
            if peakFigure == nil, let base {
                peakFigure = .init(tps: base.tps * factor, phrase: phrase, derivation: "\(Self.format(factor)) × \(Self.format(base.tps)) TPS")
            } else if baselineFigure == nil, sustainedFigure == nil, let peakValue = peakFigure {
                baselineFigure = .init(tps: peakValue.tps / factor, phrase: phrase, derivation: "\(Self.format(peakValue.tps)) TPS ÷ \(Self.format(factor))")
            }
        }
        baseline = nil

        var assumptions: [Assumption] = []
        let designPeak: ThroughputFacts.Figure
        if let peakFigure {
            designPeak = peakFigure
        } else if let base = sustainedFigure ?? baselineFigure {
            let factor = rules.planning.peakToSustained
            designPeak = .init(
                tps: base.tps * factor, phrase: base.phrase,
                derivation: "\(Self.format(factor)) × \(Self.format(base.tps)) TPS")
            assumptions.append(
                Assumption(
                    id: "throughput.peak-from-sustained",
                    text: "No peak figure is given; the design is sized for a peak of \(Self.format(base.tps * factor)) TPS, \(Self.format(factor)) × the stated \(Self.format(base.tps)) TPS."))
        } else {
            designPeak = .init(tps: rules.planning.defaultPeakTps, phrase: nil, derivation: "assumed")
            assumptions.append(
                Assumption(
                    id: "throughput.no-figure",
                    text: "No TPS figure is given; the design is sized for a peak of \(Self.format(rules.planning.defaultPeakTps)) TPS. Replace it with a measured peak before sizing hardware."))
        }

        var latency: [ThroughputFacts.LatencyTarget] = []
        for clause in clauses {
            let range = NSRange(location: clause.offset, length: (clause.text as NSString).length)
            let percentile = Self.percentile.firstMatch(in: text, range: range).flatMap { Double(ns.substring(with: $0.range(at: 1))) }
            if let sub = Self.subSecond.firstMatch(in: text, range: range) {
                latency.append(.init(percentile: percentile, milliseconds: 1000, phrase: .init(variable: variable, text: clause.text.trimmingCharacters(in: .whitespaces), offset: sub.range.location)))
                continue
            }
            for match in Self.duration.matches(in: text, range: range) where !taken.intersects(match.range) {
                guard let amount = Self.value(ns.substring(with: match.range(at: 1))) else { continue }
                let unit = ns.substring(with: match.range(at: 2)).lowercased()
                let ms = unit.hasPrefix("m") ? amount : amount * 1000
                latency.append(.init(percentile: percentile, milliseconds: ms, phrase: .init(variable: variable, text: clause.text.trimmingCharacters(in: .whitespaces), offset: match.range.location)))
                break
            }
        }

        func phrase(_ regex: NSRegularExpression) -> SourcedPhrase? {
            regex.firstMatch(in: text, range: all).map {
                SourcedPhrase(variable: variable, text: ns.substring(with: $0.range), offset: $0.range.location)
            }
        }
        let facts = ThroughputFacts(
            peak: peakFigure, sustained: sustainedFigure, baseline: baselineFigure, latency: latency,
            batch: phrase(Self.batchWords), burst: phrase(Self.burstWords), designPeak: designPeak,
            band: rules.band(forPeak: designPeak.tps).id)
        return (facts, assumptions)
    }

    static func value(_ text: String) -> Double? {
        Double(text.replacingOccurrences(of: ",", with: ""))
    }

    static func scale(_ suffix: String?) -> Double {
        switch suffix?.lowercased() {
        case "k", "thousand": 1_000
        case "m", "mm", "million": 1_000_000
        case "bn", "billion": 1_000_000_000
        default: 1
        }
    }

    /// A TPS figure as people write it: `10,000`, `1.5`, `0.23`; locale-independent.
    public static func format(_ value: Double) -> String {
        guard value.isFinite else { return value > 0 ? "∞" : "-∞" }
        // Beyond what an Int holds exactly, scientific notation (only nonsense inputs get here).
        if value.magnitude >= 1e15 {
            return String(format: "%.3g", locale: Locale(identifier: "en_US_POSIX"), value)
        }
        if value >= 100 || value == value.rounded() {
            let rounded = Int(value.rounded())
            let digits = String(abs(rounded))
            var grouped = ""
            for (index, character) in digits.enumerated() {
                if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
                grouped.append(character)
            }
            return (rounded < 0 ? "-" : "") + grouped
        }
        let places = value >= 10 ? 1 : 2
        var text = String(format: "%.\(places)f", locale: Locale(identifier: "en_US_POSIX"), value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
