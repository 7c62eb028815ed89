import PayarchTestSupport
import Testing
@testable import PayarchKit

/// The misreadings users reported before the reader was rebuilt, each read right: major rails known,
/// words that are not rails kept out, negation and scope honoured, throughput forms understood, vague
/// input reported.
@Suite struct MisreadingRegressionTests {
    static let reader = InputReader(rules: Bundled.rules)

    static func facts(rails: String = "Stripe", throughput: String = "100 TPS", consistency: String = "strong") throws -> DesignFacts {
        try reader.read(rails: rails, throughput: throughput, consistency: consistency).facts
    }

    static func read(rails: String = "Stripe", throughput: String = "100 TPS", consistency: String = "strong") throws -> InputReader.Reading {
        try reader.read(rails: rails, throughput: throughput, consistency: consistency)
    }

    // MARK: - Rails that used to fall back to a generic card processor

    @Test(arguments: [
        ("BACS", "bacs-direct-debit"), ("Faster Payments", "faster-payments"), ("FedNow", "fednow"), ("RTP", "rtp"),
        ("PIX", "pix"), ("UPI", "upi"), ("CHAPS", "chaps"), ("Fedwire", "fedwire"), ("Interac e-Transfer", "interac"),
        ("Klarna", "klarna"), ("Solana", "solana"), ("Lightning", "lightning"), ("M-Pesa", "mpesa"), ("Alipay", "alipay"),
        ("SEPA Direct Debit", "sepa-dd-core"),
    ])
    func aMajorRailIsKnown(_ text: String, _ id: String) throws {
        let rails = try Self.facts(rails: text).rails
        #expect(rails.map(\.id) == [id], "'\(text)' reads as \(rails.map(\.name))")
        #expect(rails.allSatisfy { $0.known })
    }

    /// A token wallet beside a card PSP is that PSP's card payment: it takes the PSP's class and channel,
    /// so it never governs or forms a class of its own; alone, or beside a wallet API, it stays a wallet.
    @Test func aTokenWalletBesideACardPSPIsThatPSPsCardPayment() throws {
        let folded = try Self.facts(rails: "Stripe for cards, Apple Pay and Google Pay")
        #expect(folded.rails.map(\.railClass) == ["psp-card-api", "psp-card-api", "psp-card-api"])
        #expect(folded.rails.map(\.family) == ["card-processor-api", "card-processor-api", "card-processor-api"])
        #expect(folded.rails.map(\.channel) == ["card-not-present", "card-not-present", "card-not-present"])
        #expect(folded.governingClass == "psp-card-api")
        let alone = try Self.facts(rails: "Apple Pay and Google Pay")
        #expect(alone.rails.map(\.railClass) == ["wallet", "wallet"] && alone.governingClass == "wallet")
        // PayPal is a wallet API with its own key: it stays a wallet beside a PSP.
        let paypal = try Self.facts(rails: "Stripe and PayPal")
        #expect(paypal.rails.map(\.railClass) == ["psp-card-api", "wallet"] && paypal.governingClass == "wallet")
        // Only a PSP given as a rail carries it: a fallback PSP does not.
        let fallback = try Self.facts(rails: "Apple Pay, PayPal, with Braintree as failover")
        #expect(fallback.rails.first { $0.id == "apple-pay" }?.railClass == "wallet")
    }

    /// Card brands in parentheses right after a card PSP or an unknown provider are the brands it takes,
    /// not a direct network link, and they show the unknown provider takes cards; a direct link stays.
    @Test func brandsAfterAProviderAreItsBrands() throws {
        let reading = try Self.read(rails: "card top-ups via Nets/Nexi (Visa/MC, 3DS2)")
        #expect(reading.facts.rails.map(\.name) == ["Nets", "Nexi"])
        #expect(reading.facts.rails.map(\.railClass) == ["psp-card-api", "psp-card-api"])
        #expect(reading.warnings.filter { $0.id == "reading.unknown-rail" }.allSatisfy { $0.message.contains("treated as a generic card PSP API") })
        let known = try Self.facts(rails: "Adyen (Visa, Mastercard) for cards")
        #expect(known.rails.map(\.name) == ["Adyen"])
        let direct = try Self.facts(rails: "Visa (BASE I via VAP) and Mastercard")
        #expect(direct.rails.map(\.railClass) == ["card-network", "card-network"])
        // An unknown name with no word of its kind is a provider of unknown kind, not a card PSP.
        let neutral = try Self.facts(rails: "payouts via Paynamics")
        #expect(neutral.rails.map(\.railClass) == ["provider-api"])
    }

    /// A heading gives the rails listed under it their direction when their own words give none: "Payout:"
    /// before a sentence, "We pay employees in:" above lines of rails (a scheme then takes that member),
    /// the nearest heading with one direction; a blank line ends its reach.
    @Test func aHeadingGivesItsListItsDirection() throws {
        let payout = try Self.facts(rails: "Pay-in: cards through Braintree.\nPayout: drivers get paid to their bank account via RTP and FedNow.")
        #expect(payout.rails.filter { ["rtp", "fednow"].contains($0.id) }.map(\.direction) == ["credit", "credit"])
        let payroll = try Self.facts(rails: "We pay employees in:\n UK: Faster Payments (via Modulr), BACS for regular runs\n US: RTP")
        #expect(payroll.rails.map(\.id) == ["faster-payments", "bacs-direct-credit", "rtp"])
        #expect(payroll.rails.map(\.direction) == ["credit", "credit", "credit"])
        // A heading with text after it on its line heads its own sentence only: the wire sent in the next
        // sentence is no collection.
        let paragraph = try Self.facts(rails: "Collections: Bacs Direct Debit for repayments, ARUDD reports back. Completions (drawdowns) sent via CHAPS through our clearing bank.")
        #expect(paragraph.rails.map(\.railClass) == ["direct-debit", "rtgs-wire"])
        #expect(paragraph.rails.last?.direction == "credit")
        let apart = try Self.facts(rails: "Payout:\n\nRTP")
        #expect(apart.rails.map(\.direction) == [nil])
        // Words for the direction: cash-outs and accounts-payable runs pay out, funding comes in.
        #expect(try Self.facts(rails: "ACH CCD+ for AP runs").rails.map(\.id) == ["ach-credit"])
        #expect(try Self.facts(rails: "drivers cash out via RTP").rails.map(\.direction) == ["credit"])
    }

    /// Card brands in parentheses after a card word ("card (Visa/MC/Amex through our bank's gateway)") are
    /// brands taken through an unnamed PSP: no network link, and with no card rail given, one generic card
    /// PSP, said as an assumption and a warning.
    @Test func brandsAfterACardWordAreTakenThroughAnUnnamedPSP() throws {
        let reading = try Self.read(rails: "Monthly premiums via BECS direct debit. Annual premiums via card (Visa/MC/Amex through Westpac PayWay).")
        #expect(reading.facts.rails.map(\.railClass) == ["direct-debit", "psp-card-api"])
        #expect(reading.facts.rails.last?.name == "unspecified card PSP API")
        #expect(reading.facts.assumptions.contains { $0.id == "rails.card-psp-unnamed" })
        #expect(reading.facts.warnings.contains { $0.id == "reading.unknown-rail" && $0.message.contains("The card brands named") })
        // With a PSP given, nothing is added.
        let stripe = try Self.facts(rails: "Stripe for card (Visa/MC)")
        #expect(stripe.rails.map(\.name) == ["Stripe"])
    }

    /// A credit rail whose own words say the money comes in (client funding, an on-ramp) is a credit the
    /// input receives: the received-credit class, which never governs beside a rail it sends or collects on;
    /// a credit rail said to pay out keeps its class.
    @Test func aCreditRailTheInputReceivesIsAReceivedCredit() throws {
        let funding = try Self.facts(rails: "Clients fund their balance by USD wire (Fedwire). We pay contractors in USDC on Solana.")
        #expect(funding.rails.map(\.railClass) == ["received-credit", "crypto-account"])
        #expect(funding.rails.first?.direction == "debit")
        #expect(funding.governingClass == "crypto-account")
        let onRamp = try Self.facts(rails: "BTC withdrawals. Fiat on-ramp by SEPA credit transfer.")
        #expect(onRamp.rails.last?.railClass == "received-credit" && onRamp.governingClass == "crypto-utxo")
        let payouts = try Self.facts(rails: "Seller payouts by SEPA credit transfer")
        #expect(payouts.rails.map(\.railClass) == ["batch-credit"])
    }

