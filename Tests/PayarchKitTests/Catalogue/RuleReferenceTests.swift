import Foundation
import PayarchTestSupport
import Testing
@testable import PayarchKit

/// `RuleReference`: the decision-table reference `payarch rules` prints, generated from the loaded tables.
@Suite(.temporaryDirectories) struct RuleReferenceTests {
    static let rules = Bundled.rules

    @Test(arguments: [false, true])
    func everyTableAndEveryRowIsInTheMarkdown(_ compact: Bool) throws {
        let markdown = try RuleReference(rules: Self.rules).markdown(compact: compact)
        for table in Self.rules.tables {
            #expect(markdown.contains("\(compact ? "###" : "##") \(table.title) (`\(table.id)`)\n"), "\(table.id)")
            for row in table.rows {
                #expect(markdown.contains(compact ? "| `\(row.id)` | " : "### `\(row.id)`\n"), "\(row.id)")
                #expect(markdown.contains(row.rationale), "\(row.id)'s rationale")
            }
        }
    }

    @Test func tablesComeInDecisionOrderAndRowsInFileOrder() throws {
        let reference = try RuleReference(rules: Self.rules)
        #expect(reference.tables.map(\.order) == reference.tables.map(\.order).sorted())
        for table in reference.tables {
            let declared = try #require(Self.rules.table(table.id))
            #expect(table.rows.map(\.id) == declared.rows.map(\.id) + declared.statedRows.map(\.id))
            // Rows taken only for a store the input names come last and say so.
            #expect(table.rows.filter { $0.stated == true }.map(\.id) == declared.statedRows.map(\.id))
        }
        #expect(try RuleReference(rules: Self.rules).markdown(compact: true).contains("| `STORE-MYSQL` | railFamily: card-processor-api, card-network, real-time-bank, wire, crypto, bank-batch, received; tpsBand: any; consistency: any (only when the input names this store) |"))
    }

    @Test func aRowShowsItsConditionsInDimensionOrderItsOutputsAndExamples() throws {
        let markdown = try RuleReference(rules: Self.rules, table: "locking").markdown()
        #expect(markdown.hasPrefix("## Locking strategy (`locking`)\n\n- **Keys:** `tpsBand`, `consistency`\n"))
        #expect(markdown.contains("""
            ### `LOCK-OPTIMISTIC`

            - **When:** tpsBand: high, extreme; consistency: strict, strong
            - **Then:**
              - `locking`: optimistic
              - `lockingName`: Optimistic Locking
            - **Rationale:** At high rates row locks
            """))
        #expect(markdown.contains("- **When:** tpsBand: any; consistency: causal, eventual\n"))
        #expect(markdown.contains("- **Examples:**\n  - tpsBand: moderate, consistency: strong\n"))
        #expect(!markdown.contains("# Decision tables"), "one table has no document title")
    }

    @Test func theCompactFormSummarisesEachRowInOneTableLine() throws {
        let markdown = try RuleReference(rules: Self.rules, table: "locking").markdown(compact: true)
        #expect(markdown == """
            ### Locking strategy (`locking`)

            Keys: `tpsBand`, `consistency`; decided once per design.

            | Row | When | Then | Rationale |
            |---|---|---|---|
            | `LOCK-PESSIMISTIC` | tpsBand: low, moderate; consistency: strict, strong | **Pessimistic Locking** | At this rate contention per payment is rare and a lock on the payment is the simplest proof that only one worker moves a payment at a time. |
            | `LOCK-OPTIMISTIC` | tpsBand: high, extreme; consistency: strict, strong | **Optimistic Locking** | At high rates row locks held across retries queue up behind hot merchants; a version compare-and-set never blocks and still lets exactly one transition win. |
            | `LOCK-CONDITIONAL` | tpsBand: any; consistency: causal, eventual | **Conditional writes** | Relaxed consistency still never allows a second charge; conditional writes keep that guarantee per row without holding locks. |

            """)
    }

    @Test func aPipeInRuleTextCannotSplitACompactCell() throws {
        let directory = try Repository.patchedRules(
            "decisions/locking.yml", replacing: "At this rate contention", with: "At this | rate contention")
        let markdown = try RuleReference(rules: try RuleBookLoader().load(directory: directory), table: "locking").markdown(compact: true)
        let line = try #require(markdown.split(separator: "\n").first { $0.hasPrefix("| `LOCK-PESSIMISTIC`") })
        #expect(line.contains("At this \\| rate contention"))
        #expect(line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count == 5)
    }

    @Test func theJSONHasEveryTableWithListsInOrder() throws {
        let json = try RuleReference(rules: Self.rules).json()
        let tables = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(tables.map { $0["id"] as? String } == Self.rules.tables.sorted { ($0.order, $0.id) < ($1.order, $1.id) }.map(\.id))
        let datastore = try #require(tables.first { $0["id"] as? String == "datastore" })
        let rows = try #require(datastore["rows"] as? [[String: Any]])
        let single = try #require(rows.first { $0["id"] as? String == "STORE-PG-SINGLE" })
        #expect((single["when"] as? [String: [String]])?["tpsBand"] == ["low", "moderate"])
        #expect((single["when"] as? [String: [String]])?["consistency"] == nil, "a key left open is left out")
        #expect(json == (try RuleReference(rules: Self.rules).json()))
    }

    @Test func anUnknownTableIsAUsageErrorWithTheNearestId() {
        #expect {
            try RuleReference(rules: Self.rules, table: "lockng")
        } throws: { error in
            guard let error = error as? PayarchError, let diagnostic = error.diagnostics.first else { return false }
            return error.kind == .usage && diagnostic.id == "catalogue.unknown-table" && diagnostic.notes.first == "did you mean 'locking'?"
        }
    }
}
