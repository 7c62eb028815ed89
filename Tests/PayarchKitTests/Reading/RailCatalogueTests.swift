import Foundation
import PayarchTestSupport
import Testing
@testable import PayarchKit

/// The rail catalogue in `rules/rails/`: its coverage, its facts and sources, and every alias and
/// example phrase read back as its rail.
@Suite(.temporaryDirectories) struct RailCatalogueTests {
    static let rules = Bundled.rules
    static let reader = InputReader(rules: rules)

    static func rails(_ text: String) throws -> [RailMention] {
        try reader.read(rails: text, throughput: "100 TPS", consistency: "strong").facts.rails.filter { $0.reading != .assumed }
    }

    @Test func theCatalogueCoversTheRailsAPaymentsEngineerExpects() {
        #expect(Self.rules.rails.count >= 45)
        let required = [
            "stripe", "adyen", "paypal", "braintree", "square", "checkout-com", "worldpay", "mollie", "razorpay", "visa",
            "mastercard", "amex", "discover", "jcb", "unionpay", "apple-pay", "google-pay", "alipay", "wechat-pay", "ideal",
            "bancontact", "blik", "klarna", "affirm", "afterpay", "ach-credit", "bacs-direct-credit", "sepa-credit-transfer",
            "ach-debit", "sepa-dd-core", "sepa-dd-b2b", "bacs-direct-debit", "becs-direct-debit", "fednow", "rtp",
            "faster-payments", "sepa-instant", "pix", "upi", "npp", "swift-gpi", "fedwire", "chaps", "t2", "bitcoin",
            "lightning", "ethereum", "usdc", "usdt", "solana", "oracle", "db2", "sql-server", "postgresql", "mysql", "ibm-mq",
            "interac", "mpesa", "chips", "zelle", "payto",
        ]
        let ids = Set(Self.rules.rails.map(\.id))
        for id in required { #expect(ids.contains(id), "the catalogue has no rail '\(id)'") }
    }

    @Test(arguments: rules.rails.map(\.id))
    func everyRailHasThreeSourcedFactsAndItsOutcomeFields(_ id: String) throws {
        let rail = try #require(Self.rules.rail(id))
        #expect(rail.facts.count >= 3, "\(id) has \(rail.facts.count) facts")
        for fact in rail.facts {
            #expect(fact.source.hasPrefix("https://") || fact.source.hasPrefix("http://"), "\(id): '\(fact.source)' is not a web address")
            #expect(!fact.text.isEmpty)
        }
        for window in rail.windows { #expect(window.source.hasPrefix("http"), "\(id) window \(window.kind)") }
        #expect(!rail.nativeKey.isEmpty && !rail.unknownOutcome.isEmpty && !rail.compensation.isEmpty && !rail.reconciliationArtefact.isEmpty)
        #expect(Self.rules.railClass(rail.railClass) != nil, "\(id) has an unknown class")
    }

    /// Classes keep apart what changes the design.
    @Test func classesSeparateWhatChangesTheDesign() throws {
        func railClass(_ id: String) throws -> String { try #require(Self.rules.rail(id)).railClass }
        #expect(try railClass("ach-debit") != railClass("ach-credit"), "pull with mandate vs push credit")
        #expect(try railClass("sepa-credit-transfer") != railClass("sepa-instant"), "batch vs instant")
        #expect(try railClass("sepa-instant") != railClass("chaps"), "instant vs RTGS")
        #expect(try railClass("visa") != railClass("stripe"), "card network vs PSP API")
        #expect(try railClass("bitcoin") != railClass("ethereum"), "UTXO vs account-based chains")
        #expect(try railClass("klarna") == "bnpl")
        #expect(try railClass("ideal") == "bank-redirect")
        #expect(try railClass("oracle") == "xa-resource")
    }

    static let aliases: [(String, String)] = rules.rails.flatMap { rail in
        (rail.aliases + rail.exactAliases).map { (rail.id, $0) }
    }

    /// Every alias, alone in a rails list, reads as its rail (tokens that need a chain read as token-on-chain
    /// pairs, so an alias of a token is checked with its default chain named).
    @Test(arguments: aliases)
    func everyAliasReadsAsItsRail(_ id: String, _ alias: String) throws {
        let rail = try #require(Self.rules.rail(id))
        var text = alias
        if rail.railClass == "xa-resource" { text += " under XA" }
        let read = try Self.rails(text)
        #expect(read.contains { $0.id == id }, "'\(text)' reads as \(read.map(\.name)), not \(rail.name)")
    }

    static let examples: [(String, String)] = rules.rails.flatMap { rail in rail.examples.map { (rail.id, $0) } }

    /// The catalogue's example phrases are tests: each reads as its rail.
    /// An example may also show the rail ruled out ("Sofort was switched off in 2024") or as the chain a
    /// token runs on ("USDC on Polygon PoS").
    @Test(arguments: examples)
    func everyExamplePhraseReadsAsItsRail(_ id: String, _ example: String) throws {
        let reading = try Self.reader.read(rails: example, throughput: "100 TPS", consistency: "strong").facts
        let name = try #require(Self.rules.rail(id)).name
        let found = reading.rails.contains { $0.id == id || $0.name.hasSuffix(" on " + name) }
            || reading.excludedRails.contains { $0.id == id }
        #expect(found, "'\(example)' reads as \(reading.rails.map(\.name)) (ruled out: \(reading.excludedRails.map(\.name))), not \(name)")
    }

    @Test func everyRailHasAnExample() {
        for rail in Self.rules.rails { #expect(!rail.examples.isEmpty, "\(rail.id) has no example phrase") }
    }

    /// Case rules: `SWIFT` the network, `Swift` the language; `Square` the PSP, "square" the word.
    @Test func exactCaseAliasesKeepCommonWordsOut() throws {
        #expect(try Self.rails("our Swift backend calls Stripe").map(\.name) == ["Stripe"])
        #expect(try Self.rails("SWIFT MT103 wires").contains { $0.id == "swift-gpi" })
        #expect(try Self.rails("a square deal with Adyen").map(\.name) == ["Adyen"])
    }

    /// Word lists of things that are not rails never hold a rail's alias.
    @Test func notRailWordsNeverNameARail() {
        let aliases = Set(Self.rules.rails.flatMap { $0.aliases.map { $0.lowercased() } })
        for entry in Self.rules.reading.notRails.words {
            for phrase in entry.phrases { #expect(!aliases.contains(phrase.lowercased()), "\(entry.category): '\(phrase)' is a rail alias") }
        }
    }

    /// An unknown key in a catalogue file is an error at its line, as in specs.
    @Test func aMisspeltKeyInTheCatalogueIsAnErrorAtItsLine() throws {
        let directory = try Repository.patchedRules("rails/psp-card-api.yml", replacing: "    examples:\n", with: "    exampels:\n")
        #expect {
            _ = try RuleBookLoader().load(directory: directory)
        } throws: { error in
            guard let error = error as? PayarchError, let diagnostic = error.diagnostics.first else { return false }
            return diagnostic.id == "rules.unknown-key" && diagnostic.location?.file.hasSuffix("rails/psp-card-api.yml") == true
                && (diagnostic.location?.line ?? 0) > 0 && diagnostic.message.contains("exampels")
        }
    }

    @Test(arguments: [
        ("reading/context.yml", "negation:\n", "negations:\n"),
        ("reading/quantities.yml", "scales:", "scaless:"),
        ("reading/rail-words.yml", "siblings:", "sibling:"),
        ("reading/not-rails.yml", "demonyms:", "demonym:"),
        ("consistency.yml", "relaxers:", "relaxer:"),
        ("rail-classes.yml", "    rank:", "    ranks:"),
    ])
    func aMisspeltKeyInAReadingFileIsAnErrorAtItsLine(_ file: String, _ old: String, _ new: String) throws {
        let directory = try Repository.patchedRules(file, replacing: old, with: new)
        #expect {
            _ = try RuleBookLoader().load(directory: directory)
        } throws: { error in
            guard let error = error as? PayarchError, let diagnostic = error.diagnostics.first else { return false }
            return diagnostic.location?.file.hasSuffix(file) == true && (diagnostic.location?.line ?? 0) > 0
        }
    }

    @Test func aCatalogueFactWithoutAnAddressIsRefused() throws {
        let directory = try Repository.patchedRules(
            "rails/psp-card-api.yml", replacing: "source: \"https://docs.stripe.com/idempotency\"", with: "source: \"stripe docs\"")
        #expect(throws: PayarchError.self) { _ = try RuleBookLoader().load(directory: directory) }
    }

    /// A design puts rail names inside parentheses ("**batch credit transfer** (Canadian EFT)"), so no
    /// rail's display name carries parentheses of its own.
    @Test func noRailNameHasParentheses() {
        for rail in Bundled.rules.rails { #expect(!rail.name.contains("(") && !rail.name.contains(")"), "\(rail.id): \(rail.name)") }
    }

    /// A shared short name is one of the rail's own names or a scheme name that reads as it, and comes with
    /// the places the rail belongs to.
    @Test func aSharedShortNameIsTheRailsOwnAndHasHomePlaces() {
        let schemeNames = Set(Bundled.rules.reading.railWords.schemes.flatMap { $0.aliases + $0.exactAliases }.map { $0.lowercased() })
        for rail in Bundled.rules.rails where !rail.localAliases.isEmpty {
            let own = Set(([rail.name] + rail.aliases + rail.exactAliases).map { $0.lowercased() }).union(schemeNames)
            for alias in rail.localAliases { #expect(own.contains(alias.lowercased()), "\(rail.id): \(alias)") }
            #expect(!rail.homePlaces.isEmpty, "\(rail.id)")
        }
        #expect(Bundled.rules.rails.filter { !$0.localAliases.isEmpty }.map(\.id).sorted() == ["ach-credit", "ach-debit", "eft-canada", "faster-payments"])
    }
}
