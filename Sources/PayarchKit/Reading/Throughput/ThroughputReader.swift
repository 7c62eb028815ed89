import Foundation
/// Reads `throughput_requirements` into a peak, a sustained rate and a latency target.
///
/// Numbers become rates through their unit (TPS, rps, per second; per minute, hour, day, week, month or
/// year, converted with the conversion kept as the derivation), through a batch ("2 files a day, ~150k
/// entries each") or a window ("1.5M credits within a 2-hour window"). A rate takes its role (peak or
/// sustained) from the nearest role word of its segment, or from its unit. Rates for different streams
/// (rails, or nouns such as payouts and collections) add up; rates for one stream do not (the larger
/// one counts), and a combined figure wins over its parts. Multipliers ("5x at peak") apply to the
/// sustained rate of their stream. Zero, negative, absurd and negated figures are reported and dropped.
public struct ThroughputReader: Sendable {
    /// Figures read from one variable at most.
    static let maxFigures = 200
    /// A peak more than this many times the sustained rate is reported as a likely misreading.
    static let suspiciousPeakRatio = 1_000.0

    let rules: RuleBook
    let quantities: QuantityReader
    let words: Gazetteer<ThroughputWord>
    let shapes: Gazetteer<Shape>
    /// Concentration words (true) and named days (false): "concentrated on the 1st and 15th", "month-end".
    let concentration: Gazetteer<Bool>
    let context: ContextReader
    /// Currency codes and symbols, as written and lowercased.
    let currencyWords: Set<String>

    public init(rules: RuleBook, context: ContextReader) {
        self.rules = rules
        self.context = context
        let vocabulary = rules.reading.quantities
        currencyWords = Set(vocabulary.currencyWords)
        quantities = QuantityReader(vocabulary: vocabulary)
        var concentration = Gazetteer<Bool>()
        for phrase in vocabulary.concentrationWords { concentration.add(phrase, true) }
        for phrase in vocabulary.namedDays { concentration.add(phrase, false) }
        self.concentration = concentration
        var words = Gazetteer<ThroughputWord>()
        // Order matters only between equal-length phrases: the first added wins.
        for phrase in vocabulary.subSecond { words.add(phrase, .subSecond) }
        for phrase in vocabulary.perSecondUnits { words.add(phrase, .perSecond) }
        for item in vocabulary.periodAdjectives { words.add(item.word, .periodAdjective(item.seconds)) }
        for item in vocabulary.periods { words.add(item.word, .period(item.seconds)) }
        for item in vocabulary.percentileWords { words.add(item.word, .percentile(item.percentile)) }
        for item in vocabulary.durations { words.add(item.word, .duration(item.seconds)) }
        for phrase in vocabulary.combinedWords { words.add(phrase, .combined) }
        for phrase in vocabulary.partWords { words.add(phrase, .part) }
        for phrase in vocabulary.headroomWords { words.add(phrase, .headroom) }
        for phrase in vocabulary.notPaymentRate { words.add(phrase, .notPaymentRate) }
        for phrase in vocabulary.inboundWords { words.add(phrase, .inbound) }
        for phrase in vocabulary.limitWords { words.add(phrase, .limit) }
        for phrase in vocabulary.restatements { words.add(phrase, .restatement) }
        for phrase in vocabulary.peakWords { words.add(phrase, .peak) }
        for phrase in vocabulary.sustainedWords { words.add(phrase, .sustained) }
        for item in vocabulary.multiplierPhrases { words.add(item.word, .multiplierPhrase(item.factor)) }
        for word in vocabulary.multiplierWords { words.add(word, .multiplier) }
        for phrase in vocabulary.percentIncrease { words.add(phrase, .percentIncrease) }
        for phrase in vocabulary.batchUnits { words.add(phrase, .batchUnit) }
        for phrase in vocabulary.timeoutWords { words.add(phrase, .timeout) }
        for phrase in vocabulary.latencyWords { words.add(phrase, .latency) }
        for phrase in vocabulary.serviceOnlyWords { words.add(phrase, .serviceOnly) }
        for phrase in vocabulary.readPathWords { words.add(phrase, .readPath) }
        for phrase in vocabulary.populationNouns { words.add(phrase, .population) }
        for phrase in vocabulary.subjectNouns { words.add(phrase, .subject(phrase.lowercased())) }
        for rail in rules.rails {
            for alias in rail.aliases { words.add(alias, .rail(rail.id)) }
            for alias in rail.exactAliases { words.add(alias, exact: true, .rail(rail.id)) }
        }
        for scheme in rules.reading.railWords.schemes {
            for alias in scheme.aliases { words.add(alias, .rail(scheme.name)) }
            for alias in scheme.exactAliases { words.add(alias, exact: true, .rail(scheme.name)) }
        }
        for phrase in vocabulary.countNouns { words.add(phrase, .countNoun) }
        for phrase in vocabulary.periodIntroducers { words.add(phrase, .per) }
        for phrase in vocabulary.approximators { words.add(phrase, .approximator) }
        self.words = words
        var shapes = Gazetteer<Shape>()
        for phrase in vocabulary.batchShape { shapes.add(phrase, .batch) }
        for phrase in vocabulary.burstShape { shapes.add(phrase, .burst) }
        self.shapes = shapes
    }

    enum Role: Sendable, Hashable {
        case peak, sustained
    }

    /// One rate read from the text.
    /// Words that may stand between an amount and a bare figure that continues it ("2,800 USD, some > 250k").
    static let amountJoiners: Set<String> = [",", "some", "up", "to", "-", "–", ">", "<", "and", "or", "max", "min", "over", "under", "above", "below"]

    /// Words that may stand between a figure and its restatement at a finer grain.
    static let restatingGap: Set<String> = [",", "~", "about", "around", "roughly", "approx", "approx.", "or", "maybe", "so", "i.e."]

    static func isRole(_ word: ThroughputWord?) -> Bool {
        switch word {
        case .peak, .sustained: true
        default: false
        }
    }

    struct Rate {
        var tps: Double
        var role: Role?
        var combined = false
        var subject: String?
        var first: Int
        var last: Int
        var derivation: String?
        /// Its unit was per second or per minute (a bare rate is read as the peak).
        var fastUnit: Bool
        /// The token after its number, where the noun of the figure starts.
        var numberEnd: Int?
        /// The seconds of its unit, when it had one.
        var unitSeconds: Double?
        /// Its own stream, apart from every other ("another 1.5M funding transactions", "plus 600k payouts").
        var separateStream = false
    }

    struct Output {
        var facts: ThroughputFacts
        var assumptions: [Assumption]
        var warnings: [ReadingWarning]
    }

