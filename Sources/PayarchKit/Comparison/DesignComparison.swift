/// Two designs side by side: every extracted fact and every decision, with the rule and the input
/// phrases behind each side, and whether the rows differ.
public struct DesignComparison: Sendable {
    public struct Side: Sendable, Codable, Hashable {
        public var value: String
        public var rule: String?
        public var phrases: [String]
        /// The value is Markdown from the rules (a decision summary); otherwise it may hold input text (an
        /// unknown rail's name) and is escaped wherever it is shown.
        var isMarkdown = false

        enum CodingKeys: String, CodingKey {
            case value, rule, phrases
        }

        init(value: String, rule: String?, phrases: [String], isMarkdown: Bool = false) {
            self.value = value
            self.rule = rule
            self.phrases = phrases
            self.isMarkdown = isMarkdown
        }
    }

    public struct Row: Sendable, Codable {
        /// `facts`, `decisions` or `design` (what the typed design view derives: retention, sizing, how each
        /// rail class resolves an unknown outcome, the top risks).
        public var section: String
        public var item: String
        public var left: Side
        public var right: Side
        public var differs: Bool { left.value != right.value || left.rule != right.rule }
    }

    public struct Design: Sendable {
        public var label: String
        public var plan: DesignPlan
        public var markdown: String

        public init(label: String, plan: DesignPlan, markdown: String) {
            self.label = label
            self.plan = plan
            self.markdown = markdown
        }
    }

    public var left: Design
    public var right: Design
    public var rows: [Row]

    public var designsDiffer: Bool { left.markdown != right.markdown }

    public init(left: Design, right: Design, rules: RuleBook) {
        self.left = left
        self.right = right
        let leftFacts = FactColumns(plan: left.plan, rules: rules).items
        let rightFacts = FactColumns(plan: right.plan, rules: rules).items
        var rows: [Row] = []
        for (index, item) in leftFacts.enumerated() {
            rows.append(Row(section: "facts", item: item.name, left: item.side, right: rightFacts[index].side))
        }
        for table in rules.tables {
            // A per-rail-class table gives one row per class present on either side.
            var subjects: [String?] = []
            for decision in left.plan.decisions(table.id) + right.plan.decisions(table.id)
            where !subjects.contains(decision.railFamily) {
                subjects.append(decision.railFamily)
            }
            for subject in subjects {
                func side(_ plan: DesignPlan) -> Side {
                    guard let decision = plan.decisions(table.id).first(where: { $0.railFamily == subject }) else {
                        return Side(value: "—", rule: nil, phrases: [])
                    }
                    return Side(
                        value: decision.summary, rule: decision.row,
                        phrases: decision.keys.flatMap { $0.phrases.map(\.text) }.uniqued(), isMarkdown: true)
                }
                let item = table.title + (subject.map { " (\(rules.family($0)?.name ?? $0))" } ?? "")
                rows.append(Row(section: "decisions", item: item, left: side(left.plan), right: side(right.plan)))
            }
        }
        rows += Self.designRows(left: left.plan, right: right.plan, rules: rules)
        self.rows = rows
    }

    /// Rows from the typed view both designs are rendered from, so compare shows what the documents say
    /// and not only what the tables decided.
    static func designRows(left: DesignPlan, right: DesignPlan, rules: RuleBook) -> [Row] {
        let builder = DesignViewBuilder(rules: rules)
        let views = (try? builder.build(left), try? builder.build(right))
        guard let a = views.0, let b = views.1 else { return [] }
        var items: [(String, (DesignView) -> String?)] = [
            ("Idempotency-record retention", { $0.retention }),
            ("Rail key format", { $0.derivedKeyFormat }),
        ]
        var quantities: [String] = []
        for row in a.capacity.rows + b.capacity.rows where !quantities.contains(row.quantity) { quantities.append(row.quantity) }
        for quantity in quantities {
            items.append(("Sizing: " + quantity, { view in view.capacity.rows.first { $0.quantity == quantity }?.value }))
        }
        var classes: [String] = []
        for item in a.classes + b.classes where !classes.contains(item.name) { classes.append(item.name) }
        for name in classes {
            items.append(("Unknown outcome: " + name, { view in view.classes.first { $0.name == name }?.resolver }))
            items.append(("Deadline: " + name, { view in view.classes.first { $0.name == name }.map { $0.deadline.first?.milliseconds ?? "none (answers later)" } }))
        }
        items.append(("Top risks", { view in view.risks.map { "\($0.event) (\($0.className))" }.joined(separator: "; ") }))
        return items.map { name, value in
            Row(
                section: "design", item: name, left: Side(value: value(a) ?? "—", rule: nil, phrases: [], isMarkdown: true),
                right: Side(value: value(b) ?? "—", rule: nil, phrases: [], isMarkdown: true))
        }
    }
}

