/// Whether two sentences say the same thing in other words: the share of the shorter one's content words
/// that the other also has (the overlap coefficient). Open items are written in two places, a rail's own
/// checks and its class's checks, so the same doubt can come back reworded; the design lists it once.
enum NearDuplicate {
    /// At or above this share two sentences are the same item.
    static let threshold = 0.6

    /// Words that carry no content of their own in an open item.
    static let ignored: Set<String> = [
        "a", "an", "and", "any", "are", "as", "at", "be", "before", "by", "confirm", "for", "from", "in", "is", "it", "its", "no",
        "not", "of", "on", "one", "only", "or", "than", "that", "the", "this", "to", "which", "with", "your",
    ]

    /// The lowercased content words of a sentence.
    static func words(_ text: String) -> Set<String> {
        var words: Set<String> = []
        var current = ""
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                if !ignored.contains(current) { words.insert(current) }
                current = ""
            }
        }
        if !current.isEmpty, !ignored.contains(current) { words.insert(current) }
        return words
    }

    static func similarity(_ lhs: Set<String>, _ rhs: Set<String>) -> Double {
        let smaller = min(lhs.count, rhs.count)
        guard smaller > 0 else { return lhs == rhs ? 1 : 0 }
        return Double(lhs.intersection(rhs).count) / Double(smaller)
    }

    static func same(_ lhs: String, _ rhs: String) -> Bool {
        similarity(words(lhs), words(rhs)) >= threshold
    }
}
