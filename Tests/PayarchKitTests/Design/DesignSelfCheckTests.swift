import Foundation
import PayarchTestSupport
import Testing
@testable import PayarchKit

/// The self-check finds each kind of text that does not belong in a design; each test plants one in an
/// otherwise clean design.
@Suite struct DesignSelfCheckTests {
    let checker = DesignSelfCheck(rules: Bundled.rules)

    func design(_ rails: String, _ throughput: String, _ consistency: String) throws -> (DesignPlan, String) {
        try Bundled.design(try Bundled.inputs(rails: rails, throughput: throughput, consistency: consistency))
    }

    /// Adds a paragraph after the Topology heading.
    func planting(_ text: String, in markdown: String) -> String {
        markdown.replacingOccurrences(of: "## Topology\n\n", with: "## Topology\n\n" + text + "\n\n")
    }

    @Test func aCleanDesignHasNoFinding() throws {
        let (plan, markdown) = try design("Stripe", "100,000 TPS", "strict serializability")
        #expect(plan.decision("datastore")?.text("engine") == "spanner")
        #expect(checker.check(markdown, plan: plan).isEmpty)
    }

    /// A list of rails that came out empty leaves an empty bold name; each form is found.
    @Test(arguments: ["- ****, Token wallet before capture: void it.", "- **:** Confirm the cryptogram."])
    func anEmptyBoldNameIsFound(_ line: String) throws {
        let (plan, markdown) = try design("Stripe", "100 TPS", "strong consistency")
        #expect(checker.check(planting(line, in: markdown), plan: plan).contains { $0.id == "self-check.typography" })
    }

    /// A token wallet carried by a card PSP, beside another wallet of its own class, leaves none of its
    /// wallet-file steps behind with no rail to name.
    @Test func aCarriedTokenWalletLeavesNoEmptyNames() throws {
        let (plan, markdown) = try design("Braintree cards, Apple Pay, Google Pay, PayPal wallet", "100 TPS", "strong consistency")
        #expect(!markdown.contains("****") && !markdown.contains("**:**"))
        #expect(checker.check(markdown, plan: plan).isEmpty)
    }

    @Test func aPostgreSQLIdiomInASpannerDesignIsFound() throws {
        let (plan, markdown) = try design("Stripe", "100,000 TPS", "strict serializability")
        let findings = checker.check(planting("Workers take rows with `FOR UPDATE SKIP LOCKED`.", in: markdown), plan: plan)
        #expect(findings.contains { $0.id == "self-check.decision" && $0.message.contains("'SKIP LOCKED'") && $0.message.contains("spanner") })
    }

    /// A forbidden keyword in capitals matches only as written: the English word "returning" in a MySQL
    /// design is prose, the SQL clause `RETURNING` is PostgreSQL's; a phrase with lower-case letters
    /// matches in any case.
    @Test func aKeywordInCapitalsMatchesOnlyAsWrittenAndOtherPhrasesInAnyCase() throws {
        let (plan, markdown) = try design("Stripe", "500 TPS", "strong consistency; we run MySQL")
        #expect(plan.decision("datastore")?.text("engine") == "mysql")
        #expect(checker.check(planting("The bank is returning the entry as R24.", in: markdown), plan: plan).isEmpty)
        let keyword = checker.check(planting("The claim ends with `RETURNING id`.", in: markdown), plan: plan)
        #expect(keyword.contains { $0.message.contains("'RETURNING'") })
        let prose = checker.check(planting("It reads the Write-Ahead Log.", in: markdown), plan: plan)
        #expect(prose.contains { $0.message.contains("'write-ahead log'") })
        #expect(DesignSelfCheck.matchesAnyCase("write-ahead log") && !DesignSelfCheck.matchesAnyCase("SKIP LOCKED") && !DesignSelfCheck.matchesAnyCase("ORA-"))
    }