    func read(_ text: ReadingText) -> Output {
        let tokens = text.tokens
        let words = ThroughputWords(text, gazetteer: self.words)
        var warnings: [ReadingWarning] = []
        var found = quantities.quantities(in: tokens)
        // A number inside an identifier ("camt.054", "pain.001") is no figure.
        found.removeAll { quantity in
            quantity.first >= 2 && tokens[quantity.first - 1].text == "." && !tokens[quantity.first].spaceBefore
                && !tokens[quantity.first - 1].spaceBefore && tokens[quantity.first - 2].isWord
        }
        // An amount of money ("each GBP 150k - 2m", "avg 2,800 USD", "$5k") is no count and no rate, nor is
        // a bare figure listed right after one ("avg 2,800 USD, some > 250k").
        func isCurrency(_ token: Token?) -> Bool { token.map { currencyWords.contains($0.text) || currencyWords.contains($0.lower) } ?? false }
        var lastAmount: QuantityReader.Quantity?
        found = found.filter { quantity in
            let before = quantity.first >= 1 ? tokens[quantity.first - 1] : nil
            let after = quantity.last < tokens.count ? tokens[quantity.last] : nil
            // "5k GBP payments a day" counts payments in pounds: a count noun, unit or period after the
            // currency keeps the figure a count.
            let countFollows = quantity.last + 1 < tokens.count && {
                switch words[quantity.last + 1] {
                case .countNoun, .perSecond, .period, .periodAdjective, .per, .subject: return true
                default: return false
                }
            }()
            var amount = isCurrency(before) || (isCurrency(after) && !countFollows)
            if !amount, let previous = lastAmount, previous.last <= quantity.first, text.clause[previous.first] == text.clause[quantity.first],
                quantity.first - previous.last <= 4,
                tokens[previous.last..<quantity.first].allSatisfy({ Self.amountJoiners.contains($0.lower) || isCurrency($0) }),
                after.map({ !$0.isWord || $0.lower == "each" }) ?? true
            {
                amount = true
            }
            if amount { lastAmount = quantity }
            return !amount
        }
        // Far more figures than any requirement states: the rest are not read, so the reader's cost stays
        // bounded (several of its steps compare figures with each other).
        if found.count > Self.maxFigures {
            let first = found[Self.maxFigures]
            warnings.append(
                ReadingWarning(
                    id: "reading.too-many-figures", phrase: text.phrase(first.first, found[found.count - 1].last),
                    message: "the text holds \(found.count) figures; payarch reads the first \(Self.maxFigures) and ignores the rest"))
            found.removeLast(found.count - Self.maxFigures)
        }
        let segment = segments(text)
        // Token indices of each segment, found once (looking them up per figure was cubic in long texts).
        var tokensBySegment: [Int: [Int]] = [:]
        for index in tokens.indices { tokensBySegment[segment[index], default: []].append(index) }
        // A bare figure takes a per-second unit from its own sentence or an earlier one ("1,500 TPS at peak.
        // 300 on average"), never from a later sentence ("peak ~5M on the 1st. … Online API < 50 TPS").
        let perSecondAt = tokens.indices.filter { if case .perSecond = words[$0] { return true } else { return false } }
        let perSecondSentences = Set(perSecondAt.map { text.sentence[$0] })
        let firstPerSecond = perSecondAt.first ?? tokens.count
        func takesPerSecond(_ quantity: QuantityReader.Quantity) -> Bool {
            perSecondSentences.contains(text.sentence[quantity.first]) || firstPerSecond < quantity.first
        }

        var rates: [Rate] = []
        var counts: [QuantityReader.Quantity] = []
        var multipliers: [(factor: Double, first: Int, last: Int)] = []
        var vague: [QuantityReader.Quantity] = []
        for quantity in found {
            if quantity.isPercent { continue }
            // Multipliers: "5x", "5 ×", "five times", "2.5 times".
            if quantity.last < tokens.count, case .multiplier = words[quantity.last] {
                multipliers.append((quantity.value, quantity.first, words.end[quantity.last]))
                continue
            }
            if quantity.isVague {
                vague.append(quantity)
                continue
            }
            // "~40k stores", "9,000 terminals", "310k active mortgages": a population, not payments.
            if isPopulation(quantity, in: text, words: words) { continue }
            guard let unit = unit(after: quantity, in: text, words: words) else {
                // "offline for up to 2 hours", "a 30 minute outage": a length of time, not a count.
                if quantity.last < tokens.count, words.isTimeLength(quantity.last) { continue }
                counts.append(quantity)
                continue
            }
            rates.append(rate(quantity, unit: unit))
        }

        // Multipliers written before the number ("x4", "×3") or as words ("doubles", "triples", "50% higher").
        for index in tokens.indices {
            if case .multiplierPhrase(let factor) = words[index], words.start[index] == index {
                let next = words.end[index]
                // "twice a month", "twice daily": a frequency.
                if next < tokens.count, case .per = words[next] { continue }
                if next < tokens.count, case .periodAdjective = words[next] { continue }
                multipliers.append((factor, index, next))
            } else if tokens[index].isWord, tokens[index].lower.hasPrefix("x"), let factor = Double(tokens[index].lower.dropFirst()) {
                multipliers.append((factor, index, index + 1))
            } else if tokens[index].text == "×", index + 1 < tokens.count, let factor = tokens[index + 1].number {
                multipliers.append((factor, index, index + 2))
            } else if case .percentIncrease = words[index], words.start[index] == index,
                let percent = found.last(where: { $0.isPercent && $0.last <= index && index - $0.last <= 1 })
            {
                multipliers.append((1 + percent.value / 100, percent.first, words.end[index]))
            }
        }

        // Counts become rates through a batch, a period of their clause, or a unit the text uses with a
        // role word next to them ("300 TPS peak, 60 average"); counts in a window also give a peak.
        let windows = windowsByClause(text, words: words, quantities: found)
        var windowed: Set<Int> = []
        for quantity in counts where !countsBatches(quantity, in: text, words: words) {
            let clause = text.clause[quantity.first]
            if let batch = batchesPerPeriod(in: clause, text: text, words: words, excluding: quantity) {
                let following = quantity.last..<min(tokens.count, quantity.last + 4)
                let each = following.contains { tokens[$0].lower == "each" }
                    || following.contains { tokens[$0].lower == "per" && words.isBatchUnit($0 + 1) }
                let perPeriod = quantity.value * (each ? batch.batches : 1)
                rates.append(
                    Rate(
                        tps: perPeriod / batch.seconds, role: .sustained, first: quantity.first, last: quantity.last,
                        derivation: "\(format(perPeriod)) per \(batch.name) ÷ \(format(batch.seconds)) s", fastUnit: false,
                        numberEnd: quantity.last))
            } else if let unit = sharedPeriod(of: quantity, in: text, rates: rates) {
                // "180,000 deposits and 60,000 withdrawals a day": the period of the coordinated figure.
                rates.append(rate(quantity, unit: unit))
            } else if nounAfter(quantity, in: text, words: words), let unit = clausePeriod(clause, in: text, words: words, excluding: rates) {
                rates.append(rate(quantity, unit: unit))
            } else if takesPerSecond(quantity) || unitInParentheses(clause: clause, text: text, words: words),
                hasRoleOrCombinedNear(quantity, in: text, words: words, segment: segment),
                // "3M employee credits on Thursdays": a count of things on named days is a volume on those days,
                // whatever unit another figure of the sentence has.
                !(nounAfter(quantity, in: text, words: words) && windows[clause] == nil && namedDays(in: clause, text: text) != nil)
            {
                rates.append(Rate(tps: quantity.value, role: nil, first: quantity.first, last: quantity.last, fastUnit: true, numberEnd: quantity.last))
            } else if windows[clause] == nil, let days = namedDays(in: clause, text: text) {
                // "peak ~5M on the 1st": a count on named days is a rate over those days.
                let seconds = Double(days) * 86_400
                rates.append(
                    Rate(
                        tps: quantity.value / seconds, role: nil, first: quantity.first, last: quantity.last,
                        derivation: "\(format(quantity.value)) on \(days) named day\(days == 1 ? "" : "s") ÷ \(format(seconds)) s", fastUnit: false,
                        numberEnd: quantity.last))
            }
            if let window = windows[clause], window.ownCount, !(window.first..<window.last).contains(quantity.first),
                nounAfter(quantity, in: text, words: words) || window.share == nil
            {
                rates.append(windowRate(quantity.value, window, first: quantity.first, last: quantity.last))
                windowed.insert(clause)
            }
        }
        // A rate with a period and a window in its clause ("1.8 million payouts a week, 60% of them between
        // Friday 17:00 and 20:00") also gives the window's peak.
        for rate in rates where !rate.fastUnit && rate.role == nil {
            let clause = text.clause[rate.first]
            guard let window = windows[clause], window.ownCount, !windowed.contains(clause),
                let quantity = found.first(where: { $0.first == rate.first })
            else { continue }
            rates.append(windowRate(quantity.value, window, first: rate.first, last: rate.last))
            windowed.insert(clause)
        }

        // A count per month or week that falls on named days of it is a rate over those days.
        for index in rates.indices {
            guard let seconds = rates[index].unitSeconds, seconds >= 604_800, let days = concentratedDays(in: text.clause[rates[index].first], text: text),
                Double(days) * 86_400 < seconds
            else { continue }
            let perPeriod = rates[index].tps * seconds
            rates[index].tps = perPeriod / (Double(days) * 86_400)
            rates[index].derivation = "\(format(perPeriod)) per \(periodName(seconds)) on \(days) named day\(days == 1 ? "" : "s") ÷ \(format(Double(days) * 86_400)) s"
        }

        // Roles: each role word goes to the nearest figure of its segment; the rest take the role of their unit.
        assignRoles(&rates, text: text, words: words, segment: segment)
        // A negation reaches only the figures of its own comma-segment: "No real-time requirement, maybe 30 TPS
        // when building files" keeps the 30 TPS.
        let marks = context.marks(
            for: rates.map { ContextReader.Span(first: $0.first, last: $0.last) }, in: text,
            triggers: context.triggerMatches(in: text, covered: [Bool](repeating: false, count: tokens.count))
        ).enumerated().map { index, mark -> ContextReader.Mark? in
            guard let mark, mark.modifier == .negated, segment[mark.trigger.first] != segment[rates[index].first] else { return mark }
            return nil
        }
        var kept: [Rate] = []
        var dropped = 0
        var inbound: ThroughputFacts.Figure?
        for (index, var rate) in rates.enumerated() {
            let phrase = text.phrase(rate.first, rate.last)
            /// A figure that is not a design figure, with the warning that says why.
            func drop(_ id: String, _ message: String) {
                warnings.append(ReadingWarning(id: id, phrase: phrase, message: message))
                dropped += 1
            }
            let segmentTokens = tokensBySegment[segment[rate.first]] ?? []
            if marks[index]?.modifier == .negated {
                drop("reading.negated-figure", "'\(phrase.text)' is negated in the text, so it is not a design figure")
                continue
            }
            // "Fireblocks API rate limit ~ 20 rps": a limit the load is checked against, never the load.
            if segmentTokens.contains(where: { if case .limit = words[$0] { return true } else { return false } }) {
                drop(
                    "reading.rate-limit",
                    "'\(phrase.text)' is a provider's limit on calls, not a load; the design is not sized for it. Check the load against it (with every call a payment makes) and queue or batch before it")
                continue
            }
            // "webhook volume ~5k/sec at peak": notifications, sized apart from the payments.
            if segmentTokens.contains(where: { if case .inbound = words[$0] { return true } else { return false } }) {
                if inbound == nil || inbound!.tps < rate.tps { inbound = .init(tps: rate.tps, phrase: phrase, derivation: rate.derivation) }
                continue
            }
            if segmentTokens.contains(where: { if case .notPaymentRate = words[$0] { return true } else { return false } }) {
                drop("reading.not-payment-rate", "'\(phrase.text)' counts reads or other traffic, not payments; it is not a design figure")
                continue
            }
            if segmentTokens.contains(where: { $0 >= rate.last && words.isPart($0) }) { continue }
            if let previous = kept.last, (max(0, rate.first - 4)..<rate.first).contains(where: { if case .restatement = words[$0] { return true } else { return false } }) {
                if abs(previous.tps - rate.tps) > 0.1 * max(previous.tps, rate.tps) {
                    warnings.append(
                        ReadingWarning(
                            id: "reading.inconsistent-conversion", phrase: phrase,
                            message: "'\(phrase.text)' restates the figure before it, but that figure is \(format(previous.tps)) TPS; the design keeps \(format(previous.tps)) TPS"))
                }
                continue
            }
            // "20 TPS peak on the 1st (about 400k renewals spread over 6 hours)": a figure in parentheses
            // right after another of its sentence, at about the same rate, restates it.
            if (max(0, rate.first - 3)..<rate.first).contains(where: { tokens[$0].text == "(" }),
                rates.contains(where: { other in
                    other.first < rate.first && text.sentence[other.first] == text.sentence[rate.first]
                        && other.tps >= rate.tps / 2 && other.tps <= rate.tps * 2
                })
            {
                continue
            }
            // "15k charges/day peak, 5 TPS": a per-second figure right after a coarser one of its clause, with
            // only a comma or a hedge between them, is the same stream at a finer grain: it joins that stream.
            if rate.fastUnit, let previous = kept.last, !previous.fastUnit, previous.last <= rate.first,
                text.clause[previous.first] == text.clause[rate.first],
                (previous.last..<rate.first).allSatisfy({ Self.restatingGap.contains(tokens[$0].lower) || Self.isRole(words[$0]) }),
                (previous.last..<rate.first).contains(where: { tokens[$0].text == "," })
            {
                rate.subject = previous.subject
                rate.role = rate.role ?? previous.role
                kept.append(rate)
                continue
            }
            if rate.first > 0, tokens[rate.first - 1].text == "-", !tokens[rate.first].spaceBefore,
                rate.first == 1 || tokens[rate.first - 1].spaceBefore
            {
                drop("reading.negative-figure", "'-\(phrase.text)' is negative; it is not a design figure")
                continue
            }
            if rate.tps == 0 {
                drop("reading.zero-figure", "'\(phrase.text)' is zero; a design cannot be sized for it")
                continue
            }
            if !rate.tps.isFinite || rate.tps > rules.reading.quantities.absurdTps {
                drop(
                    "reading.absurd-figure",
                    "'\(phrase.text)' is \(format(rate.tps)) TPS, beyond what any payment network runs (payarch treats more than \(format(rules.reading.quantities.absurdTps)) TPS as a typo); it is not a design figure")
                continue
            }
            // A combined figure is the total of every stream, unless it names the rails it combines ("FedNow +
            // RTP together: 40 TPS" is one stream of two rails).
            let namesRails = segmentTokens.contains { if case .rail = words[$0] { return true } else { return false } }
            rate.combined = !namesRails && segmentTokens.contains { if case .combined = words[$0] { return true } else { return false } }
            // "another 1.5M funding transactions", "plus 600k driver payouts": a stream of its own.
            let before = (max(0, rate.first - 3)..<rate.first).map { text.tokens[$0].lower }
            if before.contains(where: { ["another", "plus", "additional", "additionally"].contains($0) })
                || before.suffix(2) == ["in", "addition"]
            {
                rate.subject = "stream@\(rate.first)"
                kept.append(rate)
                continue
            }
            // A segment with no subject takes the one of the nearest segment before it in its clause.
            let shared = rates.contains { $0.first != rate.first && segment[$0.first] == segment[rate.first] }
            rate.subject = subject(in: segmentTokens, words: words, own: ownSubject(of: rate, in: text, words: words), near: shared ? rate.first : nil)
                ?? previousSubject(
                    before: segmentTokens.first ?? rate.first, in: text, words: words, segment: segment, tokensBySegment: tokensBySegment)
            kept.append(rate)
        }

        var sustained = aggregate(kept.filter { $0.role == .sustained }, text: text)
        // A share of a total stated elsewhere: "~70% of them are charged in the first 4 hours of the 1st",
        // "the busiest hour carries about 20% of the day's total".
        for (clause, window) in windows.sorted(by: { $0.key < $1.key }) where !window.ownCount {
            guard let share = window.share else { continue }
            let previousCount = found.last { quantity in
                !quantity.isPercent && text.clause[quantity.first] < clause && kept.contains { $0.first == quantity.first }
            }
            let base: Double?
            if window.ofDayTotal, let sustained {
                base = sustained.tps * 86_400
            } else {
                base = previousCount?.value
            }
            guard let base else { continue }
            kept.append(
                Rate(
                    tps: base * share / window.seconds, role: .peak, first: window.first, last: window.last,
                    derivation: "\(format(share * 100))% of \(format(base)) in \(format(window.seconds)) s", fastUnit: false))
        }
        var peak = aggregate(kept.filter { $0.role == .peak }, text: text)

        // Multipliers apply to the sustained rate of their stream.
        var multiplied: [Rate] = []
        for multiplier in multipliers {
            let segmentTokens = tokensBySegment[segment[multiplier.first]] ?? []
            let clauseTokens = tokens.indices.filter { text.clause[$0] == text.clause[multiplier.first] }
            if (segmentTokens + clauseTokens).contains(where: { if case .headroom = words[$0] { return true } else { return false } }) { continue }
            let phrase = text.phrase(multiplier.first, multiplier.last)
            // "Webhook bursts can be 3x that": notifications at a multiple of the payments' peak.
            if (segmentTokens + clauseTokens).contains(where: { if case .inbound = words[$0] { return true } else { return false } }),
                let base = peak ?? sustained
            {
                let tps = base.tps * multiplier.factor
                if inbound == nil || inbound!.tps < tps {
                    let sentence = text.sentence[multiplier.first]
                    let first = tokens.indices.first { text.sentence[$0] == sentence } ?? multiplier.first
                    inbound = .init(
                        tps: tps, phrase: text.phrase(first, multiplier.last),
                        derivation: "\(format(multiplier.factor)) × the \(format(base.tps)) TPS \(peak == nil ? "sustained rate" : "peak")")
                }
                continue
            }
            let subject = subject(in: segmentTokens, words: words)
            let bases = kept.filter { $0.role == .sustained && (subject == nil || $0.subject == subject || $0.subject == nil) }
            // A multiplier that names no stream ("5x the average rate") multiplies the total of all streams.
            let total = subject == nil ? sustained.map { Rate(tps: $0.tps, role: .sustained, first: 0, last: 0, derivation: nil, fastUnit: false) } : nil
            guard let base = total ?? bases.max(by: { $0.tps < $1.tps }) ?? (sustained.map { Rate(tps: $0.tps, role: .sustained, first: 0, last: 0, derivation: nil, fastUnit: false) }) else {
                // "40k TPS peak, 4x baseline": the peak is the multiple, so the base is the peak divided.
                if let peakValue = peak, multiplier.factor > 1, sustained == nil,
                    (multiplier.last..<min(tokens.count, multiplier.last + 3)).contains(where: { if case .sustained = words[$0] { return true } else { return false } })
                {
                    sustained = .init(
                        tps: peakValue.tps / multiplier.factor, phrase: phrase,
                        derivation: "\(format(peakValue.tps)) TPS ÷ \(format(multiplier.factor))")
                    continue
                }
                warnings.append(
                    ReadingWarning(
                        id: "reading.multiplier-without-base", phrase: phrase,
                        message: "'\(phrase.text)' multiplies a rate the text does not give; state the average it applies to"))
                continue
            }
            multiplied.append(
                Rate(
                    tps: multiplier.factor * base.tps, role: .peak, subject: base.subject, first: multiplier.first,
                    last: multiplier.last, derivation: "\(format(multiplier.factor)) × \(format(base.tps)) TPS", fastUnit: false))
        }
        if !multiplied.isEmpty {
            peak = aggregate(kept.filter { $0.role == .peak } + multiplied, text: text)
        }
        if let peakValue = peak, let sustainedValue = sustained, peakValue.tps < sustainedValue.tps {
            warnings.append(
                ReadingWarning(
                    id: "reading.peak-below-sustained", phrase: peakValue.phrase,
                    message: "the peak (\(format(peakValue.tps)) TPS) is below the sustained rate (\(format(sustainedValue.tps)) TPS); the peak is not used"))
            peak = nil
        }
        if sustained?.tps == 0 { sustained = nil }
        // A peak thousands of times the sustained rate is more often two figures for different things (a
        // count read as a rate, a day's total against a month's) than a real burst: the reader says so.
        if let peakValue = peak, let sustainedValue = sustained, sustainedValue.tps > 0, peakValue.tps > sustainedValue.tps * Self.suspiciousPeakRatio {
            warnings.append(
                ReadingWarning(
                    id: "reading.peak-far-above-sustained", phrase: peakValue.phrase,
                    message: "the peak (\(format(peakValue.tps)) TPS) is \(format((peakValue.tps / sustainedValue.tps).rounded()))× the sustained rate (\(format(sustainedValue.tps)) TPS); check that both are rates per second of the same payments before sizing for the peak"))
        }

        var assumptions: [Assumption] = []
        let planning = rules.throughput.planning
        let designPeak: ThroughputFacts.Figure
        if let peak {
            designPeak = peak
        } else if let base = sustained {
            let factor = planning.peakToSustained
            designPeak = .init(tps: base.tps * factor, phrase: base.phrase, derivation: "\(format(factor)) × \(format(base.tps)) TPS")
            assumptions.append(
                Assumption(
                    id: "throughput.peak-from-sustained",
                    text: "No peak figure is given; the design is sized for a peak of \(format(base.tps * factor)) TPS, \(format(factor)) × the stated \(format(base.tps)) TPS."))
        } else {
            designPeak = .init(tps: planning.defaultPeakTps, phrase: nil, derivation: "assumed")
            assumptions.append(
                Assumption(
                    id: "throughput.no-figure",
                    text: "No usable TPS figure is given; the design is sized for a peak of \(format(planning.defaultPeakTps)) TPS. Replace it with a measured peak before sizing hardware."))
            if let first = vague.first {
                let phrase = text.phrase(first.first, first.last)
                warnings.append(
                    ReadingWarning(
                        id: "reading.order-of-magnitude", phrase: phrase,
                        message: "'\(phrase.text)' gives an order of magnitude, not a figure; the design assumes a peak of \(format(planning.defaultPeakTps)) TPS"))
            } else if dropped == 0 {
                warnings.append(
                    ReadingWarning(
                        id: "reading.no-throughput", phrase: nil, variable: text.variable,
                        message: "\(text.variable) gives no figure payarch can read; the design assumes a peak of \(format(planning.defaultPeakTps)) TPS"))
            }
        }
        let volumeWindows = windows.values.filter { $0.ownCount || $0.share != nil }.map { $0.first..<$0.last }
        let (latency, timeouts) = LatencyReader.read(text, words: words, quantities: found, windows: volumeWindows)
        var facts = ThroughputFacts(
            peak: peak, sustained: sustained, latency: latency, timeouts: timeouts,
            batch: shape(.batch, in: text), burst: shape(.burst, in: text),
            designPeak: designPeak, band: rules.throughput.band(forPeak: designPeak.tps).id, inbound: inbound)
        let shares = railShares(in: text, words: words, quantities: found)
        if !shares.isEmpty { facts.railShares = shares }
        return Output(facts: facts, assumptions: assumptions, warnings: warnings)
    }

