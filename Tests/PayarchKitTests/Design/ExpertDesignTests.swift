import Foundation
import PayarchTestSupport
import Testing
@testable import PayarchKit

/// Each error the payments architect's review found, pinned by the behaviour that fixes it.
@Suite struct ExpertDesignTests {
    func design(_ rails: String, _ throughput: String = "100 TPS", _ consistency: String = "strong consistency") throws -> (DesignPlan, String) {
        try Bundled.design(try Bundled.inputs(rails: rails, throughput: throughput, consistency: consistency))
    }

    /// The text of one `## ` section.
    func section(_ title: String, of markdown: String) throws -> String {
        let parts = markdown.components(separatedBy: "\n## " + title + "\n")
        try #require(parts.count == 2, "no section \(title)")
        return parts[1].components(separatedBy: "\n## ").first ?? ""
    }

    // MARK: - Rail facts

    @Test func stripeKeyReusedWithOtherParametersFailsAgainWhileTheKeyIsKept() throws {
        let markdown = try design("Stripe").1
        #expect(markdown.contains("the same mismatched retry fails again for as long as the key is kept, so it is a client bug"))
        #expect(markdown.contains("nothing is saved for that request (nor for one that fails parameter validation)"))
        #expect(!markdown.contains("neither result is saved"))
        #expect(!markdown.contains("both are safe to retry"))
    }

    /// Local retention is the longest key or late-event window of the rails given plus the margin, never a
    /// fixed 30 days, and it is not the audit record-keeping period.
    @Test(arguments: [("Adyen", 38, "Adyen's 31 days"), ("PayPal", 52, "PayPal's 45 days"), ("Braintree", 37, "Braintree's 30 days"), ("Stripe and PayPal", 52, "PayPal's 45 days")])
    func retentionOutlivesTheLongestRailWindow(_ rails: String, _ days: Int, _ reason: String) throws {
        let markdown = try design(rails).1
        #expect(markdown.contains("**Reaper.** Keys expire after \(days) days"))
        #expect(markdown.contains("the longest window among the rails given is \(reason) (key-retention), plus a 7-day margin"))
        #expect(markdown.contains("payments and ledger entries are kept for the record-keeping period the business's regulator sets"))
        #expect(!markdown.contains("Keys expire after 30 days: it outlives every processor key window"))
    }

    /// Each class resolves an unknown outcome its own way; none by a lookup by merchant reference at the
    /// processor, and the completer waits for the rail's own deadline, not an hour.
    @Test(arguments: [
        ("Stripe", "card PSP API", "re-send the identical request under the same key"),
        ("PayPal", "wallet", "query the order by the order id or merchant order number stored before the call"),
        ("Visa", "card network (ISO 8583)", "send a reversal of the original: an 0400 request or an 0420 advice"),
        ("Ethereum", "account-based chain", "Look the payout up by the transaction id computed before broadcast"),
        ("Bitcoin", "UTXO chain", "Look the payout up by the `txid` computed before broadcast"),
        ("FedNow", "instant push credit", "ask about the original instruction by the reference stored before the send"),
    ])
    func unknownOutcomeIsResolvedAsTheClassPrescribes(_ rails: String, _ className: String, _ resolution: String) throws {
        let markdown = try design(rails).1
        let paragraph = try #require(markdown.components(separatedBy: "**Unknown outcome on \(className): \(rails).**").dropFirst().first?.components(separatedBy: "\n").first)
        #expect(paragraph.contains(resolution))
        #expect(!markdown.contains("lookup by merchant reference at the processor"))
        let completer = try #require(markdown.components(separatedBy: "**Completer.**").dropFirst().first?.components(separatedBy: "\n").first)
        #expect(completer.contains("passed its rail's deadline"))
        #expect(!completer.contains("hour"))
    }

    @Test func achHasNoRailDuplicateGuardAndItsOwnCorrections() throws {
        let markdown = try design("ACH Debit").1
        #expect(markdown.contains("Duplicate guard: none of its own: a Trace Number (15 digits) identifies an entry within a file and the File ID Modifier tells same-day files apart, but a duplicate entry surfaces only days later as an R24 return, so the guard is your own file and entry records."))
        #expect(markdown.contains("Reversing Entry"))
        #expect(markdown.contains("5 banking days"))
        #expect(markdown.contains("Notification of Change"))
        #expect(!markdown.contains("the 15-digit Nacha trace number"))
    }

    @Test(arguments: ["FedNow", "BACS Direct Debit", "SEPA Direct Debit Core", "SEPA Instant", "ACH Debit"])
    func pushAndDebitRailsGetNoCardText(_ rails: String) throws {
        let markdown = try design(rails).1.lowercased()
        for phrase in ["void the authorisation", "before capture", "chargeback", "3-d secure", "authorisation expiry"] {
            #expect(!markdown.contains(phrase), "\(rails): \(phrase)")
        }
    }

