import Foundation

/// The loaders for the rail lexicon, the consistency vocabulary and the throughput bands.
extension RuleBookLoader {
    /// Every `rules/rails/*.yml`, in file-name order; each file holds the rails of one class.
    func loadCatalogue(_ directory: String, classIds: Set<String>) throws(PayarchError) -> [RailDefinition] {
        var seenAliases: [String: String] = [:]
        var seenIds: Set<String> = []
        var rails: [RailDefinition] = []
        for name in try yamlFiles(in: directory, id: "rules.no-rails", what: "the rail catalogue directory") {
            let path = directory + "/" + name
            let root = try MappingReader(try document(path), what: name)
            try root.rejectUnknownKeys(["class", "rails"])
            let classNode = try root.required("class")
            let railClass = try classNode.string(for: "'class'")
            guard classIds.contains(railClass) else {
                throw PayarchError.data(
                    at: classNode.location, id: "rules.unknown-class", "unknown rail class '\(railClass)'",
                    notes: ["known classes: " + classIds.sorted().joined(separator: ", ")])
            }
            for node in try root.required("rails").sequenceItems(for: "'rails'") {
                let rail = try decodeRail(node, railClass: railClass)
                guard seenIds.insert(rail.id).inserted else {
                    throw PayarchError.data(at: node.location, id: "rules.duplicate-rail", "rail id '\(rail.id)' is used twice")
                }
                for alias in rail.aliases.map({ $0.lowercased() }) + rail.exactAliases {
                    if let other = seenAliases[alias], other != rail.id {
                        throw PayarchError.data(
                            at: node.location, id: "rules.alias-clash", "alias '\(alias)' of rail '\(rail.id)' already names rail '\(other)'")
                    }
                    seenAliases[alias] = rail.id
                }
                rails.append(rail)
            }
        }
        let ids = Set(rails.map(\.id))
        for rail in rails {
            for chain in rail.runsOn + rail.facts.flatMap(\.chains) where !ids.contains(chain) {
                throw PayarchError.data(at: rail.location, id: "rules.rails-tag", "rail '\(rail.id)' names unknown chain '\(chain)'")
            }
            for fact in rail.facts where !fact.chains.allSatisfy(rail.runsOn.contains) {
                throw PayarchError.data(at: rail.location, id: "rules.rails-tag", "a fact of rail '\(rail.id)' names a chain it does not run on")
            }
            if let processedAs = rail.processedAs, !classIds.contains(processedAs) {
                throw PayarchError.data(
                    at: rail.location, id: "rules.unknown-class", "rail '\(rail.id)' is processed as unknown rail class '\(processedAs)'",
                    notes: ["known classes: " + classIds.sorted().joined(separator: ", ")])
            }
        }
        return rails
    }

