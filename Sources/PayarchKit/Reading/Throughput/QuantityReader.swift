/// Reads the numbers of a text the way Duckling composes numerals: digits and number words, a scale
/// after them (`10k`, `1.2M`, `3 million`, `2L`, `1.5 crore`), ranges (`500-800`, `between 1,000 and
/// 1,500`, `1.5-2k`: a scale after the second bound applies to both), and the shapes that are not
/// quantities at all: ordinals (`5th`), percentages (`40%`), clock times (`17:00`, `4pm`).
public struct QuantityReader: Sendable {
    /// One number of the text, with its token span.
    public struct Quantity: Sendable, Hashable {
        public var value: Double
        /// The lower bound when the quantity was a range (the value is the upper bound).
        public var lowerBound: Double?
        public var first: Int
        public var last: Int
        /// A percentage: a share, never a rate.
        public var isPercent: Bool
        /// Written only in words or as an order of magnitude ("a few hundred"): not a design figure.
        public var isVague: Bool
    }

    let scales: [String: Double]
    let exactScales: [String: Double]
    let numberWords: [String: Double]
    let rangeJoiners: Set<String>

    public init(vocabulary: ReadingVocabulary.Quantities) {
        var scales: [String: Double] = [:]
        var exactScales: [String: Double] = [:]
        for scale in vocabulary.scales {
            let (word, value) = (scale.word, scale.value)
            // Single capital letters (`M`, `K`, `L`) keep their case; words are read in any case.
            if word.count == 1 { exactScales[word] = value } else { scales[word.lowercased()] = value }
        }
        scales["trillion"] = scales["trillion"] ?? 1e12
        scales["quadrillion"] = scales["quadrillion"] ?? 1e15
        self.scales = scales
        self.exactScales = exactScales
        numberWords = Dictionary(vocabulary.numberWords.map { ($0.word.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        rangeJoiners = Set(vocabulary.rangeJoiners.map { $0.lowercased() })
    }

    static let ordinalSuffixes: Set<String> = ["st", "nd", "rd", "th"]
    static let clockSuffixes: Set<String> = ["am", "pm", "h", "hrs"]

    /// Every quantity, left to right.
    public func quantities(in tokens: [Token]) -> [Quantity] {
        var found: [Quantity] = []
        var index = 0
        while index < tokens.count {
            if let (quantity, next) = quantity(at: index, in: tokens) {
                found.append(quantity)
                index = next
            } else {
                index += 1
            }
        }
        return found
    }

    /// The scale a token names, if it is one: `k`, `K`, `M`, `million`, `lakh`. One-letter scales must
    /// touch the number (`10k`), except `K` and `M`.
    func scale(of token: Token, attached: Bool) -> Double? {
        if let value = exactScales[token.text] { return attached || token.text == "K" || token.text == "M" ? value : nil }
        if let value = scales[token.lower] {
            // `m` alone after a space is more often minutes or metres than millions.
            if token.lower == "m" || token.lower == "b" || token.lower == "k" { return attached ? value : nil }
            return value
        }
        if attached, token.lower == "k" || token.lower == "m" || token.lower == "b" || token.lower == "l" {
            return exactScales[token.text.uppercased()] ?? exactScales[token.text] ?? scales[token.lower]
        }
        return nil
    }

    /// A single number starting at `index`: digits or number words, then an optional scale.
    func single(at index: Int, in tokens: [Token]) -> (value: Double, next: Int, vague: Bool)? {
        let token = tokens[index]
        var value: Double
        var next = index + 1
        var vague = false
        if let number = token.number {
            // Not quantities: ordinals (5th), clock times (17:00, 4pm), versions (1.2.3).
            if next < tokens.count, !tokens[next].spaceBefore {
                let following = tokens[next]
                if Self.ordinalSuffixes.contains(following.lower) || Self.clockSuffixes.contains(following.lower) { return nil }
                if following.text == ":", next + 1 < tokens.count, tokens[next + 1].number != nil, !tokens[next + 1].spaceBefore {
                    return nil
                }
            }
            if index > 0, tokens[index - 1].text == ":", !token.spaceBefore, index > 1, tokens[index - 2].number != nil { return nil }
            value = number
        } else if token.isWord, let word = numberWords[token.lower] {
            // "a"/"an" count only before a scale ("a million"); "few" only as "a few hundred".
            if token.lower == "a" || token.lower == "an" {
                guard next < tokens.count, scale(of: tokens[next], attached: false) != nil else { return nil }
            }
            if token.lower == "few" || token.lower == "couple" { vague = true }
            value = word
            // Compound number words: "twenty five", "half a million".
            while next < tokens.count, tokens[next].isWord, let more = numberWords[tokens[next].lower], more >= 1, more < 10,
                value >= 20, value.truncatingRemainder(dividingBy: 10) == 0
            {
                value += more
                next += 1
            }
            if token.lower == "half" || token.lower == "quarter", next < tokens.count, ["a", "an"].contains(tokens[next].lower) { next += 1 }
            // The fractions and vague words count only before a scale ("half a million", "a few hundred").
            if ["a", "an", "few", "couple", "half", "quarter"].contains(token.lower),
                next >= tokens.count || scale(of: tokens[next], attached: false) == nil
            {
                return nil
            }
        } else {
            return nil
        }
        // Scales compose: "twelve hundred", "1.5 million", "2 lakh", "10k".
        while next < tokens.count, let multiplier = scale(of: tokens[next], attached: !tokens[next].spaceBefore) {
            value *= multiplier
            next += 1
        }
        return (value, next, vague)
    }

    func quantity(at index: Int, in tokens: [Token]) -> (Quantity, Int)? {
        var start = index
        // "between X and Y", "from X to Y".
        var rangeIntroduced = false
        if tokens[index].lower == "between" || tokens[index].lower == "from" {
            guard index + 1 < tokens.count else { return nil }
            start = index + 1
            rangeIntroduced = true
        }
        guard let (low, afterLow, lowVague) = single(at: start, in: tokens) else { return nil }
        var quantity = Quantity(value: low, lowerBound: nil, first: index, last: afterLow, isPercent: false, isVague: lowVague)
        var next = afterLow
        // A range: "500-800", "500 to 800", "between 1,000 and 1,500".
        if next + 1 < tokens.count, rangeJoiners.contains(tokens[next].lower) || tokens[next].text == "-",
            rangeIntroduced || tokens[next].text == "-" || tokens[next].lower == "to" || tokens[next].text == "~",
            let (high, afterHigh, highVague) = single(at: next + 1, in: tokens), high >= low
        {
            // A scale written only after the upper bound applies to both: "1.5-2k", "30–40k".
            var lowValue = low
            let lowHadScale = afterLow - start > 1 || (tokens[start].number == nil)
            if !lowHadScale, afterHigh - (next + 1) > 1, let rawHigh = tokens[next + 1].number, rawHigh > 0 {
                lowValue = low * (high / rawHigh)
            }
            quantity.value = max(high, lowValue)
            quantity.lowerBound = min(lowValue, high)
            quantity.isVague = lowVague || highVague
            next = afterHigh
        } else if rangeIntroduced {
            return nil
        }
        if next < tokens.count, tokens[next].text == "%" {
            quantity.isPercent = true
            next += 1
        }
        quantity.last = next
        return (quantity, next)
    }
}