    @Test func directDebitsCarryTheirMandateAndRefundRights() throws {
        let sepa = try design("SEPA Direct Debit Core").1
        #expect(sepa.contains("refunded within 8 weeks with no reason"))
        #expect(sepa.contains("13 months"))
        let bacs = try design("BACS Direct Debit").1
        for term in ["AUDDIS", "ARUDD", "ADDACS", "indemnity"] { #expect(bacs.contains(term), "\(term)") }
    }

    /// The scheme-specific inquiry is the rail's own (FedNow's pacs.028), not the class's.
    @Test func fedNowNamesItsOwnStatusRequest() throws {
        #expect(try design("FedNow").1.contains("pacs.028"))
        #expect(!(try design("Faster Payments").1.contains("pacs.028")))
    }

    @Test func instantPushHoldsFundsBeforeTheIrrevocableSend() throws {
        let markdown = try design("FedNow").1.lowercased()
        #expect(markdown.contains("funds hold") || markdown.contains("hold the funds"))
    }

    @Test func cryptoFollowsEachChainsModel() throws {
        let bitcoin = try design("Bitcoin").1
        #expect(!bitcoin.contains("next nonce") && !bitcoin.contains("same nonce"))
        #expect(bitcoin.contains("RBF replacement that spends the same inputs") && bitcoin.contains("a child transaction spending its change output"))
        #expect(bitcoin.contains("1,674"))
        #expect(bitcoin.contains("never by a new transaction built from other inputs"))
        let ethereum = try design("Ethereum").1
        #expect(ethereum.contains("receipt `status` 0 and has still used up its nonce"))
        let solana = try design("Solana").1
        #expect(!solana.contains("next nonce") && !solana.contains("EVM"))
    }

    /// Balances customers hold ("merchant balances", "wallet balances") get the balance barrier even with no
    /// payout rail that holds funds.
    @Test func heldBalancesGetTheBalanceBarrier() throws {
        let markdown = try design("Paystack card pay-ins", "50 TPS", "strong; withdrawals never more than the available balance; merchant balances in MongoDB").1
        #expect(markdown.contains("**Barrier 6, a balance never goes below zero (customers hold balances).**"))
        #expect(!(try design("Stripe", "50 TPS", "strong").1.contains("**Barrier 6, a balance never goes below zero")))
    }

    /// Refunds sent on a push rail draw on no balance: when every rail that sends carries refunds and no
    /// balance is held, Barrier 6 bounds each refund by what its payment has left to refund (a conditional
    /// update on the refundable amount) and the flow reserves against it; the input's own rule that refunds
    /// never exceed what was collected gets that barrier too, after the balance barrier when there is one.
    @Test func refundsAreBoundedByThePaymentTheyRefund() throws {
        let (plan, retailer) = try design("Cards via Adyen; for returned orders we refund via SEPA Credit Transfer", "100 TPS")
        #expect(plan.facts.rails.last?.isRefund == true)
        #expect(retailer.contains("**Barrier 6, a refund never exceeds what its payment has left to refund.** A refund on SEPA Credit Transfer reserves its amount against the refundable amount of the payment it refunds"))
        #expect(retailer.contains("`WHERE refundable >= amount`"))
        #expect(retailer.contains("reserve the amount of a refund on SEPA Credit Transfer against the refundable amount of the payment it refunds"))
        #expect(!retailer.contains("a balance never goes below zero") && !retailer.contains("pending ledger hold on the amount of a payout"))
        // Payouts that are no refunds keep the balance barrier.
        let payouts = try design("Cards via Adyen; sellers are paid out via SEPA Credit Transfer", "100 TPS").1
        #expect(payouts.contains("**Barrier 6, a balance never goes below zero") && !payouts.contains("a refund never exceeds"))
        // The stated rule, with balances held: balance barrier 6, refund barrier 7, the input's gates after.
        let stated = try design(
            "Wallet top-ups by card via Stripe", "100 TPS",
            "strong; total refunds on a top-up must never exceed what was captured; payouts only after KYC is approved").1
        #expect(stated.contains("**Barrier 6, a balance never goes below zero") && stated.contains("**Barrier 7, a refund never exceeds what its payment has left to refund.** A refund reserves"))
        #expect(stated.contains("**Barrier 8, stated by the input:"))
        #expect(!stated.contains("\"total refunds on a top-up must never exceed what was captured\""))
        let dynamo = try design("Cards via Adyen; refunds never exceed the captured amount", "100 TPS", "strong; DynamoDB").1
        #expect(dynamo.contains("a `ConditionExpression` of `refundable >= :amount` on the payment item"))
    }

    /// A store the input runs that payarch has no rows for is never "no store named": the design says it is
    /// a stand-in in another store's terms, to translate; beside a store it has rows for, the other is named.
    @Test func anUnmodelledStoreIsAStandInNeverNoStore() throws {
        let tidb = try design("Razorpay", "100 TPS", "strong; TiDB cluster in Mumbai").1
        #expect(tidb.contains("**Assumption: the input runs TiDB, for which payarch has no design rows: the store statements below are written for"))
        #expect(!tidb.contains("no store is named"))
        let both = try design("Visa and Mastercard over ISO 8583", "100 TPS", "strong; authorisations in ScyllaDB, funding in PostgreSQL").1
        #expect(both.contains("the input also names ScyllaDB, for which payarch has no design rows; the store statements below are written for the store in use above, so if ScyllaDB holds the keys"))
        #expect(!(try design("Stripe", "100 TPS", "strong").1.contains("for which payarch has no design rows")))
    }

    /// Resource managers named under XA with the constraints are rails too; when the design links them by an
    /// outbox although the input asks for atomic commit, it says so and how to keep 2PC for the internal leg.
    @Test func aStatedAtomicCommitThatTheDesignDoesNotKeepIsSaid() throws {
        let (plan, markdown) = try design(
            "ACH debits for loan repayments", "50 TPS",
            "strict; transfers use two-phase commit across Oracle Database and IBM MQ today and we want to keep that")
        #expect(plan.facts.rails.filter { $0.railClass == "xa-resource" }.map(\.name) == ["Oracle", "IBM MQ"])
        #expect(markdown.contains("**Assumption: the input asks for atomic commit across Oracle and IBM MQ (\"two-phase commit\"), and this design does not give it"))
        // A design that keeps 2PC says nothing of the kind.
        let kept = try design("Oracle Database and IBM MQ under XA two-phase commit", "50 TPS", "strict; two-phase commit").1
        #expect(!kept.contains("and this design does not give it"))
    }

    /// An approval above an amount is a barrier: the payment over it waits for an approval by someone other
    /// than its initiator, for its own amount, once; a gate that is no approval says nothing of the kind.
    @Test func anApprovalAboveAnAmountIsAFourEyesBarrier() throws {
        let markdown = try design("Payouts via SEPA Credit Transfer", "50 TPS", "strong; payouts above EUR 10,000 require dual approval from finance").1
        #expect(markdown.contains("**Barrier 7, stated by the input: \"payouts above EUR 10,000\" waits for \"dual approval from finance\".**"))
        #expect(markdown.contains("the guard refuses an approval by the initiator, the threshold is tested on the payment's own amount in its own currency, and one approval opens one payment only"))
        let plain = try design("Payouts via SEPA Credit Transfer", "50 TPS", "strong; payouts are sent only after KYC is approved").1
        #expect(plain.contains("stated by the input:") && !plain.contains("the guard refuses an approval by the initiator"))
    }

    /// A stated limit is a barrier after the input's gates: a counter per what it limits, reserved in the
    /// claim's transaction by a conditional update in the store's own terms.
    @Test func aStatedLimitIsACounterBarrier() throws {
        let markdown = try design("Payouts via SEPA Credit Transfer", "50 TPS", "strong; payouts only after KYC is approved; payouts per day capped at EUR 2M").1
        #expect(markdown.contains("**Barrier 8, stated by the input: \"payouts per day capped at EUR 2M\" is a limit.**"))
        #expect(markdown.contains("`WHERE used + :amount <= :limit`"))
        let dynamo = try design("Payouts via SEPA Credit Transfer", "50 TPS", "strong; DynamoDB; max 3 payouts per customer per day").1
        #expect(dynamo.contains("a `ConditionExpression` of `used + :amount <= :limit` on the counter item"))
    }

    /// Data kept in its jurisdiction: the decision appendix says one region per deployment for that reason,
    /// as the glance does, never that nothing asks for more than one region.
    @Test func residencyReadsTheSameInTheGlanceAndTheAppendix() throws {
        let markdown = try design("UPI via Razorpay", "100 TPS", "strong; data must stay in India").1
        #expect(markdown.contains("| Regions | one region per deployment, data kept in its region | `REGION-SINGLE` |"))
        #expect(markdown.contains("The input keeps its data in its own jurisdiction") && !markdown.contains("Nothing in the input asks for more than one active region"))
    }

    /// MySQL's failover is said for each way it is run, a self-run InnoDB Cluster included: majority commit,
    /// the zone that holds the majority, and the failover consistency setting that keeps a claim from missing
    /// a key on a new primary.
    @Test func mySQLFailoverCoversInnoDBCluster() throws {
        let markdown = try design("Stripe", "100 TPS", "strong; MySQL 8.0 InnoDB Cluster, 3 members across two AZs").1
        #expect(markdown.contains("a self-run InnoDB Cluster (Group Replication, single-primary) commits a transaction only once a majority of its members has agreed on its order"))
        #expect(markdown.contains("set `group_replication_consistency` to `BEFORE_ON_PRIMARY_FAILOVER` or stronger"))
    }

    /// A floor below zero the input allows replaces zero in the balance barrier; with none, the barrier
    /// keeps zero.
    @Test func aStatedBalanceFloorReplacesZero() throws {
        let floor = try design("Wallet top-ups by card via Stripe; payouts by RTP", "50 TPS", "strong; an account balance may go negative by at most $20").1
        #expect(floor.contains("**Barrier 6, a balance never goes below the floor the input allows"))
        #expect(floor.contains("The input lets a balance go below zero only as far as it states (\"may go negative by at most\")"))
        let zero = try design("Wallet top-ups by card via Stripe; payouts by RTP", "50 TPS", "strong").1
        #expect(zero.contains("**Barrier 6, a balance never goes below zero") && !zero.contains("the floor the input allows"))
    }

    /// One payment at a time per holder is a barrier of its own: a unique constraint over the payments not
    /// yet final, freed by the first one's final transition.
    @Test func oneAtATimeIsAUniqueConstraintOverPaymentsInFlight() throws {
        let markdown = try design("Cash-outs via PayPal Payouts", "50 TPS", "strong; one cash-out in flight per creator").1
        #expect(markdown.contains("**Barrier 6, stated by the input: \"one cash-out in flight per creator\" allows one at a time.**"))
        #expect(markdown.contains("a unique index on the holder that covers only the rows whose status is not final"))
        let reading = try InputReader(rules: Bundled.rules).read(rails: "RTP", throughput: "50 TPS", consistency: "strong; only one top-up may be in flight per account")
        #expect(reading.facts.limits.map(\.oneAtATime) == [true])
    }

    /// A merchant-initiated charge is keyed on what it pays for, a renewal or a one-off charge such as a tip,
    /// not only on a subscription's billing period.
    @Test func aMerchantInitiatedChargeIsKeyedOnWhatItPaysFor() throws {
        let markdown = try design("Stripe off-session tips after delivery", "100 TPS").1
        #expect(markdown.contains("send each later charge (a renewal, a top-up, a tip added after the order) off-session as a merchant-initiated payment under that agreement, keyed on what it pays for"))
    }

    /// Automatic capture makes the authorisation and capture one call: no separate capture step, capture
    /// deadline or void before capture; without the mode they stay.
    @Test func automaticCaptureHasNoSeparateCapture() throws {
        let automatic = try design("Stripe with automatic capture", "100 TPS").1
        #expect(automatic.contains("With automatic capture the authorisation and the capture are one call: record `CAPTURED` from its answer"))
        #expect(!automatic.contains("then capture under a separate key") && !automatic.contains("Capture Deadline") && !automatic.contains("Before capture"))
        let manual = try design("Stripe", "100 TPS").1
        #expect(manual.contains("then capture under a separate key") && manual.contains("Before capture") && !manual.contains("With automatic capture"))
    }

    /// A received credit is posted once under the scheme's identity and answered, never sent: no request
    /// that waits, no hold, no rail-call pool; its own events (a recall request received) and its own
    /// reconciliation against the bank's reports.
    @Test func aReceivedCreditIsPostedOnceAndAnsweredNeverSent() throws {
        let (plan, markdown) = try design("BTC withdrawals. Fiat on-ramp by SEPA credit transfer.", "20 TPS")
        #expect(plan.facts.rails.last?.railClass == "received-credit")
        #expect(markdown.contains("**SEPA Credit Transfer** (received credit transfer): Each received credit is claimed under the scheme's own identity for it"))
        #expect(markdown.contains("| Recall Request Received | loss |"))
        #expect(!markdown.contains("For SEPA Credit Transfer, the request waits for the rail"))
        #expect(!markdown.contains("| Concurrent rail calls, received credit transfer"))
        #expect(markdown.contains("per account report or file as it arrives"))
        #expect(!markdown.contains("place a pending ledger hold on the amount of a payout on SEPA Credit Transfer"))
        // Only the received rail's own events: no ACH or wire text.
        #expect(!markdown.contains("Reversing Entry Received") && !markdown.contains("IMAD"))
    }

    /// A rail the input sends and receives on is designed twice, each in its own terms: the credits
    /// received are claimed under the scheme's identity and keep only the rail's windows, returns and recalls
    /// (how a sender resolves a timeout, its status reports and its open items belong to the rail sent); they
    /// take no key of ours, no pending collection and no file cut-off.
    @Test func aRailSentAndReceivedIsDesignedInEachDirectionsTerms() throws {
        let (plan, markdown) = try design("Clients fund their accounts by SEPA Credit Transfer. We pay suppliers by SEPA Credit Transfer.", "20 TPS")
        #expect(plan.facts.rails.map(\.railClass) == ["received-credit", "batch-credit"])
        #expect(markdown.contains("**Incoming SEPA Credit Transfer**, received credit transfer. Duplicate guard: the scheme's own identity for each credit"))
        #expect(markdown.contains("**SEPA Credit Transfer**, batch credit transfer. Duplicate guard: `EndToEndId`"))
        // The rail's facts appear once, under the rail sent.
        #expect(!markdown.contains("| Incoming SEPA Credit Transfer | unknown-outcome |") && !markdown.contains("| Incoming SEPA Credit Transfer | window |"))
        #expect(markdown.contains("| SEPA Credit Transfer | unknown-outcome |"))
        #expect(!markdown.contains("- **Incoming SEPA Credit Transfer:** Confirm with your bank whether it rejects a pain.001"))
        // One shorter identifier for the rail sent, none for the credits received.
        #expect(markdown.contains("SEPA Credit Transfer (35 characters) takes a shorter identifier") && !markdown.contains("SEPA Credit Transfer (35 characters) and"))
        #expect(markdown.contains("Throughput of SEPA Credit Transfer is bounded by file cut-offs"))
        #expect(!markdown.contains("post the expected amount of a collection on Incoming SEPA Credit Transfer"))
        // Received only, the rail keeps the facts of its topics: windows and recalls, not a sender's inquiry.
        let receivedOnly = try design("BTC withdrawals. Fiat on-ramp by SEPA credit transfer.", "20 TPS").1
        #expect(receivedOnly.contains("| SEPA Credit Transfer | window |") && receivedOnly.contains("| SEPA Credit Transfer | compensation |"))
        #expect(!receivedOnly.contains("| SEPA Credit Transfer | unknown-outcome |") && !receivedOnly.contains("| SEPA Credit Transfer | duplicate-guard |"))
    }

    /// Shares of the load the input gives its rails ("PIX 55%, card 38%") size each class's calls; classes
    /// given none split what is left; shares over the whole are not read, and with none every class gets an
    /// equal share, each said as such.
    @Test func statedSharesSizeEachClassesCalls() throws {
        let (plan, markdown) = try design("PIX, cards via Adyen, iDEAL", "1,000 TPS. PIX 55%, card 30%")
        #expect(plan.facts.throughput.railShares?.map(\.rail) == ["pix", "card"])
        #expect(markdown.contains("| Concurrent rail calls, instant push credit | ") && markdown.contains("the share of the target the input gives it (55%, \"PIX 55%\")"))
        #expect(markdown.contains("the share of the target the input gives it (30%, \"card 30%\")"))
        #expect(markdown.contains("an equal share of what the stated shares leave (15% over 1, assumed)"))
        let over = try design("PIX, cards via Adyen", "1,000 TPS. PIX 80%, card 40%").0
        #expect(over.facts.throughput.railShares == nil)
        let none = try design("PIX, cards via Adyen", "1,000 TPS").1
        #expect(none.contains("an equal share of the target (1/2, assumed; replace it with your split)"))
    }

    /// A latency target for reads ("balance read p95 50ms") says nothing of how long a payment may take: it
    /// is shown as a read target and never sets the payment's latency conflict or a `202`.
    @Test func aReadLatencyTargetIsNotAPaymentTarget() throws {
        let (plan, markdown) = try design("Stripe", "300 TPS. Balance read p95 50ms")
        #expect(plan.facts.throughput.latency.map(\.readPath) == [true])
        #expect(plan.sizing.latencyTargetMilliseconds == nil)
        #expect(markdown.contains("| Latency | P95 under 50 ms for reads, not for payments | \"Balance read p95 50ms\" |"))
        #expect(!markdown.contains("**Latency conflict:**"))
        let both = try design("Stripe", "300 TPS; checkout p99 under 800 ms; balance reads p95 50 ms").0
        #expect(both.sizing.latencyTargetMilliseconds == 800)
    }

    @Test func iso8583NetworksGetReversalsNotWebhooksOrA202() throws {
        let markdown = try design("Visa", "1,000 TPS, P99 under 300 ms").1
        let processor = try #require(markdown.components(separatedBy: "### 4. External Processor").last?.components(separatedBy: "### 5. Ledger").first)
        #expect(!markdown.lowercased().contains("webhook"))
        #expect(!processor.contains("Idempotency-Key"))
        for term in ["0420", "0421", "STAN", "RRN"] { #expect(markdown.contains(term), "\(term)") }
        let flow = try section("Transaction Flow", of: markdown)
        #expect(!flow.contains("202"))
        #expect(flow.contains("- No 0110 by the deadline: the payment is answered as declined once the 0420 reversal advice for it is queued"))
        #expect(try section("Sequence Diagram", of: markdown).contains("S-->>C: declined, reversal advice queued"))
        #expect(markdown.contains("state the latency target over answered authorisations"))
        #expect(!markdown.contains("only on the slow tail does the API answer `202`"))
    }

    // MARK: - Contradictions

    @Test func theProseAgreesWithTheDecisions() throws {
        let synchronous = try design("Stripe", "1,000 TPS", "strong consistency everywhere")
        #expect(synchronous.0.decision("ledger")?.text("posting") == "synchronous")
        #expect(!synchronous.1.contains("ledger consumer") && !synchronous.1.contains("the ledger consume"))
        let single = try design("Stripe", "100 TPS")
        #expect(!single.1.contains("Database shards") && !single.1.contains("per shard"))
        let spanner = try design("Stripe", "100,000 TPS", "strict serializability")
        #expect(spanner.0.decision("datastore")?.text("engine") == "spanner")
        for idiom in ["SKIP LOCKED", "40P01", "the primary", "= $1", "ON CONFLICT"] { #expect(!spanner.1.contains(idiom), "\(idiom)") }
        let xa = try design("Oracle and IBM MQ as XA resource managers", "40 TPS", "atomic commit across both; strict serializability")
        #expect(xa.0.decision("coordination")?.text("pattern") == "two-phase-commit")
        #expect(!xa.1.contains("outbox accumulates") && !xa.1.contains("CDC relay"))
        for rails in ["SWIFT gpi", "Bitcoin", "Ethereum", "FedNow"] {
            #expect(!(try design(rails).1.contains("file cut-off")), "\(rails)")
        }
        #expect(try design("ACH Credit").1.contains("cut-off"))
    }

    // MARK: - Sizing

    @Test func shardingHashesMerchantAndKeySoOneMerchantSpreads() throws {
        let markdown = try design("Stripe", "10,000 TPS, flash sales").1
        #expect(markdown.contains("**Partitioning:** a hash of (merchant id, idempotency key) selects the shard, so one merchant's flash sale spreads over every shard"))
        #expect(!markdown.contains("hash-sharded by merchant"))
    }

    @Test func littlesLawUsesTheMeanAndDeadlinesComeFromTheRail() throws {
        let (plan, markdown) = try design("Stripe", "10,000 TPS, sub-second P99 latency")
        // 10,000 × 1.5 headroom × 0.6 s mean = 9,000 calls in flight; the P99 target plays no part.
        #expect(plan.sizing.railConcurrency == 9_000)
        #expect(markdown.contains("| Concurrent rail calls | 9,000 | Little's law: target × mean call time of 600 ms for a call on card PSP API: planning figure"))
        #expect(markdown.contains("the call waits up to 30,000 ms before the attempt is recorded `UNKNOWN`"))
        #expect(markdown.contains("**Latency conflict:** The stated latency target (1,000 ms) is shorter than the rail's own deadline: 30,000 ms for a call on card PSP API."))
        // The request waits for the rail up to the target; `202` is only the slow tail's answer.
        #expect(markdown.contains("The request therefore waits for the rail only up to the target: when the rail has answered by then (the usual case) the client gets the result, and only on the slow tail does the API answer `202` with the payment id"))
        // A rail allowed 10 s keeps its 10 s whatever the latency target.
        let visa = try design("Visa", "1,000 TPS, P99 under 300 ms").1
        #expect(visa.contains("the call waits up to 10,000 ms"))
    }

    @Test func aLoadBeyondPublishedCapacityOrRateLimitIsQuestioned() throws {
        let markdown = try design("Stripe", "1.2M TPS").1
        #expect(markdown.contains("**Feasibility warning:** The design peak of 1,200,000 TPS is 18.5× VisaNet (Visa describes VisaNet as capable of handling more than 65,000 transaction messages a second"))
        // A provider's default rate limit is a warning with its own advice.
        let stripe = try design("Stripe", "10,000 TPS").1
        #expect(stripe.contains("is 100× Stripe's default live-mode rate limit"))
        #expect(stripe.contains("agree a higher limit with Stripe before launch"))
        #expect(!(try design("Adyen", "10,000 TPS").1.contains("Feasibility warning")))
        #expect(!(try design("Stripe", "100 TPS").1.contains("Feasibility warning")))
        // A chain's block space.
        #expect(try design("Bitcoin", "40,000 TPS").1.contains("Bitcoin's block space, shared by the whole network"))
        #expect(try design("USDC on Ethereum withdrawals", "200 TPS").1.contains("The design peak of 200 TPS is 1.4× Ethereum's block space"))
        #expect(!(try design("USDC on Ethereum withdrawals", "100 TPS").1.contains("Feasibility warning")))
        // Beside other rails a rail's share must fit; a fallback carries the peak only while the primary is down.
        let shared = try design("Lightning payouts, on-chain Bitcoin for withdrawals above 0.01 BTC", "30 TPS").1
        #expect(shared.contains("If all of the design peak of 30 TPS went through Bitcoin, it would be 2.5× Bitcoin's block space"))
        let fallback = try design("Adyen for cards, Stripe as failover PSP", "25,000 TPS").1
        #expect(fallback.contains("As a fallback, Stripe carries load only while the rail it backs up is down, but if it had to carry the design peak of 25,000 TPS, that would be 250× Stripe's default live-mode rate limit"))
    }

    /// A batched rail submits files: per-payment call concurrency is not computed for it, and a mean call
    /// slower than the latency target is stated.
    @Test func batchedRailsAreNotSizedPerCallAndASlowMeanIsStated() throws {
        let ach = try design("ACH Debit", "500 TPS").1
        #expect(!ach.contains("| Concurrent rail calls |"))
        #expect(ach.contains("**Batch orientation.**"))
        let visa = try design("Visa", "2,000 TPS, sub-second P99").1
        #expect(visa.contains("The planning mean of a call on card network (ISO 8583) (1,400 ms) is a sizing assumption, not a measurement, and it is above the latency target"))
        #expect(!visa.contains("most requests would miss"))
        #expect(!(try design("Stripe", "2,000 TPS, P99 under 3 s").1.contains("The planning mean of")))
    }

    /// With several calling classes, each is sized for an equal share of the target, said as an assumption;
    /// a batched class sends files and gets no row.
    @Test func eachCallingClassIsSizedForItsShare() throws {
        let markdown = try design("Stripe and PayPal", "10,000 TPS").1
        // 15,000 target ÷ 2 × 0.6 s and × 0.8 s.
        #expect(markdown.contains("| Concurrent rail calls, card PSP API | 4,500 | Little's law: an equal share of the target (1/2, assumed; replace it with your split)"))
        #expect(markdown.contains("| Concurrent rail calls, wallet | 6,000 |"))
        let mixed = try design("Stripe and ACH Debit", "1,000 TPS").1
        #expect(mixed.contains("| Concurrent rail calls | 900 |") && !mixed.contains("Concurrent rail calls, direct debit"))
    }

    /// A standby site the input keeps is named in the failover text, as a promotion after fencing; a plain
    /// single region says nothing of one.
    @Test func aStatedStandbySiteIsPromotedOnlyAfterFencing() throws {
        let (plan, standby) = try design("Adyen", "100 TPS", "strong; single region with a warm standby in eu-central-1")
        #expect(plan.facts.consistency.singleRegion?.text == "warm standby")
        #expect(standby.contains("The input keeps such a site (\"warm standby\"): losing the region means promoting it, and only after the old primary is fenced"))
        #expect(!(try design("Adyen", "100 TPS", "strong; single region").1.contains("The input keeps such a site")))
        let dr = try design("SWIFT gpi", "1 TPS", "strong; Oracle RAC in Frankfurt, DR in Amsterdam")
        #expect(dr.0.decision("regions")?.row == "REGION-SINGLE" && dr.1.contains("The input keeps such a site (\"DR in\")"))
    }

    /// A key-value store enforces uniqueness only on an item's key: every unique value is a key written with
    /// `attribute_not_exists`, and a second one of a record is a guard item in the same transaction.
    @Test func keyValueTablesClaimUniquenessOnlyThroughKeys() throws {
        let (plan, markdown) = try design("Stripe", "1,000 TPS", "strong consistency; we run DynamoDB")
        #expect(plan.decision("datastore")?.text("storeKind") == "key-value")
        #expect(markdown.contains("| `payments` items | partition key `id`; guard items `payment-key#<merchant_id>#<idempotency_key_id>` and `rail-ref#<rail>#<reference>`"))
        #expect(markdown.contains("| `inbox` items | partition key `consumer#message_id`, written with `attribute_not_exists` |"))
        #expect(markdown.contains("a guard item of its own beside the client's key"))
        let tables = try #require(markdown.components(separatedBy: "## Database and Locking Strategy").last?.components(separatedBy: "\n## ").first)
        #expect(!tables.contains("| unique `"), "a key-value table claims a unique constraint")
        let relational = try design("Stripe", "1,000 TPS", "strong consistency").1
        #expect(relational.contains("| `payments` | `id`, unique `(merchant_id, idempotency_key_id)`") && !relational.contains("guard item"))
    }

    /// Stated notification bursts are sized as their own row, with what the inbox does with each.
    @Test func inboundNotificationsAreSized() throws {
        let markdown = try design("Pix for checkout", "12k TPS peak, ~1.5k TPS average. Webhook bursts can be 3x that.").1
        #expect(markdown.contains("| Inbound notifications | 36,000/s | stated: \"Webhook bursts can be 3x\" (3 × the 12,000 TPS peak); each is verified, claimed in the inbox by its event id"))
        #expect(!(try design("Pix for checkout", "12k TPS peak").1.contains("Inbound notifications")))
    }

    /// With a home region per key, a single-primary store is one primary in each home region, in the glance,
    /// the database line and the partitioning; one region says one primary.
    @Test func homeRegionsHaveAPrimaryEach() throws {
        let (plan, markdown) = try design("Adyen", "1,000 TPS", "strong consistency; active-active across two regions")
        #expect(plan.decision("regions")?.row == "REGION-HOME" && plan.decision("datastore")?.text("storeKind") == "single-primary")
        #expect(markdown.contains("- **Store: PostgreSQL, one primary with a synchronous standby, in each home region**"))
        #expect(markdown.contains("**Partitioning:** in each home region, one primary;"))
        let single = try design("Adyen", "1,000 TPS", "strong consistency").1
        #expect(!single.contains("in each home region") && single.contains("**Partitioning:** one primary;"))
    }

    /// Barrier 6 refuses a payout the balance does not cover, but a debit the rail orders after the fact
    /// posts anyway, as a recoverable debt.
    @Test func aSchemeOrderedDebitMayTakeABalanceNegative() throws {
        let markdown = try design("Stripe top-ups and RTP withdrawals", "100 TPS", "strong; wallet balances strong").1
        #expect(markdown.contains("**Barrier 6, a balance never goes below zero"))
        #expect(markdown.contains("posts even when it takes the balance below zero, as a recoverable debt that blocks further payouts until it is repaid"))
    }

    /// Money collected on a rail that can still return it does not fund an irrevocable payout before its
    /// return window closes (or within a risk limit); with no such pair of rails nothing is said.
    @Test func returnableCollectionsDoNotFundIrrevocablePayouts() throws {
        let markdown = try design("ACH debits for account funding, RTP for instant withdrawals", "300 TPS", "strong; wallet balances strong").1
        #expect(markdown.contains("Money collected on ACH Debit can still come back as a return, so it is not available to a payout on RTP until its return window closes"))
        #expect(!(try design("RTP for instant withdrawals", "300 TPS", "strong; wallet balances strong").1.contains("can still come back as a return")))
        // Only where collections fund payouts: balances stated, words that say customers hold them, or a
        // gate that waits for collected money. A biller's refunds or a lender's drawdowns are not paid from
        // what it collects.
        let funded = "Money collected on ACH Debit can still come back as a return"
        #expect(try design("ACH Debit for wallet top-ups, RTP for withdrawals", "300 TPS", "strong").1.contains(funded))
        #expect(!(try design("ACH Debit collections of invoices, RTP payouts to suppliers", "300 TPS", "strong").1.contains(funded)))
        let gated = try design("ACH Debit collections of invoices, RTP payouts to suppliers", "300 TPS", "strong. Never pay a supplier before the collection has settled.").1
        #expect(gated.contains(funded) && gated.contains("with no advance against it"))
        // A funds check is a check, not money that has settled.
        let check = try design("ACH Debit collections, RTP payouts", "300 TPS", "strong. Never send a payout before the funds check has passed.").1
        #expect(!check.contains(funded))
    }

    /// A class name with its own parentheses reads cleanly in the latency conflict (no "))").
    @Test func aLatencyConflictOnACardNetworkReadsCleanly() throws {
        let markdown = try design("Visa and Mastercard at our terminals", "1,000 TPS, p99 under 400 ms").1
        #expect(markdown.contains("is shorter than the rail's own deadline: 10,000 ms for a call on card network (ISO 8583). "))
        let conflict = try #require(markdown.split(separator: "\n").first { $0.hasPrefix("**Latency conflict:**") })
        #expect(!conflict.contains("))"))
    }

    /// A token on two chains shows each chain's facts under that chain's name.
    @Test func aTokensChainFactsComeUnderItsOwnChain() throws {
        let markdown = try design("USDC on Solana and Ethereum withdrawals", "5 TPS").1
        let rows = markdown.split(separator: "\n").filter { $0.hasPrefix("| USDC on") }
        #expect(rows.contains { $0.hasPrefix("| USDC on Ethereum | duplicate-guard |") && $0.contains("on an EVM chain") })
        #expect(!rows.contains { $0.hasPrefix("| USDC on Solana |") && $0.contains("on an EVM chain") })
    }

    /// A rail payarch does not know is assumed to work as its class does: a chain is keyed by the transaction
    /// id computed before broadcast and reconciled against the chain, never by a client key.
    @Test func anUnknownRailIsAssumedToWorkAsItsClass() throws {
        let chain = try design("ETH on Arbitrum withdrawals", "10 TPS").1
        #expect(chain.contains("**Arbitrum**, account-based chain. Duplicate guard: unknown: payarch has no sourced facts on this rail, so the design assumes the transaction id computed before broadcast"))
        #expect(!chain.contains("client-generated key sent on every request"))
        let psp = try design("Paysafe payments", "10 TPS").1
        #expect(psp.contains("the design assumes the provider's own idempotency key or a unique reference stored before the call, if it documents one (confirm)"))
    }

    /// A provider payarch does not know, with no word saying which kind of rail it is, gets the neutral
    /// provider class: no card, bank or chain steps, its unknown outcome resolved through the provider, and
    /// what to confirm. Words that say the kind still give that kind's class.
    @Test func anUnknownProviderOfNoStatedKindGetsNoCardText() throws {
        let markdown = try design("Checkout.com card pay-ins; payouts via Paynamics and Dragonpay", "10 TPS").1
        #expect(markdown.contains("| Rail | Paynamics, unknown rail treated as a generic provider API |"))
        #expect(markdown.contains("**Unknown outcome on provider API: Paynamics and Dragonpay.** Record `UNKNOWN` and never send the payment again under a new reference"))
        #expect(markdown.contains("Confirm the provider's duplicate guard (an idempotency key or a unique reference)"))
        let providerSection = try #require(markdown.range(of: "**Unknown outcome on provider API")).lowerBound
        let afterProvider = markdown[providerSection...].prefix(1_500)
        #expect(!afterProvider.contains("authorisation") && !afterProvider.contains("3-D Secure"))
        #expect(!markdown.contains("Payments on Checkout.com, Paynamics and Dragonpay keep"))
        let card = try InputReader(rules: Bundled.rules).read(rails: "card payments via Paysafe", throughput: "10 TPS", consistency: "strong").facts
        #expect(card.rails.first?.railClass == "psp-card-api")
    }

    /// Rails added from a review: boleto with its own identifiers, the XRP Ledger with destination tags and
    /// partial payments, and push-to-card payouts as push credits, not card authorisations.
    @Test func boletoXRPAndPushToCardAreDesignedAsTheirOwnRails() throws {
        let (boletoPlan, boleto) = try design("Pix and boleto for checkout in Brazil")
        #expect(boletoPlan.facts.rails.map(\.id) == ["pix", "boleto"])
        #expect(boleto.contains("nosso número") && boleto.contains("linha digitável"))
        let xrp = try design("XRP withdrawals").1
        #expect(xrp.contains("`delivered_amount`") && xrp.contains("destination tag"))
        let (pushPlan, push) = try design("Visa Direct push-to-card payouts to drivers")
        #expect(pushPlan.facts.rails.map(\.id) == ["visa-direct"] && pushPlan.facts.governingClass == "instant-push")
        #expect(push.contains("OCT") && !push.contains("0400/0420") && !push.contains("3-D Secure"))
    }

    /// Card-present traffic on card networks comes from terminals over ISO 8583, so the gateway, the flow
    /// and the diagram speak of terminals; one rail taken online keeps the HTTP client.
    @Test func terminalOnlyAcquiringHasNoHTTPClient() throws {
        let terminals = try design("Visa and Mastercard acquiring for our POS terminals").1
        #expect(terminals.contains("The acquiring host is the gateway: terminals reach it over ISO 8583 host links"))
        #expect(terminals.contains("- The terminal sends an 0100 over its host link"))
        #expect(terminals.contains("participant C as Terminal") && terminals.contains("C->>G: 0100 with terminal id, STAN and local time"))
        #expect(!terminals.contains("Client sends `POST /payments`") && !terminals.contains("Every money-moving `POST`"))
        // Settlement payouts to merchants beside the terminals take no client requests.
        let acquirer = try design("Visa and Mastercard for our POS terminals; settlement to merchants by SEPA Credit Transfer").1
        #expect(acquirer.contains("The acquiring host is the gateway"))
        for mixed in ["Visa for POS terminals and Stripe for online checkout", "Visa and Mastercard"] {
            let markdown = try design(mixed).1
            #expect(markdown.contains("Client sends `POST /payments`") && !markdown.contains("The acquiring host is the gateway"), "\(mixed)")
        }
    }

    /// A chain's block space is a ceiling for everyone: rail calls in flight are sized for it, not for the
    /// withdrawals that arrive, and below the ceiling the arrivals size the pool as usual.
    @Test func chainCallsAreBoundedByBlockSpace() throws {
        // 1,000 TPS × 1.5 headroom is far above Bitcoin's ~12/s: 12 × 0.5 s = 6 calls, not 750.
        let bitcoin = try design("Bitcoin withdrawals", "1,000 TPS").1
        #expect(bitcoin.contains("| Concurrent rail calls | 6 | Little's law: target × mean call time of 500 ms"))
        #expect(bitcoin.contains("holds only about 12 transactions a second in all, so the pool is sized for that rate × the mean call, and the rest of the 1,500 TPS of arrivals waits to be batched"))
        // At the ceiling exactly the arrivals still size the pool (8 TPS × 1.5 = 12 TPS).
        let atCeiling = try design("Bitcoin withdrawals", "8 TPS").1
        #expect(atCeiling.contains("| Concurrent rail calls | 6 |") && !atCeiling.contains("holds only about"))
        // A class with a rail that has no ceiling (Solana) is not bounded by Ethereum's.
        let mixed = try design("Ethereum and Solana withdrawals", "1,000 TPS").1
        #expect(mixed.contains("| Concurrent rail calls | 750 |") && !mixed.contains("holds only about"))
        // Stripe's rate limit is a limit to raise, not a ceiling.
        #expect(!(try design("Stripe", "1,000 TPS").1.contains("holds only about")))
    }

    /// Several classes slower than the target are named in one paragraph, not one paragraph each.
    @Test func slowMeansOfSeveralClassesAreOneParagraph() throws {
        let markdown = try design("Stripe, PayPal and Klarna", "2,000 TPS, P99 under 300 ms").1
        #expect(markdown.contains("The planning means of calls on card PSP API (600 ms), wallet (800 ms) and buy now, pay later (2,000 ms) are sizing assumptions, not measurements, and they are above the latency target"))
        #expect(!markdown.contains("The planning mean of a call on"))
    }

    // MARK: - Regions

    @Test func activeActiveInputsGetAHomeRegionAndARegionFreeKey() throws {
        let (plan, markdown) = try design("Stripe", "5,000 TPS", "strict serializability, active-active across us-east and eu-west")
        #expect(plan.decision("regions")?.text("mode") == "home-region")
        let regions = try section("Multi-Region", of: markdown)
        #expect(regions.contains("home region"))
        #expect(markdown.contains("k_<first 26 base32 characters of SHA-256(merchant id, client key)>_<operation><attempt number>"))
        #expect(!markdown.contains("p_<payment ULID>"))
        let global = try design("Stripe", "100,000 TPS", "strict serializability, active-active across us-east and eu-west").0
        #expect(global.decision("regions")?.text("mode") == "global-store")
        let single = try design("Stripe", "5,000 TPS", "strict serializability").1
        #expect(!single.contains("## Multi-Region"))
        // The rail key is derived from the client's request in every design, so a failover that lost the
        // local record still sends the same key.
        #expect(single.contains("k_<first 26 base32 characters of SHA-256(merchant id, client key)>_<operation><attempt number>"))
    }

    // MARK: - Reading order

    @Test func theDocumentReadsGlanceFirstAndProvenanceLast() throws {
        let markdown = try design("Stripe and PayPal", "10,000 TPS", "strict serializability").1
        let headings = markdown.split(separator: "\n").filter { $0.hasPrefix("## ") }.map(String.init)
        #expect(headings.first == "## Design at a Glance")
        #expect(headings.last == "## Appendix: Decision Provenance")
        #expect(headings.filter { $0.contains("Database") }.count == 1)
        let glance = try section("Design at a Glance", of: markdown)
        for item in ["- **Coordination: ", "- **Locking: ", "- **Store: ", "- **Ledger: ", "- **Regions: ", "- **Top risks of the rails given**"] {
            #expect(glance.contains(item), "\(item)")
        }
        // Rule ids and selection chains live only in the appendix.
        let body = try #require(markdown.components(separatedBy: "## Appendix: Decision Provenance").first)
        #expect(body.range(of: #"`(COORD|LOCK|STORE|LEDGER|PART|RETAIN|RECON|REGION|STATE)-[A-Z-]+`"#, options: .regularExpression) == nil)
        #expect(!body.contains("Selected by"))
        // The claim statement appears once.
        #expect(markdown.components(separatedBy: "ON CONFLICT (merchant_id, idempotency_key) DO NOTHING").count == 2)
        #expect(markdown.contains("```mermaid\nsequenceDiagram\n"))
    }

    @Test func templateSlipsAreGone() throws {
        for example in try FileManager.default.contentsOfDirectory(atPath: Repository.examples) where example.hasSuffix(".md") {
            let markdown = try #require(Repository.read(Repository.examples + "/" + example))
            for slip in ["(assumed))", "it a chain", "planning figure: Planning figure", ".)."] {
                #expect(!markdown.contains(slip), "\(example): \(slip)")
            }
        }
    }

    /// Every example passes the spec's evaluators and the document lint.
    @Test func validatePassesOnEveryExample() throws {
        for example in try FileManager.default.contentsOfDirectory(atPath: Repository.examples) where example.hasSuffix(".md") {
            let markdown = try #require(Repository.read(Repository.examples + "/" + example))
            #expect(DocumentLinter.lint(markdown).isEmpty, "\(example)")
            let results = try DocumentEvaluator(evaluators: Bundled.spec.evaluators).evaluate(markdown, variables: [:], expected: nil)
            #expect(!results.isEmpty && results.allSatisfy { $0.status != .failed }, "\(example): \(results.filter { $0.status == .failed }.map(\.evaluatorName))")
        }
    }

    // MARK: - Second review

    /// Each class states how a failed call may be tried again; no design says every rail retries a 5xx.
    @Test func eachClassHasItsOwnRetryRule() throws {
        let visa = try design("Visa").1
        #expect(visa.contains("An authorisation request (0100) is never sent again"))
        let ach = try design("ACH Credit").1
        #expect(ach.contains("A file is resent byte for byte only after the operator or bank confirms the first never arrived"))
        for markdown in [visa, ach, try design("Stripe").1] {
            #expect(!markdown.contains("retryable (network, `5xx`, serialization failure)"))
            #expect(!markdown.contains("Calls to a rail retry with exponential backoff"))
        }
    }

    @Test func theOutboxFlowHasThreePhasesAndAGuardedLastWrite() throws {
        let flow = try section("Transaction Flow", of: try design("Stripe").1)
        #expect(flow.contains("- Phase 1 (one transaction)") && flow.contains("- Phase 2 (no transaction open)") && flow.contains("- Phase 3 (one transaction)"))
        #expect(flow.contains("compare-and-set the payment from the state Phase 2 left it in"))
        #expect(!flow.contains("from `PENDING` to the rail's result"))
    }

    /// A push holds the funds before the irrevocable send; a pull has nothing of ours to hold.
    @Test func onlyPushRailsHoldFunds() throws {
        let payout = try section("Transaction Flow", of: try design("ACH Credit").1)
        #expect(payout.contains("place a pending ledger hold on the amount"))
        let collection = try section("Transaction Flow", of: try design("ACH Debit").1)
        #expect(!collection.contains("ledger hold"))
        #expect(collection.contains("post the expected amount of a collection on ACH Debit as pending"))
    }

    /// What a zone or region loss costs is stated for the store chosen.
    @Test func failoverIsStatedForTheStore() throws {
        let postgres = try design("Stripe", "1,000 TPS").1
        #expect(postgres.contains("**Failover.** Inside the region a synchronous standby in another zone takes over"))
        #expect(postgres.contains("a recovery point above zero"))
        let spanner = try design("Stripe", "100,000 TPS", "strict serializability").1
        #expect(spanner.contains("**Failover.** A regional instance keeps synchronous replicas in three zones"))
        #expect(!spanner.contains("synchronous standby"))
        let dynamo = try design("Stripe", "100,000 TPS", "eventual consistency").1
        #expect(dynamo.contains("resolves concurrent writes by last writer wins"))
    }

    @Test func storesAreSizedInTheirOwnUnits() throws {
        // Two ledger legs join the payment's writes when the ledger posts synchronously.
        #expect(try design("Stripe", "100,000 TPS", "strict serializability").1.contains("| Database writes | 1,200,000 rows/s | target × 8 row writes"))
        #expect(try design("Stripe", "100,000 TPS", "strict serializability for payments; eventual for the ledger").1.contains("| Database writes | 900,000 rows/s | target × 6 row writes"))
        #expect(try design("Stripe", "100,000 TPS", "eventual consistency").1.contains("| Write capacity | 1,800,000 WCU |"))
        // DynamoDB has requests in flight, not connections.
        let dynamo = try design("Stripe", "100,000 TPS", "eventual consistency").1
        #expect(dynamo.contains("| Concurrent store requests |") && !dynamo.contains("| Database connections |"))
        // Spanner gets a node estimate from Google's per-node write figure: 1,200,000 rows/s ÷ (3,500 × 50%).
        let spanner = try design("Stripe", "100,000 TPS", "strict serializability").1
        #expect(spanner.contains("| Store nodes (estimate) | 686 | writes ÷ (3,500 writes/s per node in one region × 50% planned utilisation)"))
        #expect(try design("Stripe", "10 TPS").1.contains("the target uses under 1% of it"))
    }

    /// Barrier 1 names what commits before anything leaves: the claim and the payment record locally, the
    /// claim alone before a global transaction (which a duplicate never opens).
    @Test func theClaimBarrierFollowsThePattern() throws {
        let outbox = try design("Stripe").1
        #expect(outbox.contains("**Barrier 1, the key claim: nothing leaves the service before the claim and the payment record are committed.**"))
        #expect(!outbox.contains("a duplicate never opens a global transaction"))
        let xa = try design("Oracle and IBM MQ as XA resource managers", "40 TPS", "atomic commit across both; strict serializability").1
        #expect(xa.contains("**Barrier 1, the key claim: nothing leaves the service before the claim is committed.** A request that loses the claim can only replay, wait or be refused, and a duplicate never opens a global transaction."))
    }

    /// A saga's diagram posts the ledger in each step's transaction when the ledger is synchronous and
    /// through the outbox relay when it is not.
    @Test func sagaDiagramPostsTheLedgerAsTheLedgerDecisionSays() throws {
        let inline = try section("Sequence Diagram", of: try design("ACH Debit", "100 TPS", "strong consistency").1)
        #expect(inline.contains("Note over D,L: each step's postings commit with it, keyed by transfer id"))
        #expect(!inline.contains("outbox relay delivers each step's postings"))
        let relayed = try section("Sequence Diagram", of: try design("ACH Debit", "100 TPS", "strong for payments, eventual for the ledger").1)
        #expect(relayed.contains("D-->>L: outbox relay delivers each step's postings, keyed by transfer id"))
        #expect(!relayed.contains("Note over D,L"))
    }

    /// A class-wide open item is labelled with the given rails it concerns (a provider-tagged one with that
    /// provider only), and no item is listed twice.
    @Test func openItemsNameTheirRailsAndAreListedOnce() throws {
        let items = try section("Open Items to Confirm", of: try design("Stripe and Adyen").1)
        #expect(items.contains("- **Stripe:** Confirm the refund cap on a partially captured Stripe PaymentIntent"))
        #expect(items.contains("- **Stripe and Adyen:** Confirm extended-authorisation limits"))
        #expect(!items.contains("- **Adyen:** Confirm the refund cap"))
        for rails in ["Stripe and Adyen", "PayPal, Apple Pay via Stripe", "ACH Debit, SEPA Direct Debit", "Visa, Mastercard", "iDEAL, BLIK, Przelewy24"] {
            let bullets = try section("Open Items to Confirm", of: try design(rails).1)
                .split(separator: "\n").filter { $0.hasPrefix("- **") }
                .map { line in String(line.drop { $0 != ":" }).lowercased().filter { $0.isLetter || $0.isNumber } }
            #expect(Set(bullets).count == bullets.count, "an open item is listed twice for \(rails)")
        }
    }

    /// Under a global transaction the key record is finished inside the ledger branch, and the diagram
    /// asks for votes before the decision is logged.
    @Test func twoPhaseCommitFinishesTheKeyInsideTheBranch() throws {
        let markdown = try design("Oracle and IBM MQ as XA resource managers", "40 TPS", "atomic commit across both; strict serializability").1
        #expect(markdown.contains("the key record is finished inside the ledger database's branch of it"))
        let diagram = try section("Sequence Diagram", of: markdown)
        let prepare = try #require(diagram.range(of: "T->>M: prepare every branch"))
        let decision = try #require(diagram.range(of: "T->>T: force the commit decision to the log"))
        #expect(prepare.lowerBound < decision.lowerBound)
        #expect(diagram.contains("participant M as Resource managers (Oracle and IBM MQ)"))
        #expect(!markdown.contains("no phase performs network I/O"))
    }

    /// A token given with its chain follows that chain's mechanics.
    @Test func aTokenFollowsTheChainItRunsOn() throws {
        let solana = try design("USDC payouts on Solana").1
        #expect(solana.contains("Recipient Token Account"))
        #expect(!solana.contains("Nonce Assignment") && !solana.contains("Reverted Transfer"))
        #expect(!solana.contains("On an EVM chain a USDC payout that reverts"))
        let ethereum = try design("USDC payouts on Ethereum").1
        #expect(ethereum.contains("Nonce Assignment") && !ethereum.contains("Blockhash Expiry"))
    }

    /// Unconfirmed items are gathered at the end, not scattered through the design.
    @Test func openItemsAreGatheredAtTheEnd() throws {
        let markdown = try design("Stripe and PayPal", "10,000 TPS", "strict serializability").1
        #expect(!markdown.contains("**Reader check:**"))
        let headings = markdown.split(separator: "\n").filter { $0.hasPrefix("## ") }.map(String.init)
        #expect(headings.suffix(2) == ["## Open Items to Confirm", "## Appendix: Decision Provenance"])
        #expect(try section("Open Items to Confirm", of: markdown).contains("- **Stripe:** Confirm"))
    }

    /// Each family keeps its own reason for the pattern.
    @Test func theCoordinationReasonFitsTheRail() throws {
        #expect(try design("Visa").0.decision("coordination")?.row == "COORD-OUTBOX-NETWORK")
        #expect(try design("FedNow").0.decision("coordination")?.row == "COORD-OUTBOX-INSTANT")
        #expect(try design("SWIFT gpi").0.decision("coordination")?.row == "COORD-SAGA-WIRE")
        #expect(try design("Bitcoin").0.decision("coordination")?.row == "COORD-SAGA-CRYPTO")
        #expect(!(try design("Bitcoin").1.contains("settles hours to weeks")))
    }

    /// A store the input says it runs replaces the table's choice, cited in the decision record; a store
    /// the input has left or rejected does not, and resource managers keep their own database.
    @Test func aStoreTheInputRunsIsUsed() throws {
        let (plan, markdown) = try design("UPI and IMPS", "2,000 TPS", "strong consistency. We run CockroachDB.")
        let store = try #require(plan.decision("datastore"))
        #expect(store.row == "STORE-COCKROACH")
        #expect(store.keys.contains { $0.dimension == "store" && $0.value == "cockroachdb" && $0.phrases.map(\.text) == ["CockroachDB"] })
        #expect(markdown.contains("| Store in use | CockroachDB | \"CockroachDB\" |"))
        #expect(try design("Stripe", "500 TPS", "strong consistency; we no longer use DynamoDB").0.decision("datastore")?.row == "STORE-PG-SINGLE")
        #expect(try design("Stripe", "500 TPS", "strong consistency; DynamoDB was considered but rejected").0.decision("datastore")?.row == "STORE-PG-SINGLE")
        // PostgreSQL has a row per band: a stated PostgreSQL at high volume is the sharded row.
        #expect(try design("Stripe", "100,000 TPS", "strict serializability; we run Postgres").0.decision("datastore")?.row == "STORE-PG-SHARDED")
        #expect(try design("Oracle and IBM MQ as XA resource managers", "40 TPS", "atomic; strict; we run Postgres").0.decision("datastore")?.row == "STORE-XA-RESOURCE")
    }

    // MARK: - Third review

    @Test func eachRailGetsTheHoldOrPendingPostingOfItsDirection() throws {
        let flow = try section("Transaction Flow", of: try design("Direct ACH and SEPA", "500 TPS", "strong consistency").1)
        #expect(flow.contains("place a pending ledger hold on the amount of a payout on SEPA Credit Transfer"))
        #expect(flow.contains("post the expected amount of a collection on ACH Debit as pending"))
    }

    /// A class with rails for collecting and rails for paying out shows each flow for its own rails, and
    /// only the payouts hold funds; a payout-only design has no collection flow at all.
    @Test func collectionAndPayoutRailsGetTheirOwnFlowAndHold() throws {
        let mixed = try design("UPI for wallet top-ups, IMPS for withdrawals to bank accounts").1
        let flow = try section("Transaction Flow", of: mixed)
        #expect(flow.contains("Payments you send (IMPS)"))
        #expect(flow.contains("Payments you collect (UPI)"))
        #expect(flow.contains("place a pending ledger hold on the amount of a payout on IMPS by the conditional reservation of Barrier 6"))
        let compensations = try section("Compensating Transactions", of: mixed)
        #expect(compensations.contains("**IMPS**, Before submission"))
        #expect(!compensations.contains("**UPI and IMPS**, Before submission"))
        #expect(compensations.contains("**UPI**, Refund of a received payment"))

        let payouts = try design("SEPA Instant payouts to marketplace sellers").1
        #expect(!payouts.contains("Payments you collect"))
        #expect(!payouts.contains("Refund of a received payment"))
        #expect(try section("Transaction Flow", of: payouts).contains("Payments you send (SEPA Instant)"))

        let collections = try design("UPI collect requests for wallet top-ups").1
        #expect(!collections.contains("Payments you send"))
        #expect(!collections.contains("ledger hold"))
    }

    /// The rails are presented in the order they were given, and the class that keeps a payment open
    /// longest is named as the reason for the pattern without framing the whole design.
    @Test func theRailNamedFirstLeadsAndTheSlowestClassIsNamedAsTheReason() throws {
        let (plan, markdown) = try design("SWIFT gpi for treasury payments, plus ACH debits for invoices")
        #expect(plan.facts.governingClass == "direct-debit")
        let topology = try section("Topology", of: markdown)
        let wire = try #require(topology.range(of: "- **high-value wire** (SWIFT gpi)"))
        let debit = try #require(topology.range(of: "- **direct debit** (ACH Debit)"))
        #expect(wire.lowerBound < debit.lowerBound)
        #expect(topology.contains("Of these, direct debit (ACH Debit) ranks highest in the rule book's order of classes"))
        let single = try section("Topology", of: try design("Stripe").1)
        #expect(single.hasPrefix("\nThe rail class is **card PSP API**: a payment on it"))
    }

    /// Data kept in its region by policy is one single-region design per deployment, never active-active.
    @Test func dataResidencyGivesOneRegionPerDeploymentWithNoForwarding() throws {
        let (plan, markdown) = try design("Pix", "1,000 TPS", "Separate deployments in sa-east-1 and ap-south-1 for data residency, no cross-region data")
        #expect(plan.facts.consistency.regionMode == "single-region")
        // The decision cites the residency phrase, not an assumption or the regions it keeps apart.
        let regions = try #require(plan.decision("regions")?.keys.first { $0.dimension == "regions" })
        #expect(!regions.assumed && regions.phrases.map(\.text) == ["data residency"])
        #expect(markdown.contains("- **Regions: one region per deployment, data kept in its region**: each deployment is a design of its own"))
        #expect(markdown.contains("its standby and failover stay inside that jurisdiction"))
        #expect(markdown.contains("| Regions | one region per deployment, data kept in its region |"))
        #expect(!markdown.contains("## Multi-Region"))
        #expect(!markdown.contains("forwards the request"))
    }

    /// "Two active data centers" is several regions; "we don't need strict ordering" relaxes nothing.
    @Test func regionAndRelaxationPhrasesReadAsMeant() throws {
        let twoDCs = try design("Stripe", "1,000 TPS", "We run two active data centers (us-east, us-central) on CockroachDB.").0
        #expect(twoDCs.facts.consistency.regionMode == "multi-region")
        let relaxed = try design("ACH Debit", "20 TPS", "We don't need strict ordering of collections. We must never submit the same collection twice.").0
        #expect(relaxed.facts.consistency.ledger.tier != "eventual")
        #expect(relaxed.facts.consistency.unscoped == nil)
        let notGlobal = try design("Stripe", "1,000 TPS", "We don't need global serializability, just never charge twice.").0
        #expect(notGlobal.facts.consistency.ledger.tier != "eventual")
        #expect(notGlobal.facts.consistency.ledger.assumed)
        let nonces = try design("Ethereum", "200 TPS", "Nonces per hot wallet must be strictly sequential.").0
        #expect(!nonces.facts.consistency.scopes.contains { $0.scope == "balances" })
    }

    /// An open item that a rail's own check already raises in other words is listed once, and the self-check
    /// reports a design that lists one twice.
    @Test func anOpenItemIsListedOnceEvenWhenWordedTwice() throws {
        let markdown = try design("SEPA Core direct debits, Pix and FedNow", "100 TPS", "strong consistency").1
        let items = DesignSelfCheck.openItems(markdown)
        #expect(!items.isEmpty)
        #expect(items.filter { $0.text.contains("MED deadlines") }.count == 1)
        #expect(items.filter { $0.text.contains("Operating Circular 8") }.count == 1)
        #expect(items.filter { $0.text.contains("EndToEndId") && $0.text.contains("MsgId") }.count == 1)
        let doubled = markdown.replacingOccurrences(
            of: "\n## Appendix", with: "- **PIX:** Confirm in the Pix regulation the MED deadlines (80 days for complaints, 96 hours for the return).\n\n## Appendix")
        let findings = DesignSelfCheck(rules: Bundled.rules).check(doubled, plan: try design("SEPA Core direct debits, Pix and FedNow").0)
        #expect(findings.contains { $0.id == "self-check.near-duplicate" })
        #expect(NearDuplicate.same("Confirm the Fedwire deadline (18:00 ET).", "Confirm the current Fedwire customer-transfer deadline (18:00 ET)."))
        #expect(!NearDuplicate.same("Confirm the Fedwire deadline.", "Confirm whether your bank rejects a repeated MsgId."))
    }

    /// A choreographed saga has a saga log but no orchestrator's instance table, start command or resume.
    @Test func aChoreographedSagaHasNoOrchestrator() throws {
        let (plan, markdown) = try design("Bitcoin withdrawals", "1,000 TPS", "eventual consistency")
        #expect(plan.decision("coordination")?.row == "COORD-SAGA-CHOREOGRAPHED")
        #expect(markdown.contains("| `saga_log` | unique `(payment_id, step)` |"))
        #expect(!markdown.contains("saga_instances") && !markdown.contains("saga.started"))
        #expect(markdown.contains("write the first saga-log entry and the `payment.created` outbox event"))
        #expect(markdown.contains("**Saga recovery.** Nothing central is restarted"))
        #expect(DesignSelfCheck(rules: Bundled.rules).check(markdown, plan: plan).isEmpty)
        let orchestrated = try design("Bitcoin withdrawals", "1,000 TPS", "strong consistency").1
        #expect(orchestrated.contains("saga_instances") && orchestrated.contains("saga.started"))
    }

    /// A payout draws on a balance: it is reserved by a conditional update whatever the input says about
    /// balances, in the store's own idiom, and an asynchronous ledger posts the hold later instead of in
    /// the payment's transaction.
    @Test func payoutsReserveFundsInTheStoresIdiom() throws {
        let exchange = try design("Bitcoin and Ethereum withdrawals", "40,000 TPS", "eventual consistency").1
        #expect(exchange.contains("**Barrier 6, a balance never goes below zero (every payout draws on a balance).**"))
        #expect(exchange.contains("a `ConditionExpression` of `available >= :amount` on the balance item"))
        #expect(exchange.contains("from the available balance by the conditional update of Barrier 6 (the ledger posts the hold later, from the outbox)"))
        #expect(!exchange.contains("place a pending ledger hold"))
        let sync = try design("SEPA Instant payouts", "100 TPS", "strong consistency").1
        #expect(sync.contains("place a pending ledger hold on the amount of a payout on SEPA Instant by the conditional reservation of Barrier 6"))
        #expect(sync.contains("`WHERE available >= amount`"))
        #expect(!(try design("Stripe", "100 TPS", "strong consistency").1.contains("Barrier 6")))
    }

    /// A store the table has no row for by volume is still used when the input runs it, in its own dialect:
    /// MySQL's duplicate-key error and locking reads, Aurora's shared storage instead of a standby.
    @Test func mysqlAndAuroraAreDesignedInTheirOwnTerms() throws {
        let (plan, mysql) = try design("Stripe", "500 TPS", "strong consistency. We're on Aurora MySQL.")
        #expect(plan.decision("datastore")?.row == "STORE-MYSQL")
        #expect(mysql.contains("**Store: MySQL (InnoDB), one writer**"))
        #expect(mysql.contains("error `1213` (deadlock)") && mysql.contains("(`1062`)"))
        // The fencing token grows per key: no counter row shared by every payment.
        #expect(mysql.contains("the claim sets it to 1 and each takeover adds one") && !mysql.contains("lease_counter"))
        #expect(mysql.contains("| Store in use | MySQL (InnoDB) | \"Aurora MySQL\" |"))
        #expect(!mysql.contains("ON CONFLICT") && !mysql.contains("SQLSTATE") && !mysql.contains("nextval"))
        #expect(DesignSelfCheck(rules: Bundled.rules).check(mysql, plan: plan).isEmpty)
        let (auroraPlan, aurora) = try design("Stripe", "500 TPS", "strong consistency. We use Aurora PostgreSQL in us-east-1.")
        #expect(auroraPlan.decision("datastore")?.row == "STORE-AURORA-PG")
        #expect(aurora.contains("six copies across three zones") && !aurora.contains("synchronous standby"))
        #expect(DesignSelfCheck(rules: Bundled.rules).check(aurora, plan: auroraPlan).isEmpty)
        // Plain PostgreSQL keeps its own row.
        #expect(try design("Stripe", "500 TPS", "strong consistency. We run Postgres.").0.decision("datastore")?.row == "STORE-PG-SINGLE")
    }

    /// SQL Server, Oracle and YugabyteDB are designed in their own terms when the input runs them: their
    /// duplicate-key errors, locking idioms, fencing-token source, read rule and failover, each row with its
    /// sources; none of them gets PostgreSQL text.
    @Test func sqlServerOracleAndYugabyteAreDesignedInTheirOwnTerms() throws {
        let checker = DesignSelfCheck(rules: Bundled.rules)
        let (sqlPlan, sql) = try design("Stripe", "500 TPS", "strong consistency; we run SQL Server 2019 with Always On")
        #expect(sqlPlan.decision("datastore")?.row == "STORE-SQL-SERVER")
        #expect(sql.contains("(`2601`)") && sql.contains("(`2627`)") && sql.contains("error `1205`") && sql.contains("`IGNORE_DUP_KEY`"))
        #expect(sql.contains("`WITH (UPDLOCK, READPAST, ROWLOCK)`") && sql.contains("OUTPUT inserted.id") && sql.contains("`NEXT VALUE FOR dbo.lease_tokens`"))
        #expect(sql.contains("a readable secondary applies the log after the primary commits"))
        #expect(sql.contains("only after the secondary has hardened its log") && sql.contains("asynchronous-commit mode"))
        #expect(checker.check(sql, plan: sqlPlan).isEmpty)
        let (oraclePlan, oracle) = try design("Stripe", "500 TPS", "strong consistency; the payments schema is on Oracle 19c")
        #expect(oraclePlan.decision("datastore")?.row == "STORE-ORACLE")
        #expect(oracle.contains("ORA-00001") && oracle.contains("ORA-00060") && oracle.contains("(ORA-00054)") && oracle.contains("`IGNORE_ROW_ON_DUPKEY_INDEX`"))
        #expect(oracle.contains("the claim sets it to 1 and each takeover adds one") && oracle.contains("RETURNING id INTO :id") && !oracle.contains("NEXTVAL"))
        #expect(oracle.contains("Maximum Availability or Maximum Protection") && oracle.contains("(LogMiner or GoldenGate)"))
        #expect(checker.check(oracle, plan: oraclePlan).isEmpty)
        // With no committed write to be lost, the sentence about asynchronous redo to another region goes.
        let zero = try design("Stripe", "500 TPS", "strong consistency; Oracle Database with Data Guard, RPO 0").1
        #expect(zero.contains("Maximum Availability or Maximum Protection") && !zero.contains("Maximum Performance"))
        let (yugaPlan, yuga) = try design("Stripe", "500 TPS", "strong consistency on YugabyteDB")
        #expect(yugaPlan.decision("datastore")?.row == "STORE-YUGABYTE")
        #expect(yugaPlan.decision("partitioning")?.row == "PART-STORE-SPLITS")
        #expect(yuga.contains("`yb_read_from_followers`") && yuga.contains("the claim sets it to 1 and each takeover adds one"))
        #expect(!yuga.contains("nextval") && !yuga.contains("SKIP LOCKED") && !yuga.contains("the primary"))
        #expect(checker.check(yuga, plan: yugaPlan).isEmpty)
        // Every stated store row cites where its facts are published.
        for row in try #require(Bundled.rules.table("datastore")?.statedRows) where ["sql-server", "oracle", "yugabytedb"].contains(row.outputs["engine"]?.text) {
            #expect(!row.sources.isEmpty && row.sources.allSatisfy { $0.hasPrefix("https://") }, "\(row.id)")
        }
        // A store the input has left is not the store it runs.
        #expect(try design("Stripe", "500 TPS", "strong consistency; we migrated off SQL Server last year").0.decision("datastore")?.row == "STORE-PG-SINGLE")
    }

    /// Card-present rails get terminal handling and no 3-D Secure; online rails get 3-D Secure and no
    /// point-of-sale rows; a rail given for both keeps both.
    @Test func cardTextFollowsTheChannel() throws {
        let terminals = try design("Card-present terminals over ISO 8583 to Visa and Mastercard").1
        #expect(terminals.contains("Terminal traffic arrives as ISO 8583, not HTTP"))
        #expect(!terminals.contains("3-D Secure") && !terminals.contains("SCA Scope"))
        let online = try design("Visa and Mastercard over ISO 8583 for e-commerce with 3DS").1
        #expect(online.contains("3-D Secure") && !online.contains("Terminal traffic"))
        let adyenOnline = try design("Adyen for our webshop").1
        #expect(!adyenOnline.contains("Card-Present Refund") && adyenOnline.contains("3-D Secure"))
        // A PSP named with no channel words takes online payments: no point-of-sale rows.
        #expect(!(try design("Airline booking engine on Adyen").1.contains("Card-Present Refund")))
        let adyenStores = try design("Adyen for in-store terminals").1
        #expect(adyenStores.contains("Card-Present Refund") && !adyenStores.contains("3-D Secure Redirect Race"))
        let both = try design("Adyen for in-store terminals and for our online checkout").1
        #expect(both.contains("Card-Present Refund") && both.contains("3-D Secure Redirect Race"))
    }

    /// A latency target for the service's own part ("on our side", "excluding PSP time") is never compared
    /// with a rail's deadline or mean call.
    @Test func aServiceOnlyLatencyTargetIsNotComparedWithTheRails() throws {
        let (plan, own) = try design("Stripe", "500 TPS, p99 under 150 ms on our side (excluding PSP time)")
        #expect(plan.facts.throughput.latency.first?.serviceOnly == true)
        #expect(plan.sizing.latencyTargetMilliseconds == nil)
        #expect(own.contains("| Latency | P99 under 150 ms for the service's own part, rail calls excluded |"))
        #expect(!own.contains("sizing assumption") && !own.contains("is shorter than the rail's own deadline"))
        let whole = try design("Stripe", "500 TPS, p99 under 150 ms").1
        #expect(whole.contains("sizing assumption"))
    }

    /// Several active regions on a store the input runs take the region setting that store supports, at
    /// any volume: a consensus store serializes claims across regions, a relational primary homes each key.
    @Test func theRegionSettingFollowsTheStoreTheInputRuns() throws {
        let cockroach = try design("Stripe", "1,000 TPS", "strong consistency, active-active in us-east and us-central on CockroachDB").0
        #expect(cockroach.decision("regions")?.row == "REGION-GLOBAL-STORE")
        #expect(cockroach.decision("regions")?.keys.contains { $0.dimension == "store" && $0.value == "cockroachdb" } == true)
        let postgres = try design("Stripe", "100,000 TPS", "strict serializability, active-active in us-east and eu-west; we run Postgres").0
        #expect(postgres.decision("regions")?.row == "REGION-HOME")
        let dynamo = try design("Stripe", "1,000 TPS", "strong consistency, active-active across regions on DynamoDB").0
        #expect(dynamo.decision("regions")?.row == "REGION-HOME-KV")
        let yugabyte = try design("Stripe", "1,000 TPS", "strong consistency, active-active in us-east and us-central on YugabyteDB").0
        #expect(yugabyte.decision("regions")?.row == "REGION-GLOBAL-STORE")
        let oracle = try design("Stripe", "1,000 TPS", "strong consistency, active-active across two regions on Oracle 19c").0
        #expect(oracle.decision("regions")?.row == "REGION-HOME")
        for kind in DesignView.StoreKind.allCases where kind != .xa {
            let row = try #require(DesignPlanner.regionRowByStoreKind[kind.rawValue], "\(kind)")
            #expect(Bundled.rules.table("regions")?.rows.contains { $0.id == row } == true)
        }
        // Partitioning follows the store chosen: CockroachDB at a low volume splits its own key space.
        #expect(cockroach.decision("partitioning")?.row == "PART-STORE-SPLITS")
        // The input's single-primary store at a volume the table would shard is that store, hash-sharded.
        let (auroraPlan, aurora) = try design("Stripe", "100,000 TPS", "strong consistency; we are on Aurora MySQL")
        #expect(auroraPlan.decision("partitioning")?.row == "PART-HASH-MERCHANT-KEY" && auroraPlan.decision("datastore")?.text("storeKind") == "sharded")
        #expect(aurora.contains("hash-sharded on (merchant id, idempotency key) because one primary cannot carry this volume, each shard a writer"))
        #expect(aurora.contains("| Database shards |") && !aurora.contains("| Database primaries |"))
        let small = try design("Stripe", "1,000 TPS", "strong consistency; we are on Aurora MySQL").0
        #expect(small.decision("partitioning")?.row == "PART-SINGLE-PRIMARY" && small.decision("datastore")?.text("storeKind") == "single-primary")
        for (_, row) in DesignPlanner.partitioningRowByStoreKind {
            #expect(Bundled.rules.table("partitioning")?.rows.contains { $0.id == row } == true)
        }
    }

    /// Sharding by the client's key cannot keep a business key unique inside one shard, so a sharded store
    /// claims the business key in a table sharded on it.
    @Test func aShardedStoreClaimsTheBusinessKeyInItsOwnTable() throws {
        let sharded = try design("Stripe", "20,000 TPS", "strong consistency").1
        #expect(sharded.contains("claimed first in a business-key table sharded on that key"))
        #expect(!(try design("Stripe", "500 TPS", "strong consistency").1.contains("business-key table sharded")))
    }

    /// Work that does not come as an HTTP request with a client key (a pay-run file, an inbound scheme
    /// credit, a chain deposit) is keyed by its own identifiers, shown only for the rails and direction given.
    @Test func workWithoutAClientKeyIsKeyedByItsOwnIdentifiers() throws {
        let payroll = try design("ACH credits for payroll and FedNow payouts").1
        #expect(payroll.contains("**ACH Credit** (batch credit transfer): Work that arrives as a file or a pay run is keyed without an HTTP header"))
        #expect(!payroll.contains("Payments received from the scheme arrive as messages"))
        let inbound = try design("Faster Payments inbound and outbound").1
        #expect(inbound.contains("**Faster Payments** (instant push credit): Payments received from the scheme arrive as messages"))
        #expect(try design("Bitcoin deposits and withdrawals").1.contains("each is claimed under (transaction id, output index)"))
        #expect(!(try design("Stripe").1.contains("without an HTTP header")))
    }

    /// A fallback rail is named as such where the governing class is given; a rail-specific flow step says
    /// which rail it is for.
    @Test func fallbacksAndRailSpecificStepsAreNamed() throws {
        let topology = try section("Topology", of: try design("Instant payouts over FedNow and RTP, falling back to Same Day ACH").1)
        #expect(topology.contains("Of these, leaving the fallback aside, instant push credit (FedNow and RTP) ranks highest"))
        #expect(topology.contains("ACH Credit is named as a fallback, so it is designed for but does not decide the pattern."))
        let flow = try section("Transaction Flow", of: try design("Pix and UPI collections for checkout").1)
        #expect(flow.contains("- For PIX: Create each Pix charge"))
        #expect(flow.contains("- For UPI: Create each UPI collect request"))
        #expect(!(try section("Transaction Flow", of: try design("Pix collections for checkout").1).contains("- For PIX:")))
    }

    /// An input that allows no committed write to be lost on a failover gets synchronous cross-region
    /// replication and its cost, never only an asynchronous standby.
    @Test func zeroDataLossMakesCrossRegionReplicationSynchronous() throws {
        let (plan, markdown) = try design("Stripe", "100 TPS", "strong; RPO 0 on regional failover")
        #expect(plan.facts.consistency.zeroLoss?.text == "RPO 0")
        #expect(markdown.contains("The input asks for no committed write to be lost on a failover (\"RPO 0\"), so replication to the other region or site is synchronous"))
        // The store's own sentences about asynchronous replication to another region are left out.
        let failover = try #require(markdown.components(separatedBy: "**Failover.**").last?.components(separatedBy: "\n").first)
        #expect(!failover.contains("asynchronous") && !failover.contains("recovery point above zero"))
        #expect(failover.hasPrefix(" Inside the region a synchronous standby in another zone takes over with no committed claim lost."))
        #expect(!(try design("Stripe", "100 TPS", "strong").1.contains("no committed write to be lost on a failover")))
        #expect(try design("Stripe", "100 TPS", "strong; we do not need zero data loss").0.facts.consistency.zeroLoss == nil)
        // The replica that holds each claim is the store's own kind.
        #expect(markdown.contains("(a standby in another region that acknowledges each commit before the primary confirms it)"))
        let spanner = try design("Stripe", "100,000 TPS", "strict serializability; RPO 0").1
        #expect(spanner.contains("(the store's multi-region configuration, whose commits already need a quorum across regions)"))
        #expect(!spanner.contains("standby"))
        let dynamo = try design("Stripe", "100,000 TPS", "eventual consistency; zero data loss").1
        #expect(dynamo.contains("(a table configuration that writes each commit to another region before confirming it)"))
    }

    @Test func failoverFollowsTheRegionSetting() throws {
        let global = try design("Stripe", "100,000 TPS", "strict serializability, active-active across us-east and eu-west").1
        #expect(global.contains("**Failover.** The store keeps a quorum of replicas across regions"))
        #expect(!global.contains("the loss of the whole region is an outage"))
        let home = try design("Stripe", "1,000 TPS", "strict serializability, active-active across us-east and eu-west").1
        #expect(home.contains("**Failover.** Each region runs its own writer for the key owners it is home to"))
        // The key's owner, not always the merchant, has the home region (a consumer wallet homes per account).
        #expect(home.contains("each key owner (the account, customer or merchant the idempotency key is scoped to) has a home region"))
        #expect(!home.contains("each merchant has a home region"))
        // One region with no standby region given: no standby region is asserted.
        let single = try design("Stripe", "1,000 TPS", "strong consistency").1
        #expect(!single.contains("Replication to the standby region is asynchronous"))
        #expect(single.contains("The loss of the whole region is an outage unless a standby region is kept"))
        #expect(home.contains("| Database primaries per region | 1 |"))
        let keyless = try design("Bitcoin", "100,000 TPS", "eventual consistency").1
        #expect(keyless.contains("payments on rails without a key are found by reconciliation"))
    }

    @Test func aBalanceThatMayNeverGoNegativeIsGuarded() throws {
        let guarded = try design("USDT on Tron", "1,000 TPS", "customer balances must never go negative; eventual consistency for status").1
        #expect(guarded.contains("**Barrier 6, a balance never goes below zero"))
        #expect(guarded.contains("`WHERE available >= amount`"))
        #expect(!(try design("Stripe").1.contains("Barrier 6")))
    }

    @Test func aBusinessKeyGuardsTheObligationBesideTheClientKey() throws {
        #expect(try design("Braintree").1.contains("it gets a unique constraint of its own beside the client's key"))
    }

    @Test func tokensOnTwoChainsGetEachChainsMechanicsAndNoOther() throws {
        let markdown = try design("USDT on Tron and USDT on Ethereum", "8,000 TPS", "eventual consistency").1
        #expect(!markdown.contains("blockhash") && !markdown.contains("associated token account"))
        #expect(markdown.contains("**USDT on Tron**") && markdown.contains("**USDT on Ethereum**"))
        #expect(markdown.components(separatedBy: "| USDT on Tron | ").count + markdown.components(separatedBy: "| USDT on Ethereum | ").count > 2)
        // A row about one chain is labelled with the tokens on that chain only.
        let three = try design("USDT on Tron, USDC on Solana and USDC on Ethereum withdrawals", "100 TPS").1
        #expect(three.contains("| Nonce Assignment (USDC on Ethereum) |"))
        #expect(three.contains("| Blockhash Expiry (USDC on Solana) |"))
        #expect(!three.contains(" ()"))
    }

    @Test func reconciliationDoesNotPromiseToUndoIrreversiblePayments() throws {
        let markdown = try design("Bitcoin").1
        #expect(!markdown.contains("offset automatically"))
        #expect(markdown.contains("a return request the receiving side may refuse"))
        #expect(!markdown.contains("a new card after a decline"))
    }
}

extension ExpertDesignTests {
    /// A stated requirement no rule reads is listed only when the design's own text does not name every
    /// meaningful word of it; an abbreviation the input defines counts as its words.
    @Test func onlyRequirementsTheDesignNeverNamesAreListed() throws {
        let matcher = RequirementMatcher(
            vocabulary: Bundled.rules.reading.requirements,
            designText: ["Generate the UETR once and keep it on every resend; the gpi tracker reports it.", "Verification of Payee must answer before release."],
            requirements: ["Verification of Payee (VoP) must run first"])
        #expect(matcher.names("UETR must be tracked end to end"))
        #expect(!matcher.names("Access badges are suspended only after a confirmed return"))
        #expect(matcher.names("VoP must answer before release"))
        #expect(!matcher.names("never after."))
        // A limit's figure is part of what it says: a design that never states 500 does not name it.
        #expect(!matcher.names("UETR tracker max 500 per day"))
        #expect(matcher.names("UETR tracker reports 5"))
        #expect(
            RequirementMatcher.abbreviations(in: "Verification of Payee (VoP) and Real-Time Gross Settlement (RTGS), then settle (SOON)")
                == ["VoP": ["Verification", "Payee"], "RTGS": ["Real", "Time", "Gross", "Settlement"]])
        #expect(RequirementMatcher.oneLine("a must be\n  credited") == "a must be credited")
        let (_, markdown) = try design("SWIFT gpi wires", "50 TPS", "strong consistency. UETR must be tracked end to end. Access must be revoked on a chargeback.")
        #expect(markdown.contains("- \"Access must be revoked on a chargeback.\"") && !markdown.contains("- \"UETR must be tracked end to end.\""))
        // Rules after a lead-in, limits and approvals without a modal verb are listed too.
        let rules = try design(
            "RTP payouts", "50 TPS",
            "strong consistency. Must never: release a payout for a refunded order; pay a blocked driver. Instant Pay max $500/day per driver. Payouts over USD 100k need 2-person approval.").1
        for rule in ["pay a blocked driver.", "Instant Pay max \\$500/day per driver."] {
            #expect(rules.contains("- \"\(rule)\""), "\(rule)")
        }
        // An approval above an amount is designed as a barrier, not listed.
        #expect(!rules.contains("- \"Payouts over USD 100k need 2-person approval.\"") && rules.contains("waits for \"2-person approval\""))
        #expect(!rules.contains("- \"Must never\""))
    }

    /// A token wallet carried by a card PSP adds no class, calls or text of its own: one class, one
    /// unknown-outcome section, one pool of rail calls, the PSP named as the one the calls go to, and the
    /// wallet's facts kept.
    @Test func aTokenWalletCarriedByAPSPAddsNoClassOfItsOwn() throws {
        let (_, markdown) = try design("Stripe for cards and Apple Pay", "5,000 TPS", "strong consistency")
        #expect(markdown.contains("**Apple Pay**, card PSP API. Duplicate guard: None of its own"))
        #expect(!markdown.contains("**Unknown outcome on wallet") && !markdown.contains("Timed-Out Wallet Call"))
        #expect(!markdown.contains("pay.weixin.qq.com"))
        #expect(markdown.contains("**Unknown outcome on card PSP API: Stripe.**"))
        #expect(markdown.contains("Send the authorisation to Stripe under a key") && !markdown.contains("Send the authorisation to Stripe and Apple Pay"))
        // One PSP: nothing about routing between PSPs, and one pool of rail calls.
        #expect(!markdown.contains("Re-Route While Unknown") && !markdown.contains("With more than one PSP"))
        #expect(markdown.contains("| Concurrent rail calls | ") && !markdown.contains("| Concurrent rail calls, wallet"))
        #expect(markdown.contains("The design peak of 5,000 TPS is 50× Stripe's default live-mode rate limit"))
    }

    /// A card checkout beside ACH collections keeps its synchronous flow: only the collections run the
    /// saga and answer `202`; the card class's own coordination row is in the provenance.
    @Test func aCardCheckoutBesideCollectionsKeepsItsSynchronousFlow() throws {
        let (plan, mixed) = try design("Stripe for card checkout and ACH Debit for invoices", "300 TPS", "strong consistency")
        #expect(plan.decision("coordination")?.text("pattern") == "saga")
        #expect(plan.flowDecisions.map(\.row) == ["COORD-OUTBOX-API"])
        let flow = try section("Transaction Flow", of: mixed)
        #expect(flow.contains("- Saga step 1 (one transaction), for ACH Debit: claim the key"))
        #expect(flow.contains("otherwise the stored response (for ACH Debit, the stored `202` and the current saga state)"))
        #expect(flow.contains("- For Stripe, the request waits for the rail, as in the Outbox Pattern, and no saga runs"))
        #expect(flow.contains("(or `202` with the payment id when the rail has not answered within the latency budget, after which the client reads the payment)"))
        // The card steps come after the saga's, not between its first step and the collection's.
        let stripe = try #require(flow.range(of: "- For Stripe, the request waits"))
        let collection = try #require(flow.range(of: "Check that the payer's authorisation for the ACH Debit collection"))
        #expect(collection.lowerBound < stripe.lowerBound)
        #expect(mixed.contains("Payments on Stripe keep the Outbox Pattern's synchronous flow beside it: the request waits for the rail's answer."))
        // Classes of one family share one entry step and one sentence at a glance.
        let wallets = try design("Stripe and PayPal at checkout, ACH Debit for invoices", "300 TPS", "strong consistency").1
        #expect(wallets.components(separatedBy: "the request waits for the rail, as in the Outbox Pattern").count == 2)
        #expect(wallets.contains("Payments on Stripe and PayPal keep the Outbox Pattern's synchronous flow"))
        #expect(mixed.contains("| Coordination of its own flow (processor API) | **Outbox Pattern**"))
        // A class that holds funds stays in the saga, whose first step places the hold.
        let payouts = try design("RTP payouts and ACH Debit collections", "300 TPS", "strong consistency").1
        #expect(!payouts.contains("the request waits for the rail, as in the Outbox Pattern"))
        // One class alone has no flow of its own to keep.
        let alone = try design("ACH Debit", "300 TPS", "strong consistency").1
        #expect(!alone.contains("for ACH Debit: claim the key") && alone.contains("otherwise the stored `202` and the current saga state"))
    }
}

extension ExpertDesignTests {
    /// NEFT is a batch credit rail of its own: read by name, keyed on the bank's UTR, returned within two
    /// hours of its batch's settlement, never a card processor.
    @Test func neftIsABatchCreditRailWithItsReturnWindow() throws {
        let (plan, markdown) = try design("INR vendor payouts by NEFT, USD by ACH Credit", "20 TPS", "strong consistency")
        #expect(plan.facts.rails.map(\.id) == ["neft", "ach-credit"])
        #expect(plan.facts.rails.first?.railClass == "batch-credit")
        #expect(markdown.contains("The sending bank's unique transaction reference (UTR) for the NEFT credit"))
        #expect(markdown.contains("within two hours of the settlement of the batch that carried it"))
        #expect(!markdown.contains("Send the authorisation to NEFT"))
    }
}

extension ExpertDesignTests {
    /// MongoDB is designed in its own terms: collections with unique indexes, majority writes, transient
    /// transaction errors, change streams, a per-key lease token, and a balance guard as a filtered update.
    @Test func mongodbIsDesignedInItsOwnTerms() throws {
        let (plan, mongo) = try design("PIX deposits and UPI payouts", "800 TPS", "strong consistency; wallet balances never negative; we run MongoDB")
        #expect(plan.decision("datastore")?.row == "STORE-MONGODB")
        #expect(mongo.contains("| Collection | Key | Purpose |") && mongo.contains("| `idempotency_keys` | unique index on `{merchant_id, idempotency_key}` |"))
        #expect(mongo.contains("code `11000`") && mongo.contains("`TransientTransactionError`") && mongo.contains("`UnknownTransactionCommitResult`"))
        #expect(mongo.contains("write concern `majority`") && mongo.contains("change stream") && mongo.contains("`findOneAndUpdate`"))
        #expect(mongo.contains("an `updateOne` whose filter `{available: {$gte: amount}}`") && !mongo.contains("WHERE available"))
        #expect(!mongo.contains("| Table | Key | Purpose |") && !mongo.contains("SQLSTATE"))
        #expect(DesignSelfCheck(rules: Bundled.rules).check(mongo, plan: plan).isEmpty)
        #expect(!plan.facts.warnings.contains { $0.id == "reading.unmodelled-store" })
    }
}

extension ExpertDesignTests {
    /// Replication the input says is asynchronous is its own setup: the failover says a failover to it loses
    /// what it had not received and that a synchronous copy is the design's recommendation; asking for no
    /// loss as well is a conflict the reader warns about.
    @Test func statedAsynchronousReplicationIsTheInputsSetup() throws {
        let (plan, sql) = try design("Checkout.com cards, ACH Credit payouts", "300 TPS", "strong consistency; SQL Server 2022 Always On in us-east-1 with an async DR replica in us-west-2")
        #expect(plan.facts.consistency.asyncReplication?.text == "async DR replica")
        #expect(sql.contains("The input's replication is asynchronous (\"async DR replica\"), so a failover to that copy loses what it had not yet received; where the sentences above describe a synchronous copy inside the region, that copy is this design's recommendation, not the input's setup"))
        #expect(try design("Stripe", "300 TPS", "strong consistency; no async replicas anywhere").0.facts.consistency.asyncReplication == nil)
        let (both, text) = try design("Stripe", "300 TPS", "strong consistency; RPO 0; async replica in the DR region")
        #expect(both.facts.warnings.contains { $0.id == "reading.conflicting-replication" })
        #expect(!text.contains("The input's replication is asynchronous"))
    }

