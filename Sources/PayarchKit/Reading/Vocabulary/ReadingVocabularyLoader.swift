/// Loads `rules/reading/*.yml` strictly: every key is known, every rail id a scheme, country or chain
/// names exists in the catalogue, every class id exists.
extension RuleBookLoader {
    func loadReading(_ directory: String, railIds: Set<String>, classIds: Set<String>) throws(PayarchError)
        -> ReadingVocabulary
    {
        var vocabulary = ReadingVocabulary(
            context: try loadContext(directory + "/context.yml"),
            notRails: try loadNotRails(directory + "/not-rails.yml"),
            railWords: try loadRailWords(directory + "/rail-words.yml", railIds: railIds, classIds: classIds),
            quantities: try loadQuantities(directory + "/quantities.yml"))
        vocabulary.requirements = try loadRequirements(directory + "/requirements.yml")
        return vocabulary
    }

    private func loadRequirements(_ path: String) throws(PayarchError) -> ReadingVocabulary.Requirements {
        let root = try MappingReader(try document(path), what: "requirements.yml")
        try root.rejectUnknownKeys(["requirementWords", "controlWords", "approvalWords", "limitWords", "metWords", "ignoredWords", "gates", "examples"])
        var requirements = ReadingVocabulary.Requirements(
            requirementWords: try root.stringList("requirementWords"), metWords: try root.stringList("metWords"),
            ignoredWords: try root.stringList("ignoredWords"))
        requirements.controlWords = root["controlWords"] == nil ? [] : try root.stringList("controlWords")
        requirements.approvalWords = root["approvalWords"] == nil ? [] : try root.stringList("approvalWords")
        requirements.limitWords = root["limitWords"] == nil ? [] : try root.stringList("limitWords")
        let gates = try MappingReader(try root.required("gates"), what: "'gates'")
        try gates.rejectUnknownKeys(["negatedGate", "onlyAfterGate", "affirmedBefore", "negations", "timeUnits", "timeQualifiers"])
        requirements.gates = .init(
            negatedGate: try gates.stringList("negatedGate"), onlyAfterGate: try gates.stringList("onlyAfterGate"),
            affirmedBefore: try gates.stringList("affirmedBefore"), negations: try gates.stringList("negations"),
            timeUnits: gates["timeUnits"] == nil ? [] : try gates.stringList("timeUnits"),
            timeQualifiers: gates["timeQualifiers"] == nil ? [] : try gates.stringList("timeQualifiers"))
        for node in try root["examples"]?.sequenceItems(for: "'examples'") ?? [] {
            let example = try MappingReader(node, what: "an example")
            try example.rejectUnknownKeys(["text", "unread", "gates"])
            requirements.examples.append(
                .init(
                    text: try example.required("text").string(for: "'text' of an example"),
                    unread: try example.required("unread").strings(for: "'unread' of an example"),
                    gates: try example["gates"]?.strings(for: "'gates' of an example") ?? []))
        }
        return requirements
    }

