import PayarchTestSupport
import Testing
@testable import PayarchKit

/// A requirement the input states that no reader turns into a fact is named, never dropped: the examples
/// in `rules/reading/requirements.yml` are tests, and each rule of the reader (segments, what counts as
/// read, what every design meets, the cap) has its own.
@Suite struct RequirementReaderTests {
    static let reader = InputReader(rules: Bundled.rules)

    static func unread(_ consistency: String, rails: String = "Stripe", throughput: String = "100 TPS") throws -> [String] {
        try reader.read(rails: rails, throughput: throughput, consistency: consistency).facts.unreadRequirements.compactMap { $0.phrase?.text }
    }

    @Test(arguments: Bundled.rules.reading.requirements.examples.map(\.text))
    func requirementExampleWarnsOnExactlyItsSegments(_ text: String) throws {
        let example = try #require(Bundled.rules.reading.requirements.examples.first { $0.text == text })
        let found = try Self.unread(text)
        #expect(found.count == example.unread.count, "\(found)")
        for prefix in example.unread { #expect(found.contains { $0.hasPrefix(prefix) }, "\(prefix) in \(found)") }
        let gates = try Self.reader.read(rails: "Stripe", throughput: "100 TPS", consistency: text).facts.gates
        #expect(gates.map { "\($0.action.text) → \($0.precondition.text)" } == example.gates)
    }

    @Test func segmentsEndAtCommasColonsAndSpacedDashesButNotInsideParenthesesTimesOrHyphens() throws {
        #expect(try Self.unread("Deposits must be confirmed per chain (BTC 3, ETH 12), then swept to cold storage.") == ["Deposits must be confirmed per chain (BTC 3, ETH 12)"])
        #expect(try Self.unread("The file must reach the bank by 14:00 CET.") == ["The file must reach the bank by 14:00 CET."])
        #expect(try Self.unread("Refunds are manual - access must be revoked on a chargeback.") == ["access must be revoked on a chargeback."])
        #expect(try Self.unread("A re-try must use the stored payee.") == ["A re-try must use the stored payee."])
        // A leading conjunction is not quoted.
        #expect(try Self.unread("Orders ship daily, and tax must be itemised per line.") == ["tax must be itemised per line."])
    }

    @Test func aSegmentAFactWasReadFromOrThatEveryDesignMeetsIsNotWarned() throws {
        // Read as a level, a latency and a store: nothing is left unread.
        #expect(try Self.unread("Payment state must be strongly consistent; we must run on Postgres.").isEmpty)
        #expect(try Self.unread("strong", throughput: "500 TPS; p99 must stay under 200 ms").isEmpty)
        // What every design guarantees: no second charge, reconciliation.
        #expect(try Self.unread("A customer must never be charged twice.").isEmpty)
        #expect(try Self.unread("Terminal retransmits must never create a second authorization.").isEmpty)
        #expect(try Self.unread("The ledger must reconcile to the bank statement daily.").isEmpty)
        // A segment with no requirement word is a statement, not a requirement.
        #expect(try Self.unread("Access badges are suspended after a confirmed return.").isEmpty)
    }

    @Test func theRailsAndLoadTextsAreReadForRequirementsToo() throws {
        let found = try Self.unread("strong", rails: "SEPA Direct Debit; R-transactions must be answered within 2 days", throughput: "500 TPS. Files must reach the bank by 14:00")
        #expect(found == ["R-transactions must be answered within 2 days", "Files must reach the bank by 14:00"])
    }

    /// A limit word and a figure that is no time make a limit (designed, not listed); a time after "max" is
    /// a deadline, and "max" in the load's text describes the load.
    @Test func aCapOnAnAmountOrACountIsALimit() throws {
        let facts = try Self.reader.read(
            rails: "Stripe", throughput: "~8k loans/day (max MXN 50,000 each)",
            consistency: "Players under 19 have a monthly spending cap of 70,000 KRW. Disbursements per day capped at MXN 60M. Payouts settle within max 48h.").facts
        #expect(facts.limits.map(\.phrase.text) == ["Players under 19 have a monthly spending cap of 70,000 KRW", "Disbursements per day capped at MXN 60M"])
        #expect(try Self.unread("A courier's cash float may not exceed SAR 3,000.").isEmpty)
    }

    /// At most `maxStatedBarriers` gates and limits become barriers; past that the warning says how many
    /// more are not designed (the boundary exactly: 24 designed and no warning, 25 and one).
    @Test func gatesAndLimitsPastAScreenfulAreCountedNotDesigned() throws {
        func read(_ count: Int) throws -> InputReader.Reading {
            let rules = (0..<count).map { "payouts to driver \($0) are sent only after KYC \($0) is approved" }.joined(separator: "; ")
            return try Self.reader.read(rails: "RTP payouts", throughput: "100 TPS", consistency: rules)
        }
        let limit = InputReader.maxStatedBarriers
        let atLimit = try read(limit)
        #expect(atLimit.facts.gates.count == limit && !atLimit.warnings.contains { $0.id == "reading.too-many-rules" })
        let over = try read(limit + 1)
        #expect(over.facts.gates.count == limit)
        #expect(over.warnings.first { $0.id == "reading.too-many-rules" }?.message.contains("the first \(limit) and not of the other 1") == true)
    }

    @Test func manyUnreadRequirementsAreCappedWithACount() throws {
        let text = (1...11).map { "rule \($0) must hold" }.joined(separator: ". ")
        let warnings = try Self.reader.read(rails: "Stripe", throughput: "100 TPS", consistency: text).facts.unreadRequirements
        #expect(warnings.count == RequirementReader.maxWarnings + 1)
        #expect(warnings.last?.phrase == nil && warnings.last?.message.hasPrefix("3 more stated requirements no payarch rule reads") == true)
    }

    @Test func aLongSegmentIsQuotedUpToTheLimitAtAWord() {
        let long = String(repeating: "word ", count: 60) + "end"
        let short = RequirementReader.shortened(long)
        #expect(short.hasSuffix("…") && short.count <= RequirementReader.maxQuote + 1 && !short.contains("wor…"))
        #expect(RequirementReader.shortened("short") == "short")
    }

    /// The design lists them in a block of their own in the design basis, quoted, and not among the notes.
    @Test func theDesignListsUnreadRequirementsOnItsOwn() throws {
        let inputs = try Bundled.inputs(rails: "Stripe", throughput: "100 TPS", consistency: "strong consistency. Access must be revoked on a chargeback.")
        let (plan, markdown) = try Bundled.design(inputs)
        #expect(markdown.contains("**Stated requirements no rule reads.** The design does not address these by name; check it against each and add what it needs by hand:\n\n- \"Access must be revoked on a chargeback.\"\n"))
        #expect(!markdown.contains("`reading.unread-requirement`"))
        #expect(plan.facts.notes.allSatisfy { $0.id != RequirementReader.warningId })
        let clean = try Bundled.design(try Bundled.inputs(rails: "Stripe", throughput: "100 TPS", consistency: "strong consistency")).1
        #expect(!clean.contains("Stated requirements no rule reads"))
    }
}

extension RequirementReaderTests {
    /// A requirement wrapped over lines of a YAML block is one requirement, and a segment with at most one
    /// meaningful word ("never after.") continues the one before it.
    @Test func wrappedLinesAndFragmentsAreOneRequirement() throws {
        let wrapped = "Core ledger on Oracle. Inbound SCT Inst must be\ncredited or rejected within the scheme time limit."
        #expect(try Self.unread(wrapped) == ["Inbound SCT Inst must be\ncredited or rejected within the scheme time limit."])
        #expect(try Self.unread("Payee names must be screened, every time.") == ["Payee names must be screened, every time."])
        // A list written one item per line keeps its breaks.
        let list = try Self.reader.read(rails: "Stripe\nAdyen\nACH Debit", throughput: "100 TPS", consistency: "strong").facts
        #expect(list.rails.map(\.name) == ["Stripe", "Adyen", "ACH Debit"])
    }
}

extension RequirementReaderTests {
    /// A gate is a barrier of the design, numbered after the design's own (after Barrier 6 where balances
    /// are guarded), quoting the step that waits and what it waits for; the reading report lists it.
    @Test func aStatedGateBecomesANumberedBarrier() throws {
        let text = "strong consistency. Access must be suspended only after a confirmed return."
        let (_, cards) = try Bundled.design(try Bundled.inputs(rails: "Stripe", throughput: "100 TPS", consistency: text))
        #expect(cards.contains("**Barrier 6, stated by the input: \"Access must be suspended\" waits for \"a confirmed return\".** The step that would do it is a guarded transition"))
        #expect(!cards.contains("Stated requirements no rule reads"))
        let (_, payouts) = try Bundled.design(try Bundled.inputs(rails: "RTP payouts", throughput: "100 TPS", consistency: "strong consistency. Never release a payout before the KYC check passes."))
        #expect(payouts.contains("**Barrier 6, a balance never goes below zero") && payouts.contains("**Barrier 7, stated by the input: \"release a payout\" waits for \"the KYC check passes\".**"))
        let inputs = try Bundled.inputs(rails: "Stripe", throughput: "100 TPS", consistency: text)
        let report = ReadingReport(reading: try Self.reader.read(inputs), inputs: inputs).text(rules: Bundled.rules)
        #expect(report.contains("Gates (a step that waits for another; each a barrier of the design)"))
        #expect(report.contains("\"Access must be suspended\" waits for \"a confirmed return\""))
    }