    /// A credit rail the input both sends and receives on is two rails: the credits sent, under the rail's
    /// own class and name, and the credits received, under the received-credit class and "Incoming"; a
    /// rail only received keeps its own name, and a credit rail listed after a received one is received too.
    @Test func aRailSentAndReceivedOnIsTwoRails() throws {
        let both = try Self.facts(rails: "Clients fund their accounts by SEPA Credit Transfer. We pay suppliers by SEPA Credit Transfer.")
        #expect(both.rails.map(\.name) == ["Incoming SEPA Credit Transfer", "SEPA Credit Transfer"])
        #expect(both.rails.map(\.railClass) == ["received-credit", "batch-credit"])
        #expect(both.rails.map(\.direction) == ["debit", "credit"])
        let oneMention = try Self.facts(rails: "ACH credits incoming and outgoing")
        #expect(oneMention.rails.map(\.railClass) == ["received-credit", "batch-credit"])
        let receivedOnly = try Self.facts(rails: "Clients fund their accounts by SEPA Credit Transfer. Card payments via Stripe.")
        #expect(receivedOnly.rails.first?.name == "SEPA Credit Transfer")
        let listed = try Self.facts(rails: "Clients fund their accounts by SEPA Credit Transfer and by Fedwire. Payouts by SEPA Credit Transfer.")
        #expect(listed.rails.map(\.railClass) == ["received-credit", "received-credit", "batch-credit"])
        #expect(listed.rails.map(\.name) == ["Incoming SEPA Credit Transfer", "Fedwire", "SEPA Credit Transfer"])
        // Ruled out later, both go.
        let corrected = try Self.facts(rails: "Clients fund their accounts by SEPA Credit Transfer; we pay suppliers by SEPA Credit Transfer. Stripe for cards. Correction: we don't use SEPA Credit Transfer.")
        #expect(corrected.rails.map(\.name) == ["Stripe"])
    }

    /// The payer as the subject of "pay" or "send" says the money comes in: "the buyer pays the balance by
    /// SEPA Credit Transfer", "tenants send to an auto-deposit address", "repayments".
    @Test(arguments: [
        ("After winning, the buyer pays the balance by SEPA Credit Transfer to our escrow account.", "received-credit"),
        ("Tenants send Interac e-Transfers to an auto-deposit address per lease.", "instant-push"),
        ("Repayments come in by ACH credit to a virtual account.", "received-credit"),
        ("Parents pay through SADAD (we are a SADAD biller via our bank, bill numbers uploaded per invoice).", "received-credit"),
        ("We pay vendors by ACH credit.", "batch-credit"),
    ])
    func thePayerAsSubjectSaysTheMoneyComesIn(_ text: String, _ railClass: String) throws {
        let facts = try Self.facts(rails: text)
        #expect(facts.rails.first?.railClass == railClass)
        #expect(facts.rails.first?.direction == (railClass == "batch-credit" ? "credit" : "debit"))
    }

    /// A rail that sends, whose nearest cue before it in its clause is a refund word, carries refunds; a
    /// payout word between them, or a rail that collects, does not.
    @Test func aRailAfterARefundWordCarriesRefunds() throws {
        let retailer = try Self.facts(rails: "Cards via Adyen; for SDD orders we refund via SEPA Credit Transfer, SEPA Instant if the bank supports it.")
        #expect(retailer.rails.map(\.purpose) == [nil, nil, "refund", "refund"])
        let mixed = try Self.facts(rails: "Customers pay by card via Stripe, refunds go back to the card, and sellers are paid out by SEPA Instant.")
        #expect(mixed.rails.map(\.purpose) == [nil, nil])
        let wrapped = try Self.facts(rails: "Refunds for returns go back on the original method; for SDD orders we refund via SEPA\nCredit Transfer, SEPA Instant if the bank supports it.")
        #expect(wrapped.rails.map(\.purpose) == [nil, "refund", "refund"])
    }

    /// Names a team writes for its providers are read as rails of the class their words give, never dropped
    /// in silence: a name listed beside one with a class word takes it, a name that card brands go through
    /// is a card PSP (a product name in parentheses after it is no second rail), a domestic scheme through
    /// it stays with its facts, and carriers are organisations.
    @Test(arguments: [
        ("KakaoPay and Naver Pay as wallets", ["KakaoPay", "Naver Pay"], ["wallet", "wallet"]),
        ("Card top-ups by card and by Bizum, both through Redsys (TPV Virtual, REST)", ["Bizum", "Redsys"], ["provider-api", "psp-card-api"]),
        ("mada debit, Visa/Mastercard and Apple Pay through HyperPay (COPYandPAY)", ["mada", "Apple Pay", "HyperPay"], ["psp-card-api", "psp-card-api", "psp-card-api"]),
        ("Outbound to farmers: MTN MoMo disbursements (Ghana)", ["MTN MoMo"], ["wallet"]),
        ("Lynx wires up to CAD 50M", ["Lynx"], ["rtgs-wire"]),
        ("Danal carrier billing (charge to the phone bill of SKT/KT/LG U+ subscribers)", ["Danal"], ["wallet"]),
        ("Checkout: Tabby and Tamara pay-in-4", ["Tabby", "Tamara"], ["bnpl", "bnpl"]),
        ("Pay-ins: Khipu for bank-transfer payments", ["Khipu"], ["bank-redirect"]),
        // "Plus" joins a list: the name is "Webpay".
        ("Webpay Plus for credit and debit cards", ["Webpay"], ["psp-card-api"]),
        // A bank's name between "through" and the product; brands taken through it are its card payments.
        ("Visa/Mastercard/Amex through Westpac Qvalent on the website", ["Qvalent"], ["psp-card-api"]),
        // A heading that gives a direction makes the first name after it a rail; a biller code makes it a bill payment received.
        ("Inbound: BPAY (biller code + CRN printed on every rates notice)", ["BPAY"], ["received-credit"]),
        ("Parents pay school fees by card via Stripe", ["Stripe"], ["psp-card-api"]),
    ])
    func providerNamesAreReadWithTheirClass(_ text: String, _ names: [String], _ classes: [String]) throws {
        let facts = try Self.facts(rails: text)
        #expect(facts.rails.map(\.name) == names)
        #expect(facts.rails.map(\.railClass) == classes)
    }

    /// A short name other places' rails share ("FPS", "ACH", "EFT"), written next to another place, is that
    /// place's rail: an unknown rail of the class with a warning, never the catalogue's rail of that name and
    /// its facts; next to its own place, or with no place, it stays the catalogue's rail.
    @Test(arguments: [
        ("Hong Kong: deposits by FPS to our client-money account", "FPS", "instant-push", false),
        ("Disbursements via ACH Colombia", "ACH", "batch-credit", false),
        ("Turkish EFT for larger amounts", "EFT", "batch-credit", false),
        ("UK payouts by FPS", "Faster Payments", "instant-push", true),
        ("Landlords are paid by EFT in Canada", "Canadian EFT", "batch-credit", true),
        ("Payouts by ACH credit", "ACH Credit", "batch-credit", true),
    ])
    func aSharedShortNameNextToAnotherPlaceIsThatPlacesRail(_ text: String, _ name: String, _ railClass: String, _ known: Bool) throws {
        let reading = try Self.read(rails: text)
        #expect(reading.facts.rails.map(\.name) == [name])
        #expect(reading.facts.rails.first?.railClass == railClass && reading.facts.rails.first?.known == known)
        #expect(reading.warnings.contains { $0.id == "reading.foreign-rail" } == !known)
    }

    /// "credit and debit cards" says no direction; "funding comes in by SWIFT" says the money comes in.
    @Test func cardWordsGiveNoDirectionAndFundingThatComesInIsReceived() throws {
        #expect(try Self.facts(rails: "Webpay Plus for credit and debit cards").rails.first?.direction == nil)
        let funding = try Self.facts(rails: "Payouts via Wave. Funding comes in from the buying companies by SWIFT MT103 into our XOF account.")
        #expect(funding.rails.last?.railClass == "received-credit")
    }

    /// A rate outside the season is a sustained rate, never added to the season's peak.
    @Test func anOffSeasonRateIsNoPartOfThePeak() throws {
        let facts = try Self.facts(rails: "Payouts via Wave", throughput: "In season up to 50 payouts per second. Outside season under 2 per second.")
        #expect(facts.throughput.peak?.tps == 50)
    }

    /// How long a load lasts ("for 20 minutes") and a deadline from an event ("within 60 seconds of an FPS
    /// credit") are no latency targets; a duration with a latency word still is.
    @Test func aLoadsDurationOrAnEventDeadlineIsNoLatency() throws {
        let facts = try Self.facts(throughput: "300 deposits/s for 20 minutes and clients expect buying power within 60 seconds of an FPS credit")
        #expect(facts.throughput.latency.isEmpty)
        #expect(try Self.facts(throughput: "300 TPS, p99 latency under 800 ms").throughput.latency.map(\.milliseconds) == [800])
    }

    /// A count on a named day after "on" ("~9k payments on the first day") is that day's volume, never a
    /// per-second figure borrowed from another number of the sentence.
    @Test func aCountOnANamedDayIsNoPerSecondFigure() throws {
        let facts = try Self.facts(throughput: "Back-to-school in late August is the peak: ~9k payments on the first day, under 10/s.")
        #expect(facts.throughput.peak?.tps == 10)
        #expect(try Self.facts(throughput: "The peak: ~9k payments on payday, under 10/s.").throughput.peak?.tps == 10)
    }

