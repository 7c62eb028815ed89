import Foundation

/// Builds the `DesignView` of a plan. Rails and rail classes are resolved here, once; every sentence that
/// depends on a class, a store or a pattern is chosen here or comes from the rules data of that class or
/// row, so the templates only arrange text. Text from the input is escaped here, once, with
/// `MarkdownEscaper`; text from the rules is trusted Markdown.
public struct DesignViewBuilder: Sendable {
    let rules: RuleBook
    /// The downstream key: derived from what the client sent (the merchant and the client's key), so any
    /// region, and the same region after a failover that lost the local record, computes the same one; the
    /// operation and attempt number make each call distinct. 26 base32 characters carry 130 bits of the
    /// digest; with `_` separators and at most 10 characters for the operation and attempt the key is 39.
    static let derivedKeyLength = 39
    static let derivedKeyFormat = "k_<first 26 base32 characters of SHA-256(merchant id, client key)>_<operation><attempt number>"
    /// What the client gets from an outbox design when the rail has not answered by its deadline, unless the
    /// class's lifecycle says otherwise.
    static let defaultTimeoutFlow = "No answer by the rail's deadline: commit `UNKNOWN` with the attempt and answer `202` with the payment id; the client polls or retries with the same key and receives the same `202` until the completer resolves the attempt."
    /// The region setting when the input keeps data in its own region.
    static let residencyText = "each deployment is a design of its own that owns its claims, payments, keys and ledger inside its jurisdiction; its standby and failover stay inside that jurisdiction, no request or record is forwarded or replicated across it, so losing a deployment is an outage for its own users only, and a client key is unique only within its deployment"
    /// What the design does when the input allows no committed write to be lost on a failover.
    /// The replica that holds each claim is the store's own: a standby another region keeps for a primary,
    /// the quorum of a distributed store, or a key-value store's replication to another region.
    static func zeroLossText(_ phrase: String, storeKind: DesignView.StoreKind) -> String {
        let replica =
            switch storeKind {
            case .distributed: "the store's multi-region configuration, whose commits already need a quorum across regions"
            case .keyValue: "a table configuration that writes each commit to another region before confirming it"
            case .singlePrimary, .sharded, .xa: "a standby in another region that acknowledges each commit before the primary confirms it"
            }
        return "The input asks for no committed write to be lost on a failover (\(phrase)), so replication to the other region or site is synchronous, and no promotion can lose a commit: the claim commits only once a replica in another region holds it (\(replica)), every claim pays that round trip, and when that replica cannot be reached the key gate refuses with `503` rather than commit locally."
    }

    /// Words of a gate's precondition that say it waits for money to arrive for good.
    /// "Funds" alone is not one: "the funds check has passed" waits for a check, not for money to settle.
    static let fundsWords: Set<String> = ["settled", "settle", "cleared", "clear", "irrevocable", "final", "received", "collected"]

    /// Whether a stated gate waits for collected money to be final ("the pay-in has cleared", "its return
    /// window has closed").
    static func waitsForFunds(_ gate: StatedGate) -> Bool {
        let words = RequirementMatcher.words(gate.precondition.text).map { $0.lowercased() }
        return words.contains(where: fundsWords.contains) || zip(words, words.dropFirst()).contains { $0 == ("return", "window") }
    }

    /// With no store named, the store is the table's choice: said as an assumption, with how to name one.
    /// Resource managers under XA keep their own database.
    func storeAssumption(_ plan: DesignPlan) -> [String] {
        guard let store = plan.decision("datastore"), store.text("storeKind") != "xa" else { return [] }
        let database = String(store.text("database").prefix { $0 != "," })
        // A store the input names that payarch has no rows for is never "no store named": the design is a
        // stand-in written in another store's terms, said as such.
        let unmodelled = uniqued(plan.facts.warnings.filter { $0.id == "reading.unmodelled-store" }.compactMap { $0.phrase?.text })
        if !unmodelled.isEmpty {
            let names = Self.list(unmodelled.map { MarkdownEscaper.inline($0) })
            if plan.facts.consistency.statedStore != nil {
                return [
                    "the input also names \(names), for which payarch has no design rows; the store statements below are written for the store in use above, so if \(names) \(unmodelled.count == 1 ? "holds" : "hold") the keys or the payment state, translate each of them (unique-key claim, isolation, locking reads, failover) and confirm it before relying on it"
                ]
            }
            return [
                "the input runs \(names), for which payarch has no design rows: the store statements below are written for \(database) as a stand-in (the datastore table's choice for this volume and consistency), so translate each of them (unique-key claim, isolation, locking reads, failover) to \(names) and confirm it before relying on it"
            ]
        }
        guard plan.facts.consistency.statedStore == nil else { return [] }
        let named = rules.vocabulary.stores.compactMap(\.aliases.first)
        return [
            "no store is named, so the design uses \(database), the datastore table's choice for this volume and consistency (see the appendix); name the store you run ("
                + Self.list(named) + ") to have the design written in its dialect"
        ]
    }

