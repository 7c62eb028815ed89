import PayarchTestSupport
import Testing
@testable import PayarchKit

@Suite struct RailAnalyzerTests {
    let analyzer = RailAnalyzer(rules: Bundled.rules)

    /// Every example phrase in rules/rails.yml must resolve to its own rail.
    static let examples: [(String, String)] = Bundled.rules.rails.flatMap { rail in rail.examples.map { (rail.id, $0) } }

    @Test(arguments: examples)
    func lexiconExamplesResolveToTheirRail(rail: String, phrase: String) {
        let ids = analyzer.analyze(phrase, variable: "payment_rails").compactMap(\.id)
        #expect(ids.contains(rail), "\(phrase) → \(ids)")
    }

    @Test func seedCasesFindTheirRailsWithPhrases() {
        let first = analyzer.analyze("Stripe and PayPal for global credit card processing.", variable: "payment_rails")
        #expect(first.map(\.id) == ["stripe", "paypal"])
        #expect(first.map { $0.phrase?.text } == ["Stripe", "PayPal"])
        let second = analyzer.analyze("Direct ACH integration and SEPA.", variable: "payment_rails")
        #expect(second.map(\.id) == ["ach", "sepa"])
        #expect(second.allSatisfy { $0.known })
    }

    @Test func longestAliasWins() {
        let mentions = analyzer.analyze("SEPA Instant payouts", variable: "payment_rails")
        #expect(mentions.map(\.id) == ["sepa-instant"])
    }

    @Test func unknownRailsAreKeptByName() {
        let mentions = analyzer.analyze("Klarna, Mercado Pago and Stripe", variable: "payment_rails")
        #expect(mentions.map(\.name) == ["Klarna", "Mercado Pago", "Stripe"])
        #expect(mentions.map(\.known) == [false, false, true])
        #expect(mentions[0].railClass == Bundled.rules.unknownRailClass)
    }

    @Test func descriptiveWordsAreNotRails() {
        let mentions = analyzer.analyze("Direct integration for global credit card processing", variable: "payment_rails")
        #expect(mentions.isEmpty)
    }
}