    /// A monthly cap is no consistency level and an audit trail kept for years is no lag bound.
    @Test func capsAndTrailsAreNoConsistency() throws {
        let cap = try Self.facts(consistency: "Payments exactly once; players under 19 have a monthly spending cap of 70,000 KRW")
        #expect(cap.consistency.unscoped == nil)
        let trail = try Self.facts(consistency: "Payments exactly once; every posting keeps a complete, immutable trail for 7 years")
        #expect(trail.consistency.lagBounds.isEmpty && trail.consistency.unscoped == nil)
        // Still read: a report that runs monthly is eventual.
        #expect(try Self.facts(consistency: "strong payments; reporting monthly").consistency.scopes.contains { $0.scope == "reporting" && $0.tier == "eventual" })
    }

    /// Digital goods and prepaid top-ups are captured in the authorisation call; nothing ships later.
    @Test func digitalGoodsAreCapturedAtOnce() throws {
        for text in ["Digital goods by card via Stripe", "In-game currency bought by card via Adyen", "Prepaid top-ups by card via Adyen"] {
            #expect(try Self.facts(rails: text).modes.contains { $0.mode == "automatic-capture" }, "\(text)")
        }
        #expect(!(try Self.facts(rails: "Cards via Stripe for our webshop").modes.contains { $0.mode == "automatic-capture" }))
    }

    /// Prepaid top-ups of a phone line are no stored balance; wallet top-ups are.
    @Test func onlyWalletTopUpsHoldBalances() throws {
        #expect(!(try Self.facts(rails: "Prepaid top-ups by card via Adyen").modes.contains { $0.mode == "customer-balances" }))
        #expect(try Self.facts(rails: "Wallet top-ups by card via Adyen").modes.contains { $0.mode == "customer-balances" })
    }

    /// A rail name wrapped over two lines of a block is still read whole; a blank line or a list item between
    /// the words is not a wrap.
    @Test func aRailNameWrappedOverALineIsReadWhole() throws {
        #expect(try Self.facts(rails: "Sellers are paid by SEPA Credit\nTransfer once a week.").rails.map(\.reading) == [.name])
        #expect(try Self.facts(rails: "Sellers are paid by SEPA Credit\n\nTransfer once a week.").rails.first?.reading == .schemeDirection)
        #expect(try Self.facts(rails: "Sellers are paid by SEPA Credit\n- Transfer once a week.").rails.first?.reading == .schemeDirection)
    }

    /// A heading's direction covers the list under it, not the paragraph after the list: "Tenants pay rent
    /// by:" and its items, then "Landlords get paid out by EFT".
    @Test func aHeadingsListEndsAtTheFirstLineThatIsNoItem() throws {
        let facts = try Self.facts(rails: "Tenants pay rent by:\n - SEPA Direct Debit Core\n - Interac e-Transfer\nLandlords get paid out by ACH credit.")
        #expect(facts.rails.map(\.direction) == ["debit", "debit", "credit"])
        #expect(facts.rails.last?.railClass == "batch-credit")
        // An item's wrapped line, indented under it, stays in the list.
        let wrapped = try Self.facts(rails: "We pay out by:\n - RTP for sellers\n   and FedNow as a fallback\n - ACH credit")
        #expect(wrapped.rails.map(\.direction) == ["credit", "credit", "credit"])
    }

    /// "paid out by EFT (direct deposit)": a rail alone in parentheses after a rail of its class glosses it.
    @Test func aRailInParenthesesAfterOneOfItsClassGlossesIt() throws {
        let facts = try Self.facts(rails: "Landlords get paid out by EFT (direct deposit).")
        #expect(facts.rails.map(\.id) == ["eft-canada"])
        // Another class in parentheses is a rail of its own.
        let other = try Self.facts(rails: "Payouts by SEPA Credit Transfer (SEPA Instant above EUR 100).")
        #expect(other.rails.count == 2)
    }

    /// A domestic scheme that a PSP processes as its own card payments stays beside the PSP, with its facts,
    /// in the PSP's class; a plain brand beside a PSP is no rail.
    @Test func aDomesticSchemeThroughAPSPStaysInThePSPsClass() throws {
        let facts = try Self.facts(rails: "Cards (Visa, Mastercard, mada in KSA) via Checkout.com")
        #expect(facts.rails.map(\.id) == ["mada", "checkout-com"])
        #expect(facts.rails.map(\.railClass) == ["psp-card-api", "psp-card-api"])
    }

    /// "Within 15 min of approval" is a deadline per payment measured from an event, not a window the day's
    /// volume falls into: the daily count stays a daily rate.
    @Test func aDeadlineFromAnEventIsNotALoadWindow() throws {
        let facts = try Self.facts(rails: "NPP", throughput: "~3k claims/day, want them out within 15 min of approval")
        #expect(facts.throughput.peak == nil)
        #expect(abs((facts.throughput.sustained?.tps ?? 0) - 3_000.0 / 86_400) < 0.001)
        let window = try Self.facts(rails: "NPP", throughput: "3k claims a day, 60% of them within a 2-hour window")
        #expect(window.throughput.peak != nil)
    }

    /// A long sentence before a colon is no heading, and a direction word inside a rail's name ("ACH debit")
    /// gives no heading a direction: the payouts listed after "we then pay their vendors by:" are payouts,
    /// and a word after a comma ("cards that the vendor charges") is about what follows the comma.
    @Test func aSentenceBeforeAColonIsNoHeading() throws {
        let facts = try Self.facts(
            rails: "Our customers fund payments by ACH debit from their operating account into our FBO account; we then pay their vendors by: ACH credit, Fedwire, RTP, FedNow (the bank supports both), printed checks, and virtual cards that the vendor charges.")
        #expect(facts.rails.map(\.railClass) == ["direct-debit", "batch-credit", "rtgs-wire", "instant-push", "instant-push"])
        #expect(facts.rails.dropFirst().allSatisfy { $0.direction == "credit" })
        // "Pay-ins" alone says nothing of balances customers hold.
        #expect(try Self.facts(rails: "Card pay-ins via Adyen, refunds by SEPA credit transfer").modes.isEmpty)
        #expect(try Self.facts(rails: "Wallet top-ups by card via Adyen").modes.map(\.mode) == ["customer-balances"])
    }

    /// People and channels are no rails ("Patients pay … via IVR", "Tenants pay rent by:"), and "up to 30
    /// nights" is a length of time, not a rate.
    @Test func peopleChannelsAndNightsAreNotRailsOrRates() throws {
        #expect(try Self.facts(rails: "Patients pay statements online via Stripe and via IVR.").rails.map(\.name) == ["Stripe"])
        #expect(try Self.facts(rails: "Tenants pay rent by:\n - Interac e-Transfer").rails.map(\.name) == ["Interac e-Transfer"])
        let nights = try Self.facts(rails: "Checkout.com", throughput: "8 captures/sec. Not big, but auths stay open for up to 30 nights.")
        #expect(nights.throughput.designPeak.tps == 8)
    }

    /// Each rail carries the direction the words around it give: a collection for top-ups, a payout for
    /// withdrawals, nothing when none is said or both are.
    @Test(arguments: [
        ("UPI for wallet top-ups, IMPS for withdrawals to bank accounts", ["debit", "credit"]),
        ("SEPA Instant payouts to sellers, falling back to SEPA Credit Transfer", ["credit", "credit"]),
        ("Stripe for our checkout", ["debit"]),
        ("Stripe", [nil]),
        ("PayPal payouts and PayPal collections", [nil]),
        // A credit card is no credit transfer; a class that moves money one way gives its rails that way.
        ("Stripe and PayPal for global credit card processing.", [nil, nil]),
        ("Stripe for cards, ACH debits for account funding, RTP for instant withdrawals", [nil, "debit", "credit"]),
        ("SWIFT gpi for treasury payments", ["credit"]),
    ] as [(String, [String?])])
    func eachRailCarriesTheDirectionItIsGiven(_ text: String, _ directions: [String?]) throws {
        let rails = try Self.facts(rails: text).rails
        #expect(rails.map(\.direction) == directions, "'\(text)' reads as \(rails.map { "\($0.name): \($0.direction ?? "none")" })")
    }