    /// The input asks for atomic commit across resource managers it names ("two-phase commit across Db2 and
    /// MQ") and the design links them another way: said, with the reason, never dropped in silence.
    func atomicityConflict(_ plan: DesignPlan, pattern: DesignView.Pattern) -> [String] {
        guard let stated = plan.facts.consistency.atomicCommit, pattern != .twoPhaseCommit else { return [] }
        let managers = plan.facts.rails.filter { $0.railClass == "xa-resource" }.map(Self.name)
        guard !managers.isEmpty else { return [] }
        let governing = rules.railClass(plan.facts.governingClass)?.name ?? plan.facts.governingClass
        return [
            "the input asks for atomic commit across \(Self.list(managers)) (\"\(MarkdownEscaper.inline(stated.text))\"), and this design does not give it: the payment's flow is governed by \(governing), which no transaction of the resource managers can span, so \(Self.list(managers)) are linked by the transactional outbox below; to keep two-phase commit for the internal leg, commit the ledger change and the outgoing message in one XA transaction under the transaction manager's durable log and let that message start the \(governing) step, keyed as below"
        ]
    }

    /// What the design says when the input replicates asynchronously: its own setup, not the synchronous
    /// copy a store row recommends.
    static func asyncText(_ phrase: String, syncCopyStated: Bool = false) -> String {
        // With a synchronous copy stated as well, only the asynchronous one loses commits.
        syncCopyStated
            ? "The input's replication to its other copy is asynchronous (\(phrase)), so a failover to that copy loses what it had not yet received; a failover to the synchronous copy does not."
            : "The input's replication is asynchronous (\(phrase)), so a failover to that copy loses what it had not yet received; where the sentences above describe a synchronous copy inside the region, that copy is this design's recommendation, not the input's setup, and until the store runs one a failover inside the region can lose the last commits too."
    }

    /// What the design says when the input runs its standby synchronously, wherever it sits.
    static func syncText(_ phrase: String) -> String {
        "The input runs its standby synchronously (\(phrase)): a failover to it loses no commit it acknowledged while it was synchronized, wherever it sits, and every claim pays the round trip to it; where the mode lets the primary go on alone when the standby stops answering (as Data Guard's Maximum Availability does), a failover after such a gap loses the commits made in it, so alert on lost synchronization and fail over only to a synchronized standby."
    }

    /// What a standby site the input keeps ("warm standby", "DR site", "active/passive") changes: losing the
    /// region is a promotion of that site, done only after the old primary is fenced. Nil for a phrase that
    /// names no standby ("single region").
    static func standbyText(_ phrase: SourcedPhrase) -> String? {
        guard ConsistencyFacts.namesStandby(phrase.text) else { return nil }
        return " The input keeps such a site (\(MarkdownEscaper.quoted(phrase.text))): losing the region means promoting it, and only after the old primary is fenced, so two sites never take claims at once."
    }

    /// The failover text of the store or region row. With no committed write to be lost, its sentences about
    /// asynchronous replication to another region do not hold and are left out: the zero-loss text says
    /// what replaces them.
    static func failover(_ text: String, zeroLoss: Bool) -> String {
        guard zeroLoss else { return text }
        let sentences = text.components(separatedBy: ". ")
        let kept = sentences.filter { !$0.contains("asynchronous") && !$0.contains("recovery point above zero") }
        guard !kept.isEmpty else { return "" }
        let joined = kept.joined(separator: ". ")
        return joined.hasSuffix(".") ? joined : joined + "."
    }

    /// At most this many risks are listed at a glance.
    static let glanceRisks = 5

    public init(rules: RuleBook) {
        self.rules = rules
    }

    /// The rail classes present in the order their first rail was given (the rail named first is the one
    /// the product is built around), each with its rails.
    func classes(of facts: DesignFacts) -> [(railClass: String, rails: [RailMention])] {
        var groups: [(railClass: String, rails: [RailMention])] = []
        // A token wallet a processor carries adds no rail of its own to the processor's class.
        for rail in facts.rails where !rules.isProcessedByAnother(rail) {
            if let index = groups.firstIndex(where: { $0.railClass == rail.railClass }) {
                groups[index].rails.append(rail)
            } else {
                groups.append((rail.railClass, [rail]))
            }
        }
        return groups
    }

