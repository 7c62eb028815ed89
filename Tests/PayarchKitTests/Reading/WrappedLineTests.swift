import PayarchTestSupport
import Testing
@testable import PayarchKit

/// Text wrapped at a column (a YAML `|` block) is read as the sentences it holds: a line break inside a
/// sentence is a space, and one that ends a sentence, a list item or a short line stays a break.
@Suite struct WrappedLineTests {
    static let reader = InputReader(rules: Bundled.rules)

    func sentences(_ text: String) -> Int {
        let reading = Self.reader.text(text, variable: "consistency_constraints")
        return Set(reading.tokens.indices.filter { reading.tokens[$0].isWord }.map { reading.sentence[$0] }).count
    }

    @Test func aBreakInsideASentenceIsASpace() {
        // The next line starts in lower case, with a digit or a parenthesis, or the line ends on a joining word or comma.
        #expect(sentences("Inbound SCT Inst must be\ncredited within the limit.") == 1)
        #expect(sentences("SCT bulk carries 1.2M transactions a day in\n5 STEP2 cycles.") == 1)
        #expect(sentences("Data Guard physical standby in the second DC\n(Maximum Availability mode).") == 1)
        #expect(sentences("VoP must be called before every payment from\nOctober 2025 onwards.") == 1)
        #expect(sentences("We settle card payments daily with Adyen,\nACH weekly.") == 1)
        // A rail's name wrapped between two of its words ("SEPA⏎Credit Transfer") goes on.
        #expect(sentences("for SDD orders we refund via SEPA\nCredit Transfer if the bank takes it.") == 1)
    }

    @Test func aBreakThatEndsASentenceAListItemOrAShortLineStays() {
        #expect(sentences("Payments must be exactly once.\nLedger is eventual.") == 2)
        #expect(sentences("Requirements for the ledger and payouts\n- never negative\n- daily reconciliation") == 3)
        #expect(sentences("Requirements for the ledger and payouts\n1. never negative\n2. daily") == 3)
        #expect(sentences("Stripe\nadyen") == 2)
        #expect(sentences("Ledger rules for the payouts team\n\nnever negative") == 2)
        // A capitalised next line after a complete-looking line starts a new sentence.
        #expect(sentences("Ledger stays strongly consistent for payments\nReporting may lag") == 2)
    }
}