    /// A rail named as another's fallback is marked so and never governs; the nearest rail to the word is
    /// the fallback.
    @Test(arguments: [
        ("Instant payouts over FedNow and RTP, falling back to Same Day ACH when the receiver isn't reachable", ["FedNow", "RTP", "ACH Credit"], "ACH Credit", "instant-push"),
        ("Adyen and Worldpay for cards, and Stripe as failover PSP", ["Adyen", "Worldpay", "Stripe"], "Stripe", "psp-card-api"),
        ("Interac e-Transfer payouts, with EFT as the fallback for amounts above the limit", ["Interac e-Transfer", "Canadian EFT"], "Canadian EFT", "instant-push"),
        // The subject of "is the fallback", not the rail named after it.
        ("Stripe is primary; Braintree is the fallback for PayPal vault customers", ["Stripe", "Braintree", "PayPal"], "Braintree", "wallet"),
    ])
    func aFallbackRailIsMarkedAndNeverGoverns(_ text: String, _ names: [String], _ fallback: String, _ governing: String) throws {
        let facts = try Self.facts(rails: text)
        #expect(facts.rails.map(\.name) == names)
        #expect(facts.rails.filter(\.isFallback).map(\.name) == [fallback])
        #expect(facts.governingClass == governing)
    }

    /// A fallback word about a rail later ruled out marks no other rail, and ruling a rail out keeps the
    /// other rails' words with them.
    @Test func aRuledOutFallbackMarksNoOtherRail() throws {
        let facts = try Self.facts(rails: "Stripe and Braintree as failover. Correction: we don't use Braintree anymore, only Stripe and PayPal.")
        #expect(facts.rails.map(\.name) == ["Stripe", "PayPal"])
        #expect(facts.rails.allSatisfy { !$0.isFallback })
    }

    /// Rails listed together share the direction one of them is given.
    @Test(arguments: [
        ("Seller payouts via SEPA Instant and Faster Payments", ["credit", "credit"]),
        ("FedNow and RTP payouts", ["credit", "credit"]),
        ("Stripe and PayPal for checkout", ["debit", "debit"]),
        // A rail named again with no direction word keeps the one it was given; named again with one, takes it.
        ("Seller payouts via SEPA Instant Credit Transfer (SCT Inst) through our bank's API", ["credit"]),
        ("Faster Payments for most things. Faster Payments for payouts too", ["credit"]),
        ("Faster Payments payouts, and Faster Payments collections", [nil]),
        ("net pay pushed by RTP", ["credit"]),
        // A repeated preposition joins a list; a one-way class shares what its words said, not its own way.
        ("employee net pay pushed by ACH credit and by RTP for earned-wage access", ["credit", "credit"]),
        ("Apple Pay, ACH debits and RTP", [nil, "debit", nil]),
        // How the rail is used says its direction.
        ("Buyers in Mexico pay by SPEI with a CLABE per order", ["debit"]),
        ("Claims are paid out by RTP", ["credit"]),
        ("incoming FPS from customers", ["debit"]),
        // A push-to-card rail only pays out.
        ("Visa Direct for drivers", ["credit"]),
        // Both directions joined before a rail give it none; a bank redirect or a voucher always collects.
        ("inbound/outbound FPS via ClearBank", [nil]),
        ("boleto bancario registered through a bank (CNAB 240 remittance files)", ["debit"]),
        // "Deposits" alone say no direction; a direct deposit is a payroll credit.
        ("Faster Payments for customer deposits", [nil]),
        ("ACH for payroll direct deposits", ["credit"]),
        // A parenthesis that qualifies a rail does not break the list.
        ("Seller payouts via Faster Payments (UK) and SEPA Instant (EU)", ["credit", "credit"]),
        ("Pix (Brazil, dynamic QR) and UPI (India, intent flow) for checkout", ["debit", "debit"]),
        // A direct debit's own direction is not shared with the rail listed beside it.
        ("Stripe for cards and Apple Pay, ACH debits for account funding", [nil, nil, "debit"]),
    ] as [(String, [String?])])
    func railsListedTogetherShareADirection(_ text: String, _ directions: [String?]) throws {
        #expect(try Self.facts(rails: text).rails.map(\.direction) == directions)
    }

    /// A direction word the scheme has no rail for ("instant" next to ACH) does not decide its member: the
    /// search goes on to the payouts the sentence is about, so the fallback is ACH Credit, not the default.
    @Test func aDirectionTheSchemeLacksDoesNotStopTheSearch() throws {
        let facts = try Self.facts(
            rails: "Seller payouts via RTP and FedNow, fallback to Same Day ACH when the receiving bank isn't reachable on either instant rail.")
        #expect(facts.rails.map(\.id) == ["rtp", "fednow", "ach-credit"])
        // A scheme that has an instant member still takes it from the same word.
        #expect(try Self.facts(rails: "SEPA instant payouts").rails.map(\.id) == ["sepa-instant"])
    }

    @Test func aLoneRailIsNeverItsOwnFallback() throws {
        let facts = try Self.facts(rails: "Stripe as failover")
        #expect(facts.rails.map(\.isFallback) == [false])
    }

    /// A kind of payment named with rails of its kind adds no usual rail of a place; an unknown chain named
    /// on its own is a rail; a token does not take the chains of a later phrase; a Bacs Service User
    /// Number is not a rail.
    @Test func cuesChainsAndIdentifiersAreReadAsMeant() throws {
        #expect(try Self.facts(rails: "Instant payouts to US bank accounts over FedNow and RTP").rails.map(\.name) == ["FedNow", "RTP"])
        let chains = try Self.facts(rails: "USDC on Solana, and ETH/ERC-20 on Ethereum mainnet and Arbitrum").rails
        #expect(chains.map(\.name) == ["USDC on Solana", "Ethereum", "Arbitrum"])
        #expect(chains.last?.known == false && chains.last?.railClass == "crypto-account")
        #expect(try Self.facts(rails: "UK BACS Direct Debit via a bureau (SUN)").rails.map(\.name) == ["BACS Direct Debit"])
    }

    /// A rail's sentence gives it a card channel when it names one and not the other; one that names neither
    /// gives the class's default (a PSP's API is online), and one that names both gives none.
    @Test(arguments: [
        ("Card-present terminals over ISO 8583 to Visa and Mastercard", "card-present"),
        ("Adyen for e-commerce cards with 3DS2", "card-not-present"),
        ("Checkout.com for in-store terminals and for our online checkout", nil),
        ("Stripe", "card-not-present"),
        // A text that names one channel only gives it to a rail whose own sentence names none.
        ("POS terminals connect to our host. We route to Visa", "card-present"),
        ("Visa", nil),
    ] as [(String, String?)])
    func aRailTakesTheChannelItsSentenceGives(_ text: String, _ channel: String?) throws {
        #expect(try Self.facts(rails: text).rails.first?.channel == channel)
    }

    /// A negated stance states nothing, and settlement or clearing is a scope of its own, so its level
    /// never becomes the money path's.
    @Test func negatedStancesAndSettlementAreReadAsMeant() throws {
        let single = try Self.facts(consistency: "We don't need multi-region; strong consistency.").consistency
        #expect(single.multiRegion == nil)
        let noXA = try Self.facts(consistency: "We don't want distributed transactions; strong consistency.").consistency
        #expect(noXA.atomicCommit == nil)
        #expect(try Self.facts(consistency: "Active-active in two regions, strong consistency.").consistency.multiRegion != nil)
        let settlement = try Self.facts(
            consistency: "Settlement and clearing totals are eventually consistent; authorizations must never be approved twice.").consistency
        #expect(settlement.scopes.contains { $0.scope == "reconciliation" && $0.tier == "eventual" })
        #expect(settlement.moneyPath.tier == "strict")
        #expect(settlement.unscoped == nil)
    }

    /// A store payarch has no rows for is never silently replaced: the reading warns, and a negated one does not.
    @Test func anUnmodelledStoreIsNamedInAWarning() throws {
        let reading = try Self.read(consistency: "Strong consistency. We run IBM Db2 in two data centres.")
        #expect(reading.facts.warnings.contains { $0.id == "reading.unmodelled-store" && $0.message.hasPrefix("'IBM Db2' is a store payarch has no design rows for") })
        #expect(reading.facts.consistency.statedStore == nil)
        // A store with rows is the store the design uses, with no warning.
        let sqlServer = try Self.read(consistency: "Strong consistency. We run SQL Server in two data centres.")
        #expect(sqlServer.facts.consistency.statedStore?.engine == "sql-server")
        #expect(!sqlServer.facts.warnings.contains { $0.id == "reading.unmodelled-store" })
        let moved = try Self.read(consistency: "Strong consistency. We no longer use MongoDB; we run Postgres.")
        #expect(!moved.facts.warnings.contains { $0.id == "reading.unmodelled-store" })
        #expect(moved.facts.consistency.statedStore?.engine == "postgresql")
        // A multi-writer MySQL cluster is not the one-writer MySQL of the rows: named in a warning.
        let galera = try Self.read(consistency: "Exactly once. MySQL 8 Galera cluster, 3 nodes, all writable.")
        #expect(galera.facts.warnings.contains { $0.id == "reading.unmodelled-store" && $0.message.hasPrefix("'Galera cluster' is a store") })
    }