    private func loadContext(_ path: String) throws(PayarchError) -> ReadingVocabulary.Context {
        let root = try MappingReader(try document(path), what: "context.yml")
        try root.rejectUnknownKeys(["window", "negation", "deferral", "history", "ownership", "termination", "clauseBreaks", "abbreviations", "closingAbbreviations", "lists", "forwardOnlyTermination"])
        let lists = try MappingReader(try root.required("lists"), what: "'lists'")
        try lists.rejectUnknownKeys(["joiners", "breakers"])
        func section(_ key: String, extra: [String] = []) throws(PayarchError) -> MappingReader {
            let map = try MappingReader(try root.required(key), what: "'\(key)'")
            try map.rejectUnknownKeys(["pre", "post", "examples"] + extra)
            return map
        }
        let negation = try section("negation", extra: ["pseudo"])
        let deferral = try section("deferral")
        let history = try section("history")
        var examples: [ReadingVocabulary.Context.Example] = []
        for map in [negation, deferral, history] {
            guard let list = map["examples"], !list.isNull else { continue }
            for node in try list.sequenceItems(for: "'examples'") {
                let example = try MappingReader(node, what: "an example")
                try example.rejectUnknownKeys(["text", "negated", "deferred", "historical"])
                func names(_ key: String) throws(PayarchError) -> [String]? {
                    example[key] == nil ? nil : try example.stringList(key)
                }
                examples.append(
                    .init(
                        text: try example.required("text").string(for: "'text'"), negated: try names("negated"),
                        deferred: try names("deferred"), historical: try names("historical"), location: node.location))
            }
        }
        let windowNode = try root.required("window")
        let window = try windowNode.integer(for: "'window'")
        guard (0...20).contains(window) else {
            throw PayarchError.data(at: windowNode.location, id: "rules.reading", "'window' must be between 0 and 20")
        }
        return ReadingVocabulary.Context(
            window: window, negationPre: try negation.stringList("pre"), negationPost: try negation.stringList("post"),
            pseudo: try negation.stringList("pseudo"), deferralPre: try deferral.stringList("pre"),
            deferralPost: try deferral.stringList("post"), historyPre: try history.stringList("pre"),
            historyPost: try history.stringList("post"), termination: try root.stringList("termination"),
            forwardOnlyTermination: try root.stringList("forwardOnlyTermination"),
            ownership: try root.stringList("ownership"),
            clauseBreaks: try root.stringList("clauseBreaks"), abbreviations: try root.stringList("abbreviations"),
            closingAbbreviations: try root.stringList("closingAbbreviations"),
            listJoiners: Set(try lists.stringList("joiners").map { $0.lowercased() }),
            listBreakers: Set(try lists.stringList("breakers").map { $0.lowercased() }), examples: examples)
    }

    private func loadNotRails(_ path: String) throws(PayarchError) -> ReadingVocabulary.NotRails {
        let root = try MappingReader(try document(path), what: "not-rails.yml")
        try root.rejectUnknownKeys(ReadingVocabulary.NotRails.categories + ["prefixes"])
        var words: [ReadingVocabulary.NotRails.Category] = []
        var exact: [String] = []
        var prefixes: [String] = []
        for entry in root.entries {
            switch entry.key {
            case "prefixes":
                prefixes = try entry.value.strings(for: "'prefixes'")
            default:
                // A category is a list of words, or {words, exact} when some of its words carry meaning in
                // their case ("Swift" the language, "NO" the country code).
                if case .mapping = entry.value.content {
                    let map = try MappingReader(entry.value, what: "'\(entry.key)'")
                    try map.rejectUnknownKeys(["exact", "words"])
                    exact += try map.stringList("exact")
                    words.append(.init(category: entry.key, phrases: try map.stringList("words")))
                } else {
                    words.append(.init(category: entry.key, phrases: try entry.value.strings(for: "'\(entry.key)'")))
                }
            }
        }
        return ReadingVocabulary.NotRails(words: words, exact: exact, prefixes: prefixes)
    }

