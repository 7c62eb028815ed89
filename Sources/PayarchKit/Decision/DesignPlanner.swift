/// Looks every decision table up with the dimension values read from the facts.
public struct DesignPlanner: Sendable {
    let rules: RuleBook

    public init(rules: RuleBook) {
        self.rules = rules
    }

    /// The value and supporting phrases of each decision dimension.
    public func keys(for facts: DesignFacts) -> [String: Decision.Key] {
        let railPhrases = facts.rails.filter { $0.family == facts.governingFamily }.compactMap(\.phrase)
        let peak = facts.throughput.designPeak
        let money = facts.consistency.moneyPath
        let ledger = facts.consistency.ledger
        return [
            "railFamily": .init(
                dimension: "railFamily", value: facts.governingFamily, phrases: railPhrases, assumed: railPhrases.isEmpty),
            "tpsBand": .init(
                dimension: "tpsBand", value: facts.throughput.band, phrases: peak.phrase.map { [$0] } ?? [],
                assumed: peak.phrase == nil || peak.derivation != nil),
            "consistency": .init(dimension: "consistency", value: money.tier, phrases: money.phrases, assumed: money.assumed),
            "ledgerConsistency": .init(
                dimension: "ledgerConsistency", value: ledger.tier, phrases: ledger.phrases, assumed: ledger.assumed),
            "apState": .init(
                dimension: "apState", value: facts.consistency.apState, phrases: facts.consistency.apPhrases,
                assumed: false),
            "regions": .init(
                dimension: "regions", value: facts.consistency.regionMode,
                // The phrase that decided the mode: data residency and a single region win over several regions.
                phrases: (facts.consistency.residency ?? facts.consistency.singleRegion ?? facts.consistency.multiRegion).map { [$0] } ?? [],
                assumed: facts.consistency.multiRegion == nil && facts.consistency.singleRegion == nil && facts.consistency.residency == nil),
        ]
    }

    public func plan(_ facts: DesignFacts) throws(PayarchError) -> DesignPlan {
        let keys = keys(for: facts)
        var decisions: [Decision] = []
        for table in rules.tables {
            switch table.scope {
            case .design:
                decisions.append(try decide(table, keys: keys, railFamily: nil))
            case .eachRailFamily:
                for family in rules.families(presentIn: facts) {
                    var familyKeys = keys
                    let phrases = facts.rails.filter { $0.family == family }.compactMap(\.phrase)
                    familyKeys["railFamily"] = .init(
                        dimension: "railFamily", value: family, phrases: phrases, assumed: phrases.isEmpty)
                    decisions.append(try decide(table, keys: familyKeys, railFamily: family))
                }
            }
        }
        if let stated = facts.consistency.statedStore, let index = decisions.firstIndex(where: { $0.table == "datastore" }),
            let table = rules.tables.first(where: { $0.id == "datastore" }), decisions[index].text("engine") != stated.engine,
            let row = Self.storeRow(table, engine: stated.engine, keys: keys)
        {
            // The input names the store it runs: that engine's row replaces the table's choice, and with
            // several active regions, the region row that store supports replaces the regions choice.
            let key = Decision.Key(dimension: "store", value: stated.engine, phrases: [stated.phrase], assumed: false)
            let bandPartition = decisions.first { $0.table == "partitioning" }?.row
            Self.replace(&decisions[index], with: row, of: table, rationale: "The input names the store it already runs, so the design uses it: ", key: key)
            // One primary of the store the input runs cannot carry a volume the table would shard: the same
            // store, hash-sharded on the key, each shard laid out as the input runs it.
            if row.outputs["storeKind"]?.text == "single-primary", let bandPartition, bandPartition != "PART-SINGLE-PRIMARY",
                let database = row.outputs["database"]?.text, let comma = database.firstIndex(of: ",")
            {
                let layout = database[database.index(after: comma)...].trimmingCharacters(in: .whitespaces)
                    .replacingOccurrences(of: "one primary", with: "a primary").replacingOccurrences(of: "one writer", with: "a writer")
                let sharded = String(database[..<comma]) + ", hash-sharded on (merchant id, idempotency key) because one primary cannot carry this volume, each shard " + layout
                decisions[index].outputs["storeKind"] = .text("sharded")
                decisions[index].outputs["database"] = .text(sharded)
                decisions[index].summary = decisions[index].summary.replacingOccurrences(of: database, with: sharded)
                decisions[index].rationale += " At this volume one primary of it cannot carry the load, so it is hash-sharded on the key."
            }
            // Partitioning follows the kind of store now chosen, not the volume band alone.
            if let partIndex = decisions.firstIndex(where: { $0.table == "partitioning" }),
                let rowId = Self.partitioningRowByStoreKind[decisions[index].outputs["storeKind"]?.text ?? ""], decisions[partIndex].row != rowId,
                let partTable = rules.tables.first(where: { $0.id == "partitioning" }), let partRow = partTable.rows.first(where: { $0.id == rowId })
            {
                Self.replace(&decisions[partIndex], with: partRow, of: partTable, rationale: "The input runs \(stated.phrase.text): ", key: key)
            }
            if let regionIndex = decisions.firstIndex(where: { $0.table == "regions" }), decisions[regionIndex].text("mode") != "single-region",
                let rowId = Self.regionRowByStoreKind[row.outputs["storeKind"]?.text ?? ""], decisions[regionIndex].row != rowId,
                let regionTable = rules.tables.first(where: { $0.id == "regions" }), let regionRow = regionTable.rows.first(where: { $0.id == rowId })
            {
                Self.replace(
                    &decisions[regionIndex], with: regionRow, of: regionTable, rationale: "The input runs \(stated.phrase.text) across regions: ", key: key)
            }
        }
        let storeKind = decisions.first { $0.table == "datastore" }?.text("storeKind") ?? "single-primary"
        var classes: [String] = []
        for rail in facts.rails where !classes.contains(rail.railClass) { classes.append(rail.railClass) }
        // The rails that are only fallbacks, as the capacity checks name them (a token by its chain).
        var fallbacks = facts
        fallbacks.rails = facts.rails.filter(\.isFallback)
        let viewBuilder = DesignViewBuilder(rules: rules)
        let railIds = viewBuilder.effectiveRailIds(facts)
        let sizing = Sizing(
            peakTps: facts.throughput.designPeak.tps, planning: rules.throughput.planning, storeKind: storeKind,
            lifecycles: classes.compactMap { rules.lifecycle(of: $0, pattern: decisions.first { $0.table == "coordination" }?.text("pattern")) },
            // A target for the service's own part says nothing about how long a rail may take.
            latencyTarget: facts.throughput.latency.filter { $0.serviceOnly != true && $0.readPath != true }.map(\.milliseconds).min(), capacities: rules.throughput.capacities,
            rails: railIds, batchedClasses: Set(rules.railClasses.filter(\.batched).map(\.id)),
            fallbackRails: viewBuilder.effectiveRailIds(fallbacks),
            railCount: facts.rails.count(where: { !rules.isProcessedByAnother($0) }),
            railNames: Dictionary(railIds.compactMap { id in rules.rail(id).map { (id, $0.name) } }, uniquingKeysWith: { first, _ in first }))
        // Every other family present, decided on its own: where its row picks another pattern, its payments
        // run by that pattern's flow (only a synchronous outbox flow inside a saga design is rendered so).
        var flowDecisions: [Decision] = []
        if let table = rules.tables.first(where: { $0.id == "coordination" }), let governingPattern = decisions.first(where: { $0.table == "coordination" })?.text("pattern") {
            for family in rules.families(presentIn: facts) where family != facts.governingFamily {
                var familyKeys = keys
                let phrases = facts.rails.filter { $0.family == family }.compactMap(\.phrase)
                familyKeys["railFamily"] = .init(dimension: "railFamily", value: family, phrases: phrases, assumed: phrases.isEmpty)
                let decision = try decide(table, keys: familyKeys, railFamily: family)
                if decision.text("pattern") != governingPattern { flowDecisions.append(decision) }
            }
        }
        var plan = DesignPlan(facts: facts, decisions: decisions, sizing: sizing)
        plan.flowDecisions = flowDecisions
        return plan
    }

