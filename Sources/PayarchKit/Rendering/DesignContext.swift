import Foundation

/// Builds the Mustache context for a design from a plan. Text from the input is escaped here, once, with
/// `MarkdownEscaper`; text from the rules is trusted Markdown. Every value is a string, a Bool, or a list
/// of dictionaries, so the templates stay logic-free.
public struct DesignContext: Sendable {
    let rules: RuleBook
    /// The longest downstream key payarch derives: `p_` + a 26-character ULID + `_` + an operation name.
    static let derivedKeyLength = 39

    public init(rules: RuleBook) {
        self.rules = rules
    }

    public func build(_ plan: DesignPlan) -> [String: Any] {
        let facts = plan.facts
        let vocabulary = rules.vocabulary
        func decision(_ table: String) -> Decision? { plan.decision(table) }
        func output(_ table: String, _ name: String) -> String { decision(table)?.text(name) ?? "" }
        let governing = rules.railClass(facts.governingClass)
        let railNames = facts.rails.map { Self.name($0) }
        let knownRails = facts.rails.compactMap { $0.id.flatMap(rules.rail) }

        var context: [String: Any] = [:]
        context["railsTitle"] = railNames.joined(separator: ", ")
        context["railNames"] = Self.list(railNames)
        context["railChoice"] = Self.list(railNames, conjunction: "or")
        context["railNativeKeys"] = Self.list(
            Array(Set(facts.rails.map { $0.id.flatMap(rules.rail)?.nativeKey ?? "`Idempotency-Key` header" })).sorted())
        context["basis"] = basisRows(facts)
        context["assumptions"] = facts.assumptions.map { ["text": MarkdownEscaper.inline($0.text)] }
        context["readingNotes"] = facts.notes.map { note in
            ["text": MarkdownEscaper.inline(note.message.hasSuffix(".") ? note.message : note.message + "."), "id": note.id]
        }
        context["hasReadingNotes"] = !facts.notes.isEmpty
        context["decisions"] = plan.decisions.map { decision -> [String: Any] in
            [
                "title": decision.title + (decision.railFamily.map { " (\(rules.family($0)?.name ?? $0))" } ?? ""),
                "choice": Self.cell(decision.summary), "row": decision.row,
                "selectedBy": decision.keys.map(Self.describe).joined(separator: "; "),
            ]
        }

        context["governingClassName"] = governing?.name ?? facts.governingClass
        context["governingOutcome"] = governing?.outcome ?? ""
        context["inquiryPath"] = governing?.inquiry ?? ""
        // Terminal states per set of states present; when rails differ, each set names its rails.
        var stateSets: [(states: String, rails: [String])] = []
        for rail in facts.rails {
            let states = rules.railClass(rail.railClass)?.states ?? ""
            if let index = stateSets.firstIndex(where: { $0.states == states }) {
                stateSets[index].rails.append(Self.name(rail))
            } else {
                stateSets.append((states, [Self.name(rail)]))
            }
        }
        context["processorStates"] = stateSets.count <= 1
            ? (stateSets.first?.states ?? governing?.states ?? "")
            : stateSets.map { $0.states + " for " + Self.list($0.rails) }.joined(separator: "; ")
        // Per design family: `bankBatch` is true when any rail of that family is present, `bankBatchRails`
        // names them and `bankBatchKeys` names their native identifiers.
        for family in rules.families {
            let members = facts.rails.filter { $0.family == family.id }
            context[Self.flagName(family.id)] = !members.isEmpty
            context[Self.flagName(family.id) + "Rails"] = Self.list(
                members.map { Self.name($0) })
            context[Self.flagName(family.id) + "Keys"] = Self.list(
                members.compactMap { $0.id.flatMap(rules.rail)?.nativeKey })
        }

        let pattern = output("coordination", "pattern")
        context["patternName"] = output("coordination", "patternName")
        context["patternStyle"] = output("coordination", "style")
        context["recoveryPoints"] = output("coordination", "recoveryPoints")
        context["patternTopology"] = output("coordination", "topology")
        context["outbox"] = pattern == "outbox"
        context["saga"] = pattern == "saga"
        context["twoPhaseCommit"] = pattern == "two-phase-commit"

        context["lockingName"] = output("locking", "lockingName")
        context["lockingStatement"] = output("locking", "statement")
        context["database"] = output("datastore", "database")
        context["isolation"] = output("datastore", "isolation")
        context["keyStore"] = output("datastore", "keyStore")
        context["claimStatement"] = output("datastore", "claim")
        context["retry"] = output("datastore", "retry")
        context["sqlEngine"] = output("datastore", "engine") != "dynamodb"

        context["ledgerPostingName"] = output("ledger", "postingName")
        context["ledgerAsync"] = output("ledger", "posting") == "asynchronous"
        context["ledgerSync"] = output("ledger", "posting") == "synchronous"

        let apScopes = facts.consistency.scopes.filter(\.availabilityFirst).compactMap { vocabulary.scope($0.scope)?.name }
        context["crdt"] = output("replicated-state", "model") == "crdt"
        context["apScopeNames"] = Self.list(apScopes)

        // Per-rail-class decisions, labelled with the rails of each class.
        func rails(of family: String?) -> String {
            Self.list(facts.rails.filter { $0.family == family }.map { Self.name($0) })
        }
        context["reconciliationGroups"] = plan.decisions("reconciliation").map { decision -> [String: Any] in
            ["rails": rails(of: decision.railFamily), "cadence": decision.text("cadence"), "matchAgainst": decision.text("matchAgainst")]
        }
        context["compensationGroups"] = plan.decisions("compensation").map { decision -> [String: Any] in
            ["rails": rails(of: decision.railFamily), "steps": decision.list("steps")]
        }
        context["partitioningStrategy"] = output("partitioning", "strategy")
        context["retention"] = output("retention", "retention")
        context["retentionReason"] = output("retention", "reason")

        context["moneyPathLevel"] = levelName(facts.consistency.moneyPath, scopes: facts.consistency.scopes.filter {
            vocabulary.scope($0.scope)?.moneyPath == true
        })
        context["ledgerLevel"] = levelName(facts.consistency.ledger, scopes: facts.consistency.scopes.filter { $0.scope == "ledger" })

        context["railRows"] = railRows(facts)
        let railFacts = knownRails.flatMap { rail in
            rail.facts.map { fact in
                ["rail": rail.name, "topic": fact.topic, "text": Self.cell(fact.text), "source": Self.cell(fact.source)]
            }
        }
        context["railFacts"] = railFacts
        context["hasRailFacts"] = !railFacts.isEmpty
        // The derived key is at most `derivedKeyLength` characters: it fits rails whose documented limit is at
        // least that; a rail with a shorter identifier (a 15-digit trace number) gets an allocated one.
        let limited = knownRails.filter { $0.keyMaxLength != nil }
        if let tightest = limited.filter({ $0.keyMaxLength! >= Self.derivedKeyLength }).min(by: { $0.keyMaxLength! < $1.keyMaxLength! }) {
            context["keyLimitNote"] = ", inside the \(tightest.keyMaxLength!)-character limit of \(tightest.name), the tightest documented limit among the rails that take it"
        } else {
            context["keyLimitNote"] = ""
        }
        let short = limited.filter { $0.keyMaxLength! < Self.derivedKeyLength }
        context["shortKeyNote"] = short.isEmpty
            ? ""
            : " " + Self.list(short.map { "\($0.name) (\($0.keyMaxLength!) characters)" })
                + (short.count == 1 ? " takes" : " take") + " a shorter identifier than the derived key, so for "
                + (short.count == 1 ? "it" : "them") + " the identifier is allocated from a per-rail sequence, stored with a unique constraint on the attempt row before submission, and mapped back to the payment; a resubmission reuses the stored value, never a new one."
        context["derivedKeyFormat"] = "p_<payment ULID>_<operation>"
        context["derivedKeyLength"] = String(Self.derivedKeyLength)

        addSizing(plan, to: &context)
        return context
    }

