import Foundation

/// Loads and checks a `RuleBook`. Every problem points at the YAML position it came from; the
/// decision-table check collects all gaps and overlaps before failing.
public struct RuleBookLoader: Sendable {
    public var yaml: YAMLLoader

    public init(yaml: YAMLLoader = YAMLLoader()) {
        self.yaml = yaml
    }

    /// Decision tables the planner reads, with the outputs it needs from each.
    public static let requiredTables: [String: [String]] = [
        "coordination": ["pattern", "patternName", "style", "recoveryPoints", "topology"],
        "locking": ["locking", "lockingName"],
        "datastore": [
            "engine", "storeKind", "database", "isolation", "keyStore", "claim", "retry", "readRule", "workQueue", "gateFailure",
            // One statement per value of `locking.locking`, in the store's dialect.
            "pessimistic", "optimistic", "conditional",
            // What a zone or region loss costs this store.
            "failover",
        ],
        "ledger": ["posting", "postingName"],
        "replicated-state": ["model", "modelName"],
        "reconciliation": ["cadence", "matchAgainst"],
        "partitioning": ["strategy"],
        "retention": ["floorDays", "marginDays", "reason"],
        "regions": ["mode", "modeName", "keyHome", "failover"],
    ]

    /// Outputs whose values select template sections, with the values the templates know.
    public static let enumeratedOutputs: [String: [String: [String]]] = [
        "coordination": [
            "pattern": ["outbox", "saga", "two-phase-commit"], "control": ["transaction-manager", "relay", "orchestrated", "choreographed"],
        ],
        "ledger": ["posting": ["asynchronous", "synchronous"]],
        "locking": ["locking": ["pessimistic", "optimistic", "conditional"]],
        "replicated-state": ["model": ["cp-only", "crdt"]],
        "datastore": [
            "engine": ["postgresql", "aurora-postgresql", "mysql", "sql-server", "oracle", "mongodb", "cockroachdb", "yugabytedb", "spanner", "dynamodb", "xa-database"],
            "storeKind": ["single-primary", "sharded", "distributed", "key-value", "xa"],
        ],
        "regions": ["mode": ["single-region", "home-region", "global-store"]],
    ]

    /// All the rules files together, and the decision tables, stay within what any real rule book needs;
    /// each file is also held to `yaml.maxBytes`.
    public static let maxTotalBytes = 16 << 20
    public static let maxTables = 64

    public func load(directory: String) throws(PayarchError) -> RuleBook {
        try checkTotalSize(directory)
        let (railClasses, families, unknownRailClass) = try loadClasses(directory + "/rail-classes.yml")
        let classIds = Set(railClasses.map(\.id))
        let rails = try loadCatalogue(directory + "/rails", classIds: classIds)
        let reading = try loadReading(directory + "/reading", railIds: Set(rails.map(\.id)), classIds: classIds)
        let lifecycles = try loadLifecycles(
            directory + "/lifecycle", classIds: classIds,
            railClasses: Dictionary(rails.map { ($0.id, $0.railClass) }, uniquingKeysWith: { first, _ in first }),
            processedAs: Dictionary(rails.compactMap { rail in rail.processedAs.map { (rail.id, $0) } }, uniquingKeysWith: { first, _ in first }),
            receivedAs: Dictionary(railClasses.compactMap { railClass in railClass.receivedAs.map { (railClass.id, $0) } }, uniquingKeysWith: { first, _ in first }),
            modes: reading.railWords.modes.map(\.mode))
        let vocabulary = try loadVocabulary(directory + "/consistency.yml")
        let throughput = try loadThroughput(directory + "/throughput.yml")
        var book = RuleBook(
            rails: rails, lifecycles: lifecycles, railClasses: railClasses, families: families, unknownRailClass: unknownRailClass,
            vocabulary: vocabulary, reading: reading, throughput: throughput, tables: [], directory: directory)
        book.tables = try loadTables(directory + "/decisions", domains: book.domains)
        book.selfCheck = try loadSelfCheck(directory + "/self-check.yml", book: book)
        return book
    }