/// The fact rows of one plan, always the same items in the same order so two plans line up.
struct FactColumns {
    struct Item {
        var name: String
        var side: DesignComparison.Side
    }

    let items: [Item]

    init(plan: DesignPlan, rules: RuleBook) {
        let facts = plan.facts
        var items: [Item] = []
        func add(_ name: String, _ value: String?, _ phrases: [SourcedPhrase] = []) {
            items.append(Item(name: name, side: .init(value: value ?? "—", rule: nil, phrases: phrases.map(\.text))))
        }
        let format = ThroughputFormat.format
        add("Rails", facts.rails.map(\.name).joined(separator: ", "), facts.rails.compactMap(\.phrase))
        add("Governing rail class", rules.railClass(facts.governingClass)?.name ?? facts.governingClass)
        let throughput = facts.throughput
        add(
            "Design peak", "\(format(throughput.designPeak.tps)) TPS (\(throughput.band))",
            throughput.designPeak.phrase.map { [$0] } ?? [])
        add("Sustained", throughput.sustained.map { "\(format($0.tps)) TPS" }, throughput.sustained?.phrase.map { [$0] } ?? [])
        add(
            "Latency", throughput.latency.isEmpty ? nil : throughput.latency.map(DesignViewBuilder.latencyText).joined(separator: "; "),
            throughput.latency.map(\.phrase))
        add(
            "Load shape",
            [throughput.batch.map { _ in "batch" }, throughput.burst.map { _ in "bursty" }].compactMap { $0 }.joined(separator: ", ")
                .nilIfEmpty,
            [throughput.batch, throughput.burst].compactMap { $0 })
        for scope in rules.vocabulary.scopes {
            let entry = facts.consistency.scopes.first { $0.scope == scope.id }
            add(
                "Consistency: \(scope.name)",
                entry.map { (rules.vocabulary.level($0.level)?.name ?? $0.level) + ($0.availabilityFirst ? ", availability first" : "") },
                entry.map { [$0.phrase] } ?? [])
        }
        let money = facts.consistency.moneyPath
        add("Money-path tier", money.tier + (money.assumed ? " (assumed)" : ""), money.phrases)
        let ledger = facts.consistency.ledger
        add("Ledger tier", ledger.tier + (ledger.assumed ? " (assumed)" : ""), ledger.phrases)
        add("Replicated state", facts.consistency.apState, facts.consistency.apPhrases)
        add("CAP stance", facts.consistency.consistencyFirst.map { _ in "consistency first" }, facts.consistency.consistencyFirst.map { [$0] } ?? [])
        add("Atomic commit", facts.consistency.atomicCommit.map { _ in "required" }, facts.consistency.atomicCommit.map { [$0] } ?? [])
        add("Regions", facts.consistency.multiRegion.map { _ in "multi-region" }, facts.consistency.multiRegion.map { [$0] } ?? [])
        add("Assumptions", facts.assumptions.isEmpty ? nil : facts.assumptions.map(\.id).joined(separator: ", "))
        self.items = items
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each kept once.
    fileprivate func uniqued() -> [Element] {
        var seen: Set<Element> = []
        return filter { seen.insert($0).inserted }
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
