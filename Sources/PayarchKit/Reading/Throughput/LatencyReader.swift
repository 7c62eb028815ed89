/// Reads latency targets: a duration in milliseconds or seconds ("300ms", "1.5 s", "sub-second") with
/// the percentile of its segment ("p99", "P99.9", "TP99", "p999", "99th percentile", "median"). A
/// duration next to a timeout, window or lag word is a rail's or partner's limit, kept as a timeout and
/// never as the design's target. A duration that spans a window of volume ("built within 90 minutes") is
/// neither.
enum LatencyReader {
    static func read(_ text: ReadingText, words: ThroughputWords, quantities: [QuantityReader.Quantity], windows: [Range<Int>] = [])
        -> ([ThroughputFacts.LatencyTarget], [ThroughputFacts.Timeout])
    {
        let tokens = text.tokens
        // Segments for latency: clauses cut at commas (", p99 180ms").
        var segment = [Int](repeating: 0, count: tokens.count)
        var current = 0
        for index in tokens.indices {
            if index > 0, text.clause[index] != text.clause[index - 1] { current += 1 }
            if tokens[index].text == "," { current += 1 }
            segment[index] = current
        }
        var percentiles: [(index: Int, value: Double)] = []
        for (index, token) in tokens.enumerated() {
            if case .percentile(let value) = words[index], words.start[index] == index {
                var percentile = value
                // "P99.9": the word P99, then ".9" written against it.
                let end = words.end[index]
                if value == value.rounded(), end + 1 < tokens.count, tokens[end].text == ".", !tokens[end].spaceBefore,
                    let fraction = tokens[end + 1].number, !tokens[end + 1].spaceBefore
                {
                    percentile = Double("\(Int(value)).\(tokens[end + 1].text)") ?? (value + fraction / 10)
                }
                percentiles.append((index, percentile))
            } else if let number = token.number, index + 2 < tokens.count, !tokens[index + 1].spaceBefore,
                ["th", "st", "nd", "rd"].contains(tokens[index + 1].lower), tokens[index + 2].lower.hasPrefix("percentile")
            {
                percentiles.append((index, number))
            } else if token.isWord, token.lower.hasPrefix("p") || token.lower.hasPrefix("tp"), words[index] == nil {
                // p75, P99 written with other digits than the listed ones.
                let digits = token.lower.drop { $0 == "t" || $0 == "p" }
                if !digits.isEmpty, digits.allSatisfy(\.isNumber), let value = Double(digits), value > 0, value < 100 {
                    percentiles.append((index, value))
                }
            }
        }
        var targets: [ThroughputFacts.LatencyTarget] = []
        var timeouts: [ThroughputFacts.Timeout] = []
        // Token indices of each segment and the segments with a percentile, found once.
        var tokensBySegment: [Int: [Int]] = [:]
        for index in tokens.indices { tokensBySegment[segment[index], default: []].append(index) }
        let percentileSegments = Set(percentiles.map { segment[$0.index] })
        var durationsRead = 0
        for (index, token) in tokens.enumerated() {
            // As many durations as figures at most (ThroughputReader.maxFigures): the rest are not read.
            if durationsRead >= ThroughputReader.maxFigures { break }
            var milliseconds: Double?
            var first = index
            var last = index + 1
            if case .subSecond = words[index], words.start[index] == index {
                milliseconds = 1000
                last = words.end[index]
            } else if let number = token.number, index + 1 < tokens.count, let seconds = durationSeconds(words[index + 1]),
                words.start[index + 1] == index + 1, seconds <= 60
            {
                // A range of durations reads at its upper bound; the number here is its last one.
                milliseconds = number * seconds * 1000
                last = words.end[index + 1]
                if index >= 2, tokens[index - 1].text == "-", tokens[index - 2].number != nil { first = index - 2 }
            }
            guard let value = milliseconds, !windows.contains(where: { $0.contains(index) }) else { continue }
            // "300 deposits/s for 20 minutes": how long a load lasts, never a latency.
            var before = first - 1
            while before >= 0, ["about", "around", "roughly", "approximately", "approx", "~", "some", "nearly", "almost"].contains(tokens[before].lower) { before -= 1 }
            if before >= 0, tokens[before].lower == "for" { continue }
            // "buying power within 60 seconds of an FPS credit": a deadline from an event, not the request's latency.
            if last < tokens.count, ["of", "after"].contains(tokens[last].lower), !percentileSegments.contains(segment[index]) { continue }
            durationsRead += 1
            let seg = segment[index]
            let segmentTokens = tokensBySegment[seg] ?? []
            let phrase = text.phrase(first, last)
            // A percentile makes it a latency target whatever else the segment says ("deposit confirmation
            // p95 < 350 ms").
            let hasPercentile = percentileSegments.contains(seg)
            let isTimeout = !hasPercentile && segmentTokens.contains { candidate in
                if case .timeout = words[candidate] { return true }
                return ["window", "windows", "hold", "lease"].contains(tokens[candidate].lower)
            }
            if isTimeout {
                timeouts.append(.init(milliseconds: value, phrase: phrase))
                continue
            }
            let percentile = percentiles.filter { segment[$0.index] == seg }.min { abs($0.index - index) < abs($1.index - index) }?.value
            let isLatency = percentile != nil || segmentTokens.contains { candidate in
                if case .latency = words[candidate] { return true }
                if case .subSecond = words[candidate] { return true }
                return false
            }
            guard isLatency else { continue }
            // "our side", "excluding PSP time" in its sentence: the service's own part, rail calls outside it.
            let serviceOnly = tokens.indices.contains { candidate in
                guard text.sentence[candidate] == text.sentence[index], case .serviceOnly = words[candidate] else { return false }
                return true
            }
            // "Balance read p95 50ms": a target for reads in its own segment, never a payment's.
            let readPath = segmentTokens.contains { if case .readPath = words[$0] { return true } else { return false } }
            // The segment without the punctuation around it (", sub-second P99 latency." reads as
            // "sub-second P99 latency").
            let words = segmentTokens.filter { tokens[$0].isWord || tokens[$0].number != nil || tokens[$0].text == "<" || tokens[$0].text == "≤" }
            let sentence = text.phrase(words.first ?? first, (words.last ?? last - 1) + 1)
            var target = ThroughputFacts.LatencyTarget(percentile: percentile, milliseconds: value, phrase: sentence.text.isEmpty ? phrase : sentence)
            if serviceOnly { target.serviceOnly = true }
            if readPath { target.readPath = true }
            targets.append(target)
        }
        func durationSeconds(_ word: ThroughputWord?) -> Double? {
            switch word {
            case .duration(let seconds), .period(let seconds): seconds
            default: nil
            }
        }
        // The design holds the target with the highest percentile (the tightest statement of the tail).
        targets.sort { ($0.percentile ?? 0, -$0.milliseconds) > ($1.percentile ?? 0, -$1.milliseconds) }
        return (targets, timeouts)
    }
}