    /// An input on the card issuer's side rules its card networks out of the design (the issuer side is not
    /// designed) while another rail remains, and says so; with only networks, they stay with the warning.
    @Test func anIssuerSideInputRulesItsNetworksOut() throws {
        let reading = try Self.read(rails: "We are a neobank; Marqeta is our issuer processor for Visa network debit cards (JIT funding). ACH and RTP for transfers.")
        #expect(reading.facts.rails.map(\.name) == ["ACH Debit", "RTP"])
        #expect(reading.facts.excludedRails.contains { $0.name == "Visa" && $0.reason == .issuerSide })
        #expect(reading.facts.warnings.contains { $0.id == "reading.issuer-side" && $0.message.contains("the card network (Visa) is that side here, so it is left out") })
        let only = try Self.read(rails: "We are the issuer; authorisations from Visa and Mastercard")
        #expect(only.facts.rails.map(\.railClass) == ["card-network", "card-network"])
    }

    /// A level bound to no scope that is weaker than the money path's stated level ("DR is a nightly
    /// backup") never loosens the ledger; with no money-path level stated, it still sets the ledger.
    @Test func anUnscopedWeakLevelNeverLoosensTheLedger() throws {
        let facts = try Self.facts(consistency: "A withdrawal must never be sent twice; deposits credited exactly once. DR is a nightly backup.")
        #expect(facts.consistency.moneyPath.tier == "strict")
        #expect(facts.consistency.ledger.tier == "strict" && facts.consistency.ledger.assumed)
        let plain = try Self.facts(consistency: "eventual consistency is fine")
        #expect(plain.consistency.ledger.tier == "eventual" && !plain.consistency.ledger.assumed)
    }

    /// A peak thousands of times the sustained rate is reported; an ordinary burst is not.
    @Test func aPeakFarAboveTheSustainedRateIsReported() throws {
        let far = try Self.read(throughput: "2 million payments per month, peak 5,000 TPS")
        #expect(far.facts.warnings.contains { $0.id == "reading.peak-far-above-sustained" && $0.message.contains("6,480× the sustained rate") })
        let burst = try Self.read(throughput: "300 TPS sustained, 1,200 TPS peak")
        #expect(!burst.facts.warnings.contains { $0.id == "reading.peak-far-above-sustained" })
    }

    /// Currency codes, a business model, payment steps, token services and a bureau are no rails.
    @Test(arguments: [
        ("users send USDC to our deposit addresses and we pay out EUR by SEPA Instant.", ["USDC", "SEPA Instant"]),
        ("B2B SaaS, pay-ins only. Subscriptions run on Stripe Billing.", ["Stripe"]),
        ("Outbound SCT Inst via TIPS. Recalls (camt.056) and returns (pacs.004) both directions.", ["SEPA Instant"]),
        ("Network tokens from Visa VTS and Mastercard MDES, held ourselves; cards via Adyen. Auth at checkout, capture at shipment.", ["Visa", "Mastercard", "Adyen"]),
        ("Bacs Direct Debit with a bureau (Bottomline).", ["BACS Direct Debit"]),
    ] as [(String, [String])])
    func wordsAroundRailsAreNotRails(_ text: String, _ rails: [String]) throws {
        let facts = try Self.facts(rails: text)
        #expect(facts.rails.map(\.name) == rails, "\(facts.rails.map(\.name))")
    }

    /// An amount of money is no count and no rate: a figure beside a currency code or symbol, and a bare
    /// figure listed right after one.
    @Test func moneyAmountsAreNotLoad() throws {
        #expect(try Self.facts(throughput: "CHAPS completions 400-900 a day, heavy on Fridays, each GBP 150k - 2m.").throughput.sustained?.tps == 900.0 / 86_400)
        let orders = try Self.facts(throughput: "4k orders/day, avg 2,800 USD, some > 250k.").throughput
        #expect(orders.sustained?.tps == 4_000.0 / 86_400)
        #expect(try Self.facts(throughput: "payouts of $5k each, 300 TPS peak").throughput.designPeak.tps == 300)
        #expect(try Self.facts(throughput: "avg ticket EUR 40, 200 TPS peak").throughput.designPeak.tps == 200)
        // A count of payments in a currency stays a count.
        #expect(try Self.facts(throughput: "5k GBP payments a day, 20 TPS peak").throughput.sustained?.tps == 5_000.0 / 86_400)
        // A figure with its own unit after an amount is a rate.
        #expect(try Self.facts(throughput: "average EUR 40, 200 TPS at peak").throughput.designPeak.tps == 200)
    }

    /// A population ("310k active mortgages", "500k MAU") is not a stream, and a partner's cap ("allows max
    /// 20 req/s") is a limit, not the load.
    @Test func populationsAndPartnerCapsAreNotTheLoad() throws {
        #expect(try Self.facts(throughput: "310k active mortgages; 2k TPS peak on the portal").throughput.designPeak.tps == 2_000)
        #expect(try Self.facts(throughput: "500k MAU, 50 TPS peak").throughput.designPeak.tps == 50)
        let capped = try Self.read(throughput: "partner API allows max 20 req/s; we expect 300 TPS peak")
        #expect(capped.facts.throughput.designPeak.tps == 300 && capped.facts.warnings.contains { $0.id == "reading.rate-limit" })
    }

    /// A status constant ("CAPTURE_FAILED") and a lending step ("completions") are no rails.
    @Test func statusConstantsAndLendingStepsAreNotRails() throws {
        let facts = try Self.facts(rails: "Adyen for cards; on CAPTURE_FAILED we retry. CHAPS completions for mortgages, Bacs DD for repayments.")
        #expect(facts.rails.map(\.name) == ["Adyen", "CHAPS", "BACS Direct Debit"])
    }

    /// "Always On" in a SQL Server availability group names the product, not an availability stance.
    @Test func sqlServerAlwaysOnIsAStoreNotAStance() throws {
        let facts = try Self.facts(consistency: "strong consistency; SQL Server 2019 Always On availability group across two zones")
        #expect(facts.consistency.apState == "cp-only" && facts.consistency.statedStore?.engine == "sql-server")
        #expect(try Self.facts(consistency: "payments strongly consistent; the dashboard must be always on").consistency.apState == "ap-allowed")
    }

    /// A per-second figure right after a coarser one of its clause, with only a comma or a hedge between
    /// them, restates the same stream at a finer grain: it is that stream's peak, not a second stream.
    @Test func aFinerFigureAfterACommaIsTheSameStream() throws {
        let card = try Self.facts(throughput: "Card fallback maybe 15k charges/day peak, 5 TPS.").throughput
        #expect(card.designPeak.tps == 5 && card.designPeak.derivation == nil)
        // A later stream of its own keeps its figure: ACH's cut-off rate joins ACH, cards stay apart.
        let two = try Self.facts(throughput: "cards 300 TPS, ACH 2M/day, 40 TPS at cutoff").throughput
        #expect(two.designPeak.tps == 340 && two.designPeak.derivation == "300 + 40 TPS over 2 streams")
        // Two per-second figures are two streams, comma or not.
        #expect(try Self.facts(throughput: "Payouts 100 TPS peak, refunds 30 TPS peak").throughput.designPeak.tps == 130)
    }

    /// A count of things on named weekdays is a volume on those days, even beside a figure in TPS; a
    /// notification rate or multiple is sized apart from the payments and never becomes their peak.
    @Test func weekdayVolumesAndNotificationRatesAreNotThePaymentPeak() throws {
        let payroll = try Self.facts(throughput: "Payroll run peaks: 3M employee credits on Thursdays, file cut-offs at 10:30; RTP up to 200 TPS").throughput
        // 200 TPS plus 3,000,000 over one named day (86,400 s).
        #expect(abs(payroll.designPeak.tps - (200 + 3_000_000 / 86_400)) < 0.01)
        let airline = try Self.facts(throughput: "Peak 900 bookings/sec during fare sales; webhook volume ~5k/sec at peak.").throughput
        #expect(airline.designPeak.tps == 900 && airline.inbound?.tps == 5_000)
        let bursts = try Self.facts(throughput: "12k TPS peak during Diwali, ~1.5k TPS average. Webhook bursts can be 3x that.").throughput
        #expect(bursts.designPeak.tps == 12_000 && bursts.inbound?.tps == 36_000)
        #expect(bursts.inbound?.derivation == "3 × the 12,000 TPS peak")
        #expect(try Self.facts(throughput: "12k TPS peak, 1.5k TPS average").throughput.inbound == nil)
    }

    /// A level in parentheses about something else states nothing about the scopes around it; a level alone
    /// in parentheses tags its sentence; an audit trail is no level.
    @Test func aParentheticalLevelKeepsToItsParentheses() throws {
        let recall = try Self.read(consistency: "once released the payment cannot be recalled reliably (gCase/camt.056 is best effort), so a payment must never be submitted twice. SOX audit trail.")
        #expect(!recall.facts.warnings.contains { $0.id == "reading.contradiction" })
        #expect(recall.facts.consistency.unscoped == nil && recall.facts.consistency.moneyPath.tier == "strict")
        let tag = try Self.facts(consistency: "don't post revenue to the ledger until confirmed (strong).")
        #expect(tag.consistency.scopes.contains { $0.scope == "ledger" && $0.tier == "strong" })
    }