    // MARK: - Formatting

    static func latencyText(_ target: ThroughputFacts.LatencyTarget) -> String {
        let percentile = target.percentile.map { "P" + ThroughputFormat.format($0) + " " } ?? ""
        return percentile + "under " + ThroughputFormat.format(target.milliseconds) + " ms"
    }

    static func describe(_ key: Decision.Key) -> String {
        var text = "\(key.dimension) = \(key.value)"
        if !key.phrases.isEmpty {
            text += " ← " + key.phrases.map { MarkdownEscaper.quoted($0.text) }.joined(separator: ", ")
        }
        if key.assumed { text += key.phrases.isEmpty ? " (assumed)" : " (derived)" }
        return text
    }

    /// A rail's name for the document: lexicon names are trusted, names read from the input are escaped.
    static func name(_ rail: RailMention) -> String {
        rail.known ? rail.name : MarkdownEscaper.inline(rail.name)
    }

    /// Rules text placed in a table cell: a literal pipe would end the cell.
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }

    static func list(_ items: [String], conjunction: String = "and") -> String {
        switch items.count {
        case 0: ""
        case 1: items[0]
        case 2: items[0] + " \(conjunction) " + items[1]
        default: items.dropLast().joined(separator: ", ") + " \(conjunction) " + items[items.count - 1]
        }
    }

    /// `bank-batch` → `bankBatch`: the template flag that is true for the governing rail class.
    static func flagName(_ id: String) -> String {
        let parts = id.split(separator: "-")
        return parts.enumerated().map { index, part in index == 0 ? String(part) : part.prefix(1).uppercased() + part.dropFirst() }
            .joined()
    }
}