    @Test func aContradictionWithTheLedgerDecisionIsFound() throws {
        let (plan, markdown) = try design("Stripe", "1,000 TPS", "strong consistency everywhere")
        #expect(plan.decision("ledger")?.text("posting") == "synchronous")
        let findings = checker.check(planting("The ledger consumer posts each event later.", in: markdown), plan: plan)
        #expect(findings.map(\.id) == ["self-check.decision"])
    }

    @Test func shardsInASinglePrimaryDesignAreFoundButShardedIsAWordOfItsOwn() throws {
        let (plan, markdown) = try design("Stripe", "100 TPS", "strong consistency")
        #expect(plan.decision("datastore")?.text("storeKind") == "single-primary")
        #expect(!checker.check(planting("| Database shards | 4 |", in: markdown), plan: plan).isEmpty)
        // "shard" does not match inside "sharded" or "Sharding".
        #expect(!PhraseIndex("a sharded store").contains("shard", caseInsensitive: true))
        #expect(PhraseIndex("one SHARD, two").contains("shard", caseInsensitive: true))
        #expect(!PhraseIndex("one SHARD, two").contains("shard", caseInsensitive: false))
    }

    @Test func aPhraseEveryClassPresentForbidsIsFound() throws {
        let (plan, markdown) = try design("Visa", "1,000 TPS", "strong consistency")
        #expect(plan.facts.rails.map(\.railClass) == ["card-network"])
        let findings = checker.check(planting("Results arrive by webhook.", in: markdown), plan: plan)
        #expect(findings.contains { $0.id == "self-check.class" && $0.message.contains("'webhook'") })
    }

    @Test func aRailThatWasNotGivenIsFoundButNotInAnAddress() throws {
        let (plan, markdown) = try design("Stripe", "1,000 TPS", "strong consistency")
        let named = checker.check(planting("Adyen answers captures with received.", in: markdown), plan: plan)
        #expect(named.contains { $0.id == "self-check.foreign-rail" && $0.message.contains("Adyen") })
        #expect(checker.check(planting("See https://docs.adyen.com/online-payments for the source.", in: markdown), plan: plan).isEmpty)
        // Card schemes are context for a card PSP.
        #expect(checker.check(planting("Visa and Mastercard authorisations expire.", in: markdown), plan: plan).isEmpty)
    }

    /// The design-basis rows and the quoted input phrases of the provenance repeat the input, which may
    /// say anything; they are not the design's own text.
    @Test func inputEchoedInTheBasisOrProvenanceIsNotTheDesignsOwnText() throws {
        let (plan, markdown) = try design("Stripe", "100,000 TPS", "strict serializability")
        let echoed = markdown
            .replacingOccurrences(of: "| Rail | Stripe, card PSP API |", with: "| Rail | Stripe, card PSP API, FOR UPDATE SKIP LOCKED |")
            .replacingOccurrences(of: "← \"Stripe\"", with: "← \"Stripe with SKIP LOCKED\"")
        #expect(echoed.components(separatedBy: "SKIP LOCKED").count > 2)
        #expect(checker.check(echoed, plan: plan).isEmpty)
    }

    /// The basis's reading notes and stated requirements, and the two quoted steps of a barrier the input
    /// stated, echo the input: a rail named there is not the design's own text. The rest of the line is.
    @Test func notesRequirementsAndStatedGatesQuoteTheInput() throws {
        let (plan, markdown) = try design("SEPA", "100 TPS", "strong consistency. Never release a payout before the KYC check passes.")
        #expect(markdown.contains("SEPA Direct Debit Core") && markdown.contains("stated by the input"))
        #expect(checker.check(markdown, plan: plan).isEmpty)
        let planted = markdown.replacingOccurrences(
            of: "stated by the input: \"release a payout\" waits for \"the KYC check passes\".**",
            with: "stated by the input: \"release a payout\" waits for \"the KYC check passes\".** FedNow confirms it.")
        #expect(checker.check(planted, plan: plan).contains { $0.id == "self-check.foreign-rail" && $0.message.contains("FedNow") })
    }