    /// A number inside an identifier and a count of things other than payments are no figures.
    @Test func identifiersAndCountsOfThingsAreNoFigures() throws {
        let camt = try Self.facts(throughput: "10 TPS peak; statements arrive as camt.054 files").throughput
        #expect(camt.designPeak.tps == 10 && camt.sustained == nil)
        let outputs = try Self.facts(throughput: "withdrawals batched every 10 min into one tx, up to 200 outputs; peak 15/s").throughput
        #expect(outputs.designPeak.tps == 15)
    }

    /// A provider's rate limit is checked against the load, never added to it, and the reader says so.
    @Test func aRateLimitIsNotALoad() throws {
        let fireblocks = try Self.read(throughput: "peak 5/s. Fireblocks API rate limit ~ 20 rps.")
        #expect(fireblocks.facts.throughput.designPeak.tps == 5)
        #expect(fireblocks.facts.warnings.contains { $0.id == "reading.rate-limit" && $0.phrase?.text.contains("20 rps") == true })
        let stripe = try Self.facts(throughput: "50,000 checkout attempts/sec at peak. Stripe rate limits us (we have a raised limit of ~10k req/s)").throughput
        #expect(stripe.designPeak.tps == 50_000)
    }

    /// "Later" as time ("indemnity claims years later", "returned days later") states no level; "posted
    /// later" does.
    @Test func laterAsTimeIsNoLevel() throws {
        let claims = try Self.facts(consistency: "Ledger strong; indemnity claims (DDICA) can arrive years later.")
        #expect(claims.consistency.ledger.tier == "strong" && claims.consistency.unscoped == nil)
        #expect(try Self.facts(consistency: "payments strong; the ledger is posted later").consistency.ledger.tier == "eventual")
    }

    /// A refused relaxation is a floor: a stronger level for the same scope meets it, in either order, and
    /// no contradiction is reported; the stronger level decides.
    @Test(arguments: [
        "No duplicate auths from terminal retries. We are NOT ok with eventual consistency for the auth decision.",
        "We are NOT ok with eventual consistency for payment initiation. No duplicate payments, ever.",
        "Payment initiation must not be eventually consistent; payment initiation strictly serializable",
    ])
    func aFloorAndAStrongerLevelAgree(_ text: String) throws {
        let reading = try Self.read(consistency: text)
        #expect(!reading.facts.warnings.contains { $0.id == "reading.contradiction" })
        #expect(reading.facts.consistency.moneyPath.tier == "strict")
    }

    /// A refused relaxation ("NOT ok with eventual consistency") requires at least strong consistency.
    @Test(arguments: ["We are NOT ok with eventual consistency", "eventual consistency is not acceptable"])
    func aRefusedRelaxationRequiresStrongConsistency(_ text: String) throws {
        let consistency = try Self.facts(consistency: text).consistency
        #expect(consistency.moneyPath.tier == "strong")
        #expect(consistency.ledger.tier == "strong")
        #expect(consistency.unscoped?.level == "strong")
    }

    /// A figure before a noun that counts things is a population, not a rate; a negation reaches only the
    /// figures of its own comma-segment; "overnight" is the sustained rate.
    @Test func populationsNegationScopeAndOvernightAreReadAsMeant() throws {
        let stores = try Self.facts(throughput: "6,000 auths/sec at Black Friday lunchtime across ~40k stores; ~300 auths/sec overnight.").throughput
        #expect(stores.designPeak.tps == 6_000)
        #expect(stores.sustained?.tps == 300)
        let files = try Self.facts(throughput: "About 3M collections/month in nightly files. No real-time requirement, maybe 30 TPS when building files.").throughput
        #expect(files.peak?.tps == 30)
        #expect(try Self.facts(throughput: "no more than 250 TPS").throughput.designPeak.tps == 250)
    }

    /// Residency said in plain words, active/passive with a slash, a versioned Oracle and shard words.
    @Test func moreRegionStoreAndRailWordsAreReadAsMeant() throws {
        #expect(try Self.facts(consistency: "UK data stays in the UK; strong consistency").consistency.residency != nil)
        #expect(try Self.facts(consistency: "Active/passive across two DCs, strong").consistency.regionMode == "single-region")
        #expect(try Self.facts(consistency: "Oracle 19c with Data Guard; strong").consistency.statedStore?.engine == "oracle")
        #expect(try Self.facts(rails: "Cross-shard transfers between customer accounts, and Faster Payments").rails.map(\.name) == ["Faster Payments"])
        // A token named bare again after it was named on its chains is the same token.
        #expect(try Self.facts(rails: "USDC on Solana and Ethereum via our custody provider. Customers send USDC to a deposit address").rails.map(\.name) == ["USDC on Solana", "USDC on Ethereum"])
        // Tokens in parentheses take the chains named after them.
        let tokens = try Self.facts(rails: "ERC-20 (USDC, USDT) on Ethereum and Polygon").rails.map(\.name)
        #expect(tokens == ["USDC on Ethereum", "USDC on Polygon", "USDT on Ethereum", "USDT on Polygon"])
    }

    /// Two different cloud region codes, in sentences with no standby word, are several active regions;
    /// one code, the same code twice, or a DR region are not.
    @Test(arguments: [
        ("DynamoDB global tables; strong", true),
        ("CockroachDB with REGIONAL BY ROW tables; strong", true),
        ("Tables in eu-west-1 and eu-central-1; strong", true),
        ("Spanner in europe-west1 and us-central1; strong", true),
        ("Deployed to westeurope and northeurope; strong", true),
        ("Postgres in us-east-1; strong", false),
        ("Postgres in us-east-1, then us-east-1 again; strong", false),
        ("Primary in us-east-1, DR in us-west-2; strong", false),
        ("Writer in eu-west-1 with a read replica in eu-central-1; strong", false),
        ("eu - west - 1 and us - east - 1 spaced out; strong", false),
    ] as [(String, Bool)])
    func cloudRegionCodesNameSeveralActiveRegions(_ text: String, _ multiRegion: Bool) throws {
        #expect((try Self.facts(consistency: text).consistency.multiRegion != nil) == multiRegion)
    }

    /// Regions said with the load or the rails count when the consistency input names none; a single-writer
    /// global database is one writing region.
    @Test func regionsSaidElsewhereAreRead() throws {
        let crdb = try Self.facts(throughput: "20 TPS. CockroachDB multi-region (London, Frankfurt, Mumbai) for transfers", consistency: "sender charged once")
        #expect(crdb.consistency.regionMode == "multi-region" && crdb.consistency.multiRegion?.variable == InputReader.throughputVariable)
        let aurora = try Self.facts(throughput: "3,500 TPS on Aurora PostgreSQL Global Database (single writer in eu-west-1)", consistency: "never double-capture")
        #expect(aurora.consistency.regionMode == "single-region" && aurora.consistency.singleRegion != nil)
        // The consistency input's own stance comes first.
        let own = try Self.facts(throughput: "20 TPS, multi-region", consistency: "strong; single region")
        #expect(own.consistency.regionMode == "single-region")
    }

    @Test func theRegionCodesPhraseIsQuotedFromFirstToLast() throws {
        let phrase = try #require(try Self.facts(consistency: "Tables in eu-west-1 and eu-central-1; strong").consistency.multiRegion)
        #expect(phrase.text == "eu-west-1 and eu-central-1")
    }

    /// A store named with the rails or the load is the store in use, and an unmodelled one is warned about
    /// there too; a resource manager read as a rail under XA is not a store, and the consistency input's
    /// own store comes first.
    @Test func aStoreNamedOutsideTheConsistencyInputIsRead() throws {
        #expect(try Self.facts(rails: "Stripe, with the ledger in CockroachDB").consistency.statedStore?.engine == "cockroachdb")
        #expect(try Self.facts(throughput: "100 TPS on our DynamoDB tables").consistency.statedStore?.engine == "dynamodb")
        #expect(try Self.facts(rails: "Oracle and MySQL under XA").consistency.statedStore == nil)
        #expect(try Self.facts(rails: "Stripe; we moved off DynamoDB").consistency.statedStore == nil)
        #expect(try Self.facts(rails: "Stripe, ledger in CockroachDB", consistency: "strong; Spanner").consistency.statedStore?.engine == "spanner")
        let tigerBeetle = try Self.read(rails: "Internal transfers with TigerBeetle as the ledger")
        #expect(tigerBeetle.facts.warnings.contains { $0.id == "reading.unmodelled-store" && $0.phrase?.variable == InputReader.railsVariable })
    }