    /// The share of the load a text gives a rail: a percentage right after the rail's name ("PIX 55%",
    /// "card: 38%") or right before it ("55% PIX", "38% by card"). Shares that add up to more than the
    /// whole are not read.
    func railShares(in text: ReadingText, words: ThroughputWords, quantities: [QuantityReader.Quantity]) -> [ThroughputFacts.RailShare] {
        let tokens = text.tokens
        let skip: Set<String> = ["~", ":", "=", "(", "about", "around", "roughly", "approx", "approx.", "via", "by", "on", "through", "over", "of", "in"]
        func subject(at index: Int) -> String? {
            guard index >= 0, index < tokens.count else { return nil }
            if case .rail(let id) = words[index] { return id }
            return ["card", "cards"].contains(tokens[index].lower) ? "card" : nil
        }
        var shares: [ThroughputFacts.RailShare] = []
        for quantity in quantities where quantity.isPercent && quantity.value > 0 && quantity.value <= 100 {
            var before = quantity.first - 1
            while before >= 0, skip.contains(tokens[before].lower), text.clause[before] == text.clause[quantity.first] { before -= 1 }
            var after = quantity.last
            while after < tokens.count, skip.contains(tokens[after].lower) || tokens[after].text == "%" { after += 1 }
            let beforeRail = before >= 0 && text.clause[before] == text.clause[quantity.first] ? subject(at: before) : nil
            let afterRail = after < tokens.count && text.clause[after] == text.clause[quantity.first] ? subject(at: after) : nil
            guard let rail = beforeRail ?? afterRail, !shares.contains(where: { $0.rail == rail }) else { continue }
            // The phrase runs from the rail's name to the percentage, or the other way round.
            let phrase = beforeRail != nil
                ? text.phrase(words.start[before], quantity.last) : text.phrase(quantity.first, words.end[after])
            shares.append(.init(rail: rail, share: quantity.value / 100, phrase: phrase))
        }
        return shares.reduce(0) { $0 + $1.share } <= 1.0001 ? shares : []
    }

