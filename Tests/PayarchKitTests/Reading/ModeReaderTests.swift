import PayarchTestSupport
import Testing
@testable import PayarchKit

/// `modes:` in `rules/reading/rail-words.yml`: ways the rails are used that change their lifecycle, read
/// from any input unless ruled out, each with the phrase that states it.
@Suite(.temporaryDirectories) struct ModeReaderTests {
    static let reader = InputReader(rules: Bundled.rules)

    static func modes(rails: String = "Stripe", throughput: String = "100 TPS", consistency: String = "strong") throws -> [String] {
        try reader.read(rails: rails, throughput: throughput, consistency: consistency).facts.modes.map(\.mode)
    }

    @Test(arguments: [
        ("Recurring card billing (merchant-initiated, card-on-file) through Adyen", ["merchant-initiated"]),
        ("Adyen for MIT renewals", ["merchant-initiated"]),
        ("Visa and Mastercard acquiring with offline stand-in for transit gates", ["offline"]),
        ("SWIFT MT103 with FX conversion through a partner bank", ["fx-conversion"]),
        ("Fedwire and CHAPS, FX booked before release", ["fx-conversion"]),
        // A named custody platform is also a custody platform.
        ("Bitcoin and Ethereum withdrawals via Fireblocks", ["fireblocks", "custody-platform"]),
        ("Bitcoin withdrawals signed by BitGo", ["bitgo", "custody-platform"]),
        ("USDC payouts through our custody provider", ["custody-platform"]),
        ("Stripe for checkout", []),
    ] as [(String, [String])])
    func aModeIsReadFromTheRails(_ text: String, _ expected: [String]) throws {
        #expect(try Self.modes(rails: text) == expected)
    }

    /// A mode ruled out states nothing; capitals-only words match only with their capitals.
    @Test(arguments: [
        "Visa and Mastercard acquiring; no offline mode",
        "Bitcoin withdrawals; we moved off Fireblocks last year",
        "Stripe checkout handled by the fx team in lowercase",
        "Stripe; mit is not a word here",
        // An issuer's stand-in (STIP) approves for the issuer; it is not an offline terminal approval.
        "card holds from our issuer processor, with Visa stand-in (STIP) when we time out",
    ])
    func aModeRuledOutOrInTheWrongCaseIsNotRead(_ text: String) throws {
        #expect(try Self.modes(rails: text).isEmpty)
    }

    @Test func aModeIsReadFromTheOtherInputsWithItsPhrase() throws {
        let reading = try Self.reader.read(
            rails: "Visa", throughput: "6,000 TPS", consistency: "Offline stand-in approvals must never post twice; strong")
        let mode = try #require(reading.facts.modes.first)
        #expect(mode.mode == "offline" && mode.phrase.text == "Offline stand-in")
        #expect(mode.phrase.variable == InputReader.consistencyVariable)
        #expect(try Self.modes(rails: "Stripe", throughput: "renewal run spikes to 1,500 TPS") == ["merchant-initiated"])
    }

    @Test func eachModeIsReadOnceAtItsFirstPhrase() throws {
        let reading = try Self.reader.read(rails: "Adyen for renewals and recurring billing", throughput: "100 TPS", consistency: "strong")
        #expect(reading.facts.modes.map(\.mode) == ["merchant-initiated"])
        #expect(reading.facts.modes.first?.phrase.text == "renewals")
    }

    /// The loader refuses a mode a lifecycle item names but `modes:` does not declare, a mode that implies an
    /// unknown one, and a malformed mode id.
    @Test func modeTagsAndDeclarationsRefuseBadValues() throws {
        func loadError(_ file: String, _ old: String, _ new: String) throws -> Diagnostic? {
            try Repository.rulesLoadError(file, replacing: old, with: new)
        }
        #expect(try loadError("lifecycle/psp-card-api.yml", #"  mode: "merchant-initiated""#, #"  mode: "subscription""#)?.message.contains("subscription") == true)
        #expect(try loadError("lifecycle/crypto-utxo.yml", #"  unlessMode: "custody-platform""#, #"  unlessMode: "custody""#)?.id == "rules.unknown-value")
        #expect(try loadError("reading/rail-words.yml", "    implies: [custody-platform]", "    implies: [custodian]")?.message.contains("implies 'custodian'") == true)
        #expect(try loadError("reading/rail-words.yml", "  fx-conversion:", "  FX_Conversion:")?.id == "rules.unknown-value")
        #expect(
            try loadError(
                "reading/rail-words.yml", "    name: Fireblocks signs and broadcasts\n    words: [Fireblocks]",
                "    name: Fireblocks signs and broadcasts\n    words: []")?.id == "rules.empty-list")
    }
}