    /// The page an event cites: the one documenting it for the first of `rails` that has its own, else the
    /// event's own source.
    static func source(of event: ClassLifecycle.Event, for rails: [RailMention]) -> String {
        for rail in rails {
            if let id = rail.id, let own = event.railSources.first(where: { $0.rail == id }) { return own.source }
        }
        return event.source
    }

    /// The ways a class's rails are given: a rail given with no direction counts as both.
    static func directions(of rails: [RailMention]) -> Set<String> {
        rails.reduce(into: Set<String>()) { set, rail in
            if let direction = rail.direction { set.insert(direction) } else { set.formUnion(ClassLifecycle.directions) }
        }
    }

    /// The channels a class's rails are given for: a rail given with no channel counts as both.
    static func channels(of rails: [RailMention]) -> Set<String> {
        rails.reduce(into: Set<String>()) { set, rail in
            if let channel = rail.channel { set.insert(channel) } else { set.formUnion(ClassLifecycle.channels) }
        }
    }

    /// Whether a rail moves money the way an item tagged `direction` is about (an untagged item, or a rail
    /// given with no direction, always does).
    static func moves(_ rail: RailMention, _ direction: String?) -> Bool {
        guard let direction, let given = rail.direction else { return true }
        return given == direction
    }

    public func build(_ plan: DesignPlan) throws(PayarchError) -> DesignView {
        let facts = plan.facts
        func decision(_ table: String) -> Decision? { plan.decision(table) }
        func output(_ table: String, _ name: String) -> String { decision(table)?.text(name) ?? "" }
        func typed<T: RawRepresentable>(_ table: String, _ name: String, as type: T.Type) throws(PayarchError) -> T where T.RawValue == String {
            guard let value = T(rawValue: output(table, name)) else {
                throw PayarchError.data(
                    at: nil, id: "rules.unknown-value", "table '\(table)' gives '\(output(table, name))' for '\(name)', which the design view does not know")
            }
            return value
        }
        let pattern = try typed("coordination", "pattern", as: DesignView.Pattern.self)
        let storeKind = try typed("datastore", "storeKind", as: DesignView.StoreKind.self)
        let ledger = try typed("ledger", "posting", as: DesignView.LedgerMode.self)
        let regions = try typed("regions", "mode", as: DesignView.RegionMode.self)
        // With a home region per key, a single-primary store is one primary in each home region.
        let perHomeRegion = regions == .homeRegion && storeKind == .singlePrimary
        let databaseName = output("datastore", "database") + (perHomeRegion ? ", in each home region" : "")
        let crdt = output("replicated-state", "model") == "crdt"

        let groups = classes(of: facts)
        let railNames = facts.rails.map(Self.name)
        let governing = rules.railClass(facts.governingClass)
        let knownRails = facts.rails.compactMap { $0.id.flatMap(rules.rail) }
        // The rails the design sends on, each once: a credit received takes no key of ours.
        var sentIds: Set<String> = []
        let sentRails = facts.rails.filter { !rules.isReceivedClass($0.railClass) }.compactMap { $0.id.flatMap(rules.rail) }
            .filter { sentIds.insert($0.id).inserted }
        // Each class's lifecycle narrowed to the rails given: a design names only the events, steps and
        // checks of its own rails.
        // A token given with the chain it runs on ("USDC on Solana") follows that chain: the token's tags,
        // which span every chain it is issued on, are left out.
        let given = effectiveRailIds(facts)
        // A class whose own coordination row picks the Outbox Pattern inside a saga design (a card checkout
        // beside ACH collections) keeps its synchronous flow: the request waits for the rail, and only the
        // saga's classes answer `202`. A class that holds funds stays in the saga, whose first step places
        // the hold.
        var ownOutbox = Set<String>()
        if pattern == .saga {
            for group in groups {
                let family = rules.railClass(group.railClass)?.family ?? group.railClass
                // A class whose payments arrive or leave in files (received credits) has no request that waits.
                guard plan.pattern(ofFamily: family) == DesignView.Pattern.outbox.rawValue,
                    rules.lifecycle(of: group.railClass, pattern: DesignView.Pattern.outbox.rawValue)?.holdsFunds != true,
                    rules.railClass(group.railClass)?.batched != true
                else { continue }
                ownOutbox.insert(group.railClass)
            }
            // Only when a class is left for the saga itself.
            if groups.allSatisfy({ ownOutbox.contains($0.railClass) }) { ownOutbox = [] }
        }
        var lifecycles: [String: ClassLifecycle] = [:]
        // A token wallet a processor carries is that processor's class: its tags in its own class's file
        // (a wallet file's token-wallet steps) do not apply beside another wallet of that class.
        let carried = Set(facts.rails.filter { rules.isProcessedByAnother($0) }.compactMap(\.id))
        for group in groups {
            let classPattern = ownOutbox.contains(group.railClass) ? DesignView.Pattern.outbox : pattern
            let classGiven = given.subtracting(carried.filter { rules.rail($0)?.railClass == group.railClass })
            lifecycles[group.railClass] = rules.lifecycle(of: group.railClass, pattern: classPattern.rawValue)?
                .narrowed(to: classGiven, directions: Self.directions(of: group.rails), severalRails: facts.rails.count(where: { !rules.isProcessedByAnother($0) }) > 1,
                    classRails: group.rails.map(\.id), channels: Self.channels(of: group.rails), modes: Set(facts.modes.map(\.mode)))
        }
        let vocabulary = rules.vocabulary
        // The ids each rail stands for (a token named with its chain stands for that chain), found once.
        let givenIds = Set(facts.rails.compactMap(\.id))
        var idsOf: [RailMention: Set<String>] = [:]
        for rail in facts.rails where idsOf[rail] == nil { idsOf[rail] = effectiveIds(of: rail, given: givenIds) }

        var classViews = groups.map { group -> DesignView.RailClass in
            let data = lifecycles[group.railClass]
            let names = Self.list(group.rails.map(Self.name))
            /// The given rails among an item's tags, by name; a token named with its chain is tagged by that
            /// chain ("USDT on Tron" is not a Solana rail).
            func taggedNames(_ tags: [String]) -> String {
                Self.list(group.rails.filter { !(idsOf[$0] ?? []).isDisjoint(with: tags) }.map(Self.name))
            }
            return DesignView.RailClass(
                id: group.railClass, name: rules.railClass(group.railClass)?.name ?? group.railClass, rails: names,
                ownOutbox: ownOutbox.contains(group.railClass),
                lifecycle: data?.lifecycle ?? "", states: data?.states ?? "", unknownOutcome: data?.unknownOutcome ?? "",
                resolver: data?.resolver ?? "", retry: data?.retry ?? "",
                ingress: (data?.ingress ?? []).isEmpty ? [] : [(data?.ingress ?? []).map(\.text).joined(separator: " ")],
                lateEvents: data?.lateEvents ?? "",
                deadline: data?.deadline.map { deadline in
                    [.init(milliseconds: "\(ThroughputFormat.format(deadline.milliseconds)) ms", basis: deadline.text)]
                } ?? [],
                timeoutFlow: data?.timeoutAnswer?.flow.replacing("{rails}", with: names) ?? Self.defaultTimeoutFlow,
                callLabel: data?.timeoutAnswer?.call ?? "call with the derived key",
                timeoutLabel: data?.timeoutAnswer?.answer ?? "202 with the payment id",
                flow: (data?.flow ?? []).map { item in
                    let text = item.text.replacing("{rails}", with: Self.list(group.rails.filter { Self.moves($0, item.direction) }.map(Self.name)))
                    // A step for some of the class's rails says which.
                    return !item.rails.isEmpty && group.rails.count > 1 ? "For \(taggedNames(item.rails)): " + text : text
                },
                events: (data?.events ?? []).map { event in
                    .init(
                        name: event.name + (group.rails.count > 1 && !event.rails.isEmpty ? " (\(taggedNames(event.rails)))" : ""),
                        risk: Self.riskLabel(event.risk), text: Self.cell(event.text), handling: Self.cell(event.handling),
                        source: Self.source(of: event, for: group.rails))
                },
                compensations: (data?.compensations ?? []).map { item in
                    let moving = group.rails.filter { Self.moves($0, item.direction) }
                    return .init(
                        rails: item.rails.isEmpty ? Self.list(moving.map(Self.name)) : taggedNames(item.rails), stage: item.stage, text: item.text)
                },
                checks: (data?.checks ?? []).map { .init(rails: $0.rails.isEmpty ? names : taggedNames($0.rails), text: $0.text) })
        }

        // A step that reads the same for several classes (a custody platform's, say) is said once, where the
        // first of them comes.
        // So is an event that reads the same (a payee check on two SEPA classes, a custody platform's id).
        var seenSteps = Set<String>()
        var seenEvents = Set<String>()
        for index in classViews.indices {
            classViews[index].flow = classViews[index].flow.filter { seenSteps.insert($0).inserted }
            classViews[index].events = classViews[index].events.filter { seenEvents.insert($0.name + "\u{0}" + $0.text).inserted }
        }

        // Risks at a glance: what can charge twice first, then what can lose money, one per class before a
        // second from any class.
        var risks: [DesignView.Risk] = []
        for risk in [ClassLifecycle.Risk.doubleCharge, .loss] {
            var round = 0
            while risks.count < Self.glanceRisks {
                var added = false
                for group in groups {
                    let events = (lifecycles[group.railClass]?.events ?? []).filter { $0.risk == risk }
                    guard round < events.count, risks.count < Self.glanceRisks else { continue }
                    let event = events[round]
                    risks.append(
                        .init(
                            event: event.name, className: rules.railClass(group.railClass)?.name ?? group.railClass,
                            risk: risk == .doubleCharge ? "double charge" : "loss", handling: event.handling))
                    added = true
                }
                if !added { break }
                round += 1
            }
        }

        let balanceScope = facts.consistency.scopes.first { $0.scope == "balances" }
        let balancesStated = balanceScope.map { ["strict", "strong"].contains($0.tier) } ?? false
        func railList(_ keep: (String, RailMention) -> Bool) -> [String] {
            let names = groups.flatMap { group in group.rails.filter { keep(group.railClass, $0) }.map(Self.name) }
            return names.isEmpty ? [] : [Self.list(names)]
        }
        // Funds are held for what we send on a pushing class; a rail given only for collecting holds nothing.
        func holds(_ railClass: String, _ rail: RailMention) -> Bool {
            lifecycles[railClass]?.holdsFunds == true && rail.direction != "debit"
        }
        // Terminals on ISO 8583 host links, not HTTP clients, when every rail is a card network at the point of sale.
        // Payout rails beside them (settling to merchants) take no client requests.
        let intakeRails = facts.rails.filter { $0.direction != "credit" }
        let terminalIntake = !intakeRails.isEmpty && intakeRails.allSatisfy { $0.railClass == "card-network" && $0.channel == "card-present" }
        let holdRails = railList(holds)
        // A payout draws on a balance, so it reserves funds whatever the input says about balances; so does
        // any payment where the input says customers hold balances ("wallet balances").
        let balancesHeld = facts.modes.contains { $0.mode == "customer-balances" }
        // A retailer's refunds on a push rail draw on no balance: each is bounded by the payment it refunds.
        let holdRailsAllRefund = groups.allSatisfy { group in group.rails.allSatisfy { !holds(group.railClass, $0) || $0.isRefund } }
        let refundGuarded = !holdRails.isEmpty && holdRailsAllRefund && !balancesStated && !balancesHeld
        let balancesGuarded = balancesStated || (!holdRails.isEmpty && !refundGuarded) || balancesHeld
        // The input's own rule that refunds never exceed what was collected ("total refunds on an order must
        // never exceed what was captured") gets the refund barrier whatever rails carry the refunds.
        let refundBoundStated = facts.modes.contains { $0.mode == "refund-bound" }
        let refundRails = railList { railClass, rail in holds(railClass, rail) && rail.isRefund }
        let refundBarrier: [DesignView.RefundBarrier] =
            refundGuarded || refundBoundStated ? [.init(number: balancesGuarded ? 7 : 6, rails: refundRails)] : []
        // A floor the input allows ("may go negative by at most $20") replaces zero in the balance barrier.
        let balanceFloor = facts.modes.first { $0.mode == "balance-floor" }.map { MarkdownEscaper.quoted(RequirementMatcher.oneLine($0.phrase.text)) }
        let balancesLevel =
            balancesStated
            ? balanceScope.flatMap { vocabulary.level($0.level)?.name } ?? ""
            : holdRails.isEmpty ? "customers hold balances" : "every payout draws on a balance"
        // Collections fund payouts only where the input says customers hold balances (a balance scope, or
        // words such as "top-ups" or "wallet balances"), or states a gate that waits for collected money:
        // a lender's treasury-funded drawdowns or a biller's refunds are not paid from what it collects.
        let fundsGateStated = facts.gates.contains { Self.waitsForFunds($0) }
        let balancesFundPayouts = balanceScope != nil || balancesHeld
        let pendingRails = railList { railClass, rail in
            !holds(railClass, rail) && rules.railClass(railClass)?.batched == true && !rules.isReceivedClass(railClass)
        }
        let rails = railViews(facts, lifecycles: lifecycles)
        let openItems = openItems(rails, groups: groups, lifecycles: lifecycles, idsOf: idsOf)
        let coordination = decision("coordination")
        let lockingDecision = decision("locking")
        let moneyScopes = facts.consistency.scopes.filter { vocabulary.scope($0.scope)?.moneyPath == true }
        let apScopes = facts.consistency.scopes.filter(\.availabilityFirst).compactMap { vocabulary.scope($0.scope)?.name }

        // A synchronous standby the input runs, with no asynchronous copy stated, makes the row's sentences
        // about asynchronous replication inapplicable, as no loss on a failover does.
        let syncStandby = facts.consistency.zeroLoss == nil ? facts.consistency.syncStandby : nil
        let failover: String =
            Self.failover(
                output("regions", "failover") == "store" ? output("datastore", "failover") : output("regions", "failover"),
                zeroLoss: facts.consistency.zeroLoss != nil || (syncStandby != nil && facts.consistency.asyncReplication == nil))
            + (regions == .singleRegion ? facts.consistency.singleRegion.flatMap(Self.standbyText) ?? "" : "")
            + (facts.consistency.zeroLoss.map { " " + Self.zeroLossText(MarkdownEscaper.quoted($0.text), storeKind: storeKind) } ?? "")
            + (facts.consistency.zeroLoss == nil
                ? facts.consistency.asyncReplication.map { " " + Self.asyncText(MarkdownEscaper.quoted($0.text), syncCopyStated: syncStandby != nil) } ?? "" : "")
            + (syncStandby.map { " " + Self.syncText(MarkdownEscaper.quoted($0.text)) } ?? "")
        let database = DesignView.Database(
            name: databaseName, isolation: output("datastore", "isolation"), keyStore: output("datastore", "keyStore"),
            claim: output("datastore", "claim"), retry: output("datastore", "retry"), readRule: output("datastore", "readRule"),
            workQueue: output("datastore", "workQueue"), gateFailure: output("datastore", "gateFailure"),
            // One region: what the store survives; several: what the region setting does about a region loss.
            failover: failover,
            tables: tables(
                pattern: pattern, storeKind: storeKind, engine: output("datastore", "engine"), choreographed: output("coordination", "control") == "choreographed"),
            tableNoun: Self.documentEngines.contains(output("datastore", "engine")) ? "Collection" : "Table",
            lockingName: output("locking", "lockingName"), lockingStatement: output("datastore", output("locking", "locking")))
        var provenance: [DesignView.Provenance] = plan.decisions.map { provenanceRow($0, title: $0.title, plan: plan, knownRails: knownRails) }
        // The coordination rows of the classes that keep their own flow.
        let ownFamilies = Set(groups.filter { ownOutbox.contains($0.railClass) }.compactMap { rules.railClass($0.railClass)?.family })
        for decision in plan.flowDecisions where decision.railFamily.map(ownFamilies.contains) ?? false {
            provenance.append(provenanceRow(decision, title: "Coordination of its own flow", plan: plan, knownRails: knownRails))
        }
        // With classes on their own flow, the rails of each side, as one list each.
        let sagaFlowRails: [String] =
            ownOutbox.isEmpty ? [] : [Self.list(groups.filter { !ownOutbox.contains($0.railClass) }.flatMap { $0.rails.map(Self.name) })]
        let ownFlowRails: [String] =
            ownOutbox.isEmpty ? [] : [Self.list(groups.filter { ownOutbox.contains($0.railClass) }.flatMap { $0.rails.map(Self.name) })]
        // The input's gates are numbered after the design's own barriers (Barrier 6 only where balances are guarded).
        let firstGate = 6 + (balancesGuarded ? 1 : 0) + refundBarrier.count
        var gates: [DesignView.Gate] = []
        for (index, gate) in facts.gates.enumerated() {
            gates.append(
                .init(
                    number: firstGate + index, action: MarkdownEscaper.quoted(RequirementMatcher.oneLine(gate.action.text)),
                    precondition: MarkdownEscaper.quoted(RequirementMatcher.oneLine(gate.precondition.text)),
                    timing: gate.timing.map { [MarkdownEscaper.quoted(RequirementMatcher.oneLine($0.text))] } ?? [], approval: gate.approval))
        }
        var limits: [DesignView.Limit] = []
        for (index, limit) in facts.limits.enumerated() {
            let quoted: String = MarkdownEscaper.quoted(RequirementMatcher.oneLine(limit.phrase.text))
            limits.append(DesignView.Limit(number: firstGate + gates.count + index, phrase: quoted, oneAtATime: limit.oneAtATime))
        }
        var view = DesignView(
            title: railNames.joined(separator: ", "), pattern: pattern, storeKind: storeKind, ledger: ledger, regions: regions, crdt: crdt,
            coordination: .init(name: output("coordination", "patternName"), detail: output("coordination", "style") + ": " + (coordination?.rationale ?? "")),
            locking: .init(name: output("locking", "lockingName"), detail: lockingDecision?.rationale ?? ""),
            store: .init(name: databaseName, detail: "isolation " + output("datastore", "isolation")),
            ledgerChoice: .init(name: output("ledger", "postingName"), detail: decision("ledger")?.rationale ?? ""),
            regionChoice: facts.consistency.residency == nil
                ? .init(name: output("regions", "modeName"), detail: output("regions", "keyHome"))
                : .init(name: "one region per deployment, data kept in its region", detail: Self.residencyText),
            risks: risks,
            basis: basisRows(facts), assumptions: facts.assumptions.map { MarkdownEscaper.inline($0.text) } + storeAssumption(plan) + atomicityConflict(plan, pattern: pattern),
            notes: facts.notes.map { note in
                .init(id: note.id, text: MarkdownEscaper.inline(note.message.hasSuffix(".") ? note.message : note.message + "."))
            },
            hasNotes: !facts.notes.isEmpty,
            unreadRequirements: [], hasUnreadRequirements: false,
            governingClassName: governing?.name ?? facts.governingClass,
            governingRails: Self.list(groups.first { $0.railClass == facts.governingClass }?.rails.map(Self.name) ?? []),
            severalClasses: groups.count > 1,
            fallbackRails: facts.rails.contains(where: \.isFallback) ? [Self.list(facts.rails.filter(\.isFallback).map(Self.name))] : [],
            patternTopology: output("coordination", "topology"), recoveryPoints: output("coordination", "recoveryPoints"),
            derivedKeyFormat: Self.derivedKeyFormat, derivedKeyLength: Self.derivedKeyLength,
            keyLimitNote: keyLimitNote(sentRails), shortKeyNote: shortKeyNote(sentRails),
            rails: rails, hasRailFacts: rails.contains { !$0.facts.isEmpty }, railNames: Self.list(railNames),
            classes: classViews,
            database: database,
            terminalStates: Self.list(uniqued(classViews.flatMap { Self.codeSpans($0.states) }), conjunction: "or"),
            moneyPathLevel: levelName(facts.consistency.moneyPath, scopes: moneyScopes),
            ledgerLevel: levelName(facts.consistency.ledger, scopes: facts.consistency.scopes.filter { $0.scope == "ledger" }),
            retention: retention(plan, knownRails).text, retentionReason: retention(plan, knownRails).reason,
            keyHome: output("regions", "keyHome"), apScopeNames: Self.list(apScopes),
            reconciliation: plan.decisions("reconciliation").map { decision in
                .init(
                    rails: Self.list(facts.rails.filter { $0.family == decision.railFamily }.map(Self.name)),
                    cadence: decision.text("cadence"), matchAgainst: decision.text("matchAgainst"))
            },
            capacity: capacity(plan, (perHomeRegion ? "in each home region, " : "") + output("partitioning", "strategy"), groups: groups),
            sequenceDiagram: SequenceDiagram.text(
                pattern: pattern, ledger: ledger, classes: classViews, railNames: railNames, holdsFunds: !holdRails.isEmpty,
                terminalIntake: terminalIntake),
            hasOpenItems: !openItems.isEmpty, openItems: openItems,
            holdsFunds: !holdRails.isEmpty, terminalIntake: terminalIntake,
            transfersAcrossHomes: regions == .homeRegion && facts.modes.contains { $0.mode == "internal-transfers" },
            fundingGate: !holdRails.isEmpty && !pendingRails.isEmpty && (fundsGateStated || balancesFundPayouts),
            holdRails: holdRails, pendingRails: pendingRails,
            sagaFlowRails: sagaFlowRails,
            ownFlowRails: ownFlowRails,
            gates: gates,
            fundsGateStated: fundsGateStated,
            balancesGuarded: balancesGuarded, balancesLevel: balancesLevel, balanceFloor: balanceFloor.map { [$0] } ?? [], refundGuarded: refundGuarded,
            refundBarrier: refundBarrier,
            timeoutFlows: uniqued(classViews.map(\.timeoutFlow)),
            provenance: provenance)
        view.limits = limits
        // A stated requirement no rule read may still be met by name in the design's own text (a rail's
        // event row that speaks of its UETR): only the ones the design never names are listed.
        let named = RequirementMatcher(
            vocabulary: rules.reading.requirements, designText: view.ownText, requirements: facts.unreadRequirements.compactMap { $0.phrase?.text })
        let unnamed = facts.unreadRequirements.filter { warning in warning.phrase.map { !named.names($0.text) } ?? true }
        view.unreadRequirements = unnamed.map { warning in
            warning.phrase.map { MarkdownEscaper.quoted(RequirementMatcher.oneLine($0.text)) } ?? MarkdownEscaper.inline(warning.message + ".")
        }
        view.hasUnreadRequirements = !unnamed.isEmpty
        return view
    }

