import Foundation
import PayarchTestSupport
import Testing
@testable import PayarchKit

/// `rules/lifecycle/`: what each class brings to a design, narrowed to the rails given, and the loader's
/// checks on it.
@Suite(.temporaryDirectories) struct LifecycleRulesTests {
    func loadError(_ file: String, _ old: String, _ new: String) throws -> Diagnostic? {
        try Repository.rulesLoadError(file, replacing: old, with: new)
    }

    @Test func everyClassHasALifecycleForEveryPatternAndEveryEventASource() throws {
        let patterns = try #require(RuleBookLoader.enumeratedOutputs["coordination"]?["pattern"])
        for railClass in Bundled.rules.railClasses {
            for pattern in patterns {
                let lifecycle = try #require(Bundled.rules.lifecycle(of: railClass.id, pattern: pattern), "\(railClass.id) \(pattern)")
                #expect(!lifecycle.events.isEmpty && !lifecycle.compensations.isEmpty)
                for event in lifecycle.events { #expect(event.source.hasPrefix("http"), "\(railClass.id)/\(event.id)") }
                // A deadline without a published source says it is a planning figure.
                if let deadline = lifecycle.deadline, deadline.source == nil {
                    #expect(deadline.text.hasPrefix("Planning figure"), "\(railClass.id)")
                }
            }
        }
        #expect(Bundled.rules.lifecycle(of: "xa-resource", pattern: "two-phase-commit")?.patterns == ["two-phase-commit"])
        #expect(Bundled.rules.lifecycle(of: "xa-resource", pattern: "outbox")?.railOverride != nil)
        #expect(Bundled.rules.lifecycle(of: "psp-card-api", pattern: "saga")?.patterns == [])
    }

    /// A rail override keeps only the rail facts of the topics it lists, and the topics are the catalogue's.
    @Test func aRailOverrideListsKnownFactTopics() throws {
        let received = try #require(Bundled.rules.lifecycle(of: "received-credit", pattern: "saga")?.railOverride)
        #expect(received.factTopics == ["window", "compensation", "finality", "lifecycle"])
        let error = try loadError("lifecycle/received-credit.yml", #"factTopics: ["window","#, #"factTopics: ["windows","#)
        #expect(error?.id == "rules.unknown-topic" && error?.message == "unknown fact topic 'windows'")
        #expect(error?.location?.line != nil)
    }

    /// An open item lives in one place: a class's check never repeats a rail's own check, so a design
    /// never lists it twice.
    @Test func noClassCheckRepeatsARailCheck() throws {
        func normal(_ text: String) -> String { text.lowercased().filter { $0.isLetter || $0.isNumber } }
        let railChecks = Set(Bundled.rules.rails.flatMap(\.checks).map(normal))
        for (railClass, lifecycles) in Bundled.rules.lifecycles {
            for lifecycle in lifecycles {
                for check in lifecycle.checks {
                    #expect(!railChecks.contains(normal(check.text)), "\(railClass): \(check.text)")
                }
            }
        }
    }

    /// An item tagged with rails appears only when one of them is given; an untagged one always.
    @Test func aLifecycleIsNarrowedToTheRailsGiven() throws {
        let lifecycle = try #require(Bundled.rules.lifecycle(of: "psp-card-api", pattern: "outbox"))
        let stripeOnly = lifecycle.narrowed(to: ["stripe"])
        let adyenOnly = lifecycle.narrowed(to: ["adyen"])
        #expect(stripeOnly.events.allSatisfy { $0.rails.isEmpty || $0.rails.contains("stripe") })
        #expect(adyenOnly.events.allSatisfy { $0.rails.isEmpty || $0.rails.contains("adyen") })
        #expect(stripeOnly.events.contains { $0.rails == ["stripe"] })
        #expect(!adyenOnly.events.contains { $0.rails == ["stripe"] })
        #expect(lifecycle.narrowed(to: []).events.allSatisfy { $0.rails.isEmpty })
        #expect(ClassLifecycle.applies([], to: ["x"]))
        #expect(ClassLifecycle.applies(["a", "b"], to: ["b"]))
        #expect(!ClassLifecycle.applies(["a"], to: ["b"]))
        // In a design: a Stripe event is absent from an Adyen design and present in a Stripe one.
        let tagged = try #require(lifecycle.events.first { $0.rails == ["stripe"] })
        let adyen = try Bundled.design(try Bundled.inputs(rails: "Adyen", throughput: "100 TPS", consistency: "strong")).1
        let stripe = try Bundled.design(try Bundled.inputs(rails: "Stripe", throughput: "100 TPS", consistency: "strong")).1
        let row = "| \(tagged.name) |"
        #expect(stripe.contains(row) && !adyen.contains(row))
    }

    /// Items tagged with a direction appear only when a rail of the class moves money that way (or has no
    /// direction); items about several rails only when there are several.
    @Test func directionAndSeveralRailsNarrowTheItems() throws {
        let instant = try #require(Bundled.rules.lifecycle(of: "instant-push", pattern: "outbox"))
        let send = instant.narrowed(to: ["sepa-instant"], directions: ["credit"], severalRails: false)
        #expect(send.flow.contains { $0.direction == "credit" } && !send.flow.contains { $0.direction == "debit" })
        #expect(!send.compensations.contains { $0.direction == "debit" })
        let collect = instant.narrowed(to: ["upi"], directions: ["debit"], severalRails: false)
        #expect(collect.flow.contains { $0.direction == "debit" } && !collect.flow.contains { $0.direction == "credit" })
        #expect(!collect.compensations.contains { $0.stage == "Before submission" })
        #expect(instant.narrowed(to: ["upi"]).flow.contains { $0.direction == "credit" })
        // Falling back needs a second rail in the design.
        #expect(!send.events.contains { $0.id == "rail-fallback" })
        #expect(instant.narrowed(to: ["sepa-instant"], directions: ["credit"], severalRails: true).events.contains { $0.id == "rail-fallback" })
        // Routing between PSPs needs a second rail of the class.
        let psp = try #require(Bundled.rules.lifecycle(of: "psp-card-api", pattern: "outbox"))
        #expect(!psp.narrowed(to: ["stripe"], classRails: ["stripe"]).events.contains { $0.id == "reroute-unknown" })
        #expect(psp.narrowed(to: ["stripe", "adyen"], classRails: ["stripe", "adyen"]).events.contains { $0.id == "reroute-unknown" })
    }

    /// A class-wide event that a rail's own event states more precisely is left out only when every rail
    /// of the class in the design has such an event.
    @Test func aCoveredClassWideEventIsLeftOutOnlyWhenEveryRailCoversIt() throws {
        let psp = try #require(Bundled.rules.lifecycle(of: "psp-card-api", pattern: "outbox"))
        let stripe = psp.narrowed(to: ["stripe"], classRails: ["stripe"])
        #expect(stripe.events.contains { $0.id == "stripe-refund-failure" })
        #expect(!stripe.events.contains { $0.id == "refund-failure" })
        let both = psp.narrowed(to: ["stripe", "braintree"], classRails: ["stripe", "braintree"])
        #expect(both.events.contains { $0.id == "refund-failure" })
        // A rail payarch does not know needs the class-wide text.
        #expect(psp.narrowed(to: ["stripe"], classRails: ["stripe", nil]).events.contains { $0.id == "refund-failure" })
        let markdown = try Bundled.design(try Bundled.inputs(rails: "Stripe", throughput: "100 TPS", consistency: "strong")).1
        #expect(markdown.contains("| Failed Refund |") && !markdown.contains("| Refund Failure |"))
        #expect(markdown.contains("| Stripe Signature |") && !markdown.contains("| Webhook Signature |"))
        // Klarna's own refund, expiry and retry rows replace the buy-now-pay-later class's.
        let klarna = try Bundled.design(try Bundled.inputs(rails: "Klarna", throughput: "100 TPS", consistency: "strong")).1
        #expect(!klarna.contains("| Refund |") && !klarna.contains("| Keyed Retry |") && !klarna.contains("| Authorisation Expiry |"))
    }

    /// A class-wide event cites the page documenting it for a rail given, not another vendor's.
    @Test func aClassWideEventCitesTheGivenRailsOwnSource() throws {
        let paypal = try Bundled.design(try Bundled.inputs(rails: "PayPal", throughput: "100 TPS", consistency: "strong")).1
        #expect(!paypal.contains("weixin"))
        #expect(paypal.contains("| Timed-Out Wallet Call |") && paypal.contains("https://developer.paypal.com/reference/guidelines/idempotency |"))
        let wechat = try Bundled.design(try Bundled.inputs(rails: "WeChat Pay", throughput: "100 TPS", consistency: "strong")).1
        #expect(wechat.contains("ReasonableQueryMechanism"))
        // PayPal's own pending captures and disputes are in a PayPal design.
        #expect(paypal.contains("| Pending Capture |") && paypal.contains("`PENDING_REVIEW`"))
        #expect(paypal.contains("`CUSTOMER.DISPUTE.CREATED`"))
    }

    /// A class-wide compensation a rail's own states more precisely is left out when every rail has one.
    @Test func aCoveredCompensationIsLeftOutOnlyWhenEveryRailCoversIt() throws {
        let instant = try #require(Bundled.rules.lifecycle(of: "instant-push", pattern: "outbox"))
        let pix = instant.narrowed(to: ["pix"], classRails: ["pix"])
        #expect(pix.compensations.contains { $0.stage == "Refund of a received Pix" })
        #expect(!pix.compensations.contains { $0.stage == "Refund of a received payment" })
        #expect(!pix.compensations.contains { $0.stage == "After settlement" })
        let mixed = instant.narrowed(to: ["pix", "faster-payments"], classRails: ["pix", "faster-payments"])
        #expect(mixed.compensations.contains { $0.stage == "Refund of a received payment" })
        #expect(
            try loadError("lifecycle/instant-push.yml", #"covers: ["Refund of a received payment"]"#, #"covers: ["Refund of a payment"]"#)?.id
                == "rules.covers")
        // PayPal's own disputes are compensated.
        let paypal = try Bundled.design(try Bundled.inputs(rails: "PayPal", throughput: "100 TPS", consistency: "strong")).1
        #expect(paypal.contains("**PayPal**, PayPal dispute opened"))
    }

    @Test func coversAndRailSourcesAreChecked() throws {
        #expect(
            try loadError("lifecycle/psp-card-api.yml", #"covers: ["refund-failure"]"#, #"covers: ["refund-fail"]"#)?.message
                .contains("covers 'refund-fail', which is not a class-wide event of 'psp-card-api'") == true)
        #expect(
            try loadError("lifecycle/psp-card-api.yml", #"covers: ["refund-failure"]"#, #"covers: ["stripe-dispute"]"#)?.id == "rules.covers")
        #expect(
            try loadError("lifecycle/wallet.yml", #"    paypal: "https://developer.paypal.com/reference/guidelines/idempotency""#, #"    stripe: "https://docs.stripe.com/""#)?
                .message.contains("rail 'stripe' is of class 'psp-card-api', not 'wallet'") == true)
        #expect(try loadError("lifecycle/instant-push.yml", "- direction: credit", "- direction: outbound")?.id == "rules.unknown-value")
    }

    /// The tags and data added for channels, stated stores and node figures refuse bad values with their own
    /// diagnostics instead of loading them.
    @Test func newTagsAndFiguresRefuseBadValues() throws {
        #expect(try loadError("lifecycle/card-network.yml", "- channel: card-not-present", "- channel: online")?.id == "rules.unknown-value")
        #expect(try loadError("lifecycle/psp-card-api.yml", "  severalInClass: true", "  severalInClass: often")?.message.contains("true or false") == true)
        #expect(
            try loadError("reading/rail-words.yml", "  card-present: [card-present,", "  in-person: [card-present,")?.message
                .contains("unknown channel 'in-person'") == true)
        #expect(try loadError("throughput.yml", "    utilisation: 0.5", "    utilisation: 1.5")?.id == "rules.capacity")
        // A stated row shares the table's row ids, so a duplicate is refused like any other.
        #expect(try loadError("decisions/datastore.yml", "  - id: STORE-MYSQL", "  - id: STORE-PG-SINGLE")?.id == "rules.duplicate-row")
        #expect(try loadError("decisions/datastore.yml", "      - https://learn.microsoft.com/en-us/sql/t-sql/queries/hints-transact-sql-table", "      - learn.microsoft.com/hints")?.id == "rules.source")
    }

    /// The keys added for chain ceilings, default channels, one-way rails, unknown rails, cloud regions and
    /// the issuer's side refuse bad values and unknown keys instead of loading them.
    @Test func laterKeysRefuseBadValues() throws {
        #expect(try loadError("throughput.yml", "    ceiling: true", "    ceiling: often")?.message.contains("true or false") == true)
        #expect(try loadError("rail-classes.yml", "    defaultChannel: card-not-present", "    defaultChannel: online")?.id == "rules.unknown-value")
        #expect(try loadError("rails/instant-push.yml", "    direction: credit", "    direction: outbound")?.id == "rules.unknown-value")
        #expect(try loadError("rail-classes.yml", "    defaultChannel: card-not-present", "    unknownRailKey: [a, b]") != nil)
        #expect(try loadError("consistency.yml", "cloudRegions:\n", "cloudRegions:\n  zones: [a]\n") != nil)
        #expect(try loadError("reading/rail-words.yml", "issuerSide: [", "issuerSide: {a: [") != nil)
    }

    @Test func aTagMustNameAKnownRailOfTheSameClass() throws {
        let unknown = try loadError("lifecycle/wallet.yml", #"class: "wallet""#, "class: \"wallet\"\n# x")
        #expect(unknown == nil)
        let original = try #require(Repository.read(Repository.rules + "/lifecycle/psp-card-api.yml"))
        let tag = try #require(original.range(of: #"rails: \["stripe"\]"#, options: .regularExpression))
        let tagText = String(original[tag])
        #expect(try loadError("lifecycle/psp-card-api.yml", tagText, #"rails: ["strype"]"#)?.message.contains("unknown rail id 'strype'") == true)
        #expect(try loadError("lifecycle/psp-card-api.yml", tagText, #"rails: ["paypal"]"#)?.message.contains("rail 'paypal' is of class 'wallet', not 'psp-card-api'") == true)
        #expect(try loadError("lifecycle/psp-card-api.yml", tagText, "rails: []")?.id == "rules.rails-tag")
        // A rail of a class received as this one (ACH Credit received) may be tagged in the received file.
        let received = try #require(Repository.read(Repository.rules + "/lifecycle/received-credit.yml"))
        #expect(received.contains(#"rails: ["ach-credit"]"#))
        #expect(try loadError("lifecycle/received-credit.yml", #"rails: ["ach-credit"]"#, #"rails: ["stripe"]"#)?.message.contains("rail 'stripe' is of class 'psp-card-api', not 'received-credit'") == true)
        let unknownReceived = try Repository.rulesLoadError("rail-classes.yml", replacing: "    receivedAs: received-credit\n", with: "    receivedAs: received-credits\n")
        #expect(unknownReceived?.message.contains("is received as unknown rail class 'received-credits'") == true)
        // Reported at the line that names it.
        #expect(unknownReceived?.location?.description.contains("rail-classes.yml:") == true)
        // A token wallet processed as a card payment may be tagged by its card class, and only by it.
        #expect(try loadError("lifecycle/psp-card-api.yml", tagText, #"rails: ["google-pay"]"#) == nil)
        let applePay = "  - id: apple-pay\n    name: Apple Pay\n    # Named beside a card PSP, it is one of that PSP's card payments (see the facts below).\n    processedAs: psp-card-api\n"
        #expect(try Repository.rulesLoadError("rails/wallet.yml", replacing: applePay, with: applePay.replacing("psp-card-api", with: "psp-card-apis"))?.message
            .contains("rail 'apple-pay' is processed as unknown rail class 'psp-card-apis'") == true)
        #expect(try Repository.rulesLoadError("rails/wallet.yml", replacing: applePay, with: applePay.replacing("psp-card-api", with: "wallet"))?.id == "rules.unknown-value")
    }

    @Test func patternsMustBeKnownAndCoverEveryPatternOnce() throws {
        #expect(try loadError("lifecycle/xa-resource-local.yml", #"patterns: ["outbox", "saga"]"#, #"patterns: ["outbox", "sagas"]"#)?.id == "rules.unknown-value")
        // Dropping saga leaves the class without a lifecycle under the saga pattern.
        let missing = try loadError("lifecycle/xa-resource-local.yml", #"patterns: ["outbox", "saga"]"#, #"patterns: ["outbox"]"#)
        #expect(missing?.id == "rules.missing-lifecycle")
        #expect(missing?.message.contains("under the saga pattern") == true)
        // Claiming two-phase-commit twice is a clash.
        #expect(
            try loadError("lifecycle/xa-resource-local.yml", #"patterns: ["outbox", "saga"]"#, #"patterns: ["outbox", "saga", "two-phase-commit"]"#)?.id
                == "rules.duplicate-lifecycle")
    }

    @Test func theTimeoutAnswerAndRailOverrideAreCheckedKeyByKey() throws {
        #expect(try loadError("lifecycle/card-network.yml", "  call: ", "  cal: ")?.id == "rules.unknown-key")
        #expect(try loadError("lifecycle/xa-resource-local.yml", "  reconciliationArtefact: ", "  reconciliation: ")?.id == "rules.unknown-key")
    }

    /// Under an outbox the resource managers' own XA facts do not apply, so the catalogue's text is replaced.
    @Test func resourceManagersLinkedByAnOutboxShowNoXAFacts() throws {
        let local = try Bundled.design(try Bundled.inputs(rails: "Oracle and IBM MQ as XA resource managers", throughput: "1,000 TPS", consistency: "strong")).1
        #expect(local.contains("**Oracle**, internal XA resource manager. Duplicate guard: none in this design, which opens no XA branch"))
        #expect(!local.contains("DBA_2PC_PENDING") && !local.contains("COMMIT FORCE"))
        let global = try Bundled.design(try Bundled.inputs(rails: "Oracle and IBM MQ as XA resource managers", throughput: "40 TPS", consistency: "atomic commit; strict serializability")).1
        #expect(global.contains("DBA_2PC_PENDING"))
    }
}
