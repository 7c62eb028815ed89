import Foundation
import PayarchTestSupport
import Testing
@testable import PayarchKit

/// The outcomes issue #2 names, each from free text through analysis, decision and rendering.
@Suite struct RequiredOutcomeTests {
    func decision(_ plan: DesignPlan, _ table: String) -> Decision? { plan.decision(table) }

    /// The seed's evaluator pattern, taken from the spec rather than copied.
    var seedPattern: NSRegularExpression {
        get throws {
            guard case .regex(let pattern, _) = try #require(Bundled.spec.evaluators.first).kind else {
                throw PayarchError.data(at: nil, id: "test", "the seed evaluator is not a regex")
            }
            return try NSRegularExpression(pattern: pattern)
        }
    }

    @Test(arguments: [1, 2])
    func seedCaseMatchesItsExpectedTextAndTheEvaluator(_ number: Int) throws {
        let (_, markdown) = try Bundled.design(try Bundled.caseInputs(number))
        let expected = try #require(Bundled.spec.testData[number - 1].expected)
        #expect(markdown.contains(expected))
        let range = NSRange(markdown.startIndex..., in: markdown)
        #expect(try seedPattern.firstMatch(in: markdown, range: range) != nil)
    }

    @Test func caseOneIsTheOutboxPattern() throws {
        let (plan, markdown) = try Bundled.design(try Bundled.caseInputs(1))
        let coordination = try #require(decision(plan, "coordination"))
        #expect(coordination.row == "COORD-OUTBOX-API")
        #expect(coordination.text("patternName") == "Outbox Pattern")
        #expect(coordination.keys.first { $0.dimension == "consistency" }?.phrases.map(\.text) == ["Strict serializability"])
        #expect(markdown.contains("**Outbox Pattern**"))
        #expect(markdown.contains("10,000 TPS"))
        #expect(!markdown.contains("Saga Pattern"))
    }

    @Test func caseTwoIsTheSagaPattern() throws {
        let (plan, markdown) = try Bundled.design(try Bundled.caseInputs(2))
        #expect(decision(plan, "coordination")?.row == "COORD-SAGA-ORCHESTRATED")
        #expect(markdown.contains("**Saga Pattern**"))
        #expect(markdown.contains("500 TPS"))
        #expect(markdown.contains("camt.053"))
        #expect(markdown.contains("R01"))
    }

    @Test func xaResourcesAtLowVolumeUseTwoPhaseCommit() throws {
        let inputs = try Bundled.inputs(
            rails: "An Oracle database ledger and an IBM MQ queue manager, both XA resource managers",
            throughput: "30 TPS peak",
            consistency: "Atomic commit across both resources; strict serializability everywhere.")
        let (plan, markdown) = try Bundled.design(inputs)
        #expect(decision(plan, "coordination")?.text("patternName") == "Two-Phase Commit")
        #expect(markdown.contains("**Two-Phase Commit**"))
        let atScale = try Bundled.inputs(
            rails: "An Oracle database ledger and an IBM MQ queue manager", throughput: "8,000 TPS peak",
            consistency: "strict serializability everywhere")
        #expect(try Bundled.design(atScale).0.decision("coordination")?.text("patternName") == "Outbox Pattern")
    }

    @Test func availabilityFirstBalancesGetCRDTsWhileInitiationStaysExactlyOnce() throws {
        let inputs = try Bundled.inputs(
            rails: "Adyen", throughput: "2,000 TPS peak",
            consistency: "Strict serializability for payment initiation; account balances may favour availability over consistency across regions.")
        let (plan, markdown) = try Bundled.design(inputs)
        #expect(decision(plan, "replicated-state")?.row == "STATE-CRDT")
        #expect(decision(plan, "coordination")?.text("patternName") == "Outbox Pattern")
        #expect(markdown.contains("## Replicated State"))
        #expect(markdown.contains("CRDTs"))
        #expect(markdown.contains("payment initiation and the idempotency gate stay single-writer and exactly-once"))
        let cpOnly = try Bundled.design(try Bundled.caseInputs(1)).1
        #expect(!cpOnly.contains("## Replicated State"))
    }

    @Test func everyDecisionCitesItsRowAndPhrases() throws {
        let (plan, markdown) = try Bundled.design(try Bundled.caseInputs(1))
        #expect(plan.decisions.count == Bundled.rules.tables.count)
        for decision in plan.decisions {
            #expect(markdown.contains("`\(decision.row)`"), "\(decision.row) not cited")
        }
        #expect(markdown.contains("tpsBand = high ← \"10,000 TPS\""))
    }

    @Test func unknownRailIsNamedInBold() throws {
        let inputs = try Bundled.inputs(rails: "Satispay payments and Stripe", throughput: "100 TPS", consistency: "strong")
        let markdown = try Bundled.design(inputs).1
        #expect(markdown.contains("**Assumption: Satispay is not in payarch's rail catalogue"))
        #expect(markdown.contains("**Satispay**, provider API. Duplicate guard: unknown: payarch has no sourced facts on this rail"))
        #expect(markdown.contains("- **Satispay:** Confirm the rail's key mechanism"))
    }

    /// Each rail class brings its own compensations from its lifecycle, labelled with its own rails, and
    /// reconciliation is decided per rail family; a wire design gets no card or batch compensation.
    @Test func mixedRailsGetCompensationsAndReconciliationPerRailClass() throws {
        let inputs = try Bundled.inputs(
            rails: "SWIFT gpi and Same Day ACH", throughput: "5 TPS", consistency: "strong consistency everywhere")
        let (plan, markdown) = try Bundled.design(inputs)
        #expect(plan.decisions("reconciliation").map(\.railFamily) == ["bank-batch", "wire"])
        #expect(plan.decision("coordination")?.keys.first?.value == "bank-batch")
        let section = try #require(markdown.components(separatedBy: "## Compensating Transactions").last?.components(separatedBy: "\n## ").first)
        #expect(section.contains("- **SWIFT gpi**, In flight between correspondents: Raise gpi Stop and Recall by UETR"))
        #expect(section.contains("- **ACH Debit**, Duplicate ACH debit: Send a Reversing Entry within 5 banking days"))
        #expect(!section.contains("void the authorisation") && !section.contains("Void the authorisation"))
        let wireOnly = try Bundled.design(try Bundled.inputs(rails: "SWIFT gpi", throughput: "5 TPS", consistency: "strong consistency")).1
        #expect(!wireOnly.contains("Reversing Entry") && !wireOnly.contains("file cut-off"))
    }

    @Test func absurdThroughputIsAClearErrorNotAnOverflow() throws {
        let inputs = try Bundled.inputs(rails: "Stripe", throughput: "1e999 TPS, 9" + String(repeating: "9", count: 40) + " TPS", consistency: "strong")
        #expect(throws: PayarchError.self) { try Bundled.generator.plan(inputs) }
        #expect(Sizing.count(.infinity) == 1 << 40)
        #expect(Sizing.count(-3) == 0)
    }

    @Test func sizingFollowsTheInputFigures() throws {
        let small = try Bundled.design(try Bundled.inputs(rails: "Stripe", throughput: "100 TPS", consistency: "strong")).0
        let large = try Bundled.design(try Bundled.inputs(rails: "Stripe", throughput: "20,000 TPS", consistency: "strong")).0
        #expect(small.sizing.shards == 1 && small.sizing.storeKind == "single-primary")
        #expect(try Bundled.generator.markdown(small).contains("| Database primaries | 1 |"))
        #expect(large.sizing.shards == 8)
        #expect(large.sizing.streamPartitions >= 8)
        let markdown = try Bundled.generator.markdown(large)
        #expect(markdown.contains("| Database shards | 8 |"))
        #expect(markdown.contains("| Peak per shard | 2,500 TPS |"))
        #expect(markdown.contains("| Design peak | 20,000 TPS |"))
    }

    /// The derived key (39 characters) fits a rail whose documented limit is at least that; a rail with a
    /// shorter identifier gets an allocated one, and the design never claims the key fits it.
    @Test func derivedKeysRespectEachRailsIdentifierLength() throws {
        let cards = try Bundled.design(try Bundled.inputs(rails: "Stripe and Adyen", throughput: "100 TPS", consistency: "strong")).1
        #expect(cards.contains("(at most 39 characters, inside the 64-character limit of Adyen, the tightest documented limit among the rails that take it)"))
        #expect(!cards.contains("take a shorter identifier"))
        let bank = try Bundled.design(try Bundled.inputs(rails: "ACH debits and Stripe", throughput: "100 TPS", consistency: "strong")).1
        #expect(bank.contains("ACH Debit (15 characters) takes a shorter identifier than the derived key"))
        #expect(bank.contains("inside the 255-character limit of Stripe"))
        #expect(!bank.contains("15-character key limit"))
    }
}
