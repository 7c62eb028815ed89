import Foundation

/// Finds rails in `payment_rails`: known rails through the lexicon's aliases, unknown ones as the first
/// capitalised name left in a list item that names no known rail.
public struct RailAnalyzer: Sendable {
    let rules: RuleBook
    let matcher: PhraseMatcher
    let aliasToRail: [String: String]

    /// Capitalised words that describe a rail rather than name one.
    static let descriptiveWords: Set<String> = [
        "a", "an", "and", "api", "apis", "both", "card", "cards", "credit", "debit", "direct", "domestic",
        "eu", "europe", "european", "existing", "external", "for", "global", "in", "integration", "internal",
        "international", "legacy", "new", "only", "or", "our", "payment", "payments", "plus", "primary",
        "processing", "processor", "processors", "rest", "secondary", "the", "uk", "us", "use", "using", "via",
        "we", "with", "north", "america", "americas", "apac", "latam", "region", "regions", "bank", "banks",
        "transfer", "transfers", "local", "mostly", "also", "as", "acquiring", "acquirer", "gateway", "xa",
        "resource", "managers", "manager", "between", "each", "all",
    ]

    public init(rules: RuleBook) {
        self.rules = rules
        var aliasToRail: [String: String] = [:]
        for rail in rules.rails {
            for alias in rail.aliases { aliasToRail[alias] = rail.id }
        }
        self.aliasToRail = aliasToRail
        self.matcher = PhraseMatcher(phrases: Array(aliasToRail.keys))
    }

    public func analyze(_ text: String, variable: String) -> [RailMention] {
        var mentions: [RailMention] = []
        var seen: Set<String> = []
        let matches = matcher.matches(in: text)
        for match in matches {
            guard let id = aliasToRail[match.alias], let rail = rules.rail(id), seen.insert(id).inserted else {
                continue
            }
            mentions.append(
                RailMention(
                    id: id, name: rail.name, railClass: rail.railClass, known: true,
                    phrase: SourcedPhrase(variable: variable, text: match.text, offset: match.range.location)))
        }
        for unknown in unknownNames(in: text, excluding: matches.map(\.range), variable: variable)
        where seen.insert("?" + unknown.text.lowercased()).inserted {
            mentions.append(
                RailMention(id: nil, name: unknown.text, railClass: rules.unknownRailClass, known: false, phrase: unknown))
        }
        return mentions.sorted { ($0.phrase?.offset ?? 0) < ($1.phrase?.offset ?? 0) }
    }

    /// Splits the text into list items and takes, from each item with no known rail, its first run of
    /// capitalised words that are not descriptive.
    private func unknownNames(in text: String, excluding known: [NSRange], variable: String) -> [SourcedPhrase] {
        let ns = text as NSString
        guard
            let separators = try? NSRegularExpression(
                pattern: "[,;/&+()\\n]|\\.(?=\\s|$)|\\s(?:and|or|plus|with|via|for|using)\\s", options: [.caseInsensitive]),
            let word = try? NSRegularExpression(pattern: "[\\p{L}\\p{N}][\\p{L}\\p{N}.'-]*")
        else { return [] }
        var items: [NSRange] = []
        var start = 0
        for match in separators.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            items.append(NSRange(location: start, length: match.range.location - start))
            start = match.range.location + match.range.length
        }
        items.append(NSRange(location: start, length: ns.length - start))
        var knownRanges = RangeSet()
        for range in known { knownRanges.insert(range) }
        var names: [SourcedPhrase] = []
        for item in items where !knownRanges.intersects(item) {
            var run: [NSRange] = []
            for token in word.matches(in: text, range: item) {
                let tokenText = ns.substring(with: token.range)
                let isName =
                    tokenText.first.map { $0.isUppercase || $0.isNumber } == true
                    && !Self.descriptiveWords.contains(tokenText.lowercased().trimmingCharacters(in: .punctuationCharacters))
                if isName {
                    run.append(token.range)
                } else if !run.isEmpty {
                    break
                }
            }
            guard let first = run.first, let last = run.last else { continue }
            let range = NSRange(location: first.location, length: last.location + last.length - first.location)
            let name = ns.substring(with: range).trimmingCharacters(in: .punctuationCharacters)
            guard name.count >= 2, name.contains(where: \.isLetter) else { continue }
            names.append(SourcedPhrase(variable: variable, text: name, offset: range.location))
        }
        return names
    }
}
