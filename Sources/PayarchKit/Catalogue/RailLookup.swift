import Foundation

/// Finds a rail or a rail class of the catalogue by what a user types on the command line.
///
/// A rail is found by its id, its name, an alias or an exact-case alias: first with the letter case typed
/// (so `SWIFT` the network wins over any rail that merely spells `swift` in lower case), then ignoring
/// case. A name nothing matches is a usage error (exit 64) with the nearest known name as a hint.
public enum RailLookup {
    /// The rail `query` names.
    public static func rail(named query: String, in rules: RuleBook) throws(PayarchError) -> RailDefinition {
        let query = query.trimmingCharacters(in: .whitespaces)
        guard !query.isEmpty else {
            throw PayarchError(
                .usage, Diagnostic(at: nil, id: "catalogue.unknown-rail", "the rail name is empty", notes: ["'payarch rails' lists every rail"]))
        }
        func names(_ rail: RailDefinition) -> [String] { [rail.id, rail.name] + rail.aliases + rail.exactAliases }
        for matches in [
            rules.rails.filter { names($0).contains(query) },
            rules.rails.filter { names($0).contains { $0.lowercased() == query.lowercased() } },
        ] where !matches.isEmpty {
            guard matches.count == 1 else {
                throw PayarchError(
                    .usage,
                    Diagnostic(
                        at: nil, id: "catalogue.ambiguous-rail",
                        "'\(query)' names \(matches.count) rails: " + matches.map { "\($0.name) (\($0.id))" }.joined(separator: ", "),
                        notes: ["give the rail's id instead"]))
            }
            return matches[0]
        }
        var notes = ["'payarch rails' lists every rail with its aliases"]
        if let suggestion = EditDistance.closest(to: query, in: rules.rails.flatMap(names)) {
            notes.insert("did you mean '\(suggestion)'?", at: 0)
        }
        throw PayarchError(
            .usage, Diagnostic(at: nil, id: "catalogue.unknown-rail", "no rail named '\(query)' in the catalogue", notes: notes))
    }

    /// The rail class with id `query` (or, ignoring case, that id or name).
    public static func railClass(_ query: String, in rules: RuleBook) throws(PayarchError) -> RailClass {
        if let found = rules.railClass(query)
            ?? rules.railClasses.first(where: { $0.id.lowercased() == query.lowercased() || $0.name.lowercased() == query.lowercased() })
        {
            return found
        }
        let known = rules.railClasses.map(\.id)
        var notes = ["rail classes: " + known.joined(separator: ", ")]
        if let suggestion = EditDistance.closest(to: query, in: known) {
            notes.insert("did you mean '\(suggestion)'?", at: 0)
        }
        throw PayarchError(.usage, Diagnostic(at: nil, id: "catalogue.unknown-class", "no rail class '\(query)'", notes: notes))
    }
}