    func rate(_ quantity: QuantityReader.Quantity, unit: Unit) -> Rate {
        var derivation: String?
        if unit.seconds != 1 {
            derivation = "\(format(quantity.value)) per \(unit.name) ÷ \(format(unit.seconds)) s"
        }
        if let low = quantity.lowerBound {
            derivation = "upper bound of \(format(low / unit.seconds))–\(format(quantity.value / unit.seconds)) TPS" + (derivation.map { "; " + $0 } ?? "")
        }
        return Rate(
            tps: quantity.value / unit.seconds, role: nil, first: quantity.first, last: max(quantity.last, unit.last),
            derivation: derivation, fastUnit: unit.seconds <= 60, numberEnd: quantity.last, unitSeconds: unit.seconds)
    }

    func windowRate(_ count: Double, _ window: Window, first: Int, last: Int) -> Rate {
        let share = window.share ?? 1
        return Rate(
            tps: count * share / window.seconds, role: .peak, first: first, last: last,
            derivation: (share < 1 ? "\(format(share * 100))% of " : "") + "\(format(count)) in \(format(window.seconds)) s",
            fastUnit: false)
    }

    /// Each role word of a segment goes to the nearest figure of that segment; a figure with no role word
    /// takes the role of its unit (per second or minute: peak; longer: sustained).
    func assignRoles(_ rates: inout [Rate], text: ReadingText, words: ThroughputWords, segment: [Int]) {
        var roleWords: [(index: Int, role: Role)] = []
        for index in text.tokens.indices where words.start[index] == index {
            switch words[index] {
            case .peak: roleWords.append((index, .peak))
            case .sustained: roleWords.append((index, .sustained))
            default: break
            }
        }
        var claims: [(distance: Int, rate: Int, role: Role)] = []
        for word in roleWords {
            var best: (distance: Int, rate: Int)?
            for (offset, rate) in rates.enumerated() where rate.role == nil && segment[rate.first] == segment[word.index] {
                // Reaching forward, linking words do not count ("a peak of about 2 per second").
                let distance = word.index < rate.first
                    ? (words.end[word.index]..<rate.first).filter { !isLink($0, text: text, words: words) }.count + 1
                    : max(0, word.index - rate.last + 1)
                if best == nil || distance < best!.distance { best = (distance, offset) }
            }
            if let best { claims.append((best.distance, best.rate, word.role)) }
        }
        var assigned: Set<Int> = []
        for claim in claims.sorted(by: { $0.distance < $1.distance }) where !assigned.contains(claim.rate) {
            rates[claim.rate].role = claim.role
            assigned.insert(claim.rate)
        }
        for index in rates.indices where rates[index].role == nil {
            rates[index].role = rates[index].fastUnit ? .peak : .sustained
        }
    }