    /// A gate that states a time keeps it ("at least 24h before", "5 calendar days"), and its barrier checks
    /// the time against the record's commit time; a gate with no time says nothing of one.
    @Test func aGateKeepsTheTimeItStates() throws {
        let facts = try Self.reader.read(
            rails: "UPI AutoPay", throughput: "100 TPS",
            consistency: "strong. A pre-debit notification must be sent at least 24h before each mandate debit. Never collect without a valid mandate.").facts
        #expect(facts.gates.map { $0.timing?.text } == ["at least 24h before", nil])
        let (_, markdown) = try Bundled.design(
            try Bundled.inputs(rails: "SEPA Direct Debit Core", throughput: "100 TPS", consistency: "strong. Never collect without a pre-notification sent at least 5 calendar days before."))
        #expect(markdown.contains("The input also states a time (\"at least 5 calendar days before\"): the guard compares it with the commit time that record carries"))
        let (_, plain) = try Bundled.design(try Bundled.inputs(rails: "RTP payouts", throughput: "100 TPS", consistency: "strong. Never release a payout before the KYC check passes."))
        #expect(!plain.contains("The input also states a time"))
    }

    /// Only a time that says how long the step must wait is kept: "up to 48h later" is an expected delay and
    /// "2 business days of exposure" no wait; a negated gate with no modal verb ("is not marked paid until
    /// …") is still a gate.
    @Test func onlyAWaitIsATimeAndANegatedGateNeedsNoModal() throws {
        let delay = try Self.reader.read(
            rails: "SPEI", throughput: "10 TPS", consistency: "strong. OXXO payments must only be considered final once Conekta marks them paid (can be up to 24-48h later).").facts
        #expect(delay.gates.count == 1 && delay.gates.first?.timing == nil)
        let ordered = try Self.reader.read(rails: "SEPA Direct Debit Core", throughput: "10 TPS", consistency: "strong. Never collect without a notice sent 5 days before.").facts
        #expect(ordered.gates.first?.timing?.text == "5 days before")
        let epic = try Self.reader.read(
            rails: "ACH Debit", throughput: "10 TPS", consistency: "strong. A payment is not marked paid in Epic until 3 banking days after settlement with no return.").facts
        #expect(epic.gates.map { "\($0.action.text) → \($0.precondition.text)" } == ["marked paid in Epic → 3 banking days after settlement with no return"])
    }

