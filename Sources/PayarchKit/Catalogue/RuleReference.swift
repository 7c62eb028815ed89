/// What `payarch rules` prints: every decision table of `rules/decisions/` (or one), generated from the
/// loaded tables so the reference can never disagree with the rules the planner uses.
///
/// Tables come in decision order (`order`, then id), rows in file order, keys and outputs in the order the
/// table declares them, and the values of a condition in the order of their dimension (`low`, `moderate`,
/// `high`, `extreme`), never in dictionary order.
public struct RuleReference: Sendable {
    /// An output's value: one text, or a list (JSON: a string or an array of strings).
    public enum Value: Sendable, Hashable, Codable {
        case text(String)
        case list([String])

        public func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .text(let text): try container.encode(text)
            case .list(let items): try container.encode(items)
            }
        }

        public init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                self = .text(text)
            } else {
                self = .list(try container.decode([String].self))
            }
        }

        /// The value on one line: list items joined with "; ", as the design shows them.
        public var text: String {
            switch self {
            case .text(let text): text
            case .list(let items): items.joined(separator: "; ")
            }
        }
    }

    public struct Row: Sendable, Codable, Hashable {
        public var id: String
        /// The values each key must take; a key the row leaves out matches any value.
        public var when: [String: [String]]
        public var then: [String: Value]
        /// The table's summary filled in with this row's outputs, as the decision record shows it.
        public var summary: String
        public var rationale: String
        /// Complete key assignments that select this row (each one is a test).
        public var examples: [[String: String]]
        /// Taken only when the input names what the row is for (a store it runs).
        public var stated: Bool? = nil
        /// Where the row's outside facts are published; absent when it states none.
        public var sources: [String]? = nil
    }

    public struct Table: Sendable, Codable, Hashable {
        public var id: String
        public var title: String
        public var order: Int
        /// `design` (decided once) or `each-rail-family` (once per rail family present).
        public var scope: String
        public var keys: [String]
        public var outputs: [String]
        /// The summary template, `{output}` standing for an output's value.
        public var summaryTemplate: String
        /// The table's file, relative to the rules directory.
        public var file: String
        public var rows: [Row]
    }

    public var tables: [Table]
    /// Every value of each key, in the order the rules declare them, for ordering conditions.
    public var domains: [String: [String]]
    /// True when one table was asked for.
    public var isSingleTable: Bool

    /// Every table, or the one with id `table` (a usage error naming the nearest id when none has it).
    public init(rules: RuleBook, table: String? = nil) throws(PayarchError) {
        domains = rules.domains
        var selected = rules.tables.sorted { ($0.order, $0.id) < ($1.order, $1.id) }
        if let table {
            guard let found = selected.first(where: { $0.id == table }) ?? selected.first(where: { $0.id.lowercased() == table.lowercased() })
            else {
                throw Self.unknownTable(table, known: selected.map(\.id))
            }
            selected = [found]
        }
        isSingleTable = table != nil
        let domains = self.domains
        tables = selected.map { table in
            Table(
                id: table.id, title: table.title, order: table.order, scope: table.scope.rawValue, keys: table.keys,
                outputs: table.outputNames, summaryTemplate: table.summary,
                file: RailCatalogueReport.relativePath(table.path, to: rules.directory),
                rows: (table.rows.map { ($0, false) } + table.statedRows.map { ($0, true) }).map { row, stated in
                    Row(
                        id: row.id,
                        when: Dictionary(
                            uniqueKeysWithValues: row.conditions.map { key, values in (key, Self.ordered(values, in: domains[key] ?? [])) }),
                        then: row.outputs.mapValues { value in
                            switch value {
                            case .text(let text): .text(text)
                            case .list(let items): .list(items)
                            }
                        },
                        summary: table.summary(of: row), rationale: row.rationale, examples: row.examples, stated: stated ? true : nil,
                        sources: row.sources.isEmpty ? nil : row.sources)
                })
        }
    }

    /// Values in their dimension's order; any value the dimension does not list comes last, sorted.
    static func ordered(_ values: Set<String>, in domain: [String]) -> [String] {
        domain.filter(values.contains) + values.subtracting(domain).sorted()
    }

    static func unknownTable(_ query: String, known: [String]) -> PayarchError {
        var notes = ["decision tables: " + known.joined(separator: ", ")]
        if let suggestion = EditDistance.closest(to: query, in: known) {
            notes.insert("did you mean '\(suggestion)'?", at: 0)
        }
        return PayarchError(
            .usage, Diagnostic(at: nil, id: "catalogue.unknown-table", "no decision table with id '\(query)'", notes: notes))
    }

    /// A JSON array of the tables in decision order, keys sorted.
    public func json() throws(PayarchError) -> String {
        do {
            return try JSONOutput.encode(tables)
        } catch {
            throw PayarchError.data(at: nil, id: "output.json", "cannot encode the decision tables as JSON: \(error)")
        }
    }
}