    private func loadRailWords(_ path: String, railIds: Set<String>, classIds: Set<String>) throws(PayarchError)
        -> ReadingVocabulary.RailWords
    {
        let root = try MappingReader(try document(path), what: "rail-words.yml")
        try root.rejectUnknownKeys(["schemes", "directions", "chains", "classCues", "countryDefaults", "railContext", "xaContext", "siblings", "unknownNames", "productCues", "fallbackCues", "refundCues", "channels", "modes", "issuerSide"])
        func rail(_ node: YAMLNode, _ what: String) throws(PayarchError) -> String {
            let id = try node.string(for: what)
            guard railIds.contains(id) else {
                throw PayarchError.data(at: node.location, id: "rules.unknown-rail", "'\(id)' is not a rail of the catalogue")
            }
            return id
        }
        func railClass(_ key: String, at location: SourceLocation) throws(PayarchError) -> String {
            guard classIds.contains(key) else {
                throw PayarchError.data(at: location, id: "rules.unknown-class", "'\(key)' is not a rail class")
            }
            return key
        }
        var schemes: [ReadingVocabulary.Scheme] = []
        for node in try root.required("schemes").sequenceItems(for: "'schemes'") {
            let map = try MappingReader(node, what: "a scheme")
            try map.rejectUnknownKeys(["name", "aliases", "exactAliases", "default", "members"])
            let members = try MappingReader(try map.required("members"), what: "'members'")
            schemes.append(
                .init(
                    name: try map.required("name").string(for: "'name'"), aliases: try map.stringList("aliases"),
                    exactAliases: try map.stringList("exactAliases"),
                    defaultRail: try rail(try map.required("default"), "'default'"),
                    members: try members.entries.map { entry throws(PayarchError) in
                        .init(direction: entry.key, rail: try rail(entry.value, "'\(entry.key)'"))
                    }))
        }
        let directions = try MappingReader(try root.required("directions"), what: "'directions'").entries.map {
            entry throws(PayarchError) in (entry.key, try entry.value.strings(for: "'\(entry.key)'"))
        }
        let chains = try MappingReader(try root.required("chains"), what: "'chains'")
        try chains.rejectUnknownKeys(["tokens", "chains", "infrastructure", "otherChains", "otherChainClass"])
        let tokens = try chains.stringList("tokens")
        for token in tokens where !railIds.contains(token) {
            throw PayarchError.data(at: chains["tokens"]?.location, id: "rules.unknown-rail", "'\(token)' is not a rail of the catalogue")
        }
        let chainWords = try MappingReader(try chains.required("chains"), what: "'chains'").entries.map {
            entry throws(PayarchError) in
            guard railIds.contains(entry.key) else {
                throw PayarchError.data(at: entry.keyNode.location, id: "rules.unknown-rail", "'\(entry.key)' is not a rail of the catalogue")
            }
            return (entry.key, try entry.value.strings(for: "'\(entry.key)'"))
        }
        let cues = try MappingReader(try root.required("classCues"), what: "'classCues'").entries.map {
            entry throws(PayarchError) in
            (try railClass(entry.key, at: entry.keyNode.location), try entry.value.strings(for: "'\(entry.key)'"))
        }
        let defaults = try MappingReader(try root.required("countryDefaults"), what: "'countryDefaults'").entries.map {
            entry throws(PayarchError) in
            let rails = try MappingReader(entry.value, what: "'\(entry.key)'").entries.map { pair throws(PayarchError) in
                (try railClass(pair.key, at: pair.keyNode.location), try rail(pair.value, "'\(pair.key)'"))
            }
            return (entry.key, rails)
        }
        let context = try MappingReader(try root.required("railContext"), what: "'railContext'")
        try context.rejectUnknownKeys(["after", "before"])
        let names = try MappingReader(try root.required("unknownNames"), what: "'unknownNames'")
        try names.rejectUnknownKeys(["organisations", "ownership", "fillers", "closings", "databases", "functionWords"])
        func lowered(_ key: String) throws(PayarchError) -> Set<String> {
            Set(try names.stringList(key).map { $0.lowercased() })
        }
        let unknownNames = ReadingVocabulary.UnknownNames(
            organisations: try lowered("organisations"), ownership: try lowered("ownership"), fillers: try lowered("fillers"),
            closings: try lowered("closings"), databases: try lowered("databases"), functionWords: try lowered("functionWords"))
        var railWords = ReadingVocabulary.RailWords(
            schemes: schemes, directions: directions.map { .init(direction: $0.0, words: $0.1) }, tokens: tokens,
            chains: chainWords.map { .init(rail: $0.0, words: $0.1) },
            otherChains: try chains.stringList("otherChains"), chainInfrastructure: try chains.stringList("infrastructure"), classCues: cues.map { .init(railClass: $0.0, words: $0.1) },
            countryDefaults: defaults.map { .init(place: $0.0, rails: $0.1.map { .init(railClass: $0.0, rail: $0.1) }) },
            contextAfter: try context.stringList("after"), contextBefore: try context.stringList("before"),
            xaContext: try root.stringList("xaContext"),
            siblings: try (root["siblings"]?.sequenceItems(for: "'siblings'") ?? []).map { node throws(PayarchError) in
                let map = try MappingReader(node, what: "a sibling")
                try map.rejectUnknownKeys(["word", "after", "rail"])
                return .init(
                    word: try map.required("word").string(for: "'word'"), after: try rail(try map.required("after"), "'after'"),
                    rail: try rail(try map.required("rail"), "'rail'"))
            },
            productCues: try root.stringList("productCues"), unknownNames: unknownNames)
        let otherChainClass = try chains.required("otherChainClass")
        railWords.fallbackCues = try root.stringList("fallbackCues")
        railWords.refundCues = try root.stringList("refundCues")
        railWords.channels = try MappingReader(try root.required("channels"), what: "'channels'").entries.map { entry throws(PayarchError) in
            guard ClassLifecycle.channels.contains(entry.key) else {
                throw PayarchError.data(
                    at: entry.keyNode.location, id: "rules.unknown-value",
                    "unknown channel '\(entry.key)'; channels are " + ClassLifecycle.channels.sorted().joined(separator: ", "))
            }
            return .init(channel: entry.key, words: try entry.value.strings(for: "'\(entry.key)'"))
        }
        railWords.issuerSide = root["issuerSide"] == nil ? [] : try root.stringList("issuerSide")
        if let node = root["modes"], !node.isNull {
            railWords.modes = try MappingReader(node, what: "'modes'").entries.map { entry throws(PayarchError) in
                guard let head = entry.key.first, head.isLowercase, entry.key.allSatisfy({ $0 == "-" || ($0.isASCII && ($0.isLowercase || $0.isNumber)) }) else {
                    throw PayarchError.data(
                        at: entry.keyNode.location, id: "rules.unknown-value", "a mode id is lowercase letters, digits and dashes; '\(entry.key)' is not")
                }
                let map = try MappingReader(entry.value, what: "mode '\(entry.key)'")
                try map.rejectUnknownKeys(["name", "words", "exactWords", "implies"])
                let words = try map.stringList("words")
                guard !words.isEmpty else {
                    throw PayarchError.data(at: entry.value.location, id: "rules.empty-list", "mode '\(entry.key)' lists no words")
                }
                return .init(
                    mode: entry.key, name: try map.required("name").string(for: "'name'"), words: words,
                    exactWords: map["exactWords"] == nil ? [] : try map.stringList("exactWords"),
                    implies: map["implies"] == nil ? [] : try map.stringList("implies"))
            }
            let modeIds = Set(railWords.modes.map(\.mode))
            for mode in railWords.modes {
                for implied in mode.implies where !modeIds.contains(implied) || implied == mode.mode {
                    throw PayarchError.data(
                        at: node.location, id: "rules.unknown-value", "mode '\(mode.mode)' implies '\(implied)', which is not another mode")
                }
            }
        }
        railWords.otherChainClass = try railClass(try otherChainClass.string(for: "'otherChainClass'"), at: otherChainClass.location)
        return railWords
    }

