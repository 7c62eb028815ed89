/// The loaders for the rail lexicon, the consistency vocabulary and the throughput bands.
extension RuleBookLoader {
    func loadRails(_ path: String, classIds: Set<String>) throws(PayarchError) -> [RailDefinition] {
        let root = try MappingReader(try document(path), what: "rails.yml")
        var seenAliases: [String: String] = [:]
        var rails: [RailDefinition] = []
        for node in try root.required("rails").sequenceItems(for: "'rails'") {
            let map = try MappingReader(node, what: "a rail")
            let id = try map.required("id").string(for: "'id' of a rail")
            let classNode = try map.required("class")
            let railClass = try classNode.string(for: "'class' of rail '\(id)'")
            guard classIds.contains(railClass) else {
                throw PayarchError.data(
                    at: classNode.location, id: "rules.unknown-class",
                    "rail '\(id)' has unknown class '\(railClass)'",
                    notes: ["known classes: " + classIds.sorted().joined(separator: ", ")])
            }
            let aliasNode = try map.required("aliases")
            let aliases = try aliasNode.strings(for: "'aliases' of rail '\(id)'").map { $0.lowercased() }
            for alias in aliases {
                if let other = seenAliases[alias], other != id {
                    throw PayarchError.data(
                        at: aliasNode.location, id: "rules.alias-clash",
                        "alias '\(alias)' of rail '\(id)' already names rail '\(other)'")
                }
                seenAliases[alias] = id
            }
            let facts = try (map["facts"].map { node throws(PayarchError) in
                node.isNull ? [] : try node.sequenceItems(for: "'facts'")
            } ?? []).map { factNode throws(PayarchError) in
                let fact = try MappingReader(factNode, what: "a fact of rail '\(id)'")
                return RailDefinition.Fact(
                    topic: try fact.required("topic").string(for: "'topic'"),
                    text: try fact.required("text").string(for: "'text'"),
                    source: try fact.required("source").string(for: "'source' (every rail fact needs its source)"))
            }
            rails.append(
                RailDefinition(
                    id: id, name: try map.required("name").string(for: "'name'"), railClass: railClass,
                    aliases: aliases,
                    examples: try map["examples"]?.strings(for: "'examples'") ?? [],
                    nativeKey: try map.required("nativeKey").string(for: "'nativeKey'"),
                    keyMaxLength: try map["keyMaxLength"].map { node throws(PayarchError) in
                        try node.integer(for: "'keyMaxLength'")
                    },
                    facts: facts,
                    checks: try map["checks"]?.strings(for: "'checks'") ?? [],
                    reconciliationArtefact: try map.required("reconciliationArtefact").string(
                        for: "'reconciliationArtefact'"),
                    location: node.location))
        }
        return rails
    }

    func loadVocabulary(_ path: String) throws(PayarchError) -> ConsistencyVocabulary {
        let root = try MappingReader(try document(path), what: "consistency.yml")
        let tiersNode = try root.required("tiers")
        let tiers = try tiersNode.strings(for: "'tiers'")
        let levels = try root.required("levels").sequenceItems(for: "'levels'").map { node throws(PayarchError) in
            let map = try MappingReader(node, what: "a level")
            let tierNode = try map.required("tier")
            let tier = try tierNode.string(for: "'tier'")
            guard tiers.contains(tier) else {
                throw PayarchError.data(at: tierNode.location, id: "rules.unknown-tier", "unknown tier '\(tier)'")
            }
            return ConsistencyVocabulary.Level(
                id: try map.required("id").string(for: "'id'"), name: try map.required("name").string(for: "'name'"),
                tier: tier, aliases: try map.required("aliases").strings(for: "'aliases'").map { $0.lowercased() })
        }
        let scopes = try root.required("scopes").sequenceItems(for: "'scopes'").map { node throws(PayarchError) in
            let map = try MappingReader(node, what: "a scope")
            return ConsistencyVocabulary.Scope(
                id: try map.required("id").string(for: "'id'"), name: try map.required("name").string(for: "'name'"),
                moneyPath: try map.required("moneyPath").bool(for: "'moneyPath'"),
                aliases: try map.required("aliases").strings(for: "'aliases'").map { $0.lowercased() })
        }
        let stances = try MappingReader(try root.required("stances"), what: "'stances'")
        func phrases(_ key: String) throws(PayarchError) -> [String] {
            try stances.required(key).strings(for: "'\(key)'").map { $0.lowercased() }
        }
        let floorNode = try root.required("moneyPathFloor")
        let floor = try floorNode.string(for: "'moneyPathFloor'")
        guard tiers.contains(floor) else {
            throw PayarchError.data(at: floorNode.location, id: "rules.unknown-tier", "unknown tier '\(floor)'")
        }
        return ConsistencyVocabulary(
            levels: levels, tiers: tiers, moneyPathFloor: floor, scopes: scopes,
            consistencyFirst: try phrases("consistencyFirst"), availabilityFirst: try phrases("availabilityFirst"),
            atomicCommit: try phrases("atomicCommit"), multiRegion: try phrases("multiRegion"))
    }

    func loadThroughput(_ path: String) throws(PayarchError) -> ThroughputRules {
        let root = try MappingReader(try document(path), what: "throughput.yml")
        var bands: [ThroughputRules.Band] = []
        for node in try root.required("bands").sequenceItems(for: "'bands'") {
            let map = try MappingReader(node, what: "a band")
            let toNode = try map.required("to")
            let to = toNode.scalar == ".inf" ? Double.infinity : try toNode.number(for: "'to'")
            let band = ThroughputRules.Band(
                id: try map.required("id").string(for: "'id'"), name: try map.required("name").string(for: "'name'"),
                from: try map.required("from").number(for: "'from'"), to: to)
            if let previous = bands.last, previous.to != band.from {
                throw PayarchError.data(
                    at: node.location, id: "rules.band-gap",
                    "band '\(band.id)' starts at \(band.from) but '\(previous.id)' ends at \(previous.to)")
            }
            bands.append(band)
        }
        guard bands.first?.from == 0, bands.last?.to == .infinity else {
            throw PayarchError.data(
                at: root.node.location, id: "rules.band-gap", "bands must start at 0 and end at .inf")
        }
        let plan = try MappingReader(try root.required("planning"), what: "'planning'")
        func figure(_ key: String) throws(PayarchError) -> Double {
            let value = try plan.required(key).number(for: "'\(key)'")
            guard value > 0, value.isFinite else {
                throw PayarchError.data(at: plan[key]?.location, id: "rules.planning", "'\(key)' must be a positive, finite number")
            }
            return value
        }
        return ThroughputRules(
            bands: bands,
            planning: .init(
                peakToSustained: try figure("peakToSustained"), defaultPeakTps: try figure("defaultPeakTps"),
                headroom: try figure("headroom"), paymentsPerShard: try figure("paymentsPerShard"),
                messagesPerPartition: try figure("messagesPerPartition"),
                databaseSecondsPerPayment: try figure("databaseSecondsPerPayment"),
                processorSecondsP99: try figure("processorSecondsP99"),
                eventsPerPayment: try figure("eventsPerPayment")))
    }
}
