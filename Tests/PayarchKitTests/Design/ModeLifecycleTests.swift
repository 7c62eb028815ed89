import PayarchTestSupport
import Testing
@testable import PayarchKit

/// Lifecycle items tagged with a mode appear only when the input states the mode, items tagged `unlessMode`
/// leave with it, and rail-specific payee checks follow the rail and its direction.
@Suite struct ModeLifecycleTests {
    func design(_ rails: String, _ throughput: String = "100 TPS", _ consistency: String = "strong consistency") throws -> (DesignPlan, String) {
        try Bundled.design(try Bundled.inputs(rails: rails, throughput: throughput, consistency: consistency))
    }

    @Test func narrowingKeepsAModeItemOnlyWithItsMode() throws {
        let psp = try #require(Bundled.rules.lifecycle(of: "psp-card-api", pattern: "outbox"))
        let plain = psp.narrowed(to: ["stripe"], classRails: ["stripe"])
        let renewals = psp.narrowed(to: ["stripe"], classRails: ["stripe"], modes: ["merchant-initiated"])
        #expect(!plain.events.contains { $0.id == "mit-soft-decline" })
        #expect(renewals.events.contains { $0.id == "mit-soft-decline" })
        // The customer-present 3-D Secure step leaves with the merchant-initiated mode.
        #expect(plain.flow.contains { $0.text.contains("hold the payment in `AUTHENTICATING`") })
        #expect(!renewals.flow.contains { $0.text.contains("hold the payment in `AUTHENTICATING`") })
    }

    @Test func renewalsGetTheMerchantInitiatedLifecycle() throws {
        let (plan, markdown) = try design("Recurring card billing (merchant-initiated) through Adyen")
        #expect(plan.facts.modes.map(\.mode) == ["merchant-initiated"])
        #expect(markdown.contains("| Off-Session Soft Decline |") && markdown.contains("| Renewal Retry Limits |") && markdown.contains("| Merchant Advice Codes |"))
        #expect(markdown.contains("| Recurring Processing Model (Adyen) |") && markdown.contains("`ContAuth`"))
        #expect(markdown.contains("send each later charge (a renewal, a top-up, a tip added after the order) off-session as a merchant-initiated payment"))
        #expect(!markdown.contains("hold the payment in `AUTHENTICATING`"))
        // The basis says which phrase switched the mode on.
        #expect(markdown.contains("| Mode | merchant-initiated card payments (renewals, card on file) |"))
        // One PSP: nothing to fail over to, so no vault portability row; Stripe alone has no Adyen row.
        #expect(!markdown.contains("Card Vaulted At One PSP"))
        // An Adyen-only design names no other PSP.
        #expect(!markdown.contains("Stripe"))
        #expect(!(try design("Stripe for renewals").1.contains("Recurring Processing Model")))
        let failover = try design("Renewals through Adyen as primary and Stripe as failover PSP").1
        #expect(failover.contains("Card Vaulted At One PSP"))
        let checkout = try design("Stripe for checkout").1
        #expect(!checkout.contains("Off-Session") && !checkout.contains("Renewal Retry Limits") && !checkout.contains("| Mode |"))
    }

    /// Captures are keyed on the item captured; raising an authorisation is its own keyed operation when the
    /// input says so.
    @Test func capturesAreKeyedOnTheItemAndIncrementsOnTheChange() throws {
        let upgrades = try design("Airline booking on Adyen: delayed capture per ticket, incremental auth for upgrades").1
        #expect(upgrades.contains("| Incremental Authorisation |") && upgrades.contains("derived from the payment and the change it pays for"))
        #expect(upgrades.contains("capture under a separate key derived from the payment and the item captured"))
        #expect(!(try design("Adyen for checkout").1.contains("Incremental Authorisation")))
    }

    @Test func offlineCardPresentApprovalsAreDeduplicatedAndTheirDeclinesPosted() throws {
        let offline = try design("Visa and Mastercard at our terminals, with offline stand-in for transit gates").1
        #expect(offline.contains("| Offline Approval Upload |") && offline.contains("| Declined After Upload |"))
        #expect(offline.contains("Take offline approvals from terminals and gates as uploads claimed under (terminal id, STAN, local transaction date and time)"))
        #expect(offline.contains("| Card Declines After Host Approval |"))
        let online = try design("Visa and Mastercard at our terminals").1
        #expect(!online.contains("Offline Approval Upload") && online.contains("Card Declines After Host Approval"))
        // A chip decline after approval is a card-present event only.
        #expect(!(try design("Visa and Mastercard for online card-not-present checkout").1.contains("Card Declines After Host Approval")))
        // A PSP's terminal payments taken offline.
        let terminal = try design("Stripe Terminal at our stores, with offline mode").1
        #expect(terminal.contains("| Offline Terminal Payments |"))
        #expect(!(try design("Stripe for online checkout, with offline mode").1.contains("Offline Terminal Payments")))
    }

    @Test func aConversionBeforeReleaseIsKeyedAndUnwound() throws {
        let fx = try design("SWIFT MT103 and CHAPS with FX conversion through a partner bank before release").1
        #expect(fx.contains("| FX Conversion Leg |") && fx.contains("Converted, not released"))
        #expect(fx.contains("Book the currency conversion under a request id derived from the payment before release"))
        #expect(!(try design("SWIFT MT103 and CHAPS").1.contains("FX Conversion Leg")))
    }