    private func loadQuantities(_ path: String) throws(PayarchError) -> ReadingVocabulary.Quantities {
        let root = try MappingReader(try document(path), what: "quantities.yml")
        try root.rejectUnknownKeys([
            "numberWords", "scales", "perSecondUnits", "countNouns", "periods", "periodAdjectives", "periodIntroducers",
            "roles", "multiplierWords", "multiplierPhrases", "percentIncrease", "headroomWords", "rangeJoiners",
            "durations", "percentileWords", "latencyWords", "timeoutWords", "serviceOnlyWords", "readPathWords", "populationNouns", "subSecond", "currencyWords", "notPaymentRate", "inboundWords", "limitWords",
            "approximators", "absurdTps", "subjectNouns", "combinedWords", "partWords", "batchUnits", "restatements", "loadShapes", "concentration",
        ])
        let shapes = try MappingReader(try root.required("loadShapes"), what: "'loadShapes'")
        try shapes.rejectUnknownKeys(["batch", "burst"])
        let roles = try MappingReader(try root.required("roles"), what: "'roles'")
        try roles.rejectUnknownKeys(["peak", "sustained"])
        let multiplierWords = try root.numberTable("multiplierWords").map(\.0)
        let absurdNode = try root.required("absurdTps")
        let absurd = try absurdNode.number(for: "'absurdTps'")
        guard absurd > 0, absurd.isFinite else {
            throw PayarchError.data(at: absurdNode.location, id: "rules.reading", "'absurdTps' must be a positive number")
        }
        let concentration = try root["concentration"].map { node throws(PayarchError) in try MappingReader(node, what: "'concentration'") }
        try concentration?.rejectUnknownKeys(["words", "namedDays"])
        var quantities = ReadingVocabulary.Quantities(
            numberWords: try root.numberTable("numberWords").map { .init(word: $0.0, value: $0.1) },
            scales: try root.numberTable("scales").map { .init(word: $0.0, value: $0.1) },
            perSecondUnits: try root.stringList("perSecondUnits"), countNouns: try root.stringList("countNouns"),
            periods: try root.numberTable("periods").map { .init(word: $0.0, seconds: $0.1) },
            periodAdjectives: try root.numberTable("periodAdjectives").map { .init(word: $0.0, seconds: $0.1) },
            periodIntroducers: try root.stringList("periodIntroducers"), peakWords: try roles.stringList("peak"),
            sustainedWords: try roles.stringList("sustained"), multiplierWords: multiplierWords,
            multiplierPhrases: try root.numberTable("multiplierPhrases").map { .init(word: $0.0, factor: $0.1) }, percentIncrease: try root.stringList("percentIncrease"),
            headroomWords: try root.stringList("headroomWords"), rangeJoiners: try root.stringList("rangeJoiners"),
            durations: try root.numberTable("durations").map { .init(word: $0.0, seconds: $0.1) },
            percentileWords: try root.numberTable("percentileWords").map { .init(word: $0.0, percentile: $0.1) },
            latencyWords: try root.stringList("latencyWords"), timeoutWords: try root.stringList("timeoutWords"),
            subSecond: try root.stringList("subSecond"), notPaymentRate: try root.stringList("notPaymentRate"),
            currencyWords: try root.stringList("currencyWords"),
            approximators: try root.stringList("approximators"), absurdTps: absurd,
            subjectNouns: try root.stringList("subjectNouns"), combinedWords: try root.stringList("combinedWords"),
            partWords: try root.stringList("partWords"), batchUnits: try root.stringList("batchUnits"),
            restatements: try root.stringList("restatements"), batchShape: try shapes.stringList("batch"),
            burstShape: try shapes.stringList("burst"))
        quantities.serviceOnlyWords = root["serviceOnlyWords"] == nil ? [] : try root.stringList("serviceOnlyWords")
        quantities.readPathWords = root["readPathWords"] == nil ? [] : try root.stringList("readPathWords")
        quantities.populationNouns = root["populationNouns"] == nil ? [] : try root.stringList("populationNouns")
        quantities.inboundWords = root["inboundWords"] == nil ? [] : try root.stringList("inboundWords")
        quantities.limitWords = root["limitWords"] == nil ? [] : try root.stringList("limitWords")
        quantities.concentrationWords = try concentration?.stringList("words") ?? []
        quantities.namedDays = try concentration?.stringList("namedDays") ?? []
        return quantities
    }
}