    private func decodeRail(_ node: YAMLNode, railClass: String) throws(PayarchError) -> RailDefinition {
        let map = try MappingReader(node, what: "a rail")
        try map.rejectUnknownKeys([
            "id", "name", "aliases", "exactAliases", "examples", "nativeKey", "keyMaxLength", "unknownOutcome",
            "compensation", "reconciliationArtefact", "windows", "facts", "checks", "notes", "runsOn", "direction",
            "processedAs", "homePlaces", "localAliases",
        ])
        let id = try map.required("id").string(for: "'id' of a rail")
        func text(_ key: String) throws(PayarchError) -> String { try map.required(key).string(for: "'\(key)' of rail '\(id)'") }
        func source(_ entry: MappingReader) throws(PayarchError) -> String {
            let node = try entry.required("source")
            let source = try node.string(for: "'source' (every rail fact needs its source)")
            guard source.hasPrefix("https://") || source.hasPrefix("http://") else {
                throw PayarchError.data(at: node.location, id: "rules.source", "a source must be the address of a public page")
            }
            return source
        }
        let factNodes = try map["facts"]?.sequenceItems(for: "'facts'") ?? []
        if let node = map["facts"], factNodes.count > RailDefinition.maxFacts {
            throw PayarchError.data(
                at: node.location, id: "rules.too-many-facts",
                "rail '\(id)' has \(factNodes.count) facts; the design shows at most \(RailDefinition.maxFacts) per rail")
        }
        let facts = try factNodes.map { factNode throws(PayarchError) in
            let fact = try MappingReader(factNode, what: "a fact of rail '\(id)'")
            try fact.rejectUnknownKeys(["topic", "text", "source", "chains"])
            let topic = try fact.oneOf(
                "topic", RailDefinition.topics, id: "rules.unknown-topic", what: "fact topic", listName: "topics")
            let textNode = try fact.required("text")
            let text = try textNode.string(for: "'text'")
            guard text.count <= RailDefinition.maxFactLength else {
                throw PayarchError.data(
                    at: textNode.location, id: "rules.fact-too-long",
                    "a fact of rail '\(id)' has \(text.count) characters; a fact is at most \(RailDefinition.maxFactLength)")
            }
            var item = RailDefinition.Fact(topic: topic, text: text, source: try source(fact))
            item.chains = try fact.stringList("chains")
            return item
        }
        let windows = try (map["windows"]?.sequenceItems(for: "'windows'") ?? []).map { windowNode throws(PayarchError) in
            let window = try MappingReader(windowNode, what: "a window of rail '\(id)'")
            try window.rejectUnknownKeys(["kind", "days", "text", "source"])
            let kind = try window.oneOf(
                "kind", RailDefinition.windowKinds, id: "rules.unknown-window", what: "window kind", listName: "kinds")
            let daysNode = try window.required("days")
            let days = try daysNode.number(for: "'days'")
            guard days >= 0, days.isFinite, days <= 36_500 else {
                throw PayarchError.data(at: daysNode.location, id: "rules.window-days", "'days' must be between 0 and 36,500")
            }
            return RailDefinition.Window(kind: kind, days: days, text: try window.required("text").string(for: "'text'"), source: try source(window))
        }
        guard facts.count >= 3 else {
            throw PayarchError.data(
                at: node.location, id: "rules.rail-facts", "rail '\(id)' has \(facts.count) sourced facts; the catalogue needs at least 3")
        }
        let examples = try map.stringList("examples")
        guard !examples.isEmpty else {
            throw PayarchError.data(at: node.location, id: "rules.rail-examples", "rail '\(id)' has no example phrase")
        }
        let aliases = try map.stringList("aliases")
        let exactAliases = try map.stringList("exactAliases")
        guard !aliases.isEmpty || !exactAliases.isEmpty else {
            throw PayarchError.data(at: node.location, id: "rules.rail-aliases", "rail '\(id)' has no alias")
        }
        var rail = RailDefinition(
            id: id, name: try text("name"), railClass: railClass, aliases: aliases, exactAliases: exactAliases,
            examples: examples, nativeKey: try text("nativeKey"),
            keyMaxLength: try map["keyMaxLength"].map { node throws(PayarchError) in try node.integer(for: "'keyMaxLength'") },
            unknownOutcome: try text("unknownOutcome"), compensation: try text("compensation"),
            reconciliationArtefact: try text("reconciliationArtefact"), windows: windows, facts: facts,
            checks: try map.stringList("checks"), location: node.location)
        rail.runsOn = try map.stringList("runsOn")
        rail.homePlaces = try map.stringList("homePlaces")
        rail.localAliases = try map.stringList("localAliases")
        if map["direction"] != nil {
            rail.direction = try map.oneOf("direction", ClassLifecycle.directions.sorted(), id: "rules.unknown-value", what: "direction", listName: "directions")
        }
        if let node = map["processedAs"] {
            let processedAs = try node.string(for: "'processedAs' of rail '\(id)'")
            guard processedAs != railClass else {
                throw PayarchError.data(at: node.location, id: "rules.unknown-value", "rail '\(id)' is already of class '\(processedAs)'; 'processedAs' names another class")
            }
            rail.processedAs = processedAs
        }
        // What a design prints about one rail, after YAML aliases are followed, stays a few screens long.
        let printed = ([rail.name, rail.nativeKey, rail.unknownOutcome, rail.compensation, rail.reconciliationArtefact] + rail.checks
            + rail.windows.map(\.text) + rail.facts.map(\.text)).reduce(0) { $0 + $1.count }
        guard printed <= RailDefinition.maxPrintedCharacters, rail.aliases.count + rail.exactAliases.count + rail.examples.count <= 400 else {
            throw PayarchError.data(
                at: node.location, id: "rules.rail-too-large",
                "rail '\(id)' holds \(printed) characters of text and \(rail.aliases.count + rail.exactAliases.count) aliases; payarch accepts at most \(RailDefinition.maxPrintedCharacters) characters and 400 aliases and examples per rail")
        }
        return rail
    }