    /// A word that links a role word to its figure: "of", "at", "is", "~", "about".
    func isLink(_ index: Int, text: ReadingText, words: ThroughputWords) -> Bool {
        if case .approximator = words[index] { return true }
        return ["of", "at", "is", "are", "was", "were", "to", "=", ":", "~", "≈", "around", "reaching", "reaches"].contains(text.tokens[index].lower)
    }

    // MARK: - Units

    struct Unit {
        var seconds: Double
        var name: String
        /// The token after the unit.
        var last: Int
    }

    /// The unit after a quantity: per second, per period, a period adjective, or a frequency. Up to four
    /// nouns may stand between ("3,000,000 SCT/SDD bulk items per day", "~1,000 e-Transfers/day").
    func unit(after quantity: QuantityReader.Quantity, in text: ReadingText, words: ThroughputWords) -> Unit? {
        let tokens = text.tokens
        var index = quantity.last
        var skipped = 0
        while index < tokens.count, !tokens[index].isLineBreak {
            if let unit = unit(at: index, in: text, words: words) { return unit }
            let token = tokens[index]
            let skippable: Bool
            switch words[index] {
            case .countNoun, .subject, .rail: skippable = true
            case nil:
                // A function word ends the noun phrase unless it starts a compound ("on-chain"), or it is the
                // "of" of "8 millions of transactions".
                let compound = index + 1 < tokens.count && tokens[index + 1].text == "-" && !tokens[index + 1].spaceBefore
                let scaleOf = token.lower == "of" && index == quantity.last && index > 0 && tokens[index - 1].isWord
                skippable = token.isWord && (compound || scaleOf || !Self.prepositions.contains(token.lower))
            default: skippable = false
            }
            if skippable, skipped < 4 {
                index = words.end[index]
                skipped += 1
            } else if (token.text == "-" || token.text == "/") && !token.spaceBefore, skipped < 4 {
                index += 1
            } else if token.text == ".", !token.spaceBefore, index == quantity.last, index > quantity.first + 1 {
                // The period of an abbreviated scale: "1,4 Mio. direct debits per month".
                index += 1
            } else {
                break
            }
        }
        // A unit before the number: "TPS: 800", "QPS 600".
        return unitBefore(quantity, in: text, words: words)
    }

    /// A unit starting at `index`, if one does.
    func unit(at index: Int, in text: ReadingText, words: ThroughputWords) -> Unit? {
        let tokens = text.tokens
        switch words[index] {
        case .perSecond:
            return Unit(seconds: 1, name: "second", last: words.end[index])
        case .periodAdjective(let seconds):
            return Unit(seconds: seconds, name: periodName(seconds), last: words.end[index])
        case .per:
            let next = words.end[index]
            if next < tokens.count, case .period(let seconds) = words[next] {
                return Unit(seconds: seconds, name: periodName(seconds), last: words.end[next])
            }
            if next < tokens.count, case .perSecond = words[next] {
                return Unit(seconds: 1, name: "second", last: words.end[next])
            }
            // "every other Friday", "each Thursday".
            if let weekly = weekday(at: next, in: text) {
                return Unit(seconds: weekly.other ? 1_209_600 : 604_800, name: weekly.other ? "fortnight" : "week", last: weekly.end)
            }
            if next < tokens.count, tokens[next].lower == "other", let weekly = weekday(at: next + 1, in: text) {
                return Unit(seconds: 1_209_600, name: "fortnight", last: weekly.end)
            }
        case .multiplierPhrase(let factor):
            // "120k credits twice a month": a frequency.
            let next = words.end[index]
            if next < tokens.count, case .per = words[next], words.end[next] < tokens.count,
                case .period(let seconds) = words[words.end[next]]
            {
                return Unit(seconds: seconds / factor, name: periodName(seconds) + " (\(format(factor)) times)", last: words.end[words.end[next]])
            }
            if next < tokens.count, case .periodAdjective(let seconds) = words[next] {
                return Unit(seconds: seconds / factor, name: periodName(seconds) + " (\(format(factor)) times)", last: words.end[next])
            }
        default:
            break
        }
        if tokens[index].text == "/", index + 1 < tokens.count, case .period(let seconds) = words[index + 1] {
            return Unit(seconds: seconds, name: periodName(seconds), last: words.end[index + 1])
        }
        return nil
    }