    func provenanceRow(_ decision: Decision, title: String, plan: DesignPlan, knownRails: [RailDefinition]) -> DesignView.Provenance {
        var summary = decision.summary
        var rationale = decision.rationale
        // Data kept in its region: one active region in each deployment, as the glance says, for that reason.
        if decision.table == "regions", decision.text("mode") == "single-region", let residency = plan.facts.consistency.residency {
            summary = "one region per deployment, data kept in its region"
            rationale = "The input keeps its data in its own jurisdiction (\(MarkdownEscaper.quoted(residency.text))), so each deployment has one active region and one writer per key, which is the simplest correct gate."
        }
        return .init(
            decision: title + (decision.railFamily.map { " (\(rules.family($0)?.name ?? $0))" } ?? ""),
            choice: Self.cell(summary + (decision.table == "retention" ? "; \(retention(plan, knownRails).text) for the rails given" : "")),
            row: decision.row,
            selectedBy: decision.keys.map(Self.describe).joined(separator: "; "), rationale: Self.cell(rationale))
    }

    /// The open items of a design: each rail's own checks, then each class's checks, leaving out an item
    /// that says again, in other words, what an earlier item about one of the same rails says.
    func openItems(
        _ rails: [DesignView.Rail], groups: [(railClass: String, rails: [RailMention])], lifecycles: [String: ClassLifecycle],
        idsOf: [RailMention: Set<String>]
    ) -> [DesignView.OpenItem] {
        var kept: [(rails: Set<String>, words: Set<String>, item: DesignView.OpenItem)] = []
        func add(_ names: [String], _ text: String) {
            let words = NearDuplicate.words(text)
            let repeated = kept.contains { !$0.rails.isDisjoint(with: names) && NearDuplicate.similarity($0.words, words) >= NearDuplicate.threshold }
            if !repeated { kept.append((Set(names), words, .init(rails: Self.list(names), text: text))) }
        }
        for rail in rails {
            for check in rail.checks { add([rail.name], check) }
        }
        for group in groups {
            for check in lifecycles[group.railClass]?.checks ?? [] {
                let concerned = check.rails.isEmpty ? group.rails : group.rails.filter { !(idsOf[$0] ?? []).isDisjoint(with: check.rails) }
                let moving = concerned.filter { Self.moves($0, check.direction) }
                add(moving.map(Self.name), check.text)
            }
        }
        return kept.map(\.item)
    }