    @Test func aCustodyPlatformReplacesTheOwnSignerSteps() throws {
        let fireblocks = try design("Bitcoin and Ethereum withdrawals via Fireblocks").1
        #expect(fireblocks.contains("`externalTxId`") && !fireblocks.contains("`sequenceId`"))
        #expect(fireblocks.contains("payout on the custody platform under its caller-chosen unique transaction id"))
        // Your own signer's steps and their events are left out.
        #expect(!fireblocks.contains("Let the single signer") && !fireblocks.contains("Select the inputs, build and sign"))
        #expect(!fireblocks.contains("| Nonce Assignment |") && !fireblocks.contains("| Broadcast |"))
        // Compensations go through the platform too.
        #expect(!fireblocks.contains("Discard the signed transaction") && fireblocks.contains("Cancel the transaction on the custody platform by its id"))
        // A step that reads the same for both chain classes is said once.
        #expect(fireblocks.components(separatedBy: "Speed up or cancel a stuck payout only through the platform's replacement").count == 2)
        // Chain facts still apply.
        #expect(fireblocks.contains("confirmation depth"))
        let bitgo = try design("Bitcoin withdrawals signed by BitGo").1
        #expect(bitgo.contains("`sequenceId`") && !bitgo.contains("`externalTxId`"))
        let own = try design("Bitcoin and Ethereum withdrawals").1
        #expect(own.contains("Let the single signer") && !own.contains("custody platform"))
    }

    /// Resource managers linked by an outbox instead of XA: a transfer across databases reserves before it
    /// credits, and TigerBeetle's transfer ids and flags appear when it is named.
    @Test func transfersAcrossDatabasesWithoutXAReserveFirst() throws {
        let rails = "Top-ups by card through Stripe; transfers between Oracle and MySQL under XA, which we want to replace"
        let (plan, markdown) = try design(rails, "25,000 TPS", "strict serializability; no negative balances")
        #expect(plan.decision("coordination")?.text("pattern") == "outbox")
        #expect(markdown.contains("| Transfer Across Databases |") && markdown.contains("reserve the amount in the source by a conditional update"))
        #expect(!markdown.contains("TigerBeetle"))
        let tigerBeetle = try design(rails, "25,000 TPS", "strict serializability; TigerBeetle under evaluation as the ledger").1
        #expect(tigerBeetle.contains("| TigerBeetle Transfer Ids |") && tigerBeetle.contains("`debits_must_not_exceed_credits`"))
        // Moving off XA: one owning path per transfer, and no cutover while a branch is prepared.
        #expect(!markdown.contains("Cutover From XA"))
        let moving = try design("Top-ups by card through Stripe; transfers between Oracle and MySQL under XA, and we are moving off XA", "25,000 TPS", "strict serializability").1
        #expect(moving.contains("| Cutover From XA |") && moving.contains("give each transfer id one owning path"))
        // Under a global transaction both legs commit together: no reservation step.
        let xa = try design("Oracle and MySQL under XA", "200 TPS", "atomic across both databases").1
        #expect(!xa.contains("Transfer Across Databases"))
    }

    /// Transfers between the platform's own users, with keys homed in regions, are two local steps under one
    /// transfer id; without home regions or without such transfers, nothing is said of them.
    @Test func transfersBetweenHomeRegionsAreTwoLocalSteps() throws {
        let rails = "Apple Pay top-ups on Stripe; P2P transfers inside the wallet"
        let (plan, markdown) = try design(rails, "2,000 TPS", "strong; active-active in us-east-1 and eu-west-1")
        #expect(plan.decision("regions")?.row == "REGION-HOME" && plan.facts.modes.contains { $0.mode == "internal-transfers" })
        #expect(markdown.contains("A transfer between two key owners homed in different regions is never one cross-region transaction"))
        #expect(!(try design(rails, "2,000 TPS", "strong; single region").1.contains("homed in different regions")))
        #expect(!(try design("Apple Pay top-ups on Stripe", "2,000 TPS", "strong; active-active in us-east-1 and eu-west-1").1.contains("homed in different regions")))
    }

    @Test func payoutsOnEuroAndUKRailsCheckThePayee() throws {
        let sepa = try design("Seller payouts via SEPA Instant and SEPA Credit Transfer").1
        // One row, though both classes carry the check.
        #expect(sepa.components(separatedBy: "| Verification Of Payee |").count == 2)
        let fps = try design("Seller payouts via Faster Payments").1
        #expect(fps.contains("| Confirmation Of Payee |") && !fps.contains("Verification Of Payee"))
        // Collections check no payee, and other rails have no such scheme rule.
        #expect(!(try design("SEPA Instant for checkout collections").1.contains("Verification Of Payee")))
        #expect(!(try design("FedNow payouts").1.contains("Payee |")))
    }
}

extension ModeLifecycleTests {
    /// Incremental authorisation is described for every PSP; Stripe's rule that no increment follows a
    /// partial capture is Stripe's own row, so an Adyen design never names Stripe.
    @Test func stripesIncrementRuleIsStripesOwn() throws {
        let adyen = try design("Adyen for hotel bookings with incremental authorisation").1
        #expect(adyen.contains("whether an increment may follow a partial capture is the PSP's rule"))
        #expect(!adyen.contains("Increment After Capture") && !adyen.contains("Stripe"))
        let stripe = try design("Stripe for hotel bookings with incremental authorisation").1
        #expect(stripe.contains("| Increment After Capture | loss | At Stripe an incremental authorisation is possible only while the payment is still wholly uncaptured"))
    }
}