    /// Whether the noun a figure counts is a population: a population noun right after it, or after up to
    /// two plain words that qualify it ("310k active mortgages", "4.2 million registered users"); a count
    /// noun on the way ("300 card payments") makes it a count of payments.
    func isPopulation(_ quantity: QuantityReader.Quantity, in text: ReadingText, words: ThroughputWords) -> Bool {
        var index = quantity.last
        for _ in 0...2 {
            guard index < text.tokens.count else { return false }
            if words.isPopulation(index) { return true }
            guard words[index] == nil, text.tokens[index].isWord, text.tokens[index].number == nil,
                !Self.functionWords.contains(text.tokens[index].lower)
            else { return false }
            index += 1
        }
        return false
    }

    /// Joining words that end the noun phrase after a figure ("3k credits per batch").
    static let prepositions: Set<String> = ["in", "at", "on", "of", "with", "for", "and", "or", "to", "from", "by", "during", "over", "within"]
    /// Words that end a figure's noun phrase when looking for a population behind a qualifier.
    static let functionWords: Set<String> = prepositions.union(["per", "a", "an", "the", "each", "every"])

    /// The period of the next figure when only "and" or "," and its noun stand between: "180,000 deposits and
    /// 60,000 withdrawals a day" gives both figures per day.
    func sharedPeriod(of quantity: QuantityReader.Quantity, in text: ReadingText, rates: [Rate]) -> Unit? {
        let tokens = text.tokens
        var index = quantity.last
        var skipped = 0
        while index < tokens.count, skipped < 4, tokens[index].isWord, tokens[index].number == nil, !["and", "or", "plus"].contains(tokens[index].lower) {
            index += 1
            skipped += 1
        }
        guard index < tokens.count, ["and", "&", ","].contains(tokens[index].lower), index + 1 < tokens.count,
            let next = rates.first(where: { $0.first == index + 1 }), !next.fastUnit, let seconds = next.unitSeconds
        else { return nil }
        return Unit(seconds: seconds, name: periodName(seconds), last: quantity.last)
    }

    /// A period stated anywhere in a clause ("… on the 1st of each month", "nightly batch of …"), for counts
    /// that carry no unit of their own.
    func clausePeriod(_ clause: Int, in text: ReadingText, words: ThroughputWords, excluding rates: [Rate]) -> Unit? {
        for index in text.tokens.indices where text.clause[index] == clause && words.start[index] == index {
            guard !rates.contains(where: { $0.first <= index && index < $0.last }) else { continue }
            switch words[index] {
            case .periodAdjective, .per:
                if let unit = unit(at: index, in: text, words: words) { return unit }
            default:
                continue
            }
        }
        return nil
    }

    /// The number of days a clause concentrates its load on ("concentrated on the 1st and 15th": 2), counting
    /// ordinals (1st to 31st) and named days after a concentration word; nil without one.
    func concentratedDays(in clause: Int, text: ReadingText) -> Int? {
        let tokens = text.tokens
        let matches = concentration.matches(in: tokens).filter { text.clause[$0.first] == clause }
        guard let cue = matches.first(where: { $0.payload }) else {
            // "~9k payments on the first day", "on payday": a named day after "on" names it without a cue.
            let onDays = matches.filter { match in
                guard !match.payload else { return false }
                let before = match.first > 0 && tokens[match.first - 1].lower == "the" ? match.first - 2 : match.first - 1
                return before >= 0 && tokens[before].lower == "on"
            }.count
            return onDays > 0 ? onDays : nil
        }
        var days = matches.filter { !$0.payload && $0.first > cue.first }.count
        var index = cue.last
        while index + 1 < tokens.count, text.clause[index] == clause {
            if let number = tokens[index].number, number >= 1, number <= 31, number == number.rounded(),
                ["st", "nd", "rd", "th"].contains(tokens[index + 1].lower), !tokens[index + 1].spaceBefore
            {
                days += 1
            }
            index += 1
        }
        return days > 0 ? days : nil
    }

    /// The days a clause names for a count with no period: after a concentration word, as ordinals ("on the
    /// 1st and 15th") or as days of the week ("on Thursdays", "every Friday").
    func namedDays(in clause: Int, text: ReadingText) -> Int? {
        concentratedDays(in: clause, text: text) ?? ordinalDays(in: clause, text: text) ?? weekdays(in: clause, text: text)
    }

    /// The days of the week a clause names after "on" or "every" ("on Thursdays", "every Friday and Monday").
    func weekdays(in clause: Int, text: ReadingText) -> Int? {
        let names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        let tokens = text.tokens
        var found = Set<String>()
        var introduced = false
        for index in tokens.indices where text.clause[index] == clause {
            let word = tokens[index].lower
            if word == "on" || word == "every" { introduced = true; continue }
            guard introduced else { continue }
            if let name = names.first(where: { word == $0 || word == $0 + "s" }) { found.insert(name) }
        }
        return found.isEmpty ? nil : found.count
    }

    /// The days of the month a clause names as ordinals ("on the 1st and 15th"), for a count with no period.
    func ordinalDays(in clause: Int, text: ReadingText) -> Int? {
        let tokens = text.tokens
        var days = 0
        for index in tokens.indices.dropLast() where text.clause[index] == clause {
            if let number = tokens[index].number, number >= 1, number <= 31, number == number.rounded(),
                ["st", "nd", "rd", "th"].contains(tokens[index + 1].lower), !tokens[index + 1].spaceBefore
            {
                days += 1
            }
        }
        return days > 0 ? days : nil
    }

    /// "TPS: 800", "Peak TPS = 650", "QPS 600 at peak".
    func unitBefore(_ quantity: QuantityReader.Quantity, in text: ReadingText, words: ThroughputWords) -> Unit? {
        var index = quantity.first - 1
        while index >= 0, [":", "=", "~", "≈"].contains(text.tokens[index].text) || { if case .approximator = words[index] { return true } else { return false } }() {
            index -= 1
        }
        guard index >= 0, text.clause[index] == text.clause[quantity.first], case .perSecond = words[index] else { return nil }
        return Unit(seconds: 1, name: "second", last: quantity.last)
    }