    /// A provider payarch has no rail rows for (an issuer processor, an API in front of bank rails) is named
    /// in a warning once, unless it is ruled out; it is never a rail.
    @Test func aProviderWithoutRailRowsIsWarnedAbout() throws {
        let reading = try Self.read(rails: "card holds from Marqeta JIT funding webhooks, and Faster Payments via ClearBank; Marqeta again")
        #expect(reading.facts.rails.map(\.name) == ["Faster Payments"])
        #expect(reading.facts.warnings.filter { $0.id == "reading.unmodelled-provider" }.map { $0.phrase?.text } == ["Marqeta"])
        // The notice, shown in the design, names no rail that was not given.
        let notice = try #require(reading.facts.warnings.first { $0.id == "reading.unmodelled-provider" }?.message)
        #expect(!["ACH", "Visa", "Faster Payments"].contains(where: notice.contains))
        #expect(!(try Self.read(rails: "ACH debits; we dropped Dwolla last year").facts.warnings.contains { $0.id == "reading.unmodelled-provider" }))
    }

    /// An unknown name's own words say its class: "Open Banking PIS" is an account-to-account push.
    @Test func anUnknownNameIsClassedByItsOwnWordsToo() throws {
        let rail = try #require(try Self.facts(rails: "Bacs Direct Debit collections, or repayments via Open Banking PIS (TrueLayer)").rails.last)
        #expect(rail.name == "Open Banking PIS" && rail.railClass == "instant-push")
    }

    /// An input from a card issuer's side is told, once, that payarch does not design that side.
    @Test func anIssuersSideIsWarnedAbout() throws {
        let issuer = try Self.read(rails: "We are the issuer processor: we answer authorisation requests from the network for our card issuing clients, Visa and Mastercard")
        #expect(issuer.facts.warnings.filter { $0.id == "reading.issuer-side" }.count == 1)
        #expect(!(try Self.read(rails: "Visa and Mastercard acquiring for our terminals").facts.warnings.contains { $0.id == "reading.issuer-side" }))
    }

    @Test func sweepsAreCredits() throws {
        #expect(try Self.facts(rails: "Same Day ACH for domestic sweeps").rails.map(\.id) == ["ach-credit"])
    }

    @Test func sepaDirectDebitIsNotACreditTransfer() throws {
        let rail = try #require(try Self.facts(rails: "SEPA Direct Debit collections").rails.first)
        #expect(rail.railClass == "direct-debit")
    }

    @Test func ukDirectDebitsGetASagaWithoutAnAuthorisationToVoid() throws {
        let inputs = try Bundled.inputs(rails: "UK direct debits", throughput: "50 TPS", consistency: "strong")
        let (plan, markdown) = try Bundled.design(inputs)
        #expect(plan.facts.rails.map(\.id) == ["bacs-direct-debit"])
        #expect(plan.decision("coordination")?.row == "COORD-SAGA-ORCHESTRATED")
        #expect(!markdown.contains("void the authorisation"))
    }

    @Test func oracleAndDb2UnderXAGetTwoPhaseCommit() throws {
        let inputs = try Bundled.inputs(rails: "Oracle and Db2 under XA", throughput: "200 TPS", consistency: "atomic across both databases")
        let (plan, _) = try Bundled.design(inputs)
        #expect(plan.facts.rails.map(\.id) == ["oracle", "db2"])
        #expect(plan.decision("coordination")?.row == "COORD-2PC-XA")
        #expect(plan.decision("datastore")?.row == "STORE-XA-RESOURCE")
    }

    @Test func anUnknownRailNeverOutranksAKnownOne() throws {
        let facts = try Self.facts(rails: "Satispay payments, plus Same Day ACH credits")
        #expect(facts.rails.map(\.name) == ["Satispay", "ACH Credit"])
        #expect(facts.governingClass == "batch-credit")
    }

    // MARK: - Words that are not rails

    @Test(arguments: [
        ("PIX in Brazil and UPI in India", ["PIX", "UPI"]),
        ("Dutch customers pay with iDEAL", ["iDEAL"]),
        ("Faster Payments for UK payouts", ["Faster Payments"]),
        ("SEPA Direct Debit Core and SEPA Instant", ["SEPA Direct Debit Core", "SEPA Instant"]),
        ("Oracle and Db2, XA-capable, under a JTA transaction manager", ["Oracle", "Db2"]),
        ("Apple devices only, payments via Stripe", ["Stripe"]),
        ("our Swift backend calls Adyen", ["Adyen"]),
        // API names, transaction types, protocols and codes in parentheses or lists are not rails.
        ("Stripe (PaymentIntents, off_session with saved cards, SCA exemptions via MIT) is primary", ["Stripe"]),
        ("we connect to Mastercard (MIP) and Visa (VisaNet) via ISO 8583 from SoftPOS terminals", ["Mastercard", "Visa"]),
        ("ACH debits; returns R01/R02/R03/R29 and NOCs must be handled", ["ACH Debit"]),
        ("SEPA Instant payouts with Verification of Payee (VoP) before each new payee", ["SEPA Instant"]),
        ("FX booked with two banks via FIX/API before the SWIFT gpi payment", ["SWIFT gpi"]),
        ("withdrawals through BitGo (custodial wallets, policy engine, TSS): BTC and ETH", ["Bitcoin", "Ethereum"]),
        ("Cards via Adyen (Checkout API, shopperReference / recurringDetailReference). We get AUTHORISATION, CAPTURE, REFUND and CHARGEBACK webhooks. Monthly renewals", ["Adyen"]),
        ("We route to Visa (BASE I via VAP) and Mastercard (Banknet via MIP)", ["Visa", "Mastercard"]),
        ("Property & casualty insurer paying claims. Primary: Zelle via our bank's API", ["Zelle"]),
        ("One-off bill payments by PayID over NPP. Authorise at checkout through Adyen", ["NPP", "Adyen"]),
        // A capitalised unknown name in parentheses that is not after a rail is still read.
        ("our new provider (Paysafe) for cards", ["Paysafe"]),
    ])
    func wordsThatAreNotRailsStayOut(_ text: String, _ expected: [String]) throws {
        let names = try Self.facts(rails: text).rails.map(\.name)
        #expect(names == expected, "'\(text)' reads as \(names)")
        for word in ["Brazil", "India", "Dutch", "Faster", "Core", "Instant", "XA-capable", "Apple", "SWIFT", "Swift"] {
            #expect(!names.contains(word))
        }
    }

    // MARK: - Negation and scope

    @Test func noACHOnlyStripeExcludesACHAndKeepsTheOutbox() throws {
        let inputs = try Bundled.inputs(rails: "No ACH; only cards via Stripe", throughput: "100 TPS", consistency: "strong")
        let (plan, _) = try Bundled.design(inputs)
        #expect(plan.facts.rails.map(\.name) == ["Stripe"])
        #expect(plan.facts.excludedRails.map(\.reason) == [.negated])
        #expect(plan.decision("coordination")?.row == "COORD-OUTBOX-API")
    }

    @Test func notNeedingStrongConsistencyRelaxesThatScope() throws {
        let facts = try Self.facts(consistency: "we do not need strong consistency for the ledger")
        #expect(facts.consistency.scopes.first { $0.scope == "ledger" }?.tier == "eventual")
    }

    @Test(arguments: ["the ledger must never diverge", "the ledger must not be inconsistent"])
    func neverDivergingIsStrong(_ text: String) throws {
        let tier = try #require(try Self.facts(consistency: text).consistency.scopes.first { $0.scope == "ledger" }).tier
        #expect(tier == "strong" || tier == "strict", "'\(text)' reads as \(tier)")
    }

    @Test func aHighlyAvailableAPIWeakensNothingItDoesNotName() throws {
        let facts = try Self.facts(consistency: "highly available API; ledger strongly consistent; balances read-your-writes")
        #expect(facts.consistency.ledger.tier == "strong")
        #expect(facts.consistency.scopes.first { $0.scope == "balances" }?.tier == "causal")
        #expect(facts.consistency.scopes.allSatisfy { !$0.availabilityFirst })
        #expect(facts.consistency.apState == "cp-only")
    }

    @Test func availabilityAppliesOnlyToTheScopeItNames() throws {
        let facts = try Self.facts(consistency: "reporting can favour availability; payment state strongly consistent")
        #expect(facts.consistency.scopes.first { $0.scope == "reporting" }?.availabilityFirst == true)
        #expect(facts.consistency.scopes.first { $0.scope == "payment-state" }?.tier == "strong")
        #expect(facts.consistency.moneyPath.tier == "strong")
    }

    @Test(arguments: [
        ("exactly once per payout", "payment-initiation", "strict"),
        ("balances linearizable", "balances", "strict"),
        ("read-your-writes on the wallet balance", "balances", "causal"),
        ("reporting may lag by 30 seconds", "reporting", "eventual"),
    ])
    func consistencyWordsReadAsTheirLevel(_ text: String, _ scope: String, _ tier: String) throws {
        let found = try Self.facts(consistency: text).consistency.scopes.first { $0.scope == scope }
        #expect(found?.tier == tier, "'\(text)' gives \(String(describing: found))")
    }