    /// "…before release, never after" negates an order, not the level of the clause before.
    @Test func aNegatedOrderDoesNotNegateTheLevelBefore() throws {
        let facts = try Self.reader.read(rails: "Stripe", throughput: "100 TPS", consistency: "strong consistency. Screening before release, never after.").facts
        #expect(facts.consistency.moneyPath.tier == "strong")
        let ledger = try Self.reader.read(rails: "Stripe", throughput: "100 TPS", consistency: "strong consistency for payments; the ledger cannot be").facts
        #expect(ledger.consistency.scopes.contains { $0.scope == "ledger" && $0.tier == "eventual" })
        // A negation that ends the text reads without going past its end.
        let last = try Self.reader.read(rails: "Stripe", throughput: "100 TPS", consistency: "strong consistency for payments; the ledger cannot").facts
        #expect(last.consistency.scopes.contains { $0.scope == "ledger" && $0.tier == "eventual" })
    }
}

extension RequirementReaderTests {
    /// Collections held for their return window fund payouts with a per-customer advance, unless the input
    /// states a gate that waits for the money to clear: then no advance is offered.
    @Test func aGateOnClearedFundsRemovesTheAdvance() throws {
        let plain = try Bundled.design(try Bundled.inputs(rails: "ACH Debit wallet top-ups and RTP payouts", throughput: "100 TPS", consistency: "strong consistency")).1
        #expect(plain.contains("except up to a risk limit per customer"))
        let gated = try Bundled.design(
            try Bundled.inputs(rails: "ACH Debit wallet top-ups and RTP payouts", throughput: "100 TPS", consistency: "strong consistency. Must never pay out before the pay-in has cleared.")).1
        #expect(!gated.contains("except up to a risk limit per customer"))
        #expect(gated.contains("until its return window closes, with no advance against it: the input's own gate below allows none."))
        let other = try Bundled.design(
            try Bundled.inputs(rails: "ACH Debit wallet top-ups and RTP payouts", throughput: "100 TPS", consistency: "strong consistency. Never release a payout before the KYC check passes.")).1
        #expect(other.contains("except up to a risk limit per customer"))
    }
}
