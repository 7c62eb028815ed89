import PayarchTestSupport
import Testing
@testable import PayarchKit

@Suite struct DecisionTableTests {
    static let rules = Bundled.rules

    /// Hit policy `unique`, proved over every combination of every table's keys.
    @Test(arguments: rules.tables.map(\.id))
    func bundledTableHasNoGapAndNoOverlap(_ id: String) throws {
        let table = try #require(Self.rules.table(id))
        let checker = DecisionTableChecker(table: table, domains: Self.rules.domains)
        var count = 0
        checker.forEachCombination { combination in
            count += 1
            #expect(table.matchingRows(combination).count == 1, "\(id): \(combination)")
        }
        #expect(count == checker.combinationCount && count > 0)
        #expect(checker.problems().isEmpty)
    }

    static let examples: [(String, String, [String: String])] = rules.tables.flatMap { table in
        table.rows.flatMap { row in row.examples.map { (table.id, row.id, $0) } }
    }

    /// Every row's examples select that row (the rows' self-description doubles as tests).
    @Test(arguments: examples)
    func rowExampleSelectsItsRow(table: String, row: String, given: [String: String]) throws {
        let decisionTable = try #require(Self.rules.table(table))
        #expect(decisionTable.matchingRows(given).map(\.id) == [row])
    }

    @Test func everyRowHasAnExample() {
        for table in Self.rules.tables {
            for row in table.rows {
                #expect(!row.examples.isEmpty, "\(table.id) row \(row.id) has no example")
            }
        }
    }

    func loadTable(_ text: String) throws(PayarchError) -> DecisionTable {
        try DecisionTableDecoder.decode(
            YAMLLoader().loadDocuments(SourceFile(path: "t.yml", text: text))[0], path: "t.yml",
            domains: Self.rules.domains)
    }

    static let header = """
        id: t
        title: T
        order: 1
        hitPolicy: unique
        keys: [tpsBand]
        outputs: [x]
        summary: "{x}"
        rows:

        """

    /// The checker's findings for a table made of the header and these rows.
    func problems(_ rows: String) throws -> [Diagnostic] {
        DecisionTableChecker(table: try loadTable(Self.header + rows), domains: Self.rules.domains).problems()
    }

    @Test func aGapIsFoundAndListed() throws {
        let problems = try problems(
            """
              - id: A
                when: {tpsBand: [low, moderate]}
                then: {x: a}
                rationale: r
            """)
        #expect(problems.map(\.id) == ["rules.gap"])
        #expect(problems.first?.notes == ["tpsBand=high", "tpsBand=extreme"])
    }

    @Test func anOverlapNamesBothRows() throws {
        let problems = try problems(
            """
              - id: A
                when: {tpsBand: any}
                then: {x: a}
                rationale: r
              - id: B
                when: {tpsBand: high}
                then: {x: b}
                rationale: r
            """)
        #expect(problems.map(\.id) == ["rules.overlap"])
        #expect(problems.first?.notes == ["tpsBand=high (rows A, B)"])
    }

    @Test func aWrongExampleIsReported() throws {
        let problems = try problems(
            """
              - id: A
                when: {tpsBand: [low, moderate]}
                then: {x: a}
                rationale: r
                examples:
                  - given: {tpsBand: high}
              - id: B
                when: {tpsBand: [high, extreme]}
                then: {x: b}
                rationale: r
            """)
        #expect(problems.map(\.id) == ["rules.example"])
        #expect(problems.first?.message == "example tpsBand=high of row A selects B")
    }

    @Test func misspeltValuesPointAtTheirLine() throws {
        do {
            _ = try loadTable(Self.header + "  - id: A\n    when: {tpsBand: hihg}\n    then: {x: a}\n    rationale: r\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.first?.id == "rules.unknown-value")
            #expect(error.diagnostics.first?.location?.line == 10)
        }
    }

    @Test func perRailClassScopeNeedsTheRailClassKey() throws {
        let text = Self.header.replacingOccurrences(of: "hitPolicy: unique", with: "hitPolicy: unique\nscope: each-rail-class")
        do {
            _ = try loadTable(text + "  - id: A\n    when: {}\n    then: {x: a}\n    rationale: r\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.first?.id == "rules.scope")
        }
    }

    @Test func unsupportedHitPolicyIsRejected() throws {
        let text = Self.header.replacingOccurrences(of: "hitPolicy: unique", with: "hitPolicy: first")
        #expect(throws: PayarchError.self) { try loadTable(text + "  - id: A\n    when: {}\n    then: {x: a}\n    rationale: r\n") }
    }

    @Test func aRulesDirectoryWithAGapFailsToLoad() throws {
        let directory = try Repository.patchedRules(
            "decisions/locking.yml",
            replacing: "when: {tpsBand: any, consistency: [causal, eventual]}",
            with: "when: {tpsBand: [low, moderate], consistency: [causal, eventual]}")
        do {
            _ = try RuleBookLoader().load(directory: directory)
            Issue.record("expected the gap to fail loading")
        } catch {
            #expect(error.kind == .data)
            #expect(error.diagnostics.map(\.id).contains("rules.gap"))
            #expect(error.diagnostics.first?.location?.file.hasSuffix("decisions/locking.yml") == true)
        }
    }

    @Test func railFactsAllHaveSources() {
        for rail in Self.rules.rails {
            for fact in rail.facts {
                #expect(!fact.source.isEmpty, "\(rail.id): \(fact.text)")
                #expect(!fact.text.contains("|"), "a pipe would break the fact table: \(rail.id)")
            }
        }
    }
}