    private func loadClasses(_ path: String) throws(PayarchError) -> ([RailClass], [RailFamily], String) {
        let root = try MappingReader(try document(path), what: "rail-classes.yml")
        try root.rejectUnknownKeys(["unknownRailClass", "families", "classes"])
        let families = try root.required("families").sequenceItems(for: "'families'").map { node throws(PayarchError) in
            let map = try MappingReader(node, what: "a family")
            try map.rejectUnknownKeys(["id", "name"])
            return RailFamily(id: try map.required("id").string(for: "'id'"), name: try map.required("name").string(for: "'name'"))
        }
        let familyIds = Set(families.map(\.id))
        // Where each `receivedAs` is written, so an unknown one is reported at its line.
        var receivedAsLocations: [String: SourceLocation] = [:]
        let classes = try root.required("classes").sequenceItems(for: "'classes'").map { node throws(PayarchError) in
            let map = try MappingReader(node, what: "a rail class")
            try map.rejectUnknownKeys(["id", "name", "family", "rank", "batched", "direction", "defaultChannel", "unknownRailKey", "unknownRailArtefact", "receivedAs"])
            let familyNode = try map.required("family")
            let family = try familyNode.string(for: "'family'")
            guard familyIds.contains(family) else {
                throw PayarchError.data(
                    at: familyNode.location, id: "rules.unknown-family", "unknown family '\(family)'",
                    notes: ["families: " + families.map(\.id).joined(separator: ", ")])
            }
            var railClass = RailClass(
                id: try map.required("id").string(for: "'id'"), name: try map.required("name").string(for: "'name'"),
                family: family, rank: try map.required("rank").integer(for: "'rank'"))
            if let node = map["batched"] {
                guard let value = ["true": true, "false": false][try node.string(for: "'batched'")] else {
                    throw PayarchError.data(at: node.location, id: "rules.unknown-value", "'batched' is true or false")
                }
                railClass.batched = value
            }
            if let node = map["unknownRailKey"] { railClass.unknownRailKey = try node.string(for: "'unknownRailKey'") }
            if let node = map["unknownRailArtefact"] { railClass.unknownRailArtefact = try node.string(for: "'unknownRailArtefact'") }
            if let node = map["receivedAs"] {
                railClass.receivedAs = try node.string(for: "'receivedAs'")
                receivedAsLocations[railClass.id] = node.location
            }
            if map["defaultChannel"] != nil {
                railClass.defaultChannel = try map.oneOf(
                    "defaultChannel", ClassLifecycle.channels.sorted(), id: "rules.unknown-value", what: "channel", listName: "channels")
            }
            if map["direction"] != nil {
                railClass.direction = try map.oneOf(
                    "direction", ClassLifecycle.directions.sorted(), id: "rules.unknown-value", what: "direction", listName: "directions")
            }
            return railClass
        }
        for railClass in classes {
            if let received = railClass.receivedAs, !classes.contains(where: { $0.id == received && $0.id != railClass.id }) {
                throw PayarchError.data(
                    at: receivedAsLocations[railClass.id], id: "rules.unknown-class", "rail class '\(railClass.id)' is received as unknown rail class '\(received)'")
            }
        }
        let unknownNode = try root.required("unknownRailClass")
        let unknownRailClass = try unknownNode.string(for: "'unknownRailClass'")
        guard classes.contains(where: { $0.id == unknownRailClass }) else {
            throw PayarchError.data(
                at: unknownNode.location, id: "rules.unknown-class", "unknown rail class '\(unknownRailClass)'")
        }
        return (classes, families, unknownRailClass)
    }

    /// Every file the loader may read, in a fixed order (the rule book's snapshot key covers them all).
    public static func sourcePaths(_ directory: String) -> [String] {
        var paths = ["rail-classes.yml", "consistency.yml", "throughput.yml", "self-check.yml"].map { directory + "/" + $0 }
        for folder in ["rails", "reading", "decisions", "lifecycle"] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory + "/" + folder)) ?? []
            paths += names.filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }.sorted().map { directory + "/" + folder + "/" + $0 }
        }
        return paths
    }

    /// The sizes of every file the loader reads, added up before any is parsed.
    private func checkTotalSize(_ directory: String) throws(PayarchError) {
        var total = 0
        for path in Self.sourcePaths(directory) {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path), let size = attributes[.size] as? Int else { continue }
            total += size
            if total > Self.maxTotalBytes {
                throw PayarchError.data(
                    at: SourceLocation.file(directory), id: "rules.too-large",
                    "the rules files add up to more than \(Self.maxTotalBytes) bytes; payarch loads at most that")
            }
        }
    }

    func document(_ path: String) throws(PayarchError) -> YAMLNode {
        let source = try SourceFile.read(path, maxBytes: yaml.maxBytes)
        guard let root = try yaml.loadDocuments(source).first else {
            throw PayarchError.data(
                at: SourceLocation.file(path), id: "rules.empty", "the rules file is empty")
        }
        return root
    }

    private func loadTables(_ directory: String, domains: [String: [String]]) throws(PayarchError)
        -> [DecisionTable]
    {
        let names = try yamlFiles(in: directory, id: "rules.no-decisions", what: "the decision tables directory")
        if names.count > Self.maxTables {
            throw PayarchError.data(
                at: SourceLocation.file(directory), id: "rules.too-many-tables",
                "\(names.count) decision tables; payarch loads at most \(Self.maxTables)")
        }
        var tables: [DecisionTable] = []
        var problems: [Diagnostic] = []
        for name in names {
            let path = directory + "/" + name
            let table = try DecisionTableDecoder.decode(try document(path), path: path, domains: domains)
            problems += DecisionTableChecker(table: table, domains: domains).problems()
            tables.append(table)
        }
        for (id, outputs) in Self.requiredTables.sorted(by: { $0.key < $1.key }) {
            guard let table = tables.first(where: { $0.id == id }) else {
                problems.append(
                    Diagnostic(
                        at: SourceLocation.file(directory), id: "rules.missing-table",
                        "no decision table with id '\(id)'"))
                continue
            }
            for output in outputs where !table.outputNames.contains(output) {
                problems.append(
                    Diagnostic(
                        at: table.location, id: "rules.missing-output",
                        "table '\(id)' must declare the output '\(output)'"))
            }
            for (output, allowed) in (Self.enumeratedOutputs[id] ?? [:]).sorted(by: { $0.key < $1.key }) {
                for row in table.rows + table.statedRows {
                    let value = row.outputs[output]?.text ?? ""
                    if !allowed.contains(value) {
                        problems.append(
                            Diagnostic(
                                at: row.location, id: "rules.unknown-value",
                                "row \(row.id) sets \(output) to '\(value)'; the templates know: " + allowed.joined(separator: ", ")))
                    }
                }
            }
        }
        if !problems.isEmpty { throw PayarchError(.data, problems) }
        return tables.sorted { ($0.order, $0.id) < ($1.order, $1.id) }
    }
}