    /// A standby the input runs synchronously, even in another city, leaves out the row's sentences about an
    /// asynchronous copy and says what a synchronous one costs; Data Guard's Maximum Performance is
    /// asynchronous; a global database is a standby region the input keeps.
    @Test func statedStandbyModesAreTheInputsSetup() throws {
        let (plan, sync) = try design("Adyen cards", "300 TPS", "strong consistency; Oracle 19c RAC in Frankfurt, Data Guard (Maximum Availability) to Amsterdam")
        #expect(plan.facts.consistency.syncStandby?.text == "Maximum Availability")
        let failover = try #require(sync.split(separator: "\n").first { $0.hasPrefix("**Failover.**") })
        #expect(failover.contains("The input runs its standby synchronously (\"Maximum Availability\"): a failover to it loses no commit it acknowledged while it was synchronized"))
        #expect(!failover.contains("asynchronous mode"))
        let performance = try design("Adyen cards", "300 TPS", "strong consistency; Oracle 19c with a Data Guard standby, Maximum Performance").0
        #expect(performance.facts.consistency.asyncReplication?.text == "Maximum Performance")
        // "async" alone counts in a sentence that names a copy of the store, and nowhere else.
        #expect(try design("Stripe", "300 TPS", "strong; Oracle 19c, Data Guard physical standby in the DR DC (async, ~2s lag)").0.facts.consistency.asyncReplication?.text == "async")
        #expect(try design("Stripe", "300 TPS", "strong; webhooks are processed async").0.facts.consistency.asyncReplication == nil)
        // A synchronous copy and an asynchronous one: only the asynchronous one loses commits.
        let both = try design("Interac", "100 TPS", "strong; SQL Server Always On: 2 synchronous-commit replicas in Toronto, async replica in Montreal").1
        #expect(both.contains("The input's replication to its other copy is asynchronous (\"async replica\"), so a failover to that copy loses what it had not yet received; a failover to the synchronous copy does not."))
        #expect(!both.contains("that copy is this design's recommendation, not the input's setup"))
        let global = try design("Stripe", "300 TPS", "strong consistency; Aurora PostgreSQL on an Aurora Global Database").1
        #expect(global.contains("The input keeps such a site (\"Aurora Global Database\"): losing the region means promoting it"))
    }
}

extension ExpertDesignTests {
    /// A store the input does not name is the table's choice, said as an assumption with how to name one;
    /// a named store, and resource managers under XA, need none.
    @Test func anUnnamedStoreIsAnAssumption() throws {
        let chosen = try design("Stripe", "10,000 TPS", "strong consistency").1
        #expect(chosen.contains("**Assumption: no store is named, so the design uses PostgreSQL, the datastore table's choice for this volume and consistency (see the appendix); name the store you run ("))
        #expect(!(try design("Stripe", "10,000 TPS", "strong consistency; we run MySQL").1.contains("no store is named")))
        #expect(!(try design("Oracle and IBM MQ as XA resource managers", "40 TPS", "atomic commit across both").1.contains("no store is named")))
    }
}
