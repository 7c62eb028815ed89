import PayarchTestSupport
import Testing
@testable import PayarchKit

@Suite struct ConsistencyAnalyzerTests {
    let analyzer = ConsistencyAnalyzer(vocabulary: Bundled.rules.vocabulary)

    func analyze(_ text: String) -> (ConsistencyFacts, [Assumption], [Diagnostic]) {
        analyzer.analyze(text, variable: "consistency_constraints")
    }

    func level(_ facts: ConsistencyFacts, _ scope: String) -> String? {
        facts.scopes.first { $0.scope == scope }?.level
    }

    @Test func seedCaseOneBindsLevelsToScopes() {
        let (facts, _, warnings) = analyze(
            "Strict serializability required for payment initiation, eventual consistency acceptable for downstream ledger reconciliation.")
        #expect(level(facts, "initiation") == "strict-serializable")
        #expect(level(facts, "ledger") == "eventual")
        #expect(level(facts, "reconciliation") == "eventual")
        #expect(facts.moneyPath.tier == "strict")
        #expect(facts.moneyPath.phrases.map(\.text) == ["Strict serializability"])
        #expect(facts.ledger.tier == "eventual")
        #expect(facts.apState == "cp-only")
        #expect(warnings.isEmpty)
    }

    @Test func seedCaseTwoIsStrongWithACPStance() {
        let (facts, assumptions, _) = analyze(
            "Strong consistency required across all internal state transitions; no double-charging permitted under any partition scenario.")
        #expect(level(facts, "internal-state") == "strong")
        #expect(facts.moneyPath.tier == "strong")
        #expect(facts.consistencyFirst?.text == "no double-charging")
        #expect(facts.ledger.assumed)
        #expect(assumptions.map(\.id) == ["consistency.ledger"])
    }

    @Test func unscopedLevelAppliesEverywhere() {
        let (facts, _, _) = analyze("Everything must be linearizable.")
        #expect(facts.scopes.count == Bundled.rules.vocabulary.scopes.count)
        #expect(facts.scopes.allSatisfy { !$0.explicit && $0.level == "linearizable" })
    }

    @Test func availabilityFirstBalancesAllowCRDTsButNotForInitiation() {
        let (facts, _, warnings) = analyze(
            "Linearizable payment initiation; wallet balances may favour availability over consistency across regions.")
        #expect(facts.apState == "ap-allowed")
        #expect(facts.scopes.first { $0.scope == "balances" }?.availabilityFirst == true)
        #expect(facts.moneyPath.tier == "strict")
        #expect(warnings.isEmpty)
        let (initiation, _, apWarnings) = analyze("Payment initiation should favour availability over consistency.")
        #expect(initiation.apState == "cp-only")
        #expect(apWarnings.map(\.id) == ["consistency.ap-money-path"])
    }

    @Test func contradictionsWarnQuotingBothPhrases() throws {
        let (facts, _, warnings) = analyze(
            "Eventual consistency for payment initiation. Strict serializability for payment initiation.")
        let warning = try #require(warnings.first)
        #expect(warning.id == "consistency.contradiction")
        #expect(warning.message.contains("'Eventual consistency'"))
        #expect(warning.message.contains("'Strict serializability'"))
        #expect(level(facts, "initiation") == "strict-serializable")
    }

    @Test func nothingStatedIsAnAssumption() {
        let (facts, assumptions, _) = analyze("Ledger precision to four decimal places.")
        #expect(facts.moneyPath.assumed)
        #expect(facts.moneyPath.tier == "strong")
        #expect(assumptions.map(\.id).contains("consistency.money-path"))
    }

    @Test func atomicCommitAndRegions() {
        let (facts, _, _) = analyze("Atomic commit across the ledger and the queue, active-active in two regions.")
        #expect(facts.atomicCommit?.text == "Atomic commit across")
        #expect(facts.multiRegion?.text == "active-active")
    }
}
