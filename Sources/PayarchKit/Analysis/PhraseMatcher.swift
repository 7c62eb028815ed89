import Foundation

/// Finds vocabulary phrases in free text: case-insensitive, on word boundaries, longest phrase first,
/// never overlapping. One compiled NSRegularExpression per vocabulary.
public struct PhraseMatcher: @unchecked Sendable {
    public struct Match: Sendable, Hashable {
        /// The vocabulary entry (lowercased alias) that matched.
        public var alias: String
        /// The text as written in the input.
        public var text: String
        /// UTF-16 range in the scanned text.
        public var range: NSRange
    }

    private let regex: NSRegularExpression?

    public init(phrases: [String]) {
        let unique = Array(Set(phrases.map { $0.lowercased() }))
            .sorted { ($0.count, $1) > ($1.count, $0) }
        guard !unique.isEmpty else {
            regex = nil
            return
        }
        let body = unique.map(NSRegularExpression.escapedPattern(for:)).joined(separator: "|")
        regex = try? NSRegularExpression(
            pattern: "(?<![\\p{L}\\p{N}])(?:" + body + ")(?![\\p{L}\\p{N}])", options: [.caseInsensitive])
    }

    public func matches(in text: String) -> [Match] {
        guard let regex else { return [] }
        let ns = text as NSString
        return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { result in
            let found = ns.substring(with: result.range)
            return Match(alias: found.lowercased(), text: found, range: result.range)
        }
    }
}
