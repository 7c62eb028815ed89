/// Proves a table's hit policy over every combination of its keys' values: no combination without a
/// row (gap), none with two rows (overlap), and every row's examples select that row.
public struct DecisionTableChecker: Sendable {
    public var table: DecisionTable
    public var domains: [String: [String]]
    /// At most this many gaps or overlaps are listed; the rest are counted.
    public var listLimit = 8

    public init(table: DecisionTable, domains: [String: [String]]) {
        self.table = table
        self.domains = domains
    }

    /// Every combination of the table's key values, in domain order.
    public var combinations: [[String: String]] {
        table.keys.reduce([[:]]) { partial, key in
            partial.flatMap { assignment in
                (domains[key] ?? []).map { value in assignment.merging([key: value]) { $1 } }
            }
        }
    }

    public func problems() -> [Diagnostic] {
        var gaps: [String] = []
        var overlaps: [String] = []
        for combination in combinations {
            let rows = table.matchingRows(combination)
            if rows.isEmpty {
                gaps.append(describe(combination))
            } else if rows.count > 1 {
                overlaps.append(describe(combination) + " (rows " + rows.map(\.id).joined(separator: ", ") + ")")
            }
        }
        var problems: [Diagnostic] = []
        if !gaps.isEmpty {
            problems.append(
                Diagnostic(
                    at: table.location, id: "rules.gap",
                    "table '\(table.id)' has no row for \(gaps.count) combination\(gaps.count == 1 ? "" : "s")",
                    notes: listed(gaps)))
        }
        if !overlaps.isEmpty {
            problems.append(
                Diagnostic(
                    at: table.location, id: "rules.overlap",
                    "table '\(table.id)' (hit policy unique) matches several rows for \(overlaps.count) combination\(overlaps.count == 1 ? "" : "s")",
                    notes: listed(overlaps)))
        }
        for row in table.rows {
            for example in row.examples {
                let hits = table.matchingRows(example).map(\.id)
                if hits != [row.id] {
                    problems.append(
                        Diagnostic(
                            at: row.location, id: "rules.example",
                            "example \(describe(example)) of row \(row.id) selects "
                                + (hits.isEmpty ? "no row" : hits.joined(separator: ", "))))
                }
            }
        }
        return problems
    }

    private func describe(_ assignment: [String: String]) -> String {
        table.keys.map { "\($0)=\(assignment[$0] ?? "?")" }.joined(separator: ", ")
    }

    private func listed(_ items: [String]) -> [String] {
        var notes = Array(items.prefix(listLimit))
        if items.count > listLimit { notes.append("… and \(items.count - listLimit) more") }
        return notes
    }
}
