import Foundation

/// The parts of the design view that take more than one line: the design-basis table, the rail rows, the
/// key-length notes, consistency level names, retention and the capacity figures.
extension DesignViewBuilder {
    func basisRows(_ facts: DesignFacts) -> [DesignView.BasisRow] {
        var rows: [DesignView.BasisRow] = []
        func row(_ label: String, _ reading: String, _ phrases: [SourcedPhrase]) {
            rows.append(
                .init(
                    label: label, reading: reading,
                    phrase: phrases.isEmpty ? "(none)" : phrases.map { MarkdownEscaper.quoted($0.text) }.joined(separator: ", ")))
        }
        for rail in facts.rails {
            let className = rules.railClass(rail.railClass)?.name ?? rail.railClass
            let name = Self.name(rail)
            row("Rail", rail.known ? "\(name), \(className)" : "\(name), unknown rail treated as a generic \(className)", rail.phrase.map { [$0] } ?? [])
        }
        let throughput = facts.throughput
        let bandName = rules.throughput.bands.first { $0.id == throughput.band }?.name ?? throughput.band
        let peak = throughput.designPeak
        row("Design peak", "\(ThroughputFormat.format(peak.tps)) TPS, \(bandName) band" + (peak.derivation.map { " (\($0))" } ?? ""), peak.phrase.map { [$0] } ?? [])
        if let sustained = throughput.sustained, sustained.phrase != peak.phrase {
            row("Sustained", "\(ThroughputFormat.format(sustained.tps)) TPS" + (sustained.derivation.map { " (\($0))" } ?? ""), sustained.phrase.map { [$0] } ?? [])
        }
        for target in throughput.latency {
            row("Latency", Self.latencyText(target), [target.phrase])
        }
        if let batch = throughput.batch { row("Load shape", "batch-oriented", [batch]) }
        if let burst = throughput.burst { row("Load shape", "bursty", [burst]) }
        for entry in facts.consistency.scopes {
            let scope = rules.vocabulary.scope(entry.scope)?.name ?? entry.scope
            let level = rules.vocabulary.level(entry.level)?.name ?? entry.level
            row(
                "Consistency: \(scope)",
                level + (entry.availabilityFirst ? ", availability first" : "") + (entry.explicit ? "" : " (stated for all scopes)"),
                [entry.phrase])
        }
        for mention in facts.modes {
            row("Mode", rules.reading.railWords.modes.first { $0.mode == mention.mode }?.name ?? mention.mode, [mention.phrase])
        }
        if let phrase = facts.consistency.consistencyFirst { row("CAP stance", "consistency over availability on the money path", [phrase]) }
        if let phrase = facts.consistency.atomicCommit { row("Atomicity", "atomic commit across resources", [phrase]) }
        if let phrase = facts.consistency.multiRegion, facts.consistency.singleRegion == nil, facts.consistency.residency == nil { row("Regions", "several active regions", [phrase]) }
        if let phrase = facts.consistency.singleRegion { row("Regions", "one region", [phrase]) }
        if let phrase = facts.consistency.residency { row("Regions", "one region per deployment, data kept in its region", [phrase]) }
        if let store = facts.consistency.statedStore {
            // The engine by the name its rows give it ("MySQL (InnoDB), one writer" → "MySQL (InnoDB)").
            let table = rules.table("datastore")
            let database = ((table?.rows ?? []) + (table?.statedRows ?? [])).first { $0.outputs["engine"]?.text == store.engine }?.outputs["database"]?.text
            row("Store in use", database.map { String($0.prefix { $0 != "," }) } ?? store.engine, [store.phrase])
        }
        return rows
    }

    /// The rail ids the design's text is chosen for. A token runs on the chains given with it, named as
    /// rails ("USDT and Tron") or in the token's own phrase ("USDT on Tron"): those chains stand in for the
    /// token, whose tags span every chain it is issued on.
    func effectiveRailIds(_ facts: DesignFacts) -> Set<String> {
        let given = Set(facts.rails.compactMap(\.id))
        return facts.rails.reduce(into: Set<String>()) { ids, mention in ids.formUnion(effectiveIds(of: mention, given: given)) }
    }