    @Test func aParagraphWrittenTwiceIsFoundAndAShortRepeatIsNot() throws {
        let (plan, markdown) = try design("Stripe", "1,000 TPS", "strong consistency")
        let paragraph = "Every retry reuses the derived key, and the processor answers it from its own stored result."
        let twice = planting(paragraph, in: planting(paragraph, in: markdown))
        #expect(checker.check(twice, plan: plan).map(\.id) == ["self-check.repeated"])
        #expect(checker.check(planting("Short.", in: planting("Short.", in: markdown)), plan: plan).isEmpty)
    }

    @Test func aBrokenDiagramIsFound() throws {
        let (plan, markdown) = try design("Stripe", "1,000 TPS", "strong consistency")
        let broken = markdown.replacingOccurrences(of: "    end\n", with: "")
        #expect(checker.check(broken, plan: plan).contains { $0.id == "self-check.mermaid" && $0.message.contains("never closed") })
    }

    @Test func theSequenceGrammarCheckCatchesEachMistake() {
        let valid = """
            sequenceDiagram
                participant A as Client
                participant B as Service (one, two)
                A->>B: POST with a key
                alt answered
                    B-->>A: result
                else timeout
                    B-->>A: 202
                end
                Note over A,B: done
            """
        #expect(MermaidSequenceCheck.problems(valid).isEmpty)
        func problems(_ body: String) -> [String] {
            MermaidSequenceCheck.problems("sequenceDiagram\n    participant A as Client\n    participant B as Service\n" + body)
        }
        #expect(MermaidSequenceCheck.problems("graph TD\n")[0].contains("starts with 'sequenceDiagram'"))
        #expect(problems("    A->>C: hi\n")[0].contains("'C' is not a declared participant"))
        #expect(problems("    A->>B: hi; there\n")[0].contains("';' or '#'"))
        #expect(problems("    A->>B: #1\n")[0].contains("';' or '#'"))
        #expect(problems("    alt x\n    A->>B: y\n")[0].contains("'alt' block is never closed"))
        #expect(problems("    else y\n")[0].contains("'else' outside an 'alt' block"))
        #expect(problems("    end\n")[0].contains("'end' closes no block"))
        #expect(problems("    A-B: dashes\n")[0].contains("needs an arrow"))
        #expect(problems("    A->>B:\n")[0].contains("the message is empty"))
        #expect(problems("    participant A as Again\n")[0].contains("declared twice"))
        #expect(problems("    Note over Z: x\n")[0].contains("'Z' is not a declared participant"))
    }
}

/// The self-check's own data is checked when the rules load, so a renamed table, output or value cannot
/// silently stop a phrase list from applying.
@Suite(.temporaryDirectories) struct SelfCheckRulesTests {
    func loadError(_ replacing: String, _ with: String) throws -> Diagnostic? {
        try Repository.rulesLoadError("self-check.yml", replacing: replacing, with: with)
    }

    @Test func anUnknownValueIsAnError() throws {
        let diagnostic = try loadError("value: spanner,", "value: spanr,")
        #expect(diagnostic?.id == "rules.unknown-value")
        #expect(diagnostic?.message.contains("no row of table 'datastore' gives 'engine' the value 'spanr'") == true)
    }

    @Test func anUnknownTableOrOutputIsAnError() throws {
        #expect(try loadError("table: ledger, output: posting, value: synchronous", "table: ledgr, output: posting, value: synchronous")?.id == "rules.unknown-table")
        #expect(try loadError("table: ledger, output: posting, value: synchronous", "table: ledger, output: postng, value: synchronous")?.id == "rules.unknown-output")
    }

    @Test func anUnknownContextNameIsAnError() throws {
        #expect(try loadError("payto: [npp]", "payto: [nppp]")?.id == "rules.rails-tag")
        #expect(try loadError("payto: [npp]", "paytoo: [npp]")?.id == "rules.unknown-class")
    }
}
