/// What `payarch rails` prints: the rail catalogue of `rules/rails/`, all of it, one class of it, or one
/// rail in full with every fact and window and the source each was checked against.
///
/// Order is part of the output's contract: classes by rank (the order in which the reader picks the
/// governing class; ties by id), rails by name within their class ignoring letter case (ties by id).
/// Nothing depends on dictionary order, so the same rules give the same bytes on every run.
public struct RailCatalogueReport: Sendable {
    /// One rail. The fields after `sources` are filled only in the full view of one rail; JSON leaves
    /// them out otherwise.
    public struct Entry: Sendable, Codable, Hashable {
        public var id: String
        public var name: String
        public var railClass: String
        public var className: String
        public var family: String
        /// Matched ignoring letter case.
        public var aliases: [String]
        /// Matched only with this letter case.
        public var exactAliases: [String]
        /// The distinct source addresses of the rail's facts, then of its windows, in the order they
        /// first appear in the catalogue.
        public var sources: [String]
        /// The catalogue file, relative to the rules directory, and the line the rail starts on.
        public var file: String?
        public var line: Int?
        public var examples: [String]?
        public var nativeKey: String?
        public var keyMaxLength: Int?
        public var unknownOutcome: String?
        public var compensation: String?
        public var reconciliationArtefact: String?
        public var runsOn: [String]?
        public var windows: [Window]?
        public var facts: [Fact]?
        public var checks: [String]?
    }

    public struct Window: Sendable, Codable, Hashable {
        public var kind: String
        public var days: Double
        public var text: String
        public var source: String
    }

    public struct Fact: Sendable, Codable, Hashable {
        public var topic: String
        public var text: String
        public var source: String
        /// For a token's fact about some of its chains; left out when empty.
        public var chains: [String]?
    }

    /// A class heading of the listing, in the order shown.
    public struct ClassGroup: Sendable {
        public var railClass: RailClass
        public var familyName: String
        public var entries: [Entry]
    }

    public var groups: [ClassGroup]
    /// True for the full view of one rail.
    public var isSingleRail: Bool
    /// The class filter, when one was given.
    public var classFilter: String?

    /// Every rail in the listing order, as the JSON array has them.
    public var entries: [Entry] { groups.flatMap(\.entries) }

    /// The catalogue, or the rails of one class (`railClass`: its id or name), or one rail in full
    /// (`rail`: its id, name or alias; with `railClass`, the rail must be of that class).
    public init(rules: RuleBook, railClass: String? = nil, rail: String? = nil) throws(PayarchError) {
        let filter = try railClass.map { query throws(PayarchError) in try RailLookup.railClass(query, in: rules) }
        classFilter = filter?.id
        var rails = rules.rails
        if let rail {
            let found = try RailLookup.rail(named: rail, in: rules)
            if let filter, found.railClass != filter.id {
                throw PayarchError(
                    .usage,
                    Diagnostic(
                        at: nil, id: "catalogue.class-mismatch",
                        "\(found.name) is a rail of class '\(found.railClass)', not '\(filter.id)'"))
            }
            rails = [found]
        }
        isSingleRail = rail != nil
        let classes = rules.railClasses
            .filter { railClass in filter.map { $0.id == railClass.id } ?? true }
            .sorted { ($0.rank, $0.id) < ($1.rank, $1.id) }
        groups = classes.compactMap { railClass in
            let members = rails.filter { $0.railClass == railClass.id }
                .sorted { ($0.name.lowercased(), $0.name, $0.id) < ($1.name.lowercased(), $1.name, $1.id) }
            if rail != nil, members.isEmpty { return nil }
            return ClassGroup(
                railClass: railClass, familyName: rules.family(railClass.family)?.name ?? railClass.family,
                entries: members.map { Self.entry($0, railClass: railClass, full: rail != nil, rulesDirectory: rules.directory) })
        }
    }

    static func entry(_ rail: RailDefinition, railClass: RailClass, full: Bool, rulesDirectory: String) -> Entry {
        var sources: [String] = []
        for source in rail.facts.map(\.source) + rail.windows.map(\.source) where !sources.contains(source) {
            sources.append(source)
        }
        var entry = Entry(
            id: rail.id, name: rail.name, railClass: rail.railClass, className: railClass.name, family: railClass.family,
            aliases: rail.aliases, exactAliases: rail.exactAliases, sources: sources)
        guard full else { return entry }
        entry.file = relativePath(rail.location.file, to: rulesDirectory)
        entry.line = rail.location.isWholeFile ? nil : rail.location.line
        entry.examples = rail.examples
        entry.nativeKey = rail.nativeKey
        entry.keyMaxLength = rail.keyMaxLength
        entry.unknownOutcome = rail.unknownOutcome
        entry.compensation = rail.compensation
        entry.reconciliationArtefact = rail.reconciliationArtefact
        entry.runsOn = rail.runsOn
        entry.windows = rail.windows.map { Window(kind: $0.kind, days: $0.days, text: $0.text, source: $0.source) }
        entry.facts = rail.facts.map { Fact(topic: $0.topic, text: $0.text, source: $0.source, chains: $0.chains.isEmpty ? nil : $0.chains) }
        entry.checks = rail.checks
        return entry
    }

    /// `rails/wallet.yml` for a file under the rules directory, so output does not depend on where the
    /// rules were found; any other path as it is.
    static func relativePath(_ path: String, to directory: String) -> String {
        var prefix = directory
        while prefix.count > 1, prefix.hasSuffix("/") { prefix.removeLast() }
        return path.hasPrefix(prefix + "/") ? String(path.dropFirst(prefix.count + 1)) : path
    }

    /// A JSON array of the entries, in listing order, keys sorted.
    public func json() throws(PayarchError) -> String {
        do {
            return try JSONOutput.encode(entries)
        } catch {
            throw PayarchError.data(at: nil, id: "output.json", "cannot encode the rail catalogue as JSON: \(error)")
        }
    }
}
