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

    /// The largest key space a table may have: every combination is checked at load, so a table keyed
    /// on huge domains is refused before any combination is built.
    public static let maxCombinations = 100_000
    /// Combinations × rows matched while checking, so a table with many rows is bounded too.
    public static let maxChecks = 5_000_000

    /// How many combinations the table's keys span (saturating).
    public var combinationCount: Int {
        table.keys.reduce(1) { count, key in
            let (product, overflow) = count.multipliedReportingOverflow(by: domains[key]?.count ?? 0)
            return overflow ? Int.max : product
        }
    }

    /// Calls `body` with every combination of the table's key values, in domain order, one at a time.
    public func forEachCombination(_ body: ([String: String]) -> Void) {
        let values = table.keys.map { domains[$0] ?? [] }
        guard !values.contains(where: \.isEmpty) else { return }
        var indices = [Int](repeating: 0, count: values.count)
        while true {
            var assignment: [String: String] = [:]
            for (position, key) in table.keys.enumerated() { assignment[key] = values[position][indices[position]] }
            body(assignment)
            var position = indices.count - 1
            while position >= 0 {
                indices[position] += 1
                if indices[position] < values[position].count { break }
                indices[position] = 0
                position -= 1
            }
            if position < 0 { return }
        }
    }

    public func problems() -> [Diagnostic] {
        let count = combinationCount
        // Examples are matched against every row too; with YAML aliases a few lines can list thousands.
        let examples = table.rows.reduce(0) { $0 + $1.examples.count }
        let exampleChecks = examples.multipliedReportingOverflow(by: max(1, table.rows.count))
        if count > Self.maxCombinations || count.multipliedReportingOverflow(by: max(1, table.rows.count)).partialValue > Self.maxChecks
            || table.rows.count > Self.maxChecks || exampleChecks.overflow || exampleChecks.partialValue > Self.maxChecks
        {
            return [
                Diagnostic(
                    at: table.location, id: "rules.key-space",
                    "table '\(table.id)' spans \(count == Int.max ? "too many" : String(count)) combinations of its keys with \(table.rows.count) rows and \(examples) examples; payarch checks at most \(Self.maxCombinations) combinations and \(Self.maxChecks) row matches",
                    notes: ["key it on fewer dimensions, or split it into several tables"])
            ]
        }
        var gaps: [String] = []
        var overlaps: [String] = []
        forEachCombination { combination in
            let rows = table.matchingRows(combination)
            if rows.isEmpty {
                gaps.append(describe(combination))
            } else if rows.count > 1 {
                overlaps.append(describe(combination) + " (rows " + rows.map(\.id).joined(separator: ", ") + ")")
            }
        }
        var problems: [Diagnostic] = []
        var wrongExamples = 0
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
                    wrongExamples += 1
                    if wrongExamples > listLimit { continue }
                    problems.append(
                        Diagnostic(
                            at: row.location, id: "rules.example",
                            "example \(describe(example)) of row \(row.id) selects "
                                + (hits.isEmpty ? "no row" : hits.joined(separator: ", "))))
                }
            }
        }
        if wrongExamples > listLimit {
            problems.append(
                Diagnostic(
                    at: table.location, id: "rules.example",
                    "… and \(wrongExamples - listLimit) more examples of table '\(table.id)' select the wrong row"))
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