    /// A decision taken over by a row the input's own words select (a store it runs).
    static func replace(_ decision: inout Decision, with row: DecisionTable.Row, of table: DecisionTable, rationale: String, key: Decision.Key) {
        decision.row = row.id
        decision.rationale = rationale + row.rationale
        decision.summary = table.summary(of: row)
        decision.outputs = row.outputs
        decision.keys.append(key)
    }

    /// The partitioning row for each kind of store.
    static let partitioningRowByStoreKind: [String: String] = [
        "single-primary": "PART-SINGLE-PRIMARY", "sharded": "PART-HASH-MERCHANT-KEY", "distributed": "PART-STORE-SPLITS", "key-value": "PART-STORE-SPLITS",
    ]

    /// With several active regions, the regions row each kind of stated store supports: a distributed SQL
    /// store serializes claims across regions itself; a key-value store's global tables resolve by last
    /// writer wins, so its key table stays regional; relational primaries home each key.
    static let regionRowByStoreKind: [String: String] = [
        "distributed": "REGION-GLOBAL-STORE", "key-value": "REGION-HOME-KV", "single-primary": "REGION-HOME", "sharded": "REGION-HOME",
    ]

    /// The datastore row for a stated engine that fits the design's family, preferring the row the volume
    /// band would pick for that engine (PostgreSQL has one row per band); nil when no row of that engine
    /// serves the family (resource managers keep their own database).
    static func storeRow(_ table: DecisionTable, engine: String, keys: [String: Decision.Key]) -> DecisionTable.Row? {
        let candidates = (table.rows + table.statedRows).filter { row in
            row.outputs["engine"]?.text == engine && (row.conditions["railFamily"]?.contains(keys["railFamily"]?.value ?? "") ?? true)
        }
        let band = keys["tpsBand"]?.value ?? ""
        return candidates.first { $0.conditions["tpsBand"]?.contains(band) ?? true } ?? candidates.last
    }

    private func decide(_ table: DecisionTable, keys: [String: Decision.Key], railFamily: String?) throws(PayarchError)
        -> Decision
    {
        let assignment = keys.mapValues(\.value)
        let rows = table.matchingRows(assignment)
        guard rows.count == 1, let row = rows.first else {
            // The loader proved completeness, so this only happens with a hand-built RuleBook.
            throw PayarchError.data(
                at: table.location, id: "rules.no-unique-row",
                "table '\(table.id)' matched \(rows.count) rows for "
                    + table.keys.map { "\($0)=\(assignment[$0] ?? "?")" }.joined(separator: ", "))
        }
        return Decision(
            table: table.id, title: table.title, railFamily: railFamily, row: row.id, rationale: row.rationale,
            summary: table.summary(of: row), keys: table.keys.compactMap { keys[$0] }, outputs: row.outputs)
    }
}