    /// The YAML files of a rules subdirectory, sorted.
    func yamlFiles(in directory: String, id: String, what: String) throws(PayarchError) -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: directory)
                .filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }.sorted()
        } catch {
            throw PayarchError(.unreadable, Diagnostic(at: .file(directory), id: id, "cannot list \(what)"))
        }
    }

    func loadVocabulary(_ path: String) throws(PayarchError) -> ConsistencyVocabulary {
        let root = try MappingReader(try document(path), what: "consistency.yml")
        try root.rejectUnknownKeys(["tiers", "moneyPathFloor", "levels", "divergenceWords", "universal", "externalViews", "relaxers", "scopes", "stances", "stores", "notConsistency", "unmodelledStores", "cloudRegions"])
        let tiersNode = try root.required("tiers")
        let tiers = try tiersNode.strings(for: "'tiers'")
        func tier(_ node: YAMLNode) throws(PayarchError) -> String {
            let tier = try node.string(for: "a tier")
            guard tiers.contains(tier) else {
                throw PayarchError.data(at: node.location, id: "rules.unknown-tier", "unknown tier '\(tier)'", notes: ["tiers: " + tiers.joined(separator: ", ")])
            }
            return tier
        }
        let scopes = try root.required("scopes").sequenceItems(for: "'scopes'").map { node throws(PayarchError) in
            let map = try MappingReader(node, what: "a scope")
            try map.rejectUnknownKeys(["id", "name", "moneyPath", "aliases"])
            return ConsistencyVocabulary.Scope(
                id: try map.required("id").string(for: "'id'"), name: try map.required("name").string(for: "'name'"),
                moneyPath: try map.required("moneyPath").bool(for: "'moneyPath'"), aliases: try map.stringList("aliases"))
        }
        let scopeIds = Set(scopes.map(\.id))
        func impliedScope(_ map: MappingReader) throws(PayarchError) -> String? {
            guard let node = map["impliedScope"] else { return nil }
            let scope = try node.string(for: "'impliedScope'")
            guard scopeIds.contains(scope) else {
                throw PayarchError.data(at: node.location, id: "rules.unknown-scope", "unknown scope '\(scope)'")
            }
            return scope
        }
        let levels = try root.required("levels").sequenceItems(for: "'levels'").map { node throws(PayarchError) in
            let map = try MappingReader(node, what: "a level")
            try map.rejectUnknownKeys(["id", "name", "tier", "impliedScope", "aliases", "combines"])
            var level = ConsistencyVocabulary.Level(
                id: try map.required("id").string(for: "'id'"), name: try map.required("name").string(for: "'name'"),
                tier: try tier(try map.required("tier")), impliedScope: try impliedScope(map), aliases: try map.stringList("aliases"))
            if let node = map["combines"] {
                switch try node.string(for: "'combines'") {
                case "true": level.combines = true
                case "false": level.combines = false
                default: throw PayarchError.data(at: node.location, id: "rules.unknown-value", "'combines' is true or false")
                }
            }
            return level
        }
        let divergence = try root.required("divergenceWords").sequenceItems(for: "'divergenceWords'").map {
            node throws(PayarchError) in
            let map = try MappingReader(node, what: "divergence words")
            try map.rejectUnknownKeys(["words", "negated", "affirmed", "impliedScope"])
            return ConsistencyVocabulary.DivergenceWords(
                words: try map.stringList("words"), negated: try tier(try map.required("negated")),
                affirmed: try map["affirmed"].map { node throws(PayarchError) in try tier(node) },
                impliedScope: try impliedScope(map))
        }
        let stances = try MappingReader(try root.required("stances"), what: "'stances'")
        try stances.rejectUnknownKeys(["availabilityFirst", "consistencyFirst", "atomicCommit", "multiRegion", "singleRegion", "residency", "zeroLoss", "asyncReplication", "syncStandby"])
        let floor = try tier(try root.required("moneyPathFloor"))
        var stores: [(engine: String, aliases: [String])] = []
        if let node = root["stores"], !node.isNull {
            let engines = RuleBookLoader.enumeratedOutputs["datastore"]?["engine"] ?? []
            for entry in try MappingReader(node, what: "'stores'").entries {
                guard engines.contains(entry.key) else {
                    throw PayarchError.data(
                        at: entry.keyNode.location, id: "rules.unknown-value",
                        "unknown store engine '\(entry.key)'; engines are " + engines.joined(separator: ", "))
                }
                stores.append((entry.key, try entry.value.strings(for: "'\(entry.key)' in 'stores'")))
            }
        }
        var vocabulary = ConsistencyVocabulary(
            levels: levels, tiers: tiers, moneyPathFloor: floor, divergence: divergence,
            relaxers: try root.stringList("relaxers"), universal: try root.stringList("universal"),
            externalViews: try root.stringList("externalViews"), scopes: scopes,
            availabilityFirst: try stances.stringList("availabilityFirst"),
            consistencyFirst: try stances.stringList("consistencyFirst"), atomicCommit: try stances.stringList("atomicCommit"),
            multiRegion: try stances.stringList("multiRegion"), singleRegion: try stances.stringList("singleRegion"))
        vocabulary.stores = stores.map { ConsistencyVocabulary.Store(engine: $0.engine, aliases: $0.aliases) }
        vocabulary.notConsistency = root["notConsistency"] == nil ? [] : try root.stringList("notConsistency")
        if let node = root["cloudRegions"], !node.isNull {
            let map = try MappingReader(node, what: "'cloudRegions'")
            try map.rejectUnknownKeys(["areas", "directions", "names", "standby"])
            vocabulary.cloudRegions = .init(
                areas: try map.stringList("areas").map { $0.lowercased() }, directions: try map.stringList("directions").map { $0.lowercased() },
                names: try map.stringList("names").map { $0.lowercased() }, standby: try map.stringList("standby"))
        }
        vocabulary.unmodelledStores = root["unmodelledStores"] == nil ? [] : try root.stringList("unmodelledStores")
        vocabulary.residency = stances["residency"] == nil ? [] : try stances.stringList("residency")
        vocabulary.zeroLoss = stances["zeroLoss"] == nil ? [] : try stances.stringList("zeroLoss")
        vocabulary.asyncReplication = try stances.stringList("asyncReplication")
        vocabulary.syncStandby = try stances.stringList("syncStandby")
        return vocabulary
    }

    func loadThroughput(_ path: String) throws(PayarchError) -> ThroughputRules {
        let root = try MappingReader(try document(path), what: "throughput.yml")
        try root.rejectUnknownKeys(["bands", "planning", "capacities", "nodeWrites"])
        var bands: [ThroughputRules.Band] = []
        for node in try root.required("bands").sequenceItems(for: "'bands'") {
            let map = try MappingReader(node, what: "a band")
            try map.rejectUnknownKeys(["id", "name", "from", "to"])
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
        try plan.rejectUnknownKeys([
            "peakToSustained", "defaultPeakTps", "headroom", "paymentsPerShard", "messagesPerPartition",
            "databaseSecondsPerPayment", "eventsPerPayment", "writesPerPayment",
        ])
        func figure(_ key: String) throws(PayarchError) -> Double {
            let value = try plan.required(key).number(for: "'\(key)'")
            guard value > 0, value.isFinite else {
                throw PayarchError.data(at: plan[key]?.location, id: "rules.planning", "'\(key)' must be a positive, finite number")
            }
            return value
        }
        var planning = ThroughputRules.Planning(
            peakToSustained: try figure("peakToSustained"), defaultPeakTps: try figure("defaultPeakTps"),
            headroom: try figure("headroom"), paymentsPerShard: try figure("paymentsPerShard"),
            messagesPerPartition: try figure("messagesPerPartition"),
            databaseSecondsPerPayment: try figure("databaseSecondsPerPayment"),
            eventsPerPayment: try figure("eventsPerPayment"))
        planning.writesPerPayment = try figure("writesPerPayment")
        let nodeWrites = try (root["nodeWrites"]?.sequenceItems(for: "'nodeWrites'") ?? []).map { node throws(PayarchError) in
            let map = try MappingReader(node, what: "a node figure")
            try map.rejectUnknownKeys(["engine", "regional", "multiRegion", "utilisation", "text", "source"])
            let sourceNode = try map.required("source")
            let source = try sourceNode.string(for: "'source'")
            guard source.hasPrefix("https://") || source.hasPrefix("http://") else {
                throw PayarchError.data(at: sourceNode.location, id: "rules.source", "a source must be the address of a public page")
            }
            let figure = ThroughputRules.NodeWrites(
                engine: try map.required("engine").string(for: "'engine'"), regional: try map.required("regional").number(for: "'regional'"),
                multiRegion: try map.required("multiRegion").number(for: "'multiRegion'"),
                utilisation: try map.required("utilisation").number(for: "'utilisation'"), text: try map.required("text").string(for: "'text'"),
                source: source)
            guard figure.regional > 0, figure.multiRegion > 0, figure.utilisation > 0, figure.utilisation <= 1 else {
                throw PayarchError.data(at: node.location, id: "rules.capacity", "node writes are positive and 'utilisation' is above 0 and at most 1")
            }
            return figure
        }
        var rules = ThroughputRules(
            bands: bands,
            planning: planning,
            capacities: try (root["capacities"]?.sequenceItems(for: "'capacities'") ?? []).map { node throws(PayarchError) in
                let map = try MappingReader(node, what: "a capacity")
                try map.rejectUnknownKeys(["classes", "rails", "name", "tps", "text", "source", "advice", "ceiling"])
                let sourceNode = try map.required("source")
                let source = try sourceNode.string(for: "'source'")
                guard source.hasPrefix("https://") || source.hasPrefix("http://") else {
                    throw PayarchError.data(at: sourceNode.location, id: "rules.source", "a source must be the address of a public page")
                }
                var capacity = ThroughputRules.Capacity(
                    classes: try map.stringList("classes"), name: try map.required("name").string(for: "'name'"),
                    tps: try map.required("tps").number(for: "'tps'"), text: try map.required("text").string(for: "'text'"), source: source)
                capacity.rails = try map.stringList("rails")
                if let advice = map["advice"] { capacity.advice = try advice.string(for: "'advice'") }
                if let ceiling = map["ceiling"] { capacity.ceiling = try ceiling.bool(for: "'ceiling'") }
                guard !capacity.classes.isEmpty || !capacity.rails.isEmpty, capacity.tps > 0 else {
                    throw PayarchError.data(at: node.location, id: "rules.capacity", "a capacity names classes or rails and a positive 'tps'")
                }
                return capacity
            })
        rules.nodeWrites = nodeWrites
        return rules
    }
}
