import PayarchTestSupport
import Testing
@testable import PayarchKit

@Suite(.temporaryDirectories) struct DecisionTableTests {
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

    func loadFailure(_ file: String, _ old: String, _ new: String) throws -> Diagnostic? {
        try Repository.rulesLoadError(file, replacing: old, with: new)
    }

    /// Examples are matched against every row; aliases can list thousands under every row.
    @Test func examplesTimesRowsCountTowardsTheCheckBudget() throws {
        let directory = try Repository.patchedRules("throughput.yml", replacing: "bands:", with: "bands:")
        var text = "id: junk\ntitle: Junk\norder: 99\nhitPolicy: unique\nkeys: [apState]\noutputs: [o]\nsummary: \"{o}\"\nrows:\n"
        text += "  - id: r0\n    when: {apState: any}\n    then: {o: x}\n    rationale: x\n    examples: &ex\n"
        text += String(repeating: "      - given: {apState: cp-only}\n", count: DecisionTableDecoder.maxExamples)
        text += (1..<DecisionTableDecoder.maxRows).map { "  - {id: r\($0), when: {apState: any}, then: {o: x}, rationale: x, examples: *ex}\n" }.joined()
        try Repository.write(text, to: directory + "/decisions/zz-junk.yml")
        do {
            _ = try RuleBookLoader().load(directory: directory)
            Issue.record("the example budget must stop this table")
        } catch {
            #expect(error.diagnostics.first?.id == "rules.key-space")
        }
        let many = "  - id: r0\n    when: {apState: any}\n    then: {o: x}\n    rationale: x\n    examples:\n"
            + String(repeating: "      - given: {apState: cp-only}\n", count: DecisionTableDecoder.maxExamples + 1)
        try Repository.write(
            "id: junk\ntitle: Junk\norder: 99\nhitPolicy: unique\nkeys: [apState]\noutputs: [o]\nsummary: \"{o}\"\nrows:\n" + many,
            to: directory + "/decisions/zz-junk.yml")
        do {
            _ = try RuleBookLoader().load(directory: directory)
            Issue.record("51 examples must be refused")
        } catch {
            #expect(error.diagnostics.first?.id == "rules.too-many-examples")
        }
    }

    @Test func moreDecisionTablesThanTheLimitAreRefused() throws {
        let directory = try Repository.patchedRules("throughput.yml", replacing: "bands:", with: "bands:")
        let locking = try #require(Repository.read(directory + "/decisions/locking.yml"))
        for index in 0..<RuleBookLoader.maxTables {
            try Repository.write(locking.replacingOccurrences(of: "id: locking", with: "id: junk\(index)"), to: directory + "/decisions/zz\(index).yml")
        }
        do {
            _ = try RuleBookLoader().load(directory: directory)
            Issue.record("too many tables must be refused")
        } catch {
            #expect(error.diagnostics.first?.id == "rules.too-many-tables")
        }
    }

    @Test func theRulesFilesTogetherObeyATotalSize() throws {
        let directory = try Repository.patchedRules("throughput.yml", replacing: "bands:", with: "bands:")
        let filler = "# " + String(repeating: "x", count: 3_900_000) + "\n"
        for index in 0..<5 { try Repository.write(filler + "id: f\(index)\n", to: directory + "/decisions/zz\(index).yml") }
        do {
            _ = try RuleBookLoader().load(directory: directory)
            Issue.record("more than 16 MiB of rules must be refused")
        } catch {
            #expect(error.diagnostics.first?.id == "rules.too-large")
        }
    }

    @Test func aRailFactOverTheLengthLimitIsRefused() throws {
        let long = String(repeating: "q", count: RailDefinition.maxFactLength + 1)
        let diagnostic = try #require(try loadFailure(
            "rails/psp-card-api.yml", "        text: \"In API v1 Stripe stores", "        text: \"\(long) In API v1 Stripe stores"))
        #expect(diagnostic.id == "rules.fact-too-long")
    }

    @Test func aRailWithMoreFactsThanTheLimitIsRefused() throws {
        let fact = "      - {topic: conflict, text: x, source: \"https://example.com\"}\n"
        let diagnostic = try #require(try loadFailure(
            "rails/psp-card-api.yml", "    facts:\n", "    facts:\n" + String(repeating: fact, count: RailDefinition.maxFacts)))
        #expect(diagnostic.id == "rules.too-many-facts")
    }
}
