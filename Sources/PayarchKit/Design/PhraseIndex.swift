/// A document split once into word tokens (runs of letters, digits and `_`), so that many phrases can be
/// looked up at word edges without rescanning the text: a phrase is found where its first token occurs
/// and the text from there matches the whole phrase. Phrases that begin or end with a non-word
/// character fall back to a plain substring search.
struct PhraseIndex {
    private let scalars: [Unicode.Scalar]
    private let lowered: [Unicode.Scalar]
    /// Start and end (exclusive) of every token, in order.
    private var tokens: [(start: Int, end: Int)] = []
    private var byToken: [String: [Int]] = [:]
    private var byLoweredToken: [String: [Int]] = [:]

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
        // Lowercasing can change the number of scalars (İ); then each scalar is lowered on its own so the
        // two arrays stay aligned.
        let lowercased = Array(text.lowercased().unicodeScalars)
        lowered = lowercased.count == scalars.count ? lowercased : scalars.map { Self.lower($0) }
        var index = 0
        while index < scalars.count {
            guard Self.isWord(scalars[index]) else {
                index += 1
                continue
            }
            let start = index
            while index < scalars.count, Self.isWord(scalars[index]) { index += 1 }
            let number = tokens.count
            tokens.append((start, index))
            byToken[Self.string(scalars[start..<index]), default: []].append(number)
            byLoweredToken[Self.string(lowered[start..<index]), default: []].append(number)
        }
    }

    static func isWord(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "_"
    }

    static func lower(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let lowered = String(scalar).lowercased().unicodeScalars
        return lowered.count == 1 ? lowered.first! : scalar
    }

    static func string(_ slice: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: slice)
        return String(view)
    }

    /// The scalar ranges where `phrase` occurs at word edges.
    func occurrences(of phrase: String, caseInsensitive: Bool) -> [Range<Int>] {
        let needle = caseInsensitive ? Array(phrase.lowercased().unicodeScalars) : Array(phrase.unicodeScalars)
        let haystack = caseInsensitive ? lowered : scalars
        guard let first = needle.first, let last = needle.last else { return [] }
        guard Self.isWord(first), Self.isWord(last) else {
            return substringOccurrences(needle, in: haystack)
        }
        var end = 0
        while end < needle.count, Self.isWord(needle[end]) { end += 1 }
        let firstToken = Self.string(needle[0..<end])
        var found: [Range<Int>] = []
        for number in (caseInsensitive ? byLoweredToken : byToken)[firstToken] ?? [] {
            let start = tokens[number].start
            guard start + needle.count <= haystack.count, haystack[start..<start + needle.count].elementsEqual(needle) else { continue }
            let after = start + needle.count
            if after < haystack.count, Self.isWord(haystack[after]) { continue }
            found.append(start..<after)
        }
        return found
    }

    func contains(_ phrase: String, caseInsensitive: Bool) -> Bool {
        !occurrences(of: phrase, caseInsensitive: caseInsensitive).isEmpty
    }

    private func substringOccurrences(_ needle: [Unicode.Scalar], in haystack: [Unicode.Scalar]) -> [Range<Int>] {
        guard needle.count <= haystack.count else { return [] }
        var found: [Range<Int>] = []
        var index = 0
        while index + needle.count <= haystack.count {
            if haystack[index] == needle[0], haystack[index..<index + needle.count].elementsEqual(needle) {
                found.append(index..<index + needle.count)
            }
            index += 1
        }
        return found
    }
}