    /// The rail ids one mention stands for: a token named with its chains ("USDT on Tron"), or given beside
    /// them, stands for those chains; any other rail for itself.
    func effectiveIds(of mention: RailMention, given: Set<String>) -> Set<String> {
        guard let id = mention.id else { return [] }
        guard let rail = rules.rail(id), !rail.runsOn.isEmpty else { return [id] }
        let words = ([mention.name] + (mention.phrase.map { [$0.text] } ?? [])).joined(separator: " ").lowercased()
        var own: Set<String> = []
        for chain in rail.runsOn {
            guard let definition = rules.rail(chain) else { continue }
            let names = ([definition.name] + definition.aliases).map { $0.lowercased() }
            if names.contains(where: { name in words.range(of: #"\b"# + NSRegularExpression.escapedPattern(for: name) + #"\b"#, options: .regularExpression) != nil }) {
                own.insert(chain)
            }
        }
        let chains = own.isEmpty ? Set(rail.runsOn).intersection(given) : own
        return chains.isEmpty ? [id] : chains
    }

    func railViews(_ facts: DesignFacts, lifecycles: [String: ClassLifecycle]) -> [DesignView.Rail] {
        let effective = effectiveRailIds(facts)
        let givenIds = Set(facts.rails.compactMap(\.id))
        var shown: Set<String> = []
        return facts.rails.map { mention in
            // A rail named twice ("USDT on Tron and USDT on Ethereum") shows its facts and checks once.
            let override = lifecycles[mention.railClass]?.railOverride
            let first = mention.id.map { shown.insert(override == nil ? $0 : $0 + "/override").inserted } ?? true
            let className = rules.railClass(mention.railClass)?.name ?? mention.railClass
            if let rail = mention.id.flatMap(rules.rail), let override {
                // A rail also given under its own class (sent as well as received) shows its facts there, once.
                let alsoOwn = facts.rails.contains { $0.id == rail.id && lifecycles[$0.railClass]?.railOverride == nil }
                let kept = first && !alsoOwn ? Self.facts(of: rail, given: effective).filter { override.factTopics.contains($0.topic) } : []
                return .init(
                    name: Self.name(mention), railClass: mention.railClass, className: className, known: true, nativeKey: override.nativeKey,
                    unknownOutcome: override.unknownOutcome, reconciliationArtefact: Self.cell(override.reconciliationArtefact), checks: [],
                    facts: kept.map { .init(topic: $0.topic, text: Self.cell($0.text), source: Self.cell($0.source)) })
            }
            if let rail = mention.id.flatMap(rules.rail) {
                // A token named on a chain ("USDC on Solana") shows the facts of its own chain under its own
                // name; the facts of every chain come once, with the first.
                let ownChains = Set(rail.runsOn).intersection(effectiveIds(of: mention, given: givenIds))
                let railFacts = mention.reading == .tokenOnChain && !ownChains.isEmpty
                    ? rail.facts.filter { fact in fact.chains.isEmpty ? first : !ownChains.isDisjoint(with: fact.chains) }
                    : first ? Self.facts(of: rail, given: effective) : []
                return .init(
                    name: Self.name(mention), railClass: mention.railClass, className: className, known: true, nativeKey: rail.nativeKey,
                    unknownOutcome: rail.unknownOutcome, reconciliationArtefact: Self.cell(rail.reconciliationArtefact),
                    checks: first ? rail.checks : [],
                    facts: railFacts.map { .init(topic: $0.topic, text: Self.cell($0.text), source: Self.cell($0.source)) })
            }
            return .init(
                name: MarkdownEscaper.inline(mention.name), railClass: mention.railClass, className: className, known: false,
                nativeKey: "unknown: payarch has no sourced facts on this rail, so the design assumes "
                    + (rules.railClass(mention.railClass)?.unknownRailKey ?? "a client-generated key sent on every request"),
                unknownOutcome: "Resolve it as the rail's class prescribes below, and confirm with the provider how a request can be looked up after a timeout.",
                reconciliationArtefact: rules.railClass(mention.railClass)?.unknownRailArtefact ?? "the provider's settlement report (confirm its format)",
                checks: ["Confirm the rail's key mechanism, key retention and duplicate-detection behaviour with the provider before relying on them."],
                facts: [])
        }
    }

    /// A rail's facts for the design: a token given with one of its chains shows only facts about that
    /// chain or about every chain.
    static func facts(of rail: RailDefinition, given: Set<String>) -> [RailDefinition.Fact] {
        let chainsGiven = Set(rail.runsOn).intersection(given)
        guard !chainsGiven.isEmpty else { return rail.facts }
        return rail.facts.filter { $0.chains.isEmpty || !chainsGiven.isDisjoint(with: $0.chains) }
    }

    /// The derived key is at most `derivedKeyLength` characters: it fits rails whose documented limit is at
    /// least that; a rail with a shorter identifier (a 15-digit trace number) gets an allocated one.
    func keyLimitNote(_ rails: [RailDefinition]) -> String {
        let limited = rails.filter { $0.keyMaxLength != nil }
        guard let tightest = limited.filter({ $0.keyMaxLength! >= Self.derivedKeyLength }).min(by: { $0.keyMaxLength! < $1.keyMaxLength! }) else {
            return ""
        }
        return ", inside the \(tightest.keyMaxLength!)-character limit of \(tightest.name), the tightest documented limit among the rails that take it"
    }

    func shortKeyNote(_ rails: [RailDefinition]) -> String {
        let short = rails.filter { $0.keyMaxLength != nil && $0.keyMaxLength! < Self.derivedKeyLength }
        guard !short.isEmpty else { return "" }
        return Self.list(short.map { "\($0.name) (\($0.keyMaxLength!) characters)" }) + (short.count == 1 ? " takes" : " take")
            + " a shorter identifier than the derived key, so for " + (short.count == 1 ? "it" : "them")
            + " the identifier is generated once, in the format the rail prescribes, by the region that owns the key, stored with a unique constraint on the attempt row before submission and mapped back to the payment; a resubmission reuses the stored value, never a new one."
    }

    func levelName(_ tier: ConsistencyFacts.Tier, scopes: [ConsistencyFacts.ScopeLevel]) -> String {
        let strongest = scopes.filter { $0.tier == tier.tier }.first
        let name = strongest.flatMap { rules.vocabulary.level($0.level)?.name } ?? "\(tier.tier) consistency"
        return tier.assumed ? name + ", assumed" : name
    }

    /// The local record's retention: the family floor, raised to the longest key window or late-event
    /// window of the rails present plus the margin.
    func retention(_ plan: DesignPlan, _ rails: [RailDefinition]) -> (text: String, reason: String) {
        let decision = plan.decision("retention")
        let floor = Double(decision?.text("floorDays") ?? "") ?? 30
        let margin = Double(decision?.text("marginDays") ?? "") ?? 7
        let windows = rails.flatMap { rail in
            rail.windows.filter { ["key-retention", "late-event"].contains($0.kind) }.map { (rail: rail.name, window: $0) }
        }
        let longest = windows.max { $0.window.days < $1.window.days }
        let days = max(floor, (longest?.window.days ?? 0) + margin).rounded(.up)
        var reason = decision?.text("reason") ?? ""
        if let longest, longest.window.days + margin > floor {
            reason += "; the longest window among the rails given is \(longest.rail)'s \(ThroughputFormat.format(longest.window.days)) days (\(longest.window.kind)), plus a \(ThroughputFormat.format(margin))-day margin"
        }
        return ("\(ThroughputFormat.format(days)) days", reason)
    }

    /// The tables of the store, named for the pattern: an outbox only where events leave through one, a
    /// saga log only for sagas.
    /// Stores whose records are documents in collections, with unique indexes instead of unique keys.
    static let documentEngines: Set<String> = ["mongodb"]

    func tables(pattern: DesignView.Pattern, storeKind: DesignView.StoreKind, engine: String = "", choreographed: Bool = false) -> [DesignView.Table] {
        var tables: [DesignView.Table] = [
            .init(
                name: "`idempotency_keys`", key: "unique `(merchant_id, idempotency_key)`",
                purpose: "fingerprint, lease with fencing token, `recovery_point`, stored `response_code` and `response_body`, `expires_at`"),
            .init(
                name: "`payments`", key: "`id`, unique `(merchant_id, idempotency_key_id)`",
                purpose: "amount, currency, rail, `status`, `version`, the rail's reference (unique)"),
            .init(
                name: "`payment_attempts`", key: "unique `(payment_id, operation, attempt_no)`",
                purpose: "derived downstream key or allocated rail identifier, request and response, outcome class"),
        ]
        if pattern == .saga, choreographed {
            tables.append(
                .init(name: "`saga_log`", key: "unique `(payment_id, step)`", purpose: "each step a service completed and its compensation status, so compensations know what to undo"))
        } else if pattern == .saga {
            tables.append(.init(name: "`saga_instances`", key: "`payment_id`", purpose: "current step, state, the command sent and whether its reply arrived"))
        }
        if pattern != .twoPhaseCommit {
            tables.append(
                .init(
                    name: "`outbox`", key: "`id` (event id)",
                    purpose: "`aggregate_id` = payment id (the partition key), event or command type, payload, `traceparent`"))
        }
        tables.append(.init(name: "`inbox`", key: "unique `(consumer, message_id)`", purpose: "written in the consumer's business transaction"))
        tables.append(
            .init(name: "`ledger_entries`", key: "unique `transfer_id`", purpose: "debit account, credit account, amount, posting type; immutable"))
        if storeKind == .keyValue {
            // A key-value store enforces uniqueness only on an item's key: every "unique" is the partition (and
            // sort) key of an item written with `attribute_not_exists`, and a second unique value of one record is
            // a guard item written in the same transaction.
            let keys: [String: (key: String, purpose: String?)] = [
                "`idempotency_keys`": ("partition key `merchant_id#idempotency_key`, written with `attribute_not_exists`", nil),
                "`payments`": (
                    "partition key `id`; guard items `payment-key#<merchant_id>#<idempotency_key_id>` and `rail-ref#<rail>#<reference>`, each written with `attribute_not_exists` in the same `TransactWriteItems` as the payment",
                    "amount, currency, rail, `status`, `version`, the rail's reference (its uniqueness is the guard item's)"
                ),
                "`payment_attempts`": ("partition key `payment_id`, sort key `operation#attempt_no`, written with `attribute_not_exists`", nil),
                "`saga_log`": ("partition key `payment_id`, sort key `step`, written with `attribute_not_exists`", nil),
                "`saga_instances`": ("partition key `payment_id`", nil),
                "`outbox`": ("partition key `id` (event id)", "`aggregate_id` = payment id (the order key of the stream), event or command type, payload, `traceparent`; published from the table's change stream"),
                "`inbox`": ("partition key `consumer#message_id`, written with `attribute_not_exists`", nil),
                "`ledger_entries`": ("partition key `transfer_id`, written with `attribute_not_exists`", nil),
            ]
            tables = tables.map { table in
                var item = table
                if let key = keys[table.name] {
                    item.key = key.key
                    if let purpose = key.purpose { item.purpose = purpose }
                }
                item.name += " items"
                return item
            }
        }
        if Self.documentEngines.contains(engine) {
            // A document store enforces uniqueness with a unique index; the document id is `_id`.
            tables = tables.map { table in
                var item = table
                item.key = item.key
                    .replacingOccurrences(of: "`id`", with: "`_id`")
                    .replacingOccurrences(of: #"unique `\(([^)]*)\)`"#, with: "unique index on `{$1}`", options: .regularExpression)
                    .replacingOccurrences(of: "unique `transfer_id`", with: "unique index on `transfer_id`")
                return item
            }
        }
        return tables
    }

    /// A share as a percentage that never reads as 0% for a load above zero.
    static func percent(_ share: Double) -> String {
        let value = share * 100
        if value > 0 && value < 1 { return "under 1%" }
        return ThroughputFormat.format(value.rounded()) + "%"
    }

    func capacity(_ plan: DesignPlan, _ partitioning: String, groups: [(railClass: String, rails: [RailMention])]) -> DesignView.Capacity {
        let sizing = plan.sizing
        let format = ThroughputFormat.format
        let peak = plan.facts.throughput.designPeak
        var rows: [DesignView.SizingRow] = []
        rows.append(
            .init(
                quantity: "Design peak", value: "\(format(sizing.peakTps)) TPS",
                derivation: peak.phrase.map { "stated: " + MarkdownEscaper.quoted($0.text) + (peak.derivation.map { ", \($0)" } ?? "") } ?? "assumed"))
        rows.append(.init(quantity: "Capacity target", value: "\(format(sizing.targetTps)) TPS", derivation: "peak × \(format(sizing.headroom)) headroom"))
        // The two ledger legs are written in the payment's transaction only when the ledger posts synchronously.
        let ledgerInline = plan.decision("ledger")?.text("posting") == "synchronous"
        let writesPerPayment = rules.throughput.planning.writesPerPayment + (ledgerInline ? 2 : 0)
        let writesBasis =
            ledgerInline
            ? "planning figure, including the two ledger legs posted in the payment's transaction"
            : "planning figure; the ledger's postings are written later by its consumer"
        switch sizing.storeKind {
        case "sharded":
            rows.append(
                .init(
                    quantity: "Database shards", value: format(Double(sizing.shards ?? 1)),
                    derivation: "target ÷ \(format(sizing.paymentsPerShard)) payments/s per primary, rounded up to a power of two, at least two"))
            rows.append(.init(quantity: "Peak per shard", value: "\(format(sizing.peakPerShard ?? sizing.peakTps)) TPS", derivation: "peak ÷ shards"))
        case "distributed":
            let writes = sizing.targetTps * writesPerPayment
            let engine = plan.decision("datastore")?.text("engine") ?? ""
            let perNode = rules.throughput.nodeWrites.first { $0.engine == engine }
            rows.append(
                .init(
                    quantity: "Database writes", value: "\(format(writes)) rows/s",
                    derivation: "target × \(format(writesPerPayment)) row writes per payment (\(writesBasis)); the store splits the key space under load"
                        + (perNode == nil ? ", and the node count comes from the vendor's per-node write throughput for this schema, measured under load" : "")))
            if let perNode {
                let acrossRegions = plan.decision("regions")?.text("mode") == "global-store"
                let peakPerNode = acrossRegions ? perNode.multiRegion : perNode.regional
                let nodes = Sizing.count(writes / (peakPerNode * perNode.utilisation))
                rows.append(
                    .init(
                        quantity: "Store nodes (estimate)", value: format(Double(nodes)),
                        derivation: "writes ÷ (\(format(peakPerNode)) writes/s per node \(acrossRegions ? "across regions" : "in one region") × \(Self.percent(perNode.utilisation)) planned utilisation): \(perNode.text) (\(perNode.source)); rows larger than 1 KB, secondary indexes and hot keys need more, so a load test on this schema sets the real count"))
            }
        case "key-value":
            let writes = sizing.targetTps * writesPerPayment
            rows.append(
                .init(
                    quantity: "Write capacity", value: "\(format(writes * 2)) WCU",
                    derivation: "target × \(format(writesPerPayment)) item writes per payment (\(writesBasis)) × 2, because a transactional write consumes two write units per item of up to 1 KB (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html); on-demand tables need their account and table throughput quotas raised to match"))
        default:
            rows.append(
                .init(
                    quantity: plan.decision("regions")?.text("mode") == "single-region" ? "Database primaries" : "Database primaries per region", value: "1",
                    derivation: "one primary plans for \(format(sizing.paymentsPerShard)) payments/s; the target uses " + Self.percent(sizing.targetTps / sizing.paymentsPerShard) + " of it"))
        }
        if let inbound = plan.facts.throughput.inbound {
            rows.append(
                .init(
                    quantity: "Inbound notifications", value: "\(format(inbound.tps))/s",
                    derivation: "stated: " + (inbound.phrase.map { MarkdownEscaper.quoted($0.text) } ?? "")
                        + (inbound.derivation.map { " (\($0))" } ?? "")
                        + "; each is verified, claimed in the inbox by its event id and acknowledged before it is processed, so the inbox takes this many conditional inserts a second on top of the payments' writes, and its consumers must keep up with it"))
        }
        rows.append(
            .init(
                quantity: "Events", value: "\(format(sizing.eventsPerSecond)) events/s",
                derivation: "peak × \(format(sizing.eventsPerPayment)) events per payment"))
        rows.append(
            .init(
                quantity: "Log partitions", value: format(Double(sizing.streamPartitions)),
                derivation: "events × headroom ÷ \(format(sizing.messagesPerPartition)) messages/s per partition, power of two"))
        rows.append(
            .init(
                quantity: sizing.storeKind == "key-value" ? "Concurrent store requests" : sizing.shards == nil ? "Database connections" : "Connections per primary",
                value: format(Double(sizing.connections)),
                derivation: "Little's law: arrivals × mean database time of \(format(sizing.databaseMilliseconds)) ms per payment, with headroom"))
        // Calls in flight per class that calls per payment (batched classes send files). With several such
        // classes, each is sized for an equal share of the target, an assumption the row says.
        let pattern = plan.decision("coordination")?.text("pattern")
        let calling = groups.compactMap { group -> ClassLifecycle? in
            guard rules.railClass(group.railClass)?.batched != true else { return nil }
            return rules.lifecycle(of: group.railClass, pattern: pattern)
        }
        // A class whose every rail has a hard ceiling (a chain's block space) cannot broadcast faster than
        // it, whatever arrives: calls in flight are sized for the ceiling, and the rest waits to be batched.
        let givenIds = Set(plan.facts.rails.compactMap(\.id))
        func ceiling(_ railClass: String) -> (tps: Double, names: [String])? {
            guard let group = groups.first(where: { $0.railClass == railClass }), !group.rails.isEmpty else { return nil }
            var found: [ThroughputRules.Capacity] = []
            for rail in group.rails {
                let ids = effectiveIds(of: rail, given: givenIds)
                guard let capacity = rules.throughput.capacities.first(where: { $0.ceiling && $0.rails.contains(where: ids.contains) }) else { return nil }
                if !found.contains(capacity) { found.append(capacity) }
            }
            return (found.reduce(0) { $0 + $1.tps }, found.map(\.name))
        }
        /// Little's law for one class's calls: `basis` says which arrivals, `mean` is the class's mean call.
        func callRow(_ quantity: String, rate: Double, railClass: String, mean: Double, basis: String) -> DesignView.SizingRow {
            if let ceiling = ceiling(railClass), rate > ceiling.tps {
                return .init(
                    quantity: quantity, value: format(Double(max(4, Sizing.count(ceiling.tps * mean / 1000)))),
                    derivation: "\(basis); but \(Self.list(ceiling.names)), \(ceiling.names.count == 1 ? "holds" : "hold") only about \(format(ceiling.tps)) transactions a second in all, "
                        + "so the pool is sized for that rate × the mean call, and the rest of the \(format(rate)) TPS of arrivals waits to be batched"
                        + (sizing.peakTps > ceiling.tps ? " (Feasibility warning below)" : ""))
            }
            return .init(quantity: quantity, value: format(Double(max(4, Sizing.count(rate * mean / 1000)))), derivation: basis)
        }
        if calling.count == 1, sizing.railConcurrency > 0 {
            let meanClass = rules.railClass(sizing.railMeanClass)?.name ?? sizing.railMeanClass
            rows.append(
                callRow(
                    "Concurrent rail calls", rate: sizing.targetTps, railClass: sizing.railMeanClass, mean: sizing.railMeanMilliseconds,
                    basis: "Little's law: target × mean call time of \(format(sizing.railMeanMilliseconds)) ms for a call on \(meanClass): "
                        + (rules.lifecycle(of: sizing.railMeanClass, pattern: pattern)?.meanBasis ?? "planning figure")))
        } else if calling.count > 1 {
            // The share of the load the input gives a class's rails ("PIX 55%, card 38%"); the classes it
            // gives none split what is left equally, and with no share given at all every class gets an
            // equal share, each said as such.
            let stated = plan.facts.throughput.railShares ?? []
            func statedShare(_ railClass: String) -> (share: Double, phrases: [String])? {
                guard let group = groups.first(where: { $0.railClass == railClass }) else { return nil }
                let cards = ["psp-card-api", "card-network"].contains(railClass)
                let mine = stated.filter { share in share.rail == "card" ? cards : group.rails.contains { $0.id == share.rail } }
                return mine.isEmpty ? nil : (mine.reduce(0) { $0 + $1.share }, mine.map { MarkdownEscaper.quoted($0.phrase.text) })
            }
            let known = calling.compactMap { statedShare($0.railClass)?.share }.reduce(0, +)
            let unstated = calling.filter { statedShare($0.railClass) == nil }.count
            let useStated = known > 0 && known <= 1.0001
            // Shares that already add up to the whole leave nothing to split: a class given none keeps the
            // equal share it would have had.
            let leftOver = unstated > 0 && known < 0.9999
            for lifecycle in calling {
                let name = rules.railClass(lifecycle.railClass)?.name ?? lifecycle.railClass
                let share: Double
                let basis: String
                if useStated, let given = statedShare(lifecycle.railClass) {
                    share = sizing.targetTps * given.share
                    basis = "Little's law: the share of the target the input gives it (\(format(given.share * 100))%, " + given.phrases.joined(separator: ", ") + ")"
                } else if useStated, leftOver {
                    share = sizing.targetTps * (1 - known) / Double(unstated)
                    basis = "Little's law: an equal share of what the stated shares leave (\(format((1 - known) * 100))% over \(unstated), assumed)"
                } else {
                    share = sizing.targetTps / Double(calling.count)
                    basis = "Little's law: an equal share of the target (1/\(calling.count), assumed; replace it with your split)"
                }
                rows.append(
                    callRow(
                        "Concurrent rail calls, \(name)", rate: share, railClass: lifecycle.railClass, mean: lifecycle.meanMilliseconds,
                        basis: basis + " × mean call time of \(format(lifecycle.meanMilliseconds)) ms: " + lifecycle.meanBasis))
            }
        }
        let deadlines = sizing.deadlines.map { deadline -> String in
            let name = rules.railClass(deadline.railClass)?.name ?? deadline.railClass
            return "**\(name)**: the call waits up to \(format(deadline.milliseconds)) ms before the attempt is recorded `UNKNOWN`. " + deadline.basis
        }
        // One conflict sentence for the classes answered with `202`, and each other class's own.
        func name(_ id: String) -> String { rules.railClass(id)?.name ?? id }
        // The deadlines follow a colon, not parentheses: a class name may hold its own ("card network (ISO 8583)").
        let stated = "The stated latency target (\(format(sizing.latencyTargetMilliseconds ?? 0)) ms) is shorter than the rail's own deadline: "
        var conflicts: [String] = []
        let defaultAnswer = sizing.latencyConflicts.filter { rules.lifecycle(of: $0.railClass, pattern: pattern)?.timeoutAnswer == nil }
        if !defaultAnswer.isEmpty {
            conflicts.append(
                stated + Self.list(defaultAnswer.map { "\(format($0.milliseconds)) ms for a call on \(name($0.railClass))" })
                    + ". The request therefore waits for the rail only up to the target: when the rail has answered by then (the usual case) the client gets the result, and only on the slow tail does the API answer `202` with the payment id, while the call keeps its full deadline: cutting it to fit the target would only manufacture unknown outcomes.")
        }
        for deadline in sizing.latencyConflicts {
            guard let answer = rules.lifecycle(of: deadline.railClass, pattern: pattern)?.timeoutAnswer else { continue }
            conflicts.append(stated + "\(format(deadline.milliseconds)) ms for a call on \(name(deadline.railClass)). " + answer.latencyConflict)
        }
        // One paragraph for every class whose mean call is slower than the target.
        let slowMeans = sizing.meanConflicts.map { conflict in
            "\(rules.railClass(conflict.railClass)?.name ?? conflict.railClass) (\(format(conflict.milliseconds)) ms)"
        }
        if slowMeans.count == 1 {
            conflicts.append(
                "The planning mean of a call on \(slowMeans[0]) is a sizing assumption, not a measurement, and it is above the latency target: measure the rail's real latency distribution before accepting the target, and if calls are that slow, state the target for the service's own part of the request.")
        } else if slowMeans.count > 1 {
            conflicts.append(
                "The planning means of calls on \(Self.list(slowMeans)) are sizing assumptions, not measurements, and they are above the latency target: measure each rail's real latency distribution before accepting the target, and if calls are that slow, state the target for the service's own part of the request.")
        }
        let batchClasses = groups.filter { rules.railClass($0.railClass)?.batched == true && !rules.isReceivedClass($0.railClass) }
        let batchNote = batchClasses.isEmpty
            ? []
            : ["Throughput of " + Self.list(batchClasses.flatMap { $0.rails.map(Self.name) })
                + " is bounded by file cut-offs, not by request rate: the batch builder drains `READY` payments, and the figures above size the intake path, which must absorb a whole day's volume between cut-offs."]
        return .init(
            partitioning: partitioning, rows: rows, deadlines: deadlines, conflicts: conflicts, warnings: sizing.warnings, batchNote: batchNote)
    }
}