    func uniqued(_ items: [String]) -> [String] {
        var seen: [String] = []
        for item in items where !seen.contains(item) { seen.append(item) }
        return seen
    }

    // MARK: - Formatting

    static func latencyText(_ target: ThroughputFacts.LatencyTarget) -> String {
        let percentile = target.percentile.map { "P" + ThroughputFormat.format($0) + " " } ?? ""
        return percentile + "under " + ThroughputFormat.format(target.milliseconds) + " ms" + (target.serviceOnly == true ? " for the service's own part, rail calls excluded" : "")
            + (target.readPath == true ? " for reads, not for payments" : "")
    }

    static func describe(_ key: Decision.Key) -> String {
        var text = "\(key.dimension) = \(key.value)"
        if !key.phrases.isEmpty {
            text += " ← " + key.phrases.map { MarkdownEscaper.quoted($0.text) }.joined(separator: ", ")
        }
        if key.assumed { text += key.phrases.isEmpty ? " (assumed)" : " (derived)" }
        return text
    }

    /// A rail's name for the document: catalogue names are trusted, names read from the input are escaped.
    static func name(_ rail: RailMention) -> String {
        rail.known ? rail.name : MarkdownEscaper.inline(rail.name)
    }

    /// Rules text placed in a table cell: a literal pipe would end the cell.
    static func cell(_ text: String) -> String {
        text.utf8.contains(UInt8(ascii: "|")) ? text.replacing("|", with: "\\|") : text
    }

    static func riskLabel(_ risk: ClassLifecycle.Risk) -> String {
        switch risk {
        case .doubleCharge: "double charge"
        case .loss: "loss"
        case .none: "mechanism"
        }
    }

    /// The code spans of a Markdown text, in order: "`CAPTURED`, `VOIDED` or `EXPIRED`" → the three states.
    static func codeSpans(_ text: String) -> [String] {
        text.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map { "`" + $0.element + "`" }
    }

    static func list(_ items: [String], conjunction: String = "and") -> String {
        switch items.count {
        case 0: ""
        case 1: items[0]
        case 2: items[0] + " \(conjunction) " + items[1]
        default: items.dropLast().joined(separator: ", ") + " \(conjunction) " + items[items.count - 1]
        }
    }
}