    func weekday(at index: Int, in text: ReadingText) -> (other: Bool, end: Int)? {
        guard index < text.tokens.count else { return nil }
        let days: Set<String> = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "week"]
        if days.contains(text.tokens[index].lower) { return (false, index + 1) }
        return nil
    }

    func periodName(_ seconds: Double) -> String {
        switch seconds {
        case 1: "second"
        case 60: "minute"
        case 3600: "hour"
        case 86_400: "day"
        case 604_800: "week"
        case 2_592_000: "month"
        case 31_536_000: "year"
        default: "\(format(seconds)) s"
        }
    }

    /// Whether a count noun follows the quantity ("~200k transfers"): a count waiting for a batch or window.
    /// Up to two plain words may stand between ("180k recurring charges", "2M card payments").
    func nounAfter(_ quantity: QuantityReader.Quantity, in text: ReadingText, words: ThroughputWords) -> Bool {
        var index = quantity.last
        var skipped = 0
        while index < text.tokens.count, skipped <= 2 {
            switch words[index] {
            case .countNoun, .subject: return true
            case .rail: break
            case nil where text.tokens[index].isWord && text.tokens[index].number == nil: break
            default: return false
            }
            index = words.end[index]
            skipped += 1
        }
        return false
    }

    /// Whether a number counts files or runs, not payments ("one submission every working day", "2 EFT
    /// files a day").
    func countsBatches(_ quantity: QuantityReader.Quantity, in text: ReadingText, words: ThroughputWords) -> Bool {
        var index = quantity.last
        var seen = 0
        while index < text.tokens.count, seen < 3 {
            switch words[index] {
            case .batchUnit: return true
            case .rail: break
            case nil where text.tokens[index].lower == "bulk": break
            default: return false
            }
            index = words.end[index]
            seen += 1
        }
        return false
    }

    /// "2 files a day", "one bulk file per business day", "per submission, daily": batches per period.
    func batchesPerPeriod(in clause: Int, text: ReadingText, words: ThroughputWords, excluding quantity: QuantityReader.Quantity)
        -> (batches: Double, seconds: Double, name: String)?
    {
        let tokens = text.tokens
        for index in tokens.indices where text.clause[index] == clause {
            guard case .batchUnit = words[index], words.start[index] == index else { continue }
            var batches = 1.0
            var before = index - 1
            if before >= 0, tokens[before].isWord, ["bulk", "one", "a", "single"].contains(tokens[before].lower) { before -= 1 }
            if before >= 0, let number = tokens[before].number, before != quantity.first { batches = number }
            if before >= 0, ["two": 2.0, "three": 3, "four": 4][tokens[before].lower] != nil { batches = ["two": 2.0, "three": 3, "four": 4][tokens[before].lower]! }
            // The period: "a day", "per business day", "daily", "each day" after the unit, or anywhere in the clause.
            // A frequency before it counts the batches when no number did: "batched twice daily".
            func counted(_ candidate: Int) -> Double {
                guard batches == 1, candidate > 0, case .multiplierPhrase(let factor) = words[candidate - 1] else { return batches }
                return factor
            }
            for candidate in tokens.indices where text.clause[candidate] == clause {
                if case .periodAdjective(let seconds) = words[candidate] { return (counted(candidate), seconds, periodName(seconds)) }
                if case .per = words[candidate], words.end[candidate] < tokens.count, case .period(let seconds) = words[words.end[candidate]],
                    candidate > index || counted(candidate) != batches
                {
                    return (counted(candidate), seconds, periodName(seconds))
                }
            }
        }
        return nil
    }

    struct Window {
        var seconds: Double
        var share: Double?
        /// The clause holds the count the window applies to; otherwise it refers to a count or total before.
        var ownCount: Bool
        /// "of the day's total": the share applies to the day's volume.
        var ofDayTotal: Bool
        var first: Int
        var last: Int
    }

    /// Windows of a clause: "within a 2-hour window", "in a 3-hour window", "over ~6 hours", "in the first
    /// 4 hours", "between Friday 17:00 and 20:00", "the 14:00-15:00 hour", "the busiest hour", with the
    /// share that falls in them. A clock window counts only with a share: "bunching between 11:00 and 13:00"
    /// says when, not how much.
    func windowsByClause(_ text: ReadingText, words: ThroughputWords, quantities: [QuantityReader.Quantity]) -> [Int: Window] {
        let tokens = text.tokens
        var windows: [Int: Window] = [:]
        for (index, token) in tokens.enumerated() {
            let clause = text.clause[index]
            guard windows[clause] == nil else { continue }
            var seconds: Double?
            var clock = false
            var end = index + 1
            if ["within", "in", "over"].contains(token.lower) {
                var cursor = index + 1
                var article = false
                while cursor < tokens.count, ["a", "an", "the", "first", "last", "final", "single", "~", "about", "around", "roughly"].contains(tokens[cursor].lower) {
                    article = true
                    cursor += 1
                }
                if cursor < tokens.count, let amount = tokens[cursor].number {
                    var unitIndex = cursor + 1
                    if unitIndex < tokens.count, tokens[unitIndex].text == "-" { unitIndex += 1 }
                    if unitIndex < tokens.count, case .period(let unit) = words[unitIndex], unit >= 60, unit <= 86_400 {
                        seconds = amount * unit
                        end = words.end[unitIndex]
                    }
                } else if article, cursor < tokens.count, case .period(let unit) = words[cursor], unit >= 60, unit <= 86_400,
                    ["hour", "minute", "min", "hr"].contains(tokens[cursor].lower)
                {
                    // "in the first hour", "in the last hour before cut-off": one of the period.
                    seconds = unit
                    end = words.end[cursor]
                }
            }
            // "17-20h", "17h-20h", "5-8pm", "5pm-8pm": a clock range written with hours only.
            if seconds == nil, let range = hourRange(at: index, in: tokens) {
                seconds = range.seconds
                clock = true
                end = range.end
            }
            if ["busiest", "peak", "rush"].contains(token.lower), index + 1 < tokens.count, tokens[index + 1].lower == "hour" {
                seconds = 3600
                end = index + 2
            }
            // Clock times: "17:00 and 20:00", "14:00-15:00".
            if let hour = token.number, index + 2 < tokens.count, tokens[index + 1].text == ":", !tokens[index + 1].spaceBefore,
                let minutes = tokens[index + 2].number
            {
                var cursor = index + 3
                if cursor < tokens.count, ["-", "and", "to"].contains(tokens[cursor].lower) {
                    cursor += 1
                    if cursor + 2 < tokens.count, let endHour = tokens[cursor].number, tokens[cursor + 1].text == ":",
                        let endMinutes = tokens[cursor + 2].number
                    {
                        let span = (endHour * 60 + endMinutes) - (hour * 60 + minutes)
                        if span > 0 {
                            seconds = span * 60
                            clock = true
                            end = cursor + 3
                        }
                    }
                }
            }
            guard let window = seconds else { continue }
            // "out within 15 min of approval", "within 2 hours after the request": a deadline per payment,
            // measured from an event, not a window the day's volume falls into.
            // ("in the first 4 hours of the 1st" is a window of a day, and stays one.)
            if token.lower == "within", end < tokens.count, ["of", "after", "from"].contains(tokens[end].lower) { continue }
            let share = quantities.first { $0.isPercent && text.clause[$0.first] == clause }.map { $0.value / 100 }
            if clock || token.lower == "busiest" || token.lower == "rush", share == nil { continue }
            let clauseText = tokens.indices.filter { text.clause[$0] == clause }.map { tokens[$0].lower }.joined(separator: " ")
            let ownCount = quantities.contains { !$0.isPercent && !$0.isVague && text.clause[$0.first] == clause && ($0.first < index || $0.first >= end) && !isClock($0, tokens) }
            windows[clause] = Window(
                seconds: window, share: share, ownCount: ownCount,
                ofDayTotal: clauseText.contains("day ' s total") || clauseText.contains("day's total") || clauseText.contains("daily total") || clauseText.contains("of the total"),
                first: index, last: end)
        }
        return windows
    }

    /// "17-20h", "17h-20h", "5-8pm", "5pm-8pm", "5 pm - 8 pm": the length of an hour range, in seconds.
    func hourRange(at index: Int, in tokens: [Token]) -> (seconds: Double, end: Int)? {
        guard let startHour = tokens[index].number, startHour >= 0, startHour <= 24, startHour == startHour.rounded() else { return nil }
        var cursor = index + 1
        var startSuffix: String?
        if cursor < tokens.count, ["h", "am", "pm"].contains(tokens[cursor].lower) {
            startSuffix = tokens[cursor].lower
            cursor += 1
        }
        guard cursor + 1 < tokens.count, tokens[cursor].text == "-" || tokens[cursor].lower == "to", let endHour = tokens[cursor + 1].number,
            endHour <= 24, endHour == endHour.rounded()
        else { return nil }
        cursor += 2
        guard cursor < tokens.count, ["h", "am", "pm"].contains(tokens[cursor].lower) else { return nil }
        let endSuffix = tokens[cursor].lower
        func hour(_ value: Double, _ suffix: String?) -> Double {
            suffix == "pm" && value < 12 ? value + 12 : (suffix == "am" && value == 12 ? 0 : value)
        }
        let span = hour(endHour, endSuffix) - hour(startHour, startSuffix ?? endSuffix)
        guard span > 0 else { return nil }
        return (span * 3600, cursor + 1)
    }

    /// A number that is part of a clock time ("17:00"), not a label's colon ("Monthly run: 400k").
    func isClock(_ quantity: QuantityReader.Quantity, _ tokens: [Token]) -> Bool {
        let last = quantity.last
        let first = quantity.first
        let before = last < tokens.count && tokens[last].text == ":" && !tokens[last].spaceBefore && last + 1 < tokens.count
            && tokens[last + 1].number != nil && !tokens[last + 1].spaceBefore
        let after = first > 1 && tokens[first - 1].text == ":" && !tokens[first].spaceBefore && tokens[first - 2].number != nil
        return before || after
    }

    // MARK: - Roles and subjects

    /// Segments: clauses cut at commas, slashes and "|".
    func segments(_ text: ReadingText) -> [Int] {
        var segment = [Int](repeating: 0, count: text.tokens.count)
        var current = 0
        for index in text.tokens.indices {
            if index > 0, text.clause[index] != text.clause[index - 1] { current += 1 }
            let token = text.tokens[index]
            if token.text == "," || token.text == "|" || (token.text == "/" && token.spaceBefore) || token.text == "(" {
                current += 1
            }
            segment[index] = current
        }
        return segment
    }

    func role(of rate: Rate, in text: ReadingText, words: ThroughputWords, segment: [Int]) -> Role {
        var best: (distance: Int, role: Role)?
        for index in segment {
            let found: Role? = switch words[index] {
            case .peak: .peak
            case .sustained: .sustained
            default: nil
            }
            guard let found else { continue }
            let distance = index < rate.first ? rate.first - index : max(0, index - rate.last + 1)
            if best == nil || distance < best!.distance { best = (distance, found) }
        }
        if let best { return best.role }
        return rate.fastUnit ? .peak : .sustained
    }

    func hasRoleOrCombinedNear(_ quantity: QuantityReader.Quantity, in text: ReadingText, words: ThroughputWords, segment: [Int]) -> Bool {
        let range = 0..<text.tokens.count
        return range.contains { index in
            guard segment[index] == segment[quantity.first] else { return false }
            switch words[index] {
            case .peak, .sustained, .combined: return true
            default: return false
            }
        }
    }

    func unitInParentheses(clause: Int, text: ReadingText, words: ThroughputWords) -> Bool {
        text.tokens.indices.contains { index in
            guard text.clause[index] == clause, index > 0, text.tokens[index - 1].text == "(" else { return false }
            if case .perSecond = words[index] { return true }
            return false
        }
    }

    /// The streams a segment names: rails, or nouns such as payouts and collections. Where the segment
    /// names several nouns ("~350k DDs + ~40k DCs"), the figure keeps the one right after its number.
    /// When the segment holds several figures, a figure takes the rail nearest to it ("~1,000
    /// e-Transfers/day and one EFT file/day with ~5,000 items").
    func subject(in segment: [Int], words: ThroughputWords, own: String? = nil, near position: Int? = nil) -> String? {
        var rails: [(id: String, index: Int)] = []
        var nouns: [String] = []
        for index in segment {
            switch words[index] {
            case .rail(let id): rails.append((id, index))
            case .subject(let noun): if !nouns.contains(noun) { nouns.append(noun) }
            default: break
            }
        }
        var railIds: [String] = []
        for rail in rails where !railIds.contains(rail.id) { railIds.append(rail.id) }
        // Several figures in one segment: each takes the stream named right after its number, else the
        // nearest one before it ("pay-ins average 35 TPS and payouts average 5 TPS").
        if let position, railIds.count + nouns.count > 1 {
            if let own { return own }
            var nearestBefore: (index: Int, name: String)?
            for index in segment where index < position {
                switch words[index] {
                case .rail(let id): nearestBefore = (index, id)
                case .subject(let noun): nearestBefore = (index, noun)
                default: break
                }
            }
            if let nearestBefore { return nearestBefore.name }
        }
        if nouns.count > 1, let own, nouns.contains(own) { nouns = [own] }
        if railIds.count > 1, let own, railIds.contains(own) {
            railIds = [own]
        } else if railIds.count > 1, let position, let nearest = rails.min(by: { abs($0.index - position) < abs($1.index - position) }) {
            railIds = [nearest.id]
        }
        let subjects = railIds + nouns
        return subjects.isEmpty ? nil : subjects.joined(separator: "+")
    }

    /// The stream a figure names right after its number ("~350k DDs + ~40k DCs", "~20k Lightning payments"),
    /// within the few words of its noun phrase.
    func ownSubject(of rate: Rate, in text: ReadingText, words: ThroughputWords) -> String? {
        guard let start = rate.numberEnd else { return nil }
        var index = start
        var seen = 0
        while index < text.tokens.count, seen < 4, !text.tokens[index].isLineBreak {
            switch words[index] {
            case .rail(let id): return id
            case .subject(let noun): return noun
            case .countNoun, nil: break
            default: return nil
            }
            guard text.tokens[index].isWord || text.tokens[index].text == "-" else { return nil }
            index = words.end[index]
            seen += 1
        }
        return nil
    }

    /// The subject of the nearest earlier segment in the clause that has one.
    func previousSubject(
        before position: Int, in text: ReadingText, words: ThroughputWords, segment: [Int], tokensBySegment: [Int: [Int]]
    ) -> String? {
        let clause = text.clause[position]
        var index = position - 1
        while index >= 0, text.clause[index] == clause {
            let tokensOfSegment = tokensBySegment[segment[index]] ?? [index]
            if let subject = subject(in: tokensOfSegment, words: words) { return subject }
            index = (tokensOfSegment.first ?? index) - 1
        }
        return nil
    }

    /// One figure from several rates of a role: a combined figure wins; otherwise the largest rate of
    /// each stream, added over the streams.
    func aggregate(_ rates: [Rate], text: ReadingText) -> ThroughputFacts.Figure? {
        guard !rates.isEmpty else { return nil }
        if let combined = rates.filter(\.combined).max(by: { $0.tps < $1.tps }) {
            return .init(tps: combined.tps, phrase: text.phrase(combined.first, combined.last), derivation: combined.derivation)
        }
        var streams: [(subject: String?, rate: Rate)] = []
        for rate in rates {
            if let index = streams.firstIndex(where: { $0.subject == rate.subject }) {
                if rate.tps > streams[index].rate.tps { streams[index].rate = rate }
            } else {
                streams.append((rate.subject, rate))
            }
        }
        if streams.count == 1 {
            let rate = streams[0].rate
            return .init(tps: rate.tps, phrase: text.phrase(rate.first, rate.last), derivation: rate.derivation)
        }
        let total = streams.reduce(0) { $0 + $1.rate.tps }
        let first = streams.map(\.rate.first).min()!
        let last = streams.map(\.rate.last).max()!
        return .init(
            tps: total, phrase: text.phrase(first, last),
            derivation: streams.map { format($0.rate.tps) }.joined(separator: " + ") + " TPS over \(streams.count) streams")
    }

    enum Shape: Sendable { case batch, burst }

    /// The first phrase of the text that gives the load's shape, unless it is negated ("no bursts").
    func shape(_ kind: Shape, in text: ReadingText) -> SourcedPhrase? {
        let found = shapes.matches(in: text.tokens).filter { $0.payload == kind }
        guard !found.isEmpty else { return nil }
        let marks = context.marks(
            for: found.map { ContextReader.Span(first: $0.first, last: $0.last) }, in: text,
            triggers: context.triggerMatches(in: text, covered: [Bool](repeating: false, count: text.tokens.count)))
        guard let index = found.indices.first(where: { marks[$0]?.modifier != .negated }) else { return nil }
        return text.phrase(found[index].first, found[index].last)
    }

    func format(_ value: Double) -> String { ThroughputFormat.format(value) }
}