    @Test func aLagBoundIsKeptAsAFact() throws {
        let bounds = try Self.facts(consistency: "reporting may lag by 30 seconds").consistency.lagBounds
        #expect(bounds.map(\.seconds) == [30])
        #expect(bounds.first?.scope == "reporting")
    }

    // MARK: - Throughput forms

    @Test(arguments: [
        ("1 000 TPS", 1000.0),
        ("1\u{202F}000 TPS", 1000),
        ("1\u{00A0}000 TPS", 1000),
        ("TPS: 800 sustained, 2,000 peak", 2000),
        ("~1k TPS average, 5x at peak", 5000),
        ("500–800 TPS", 800),
    ])
    func throughputFormsReadAsTheirPeak(_ text: String, _ peak: Double) throws {
        let found = try #require(try Self.facts(throughput: text).throughput.peak, "'\(text)' gives no peak")
        #expect(abs(found.tps - peak) < 0.01, "'\(text)' reads as \(found.tps)")
    }

    @Test(arguments: [("1.2M payments per hour", 333.33), ("86,400 transfers a day", 1.0), ("2 files a day, ~150k entries each", 3.47)])
    func volumesPerPeriodConvertToASustainedRate(_ text: String, _ tps: Double) throws {
        let sustained = try #require(try Self.facts(throughput: text).throughput.sustained, "'\(text)' gives no rate")
        #expect(abs(sustained.tps - tps) < 0.01, "'\(text)' reads as \(sustained.tps)")
        #expect(sustained.derivation != nil, "the conversion is stated")
    }

    @Test func aMultiplierOfAMonthlyVolumeIsApplied() throws {
        let throughput = try Self.facts(throughput: "10 million per month, peaks of 40x").throughput
        let sustained = 10_000_000.0 / 2_592_000
        #expect(abs((throughput.sustained?.tps ?? 0) - sustained) < 0.001)
        #expect(abs((throughput.peak?.tps ?? 0) - 40 * sustained) < 0.01)
        #expect(throughput.sustained?.derivation?.contains("per month") == true, "the conversion is stated")
    }

    @Test func aPeakStatedAsAMultipleGivesTheBaseline() throws {
        let throughput = try Self.facts(throughput: "40k TPS peak during market spikes, 4x baseline.").throughput
        #expect(throughput.peak?.tps == 40_000)
        #expect(throughput.sustained?.tps == 10_000)
        #expect(throughput.sustained?.derivation == "40,000 TPS ÷ 4")
    }

    @Test(arguments: ["0 TPS", "-500 TPS", "50,000,000,000 TPS"])
    func zeroNegativeAndAbsurdFiguresAreRefused(_ text: String) throws {
        let inputs = try Bundled.inputs(rails: "Stripe", throughput: text, consistency: "strong")
        #expect(throws: PayarchError.self) { try Bundled.generator.plan(inputs) }
        let reading = try Self.read(throughput: text)
        #expect(reading.facts.throughput.peak == nil)
        #expect(reading.warnings.contains { ["reading.zero-figure", "reading.negative-figure", "reading.absurd-figure"].contains($0.id) })
    }

    @Test(arguments: [("P50 80ms", 50.0, 80.0), ("p95 under 250 ms", 95, 250), ("P99.9 < 1.5 s", 99.9, 1500)])
    func latencyTargetsKeepTheirPercentile(_ text: String, _ percentile: Double, _ milliseconds: Double) throws {
        let target = try #require(try Self.facts(throughput: "100 TPS, " + text).throughput.latency.first)
        #expect(target.percentile == percentile)
        #expect(target.milliseconds == milliseconds)
    }

    // MARK: - Vague input

    @Test func vagueInputIsReportedNotDesignedSilently() throws {
        let reading = try Self.read(rails: "cards", throughput: "fast", consistency: "consistent")
        let ids = Set(reading.warnings.map(\.id))
        #expect(ids.isSuperset(of: ["reading.no-rail", "reading.no-throughput", "reading.no-consistency"]))
        #expect(reading.facts.assumptions.count >= 3)
    }

    @Test func everyAssumptionIsAlsoAWarning() throws {
        let reading = try Self.read(throughput: "500 TPS sustained", consistency: "payment state strongly consistent")
        let ids = reading.facts.assumptions.map(\.id)
        #expect(ids.contains("throughput.peak-from-sustained") && ids.contains("consistency.ledger"))
        #expect(reading.warnings.map(\.id).contains("reading.assumed-peak"))
        #expect(reading.warnings.map(\.id).contains("reading.assumed-ledger"))
    }

    // MARK: - The architect's review

    /// Two levels for one scope: the stronger holds and the reader warns, so an unscoped relaxed phrase can
    /// no longer lower the money path ("strongly consistent" and "exactly one" used to cancel out, leaving
    /// "eventually consistent" to decide).
    @Test func twoLevelsForOneScopeKeepTheStronger() throws {
        let reading = try Self.read(
            consistency: "Authorisation state must be strongly consistent; every approved authorisation must end in exactly one clearing record; clearing files may be built eventually consistent.")
        let consistency = reading.facts.consistency
        #expect(consistency.moneyPath.tier == "strict")
        #expect(consistency.scopes.first { $0.scope == "payment-state" }?.tier == "strong")
        #expect(consistency.scopes.first { $0.scope == "reconciliation" }?.tier == "eventual")
        let both = try Self.read(consistency: "Checkout must be strongly consistent, and checkout can be eventually consistent.")
        #expect(both.facts.consistency.scopes.first { $0.scope == "payment-initiation" }?.tier == "strong")
        #expect(both.warnings.contains { $0.id == "reading.contradiction" && $0.message.contains("the stronger, 'strongly consistent', is used") })
    }

    /// Atomicity adds to an isolation level; it does not contradict it.
    @Test func atomicAndSerializableOnOneScopeAreBothWanted() throws {
        let reading = try Self.read(consistency: "The ledger update and the message must be atomic; serializable ledger.")
        #expect(!reading.warnings.contains { $0.id == "reading.contradiction" })
        #expect(reading.facts.consistency.scopes.first { $0.scope == "ledger" }?.tier == "strict")
    }

    /// Causal consistency is its own level, not read-your-writes.
    @Test func causalIsNotReadYourWrites() throws {
        let causal = try Self.facts(consistency: "strict serializability for payments; causal consistency for the ledger")
        #expect(causal.consistency.scopes.first { $0.scope == "ledger" }?.level == "causal")
        let session = try Self.facts(consistency: "strict serializability for payments; read-your-writes for balances")
        #expect(session.consistency.scopes.first { $0.scope == "balances" }?.level == "read-your-writes")
    }
}

/// Bounds on what one variable can make the reader do: past `ThroughputReader.maxFigures` figures (or
/// durations) the rest is not read, and a warning says so; below it every figure counts.
@Suite struct ReaderBoundsTests {
    /// A bare count takes "TPS" only from its own sentence or an earlier one; a count on named days of the
    /// month is a rate over those days; a figure in parentheses at about the same rate restates the one
    /// before it.
    @Test func aBareCountNeverTakesAUnitFromALaterSentence() throws {
        let later = try MisreadingRegressionTests.facts(throughput: "About 2 million collections per month; peak ~5M on the 1st. Online API < 50 TPS.").throughput
        #expect(later.designPeak.tps < 200, "read as \(later.designPeak.tps) TPS")
        #expect(later.peak?.derivation?.contains("5,000,000 on 1 named day ÷ 86,400 s") == true || later.designPeak.derivation?.contains("57.87") == true)
        let earlier = try MisreadingRegressionTests.facts(throughput: "between 1,000 and 1,500 TPS at peak. 300 on average").throughput
        #expect(earlier.sustained?.tps == 300)
        let restated = try MisreadingRegressionTests.facts(throughput: "~20 TPS peak on the 1st renewal run (about 400k renewals spread over 6 hours), otherwise 1-2 TPS").throughput
        #expect(restated.designPeak.tps == 20)
    }

    @Test func figuresBeyondTheLimitAreNotReadAndAWarningSaysSo() throws {
        let limit = ThroughputReader.maxFigures
        let over = String(repeating: "10 TPS, ", count: limit) + "900 TPS peak"
        let reading = try MisreadingRegressionTests.read(throughput: over)
        #expect(reading.warnings.contains { $0.id == "reading.too-many-figures" })
        // The 900 TPS figure is the 201st: not read.
        #expect(reading.facts.throughput.designPeak.tps < 900)
        let within = String(repeating: "10 TPS, ", count: limit - 1) + "900 TPS peak"
        let read = try MisreadingRegressionTests.read(throughput: within)
        #expect(!read.warnings.contains { $0.id == "reading.too-many-figures" })
        #expect(read.facts.throughput.designPeak.tps == 900)
    }
}
