/// The loader for `rules/lifecycle/<class>.yml`: one file per rail class, every key required, every
/// event sourced.
extension RuleBookLoader {
    func loadLifecycles(_ directory: String, classIds: Set<String>, railClasses: [String: String], processedAs: [String: String] = [:], receivedAs: [String: String] = [:], modes: [String] = []) throws(PayarchError)
        -> [String: [ClassLifecycle]]
    {
        var lifecycles: [String: [ClassLifecycle]] = [:]
        for name in try yamlFiles(in: directory, id: "rules.no-lifecycle", what: "the lifecycle directory") {
            let path = directory + "/" + name
            let root = try document(path)
            let map = try MappingReader(root, what: name)
            try map.rejectUnknownKeys([
                "class", "patterns", "railOverride", "timeoutAnswer", "retry", "holdsFunds", "ingress", "lifecycle", "states", "unknownOutcome", "resolver", "lateEvents", "deadline", "meanMilliseconds",
                "meanBasis", "events", "compensations", "flow", "forbidden", "checks", "sources",
            ])
            let classNode = try map.required("class")
            let railClass = try classNode.string(for: "'class'")
            guard classIds.contains(railClass) else {
                throw PayarchError.data(at: classNode.location, id: "rules.unknown-class", "unknown rail class '\(railClass)'")
            }
            let patterns = try map.stringList("patterns")
            let patternValues = RuleBookLoader.enumeratedOutputs["coordination"]?["pattern"] ?? []
            for pattern in patterns where !patternValues.contains(pattern) {
                throw PayarchError.data(
                    at: map["patterns"]?.location, id: "rules.unknown-value",
                    "unknown pattern '\(pattern)'; patterns are " + patternValues.joined(separator: ", "))
            }
            // Two lifecycles of one class may not both apply to a pattern (or both to every pattern).
            for other in lifecycles[railClass] ?? [] {
                let clash = patterns.isEmpty ? other.patterns.isEmpty : patterns.contains(where: other.patterns.contains)
                if clash {
                    throw PayarchError.data(
                        at: classNode.location, id: "rules.duplicate-lifecycle",
                        "a second lifecycle for '\(railClass)'" + (patterns.isEmpty ? "" : " under " + patterns.joined(separator: ", ")))
                }
            }
            func text(_ key: String) throws(PayarchError) -> String { try map.required(key).string(for: "'\(key)'") }
            func address(_ node: YAMLNode, _ what: String) throws(PayarchError) -> String {
                let source = try node.string(for: what)
                guard source.hasPrefix("https://") || source.hasPrefix("http://") else {
                    throw PayarchError.data(at: node.location, id: "rules.source", "a source must be the address of a public page")
                }
                return source
            }
            /// The optional `rails:` tag of an item: ids of known rails of this class, or processed as it (a
            /// token wallet beside a card PSP).
            func tags(_ entry: MappingReader) throws(PayarchError) -> [String] {
                guard let node = entry["rails"] else { return [] }
                let items = try node.sequenceItems(for: "'rails'")
                guard !items.isEmpty else {
                    throw PayarchError.data(at: node.location, id: "rules.rails-tag", "'rails' lists at least one rail id, or is left out")
                }
                return try items.map { item throws(PayarchError) in
                    let id = try item.string(for: "a rail id")
                    guard let owner = railClasses[id] else {
                        throw PayarchError.data(at: item.location, id: "rules.rails-tag", "unknown rail id '\(id)'")
                    }
                    guard owner == railClass || processedAs[id] == railClass || receivedAs[owner] == railClass else {
                        throw PayarchError.data(
                            at: item.location, id: "rules.rails-tag", "rail '\(id)' is of class '\(owner)', not '\(railClass)'")
                    }
                    return id
                }
            }
            /// The optional `direction:` tag of an item: `credit` or `debit`.
            func direction(_ entry: MappingReader) throws(PayarchError) -> String? {
                guard entry["direction"] != nil else { return nil }
                return try entry.oneOf(
                    "direction", ClassLifecycle.directions.sorted(), id: "rules.unknown-value", what: "direction", listName: "directions")
            }
            /// The optional `channel:` tag of an item: `card-present` or `card-not-present`.
            func channel(_ entry: MappingReader) throws(PayarchError) -> String? {
                guard entry["channel"] != nil else { return nil }
                return try entry.oneOf(
                    "channel", ClassLifecycle.channels.sorted(), id: "rules.unknown-value", what: "channel", listName: "channels")
            }
            /// The optional `mode:` tag of an item: a mode of `modes:` in `reading/rail-words.yml`.
            func mode(_ entry: MappingReader) throws(PayarchError) -> String? {
                guard entry["mode"] != nil else { return nil }
                return try entry.oneOf("mode", modes, id: "rules.unknown-value", what: "mode", listName: "modes")
            }
            /// The optional `unlessMode:` tag of an item: a mode that leaves the item out.
            func unlessMode(_ entry: MappingReader) throws(PayarchError) -> String? {
                guard entry["unlessMode"] != nil else { return nil }
                return try entry.oneOf("unlessMode", modes, id: "rules.unknown-value", what: "mode", listName: "modes")
            }
            /// The optional `severalRails:` flag of an item.
            func severalRails(_ entry: MappingReader) throws(PayarchError) -> Bool {
                try entry["severalRails"]?.bool(for: "'severalRails'") ?? false
            }
            /// The optional `railSources:` of an event: per rail of this class, the page that documents it there.
            func railSources(_ entry: MappingReader) throws(PayarchError) -> [ClassLifecycle.RailSource] {
                guard let node = entry["railSources"] else { return [] }
                return try MappingReader(node, what: "'railSources'").entries.map { entry throws(PayarchError) in
                    guard let owner = railClasses[entry.key] else {
                        throw PayarchError.data(at: entry.keyNode.location, id: "rules.rails-tag", "unknown rail id '\(entry.key)'")
                    }
                    guard owner == railClass || processedAs[entry.key] == railClass || receivedAs[owner] == railClass else {
                        throw PayarchError.data(
                            at: entry.keyNode.location, id: "rules.rails-tag", "rail '\(entry.key)' is of class '\(owner)', not '\(railClass)'")
                    }
                    return .init(rail: entry.key, source: try address(entry.value, "a source in 'railSources'"))
                }
            }
            func items(_ key: String) throws(PayarchError) -> [ClassLifecycle.Item] {
                try (map[key]?.sequenceItems(for: "'\(key)'") ?? []).map { node throws(PayarchError) in
                    if node.scalar != nil { return .init(text: try node.string(for: "an item of '\(key)'")) }
                    let entry = try MappingReader(node, what: "an item of '\(key)'")
                    try entry.rejectUnknownKeys(["text", "rails", "direction", "severalRails", "severalInClass", "channel", "mode", "unlessMode"])
                    return .init(
                        text: try entry.required("text").string(for: "'text'"), rails: try tags(entry), direction: try direction(entry),
                        severalRails: try severalRails(entry), severalInClass: try entry["severalInClass"]?.bool(for: "'severalInClass'") ?? false,
                        channel: try channel(entry), mode: try mode(entry), unlessMode: try unlessMode(entry))
                }
            }
            var deadline: ClassLifecycle.Deadline?
            if let node = map["deadline"], !node.isNull {
                let entry = try MappingReader(node, what: "'deadline'")
                try entry.rejectUnknownKeys(["milliseconds", "text", "source"])
                let milliseconds = try entry.required("milliseconds").number(for: "'milliseconds'")
                guard milliseconds > 0, milliseconds <= 600_000 else {
                    throw PayarchError.data(at: node.location, id: "rules.deadline", "a deadline is between 1 ms and 10 minutes")
                }
                let sourceNode = entry["source"]
                deadline = .init(
                    milliseconds: milliseconds, text: try entry.required("text").string(for: "'text'"),
                    source: try sourceNode.flatMap { node throws(PayarchError) in node.isNull ? nil : try address(node, "'source'") })
            }
            let events = try map.required("events").sequenceItems(for: "'events'").map { node throws(PayarchError) in
                let event = try MappingReader(node, what: "an event")
                try event.rejectUnknownKeys(["id", "name", "risk", "text", "handling", "source", "rails", "severalRails", "severalInClass", "railSources", "covers", "channel", "direction", "mode", "unlessMode"])
                let riskNode = try event.required("risk")
                guard let risk = ClassLifecycle.Risk(rawValue: try riskNode.string(for: "'risk'")) else {
                    throw PayarchError.data(
                        at: riskNode.location, id: "rules.unknown-value",
                        "risk must be one of " + ClassLifecycle.Risk.allCases.map(\.rawValue).joined(separator: ", "))
                }
                return ClassLifecycle.Event(
                    id: try event.required("id").string(for: "'id'"), name: try event.required("name").string(for: "'name'"), risk: risk,
                    text: try event.required("text").string(for: "'text'"), handling: try event.required("handling").string(for: "'handling'"),
                    source: try address(try event.required("source"), "'source' of an event"), rails: try tags(event),
                    severalRails: try severalRails(event), severalInClass: try event["severalInClass"]?.bool(for: "'severalInClass'") ?? false,
                    railSources: try railSources(event),
                    covers: try (event["covers"]?.sequenceItems(for: "'covers'") ?? []).map { node throws(PayarchError) in try node.string(for: "an event id") },
                    channel: try channel(event), direction: try direction(event), mode: try mode(event), unlessMode: try unlessMode(event))
            }
            let compensations = try map.required("compensations").sequenceItems(for: "'compensations'").map { node throws(PayarchError) in
                let entry = try MappingReader(node, what: "a compensation")
                try entry.rejectUnknownKeys(["stage", "text", "rails", "direction", "severalRails", "channel", "covers", "mode", "unlessMode"])
                return ClassLifecycle.Compensation(
                    stage: try entry.required("stage").string(for: "'stage'"), text: try entry.required("text").string(for: "'text'"),
                    rails: try tags(entry), direction: try direction(entry), severalRails: try severalRails(entry), channel: try channel(entry),
                    covers: try (entry["covers"]?.sequenceItems(for: "'covers'") ?? []).map { node throws(PayarchError) in try node.string(for: "a stage") },
                    mode: try mode(entry), unlessMode: try unlessMode(entry))
            }
            let mean = try map.required("meanMilliseconds").number(for: "'meanMilliseconds'")
            guard mean > 0, mean <= 600_000 else {
                throw PayarchError.data(at: map["meanMilliseconds"]?.location, id: "rules.deadline", "'meanMilliseconds' is between 1 ms and 10 minutes")
            }
            // An item covers only class-wide items of its own class, and only when it is itself rail-specific.
            func checkCovers(_ key: String, _ what: String, _ entries: [(name: String, rails: [String], covers: [String])]) throws(PayarchError) {
                let nodes = try map.required(key).sequenceItems(for: "'\(key)'")
                for (entry, node) in zip(entries, nodes) where !entry.covers.isEmpty {
                    guard !entry.rails.isEmpty else {
                        throw PayarchError.data(at: node.location, id: "rules.covers", "\(what) '\(entry.name)' covers others but names no rails")
                    }
                    for covered in entry.covers where !entries.contains(where: { $0.name == covered && $0.rails.isEmpty }) {
                        throw PayarchError.data(
                            at: node.location, id: "rules.covers",
                            "\(what) '\(entry.name)' covers '\(covered)', which is not a class-wide \(what) of '\(railClass)'")
                    }
                }
            }
            try checkCovers("events", "event", events.map { ($0.id, $0.rails, $0.covers) })
            try checkCovers("compensations", "compensation", compensations.map { ($0.stage, $0.rails, $0.covers) })
            guard !events.isEmpty, !compensations.isEmpty else {
                throw PayarchError.data(at: root.location, id: "rules.lifecycle", "the lifecycle of '\(railClass)' needs events and compensations")
            }
            var lifecycle = ClassLifecycle(
                railClass: railClass, lifecycle: try text("lifecycle"), states: try text("states"), unknownOutcome: try text("unknownOutcome"),
                resolver: try text("resolver"), lateEvents: try text("lateEvents"), deadline: deadline, meanMilliseconds: mean,
                meanBasis: try text("meanBasis"), events: events, compensations: compensations, flow: try items("flow"),
                forbidden: try map.stringList("forbidden"), checks: try items("checks"),
                sources: try (map["sources"]?.sequenceItems(for: "'sources'") ?? []).map { node throws(PayarchError) in try address(node, "a source") },
                location: root.location)
            lifecycle.patterns = patterns
            lifecycle.retry = try text("retry")
            lifecycle.ingress = try items("ingress")
            let holds = try map.required("holdsFunds")
            switch try holds.string(for: "'holdsFunds'") {
            case "true": lifecycle.holdsFunds = true
            case "false": lifecycle.holdsFunds = false
            default: throw PayarchError.data(at: holds.location, id: "rules.unknown-value", "'holdsFunds' is true or false")
            }
            if let node = map["timeoutAnswer"], !node.isNull {
                let entry = try MappingReader(node, what: "'timeoutAnswer'")
                try entry.rejectUnknownKeys(["flow", "call", "answer", "latencyConflict"])
                lifecycle.timeoutAnswer = .init(
                    flow: try entry.required("flow").string(for: "'flow'"), call: try entry.required("call").string(for: "'call'"),
                    answer: try entry.required("answer").string(for: "'answer'"),
                    latencyConflict: try entry.required("latencyConflict").string(for: "'latencyConflict'"))
            }
            if let node = map["railOverride"], !node.isNull {
                let entry = try MappingReader(node, what: "'railOverride'")
                try entry.rejectUnknownKeys(["nativeKey", "unknownOutcome", "reconciliationArtefact", "factTopics"])
                var factTopics: [String] = []
                for topic in try entry["factTopics"]?.sequenceItems(for: "'factTopics'") ?? [] {
                    let value = try topic.string(for: "a fact topic")
                    guard RailDefinition.topics.contains(value) else {
                        throw PayarchError.data(
                            at: topic.location, id: "rules.unknown-topic", "unknown fact topic '\(value)'",
                            notes: ["topics: " + RailDefinition.topics.joined(separator: ", ")])
                    }
                    factTopics.append(value)
                }
                lifecycle.railOverride = .init(
                    nativeKey: try entry.required("nativeKey").string(for: "'nativeKey'"),
                    unknownOutcome: try entry.required("unknownOutcome").string(for: "'unknownOutcome'"),
                    reconciliationArtefact: try entry.required("reconciliationArtefact").string(for: "'reconciliationArtefact'"),
                    factTopics: factTopics)
            }
            lifecycles[railClass, default: []].append(lifecycle)
        }
        // Every class has a lifecycle for every pattern.
        let patternValues = RuleBookLoader.enumeratedOutputs["coordination"]?["pattern"] ?? []
        for id in classIds.sorted() {
            let files = lifecycles[id] ?? []
            for pattern in patternValues where !files.contains(where: { $0.patterns.isEmpty || $0.patterns.contains(pattern) }) {
                throw PayarchError.data(
                    at: SourceLocation.file(directory), id: "rules.missing-lifecycle",
                    "no lifecycle file for rail class '\(id)'" + (files.isEmpty ? "" : " under the \(pattern) pattern"))
            }
        }
        return lifecycles
    }
}
