import Foundation
import PayarchTestSupport
import Testing
@testable import PayarchKit

/// `RailCatalogueReport` and `RailLookup`: the listing `payarch rails` prints, generated from the catalogue.
@Suite(.temporaryDirectories) struct RailCatalogueReportTests {
    static let rules = Bundled.rules

    @Test func everyRailAppearsOnceWithItsClassAndAtLeastOneSource() throws {
        let report = try RailCatalogueReport(rules: Self.rules)
        let ids = report.entries.map(\.id)
        #expect(ids.count == Self.rules.rails.count)
        #expect(Set(ids) == Set(Self.rules.rails.map(\.id)))
        #expect(Set(ids).count == ids.count, "a rail is listed twice")
        for entry in report.entries {
            let railClass = try #require(Self.rules.railClass(entry.railClass), "\(entry.id) has an unknown class")
            #expect(entry.className == railClass.name)
            #expect(!entry.sources.isEmpty, "\(entry.id) lists no source")
            #expect(Set(entry.sources).count == entry.sources.count, "\(entry.id) lists a source twice")
            #expect(entry.facts == nil, "the listing leaves the facts to the full view")
        }
    }

    @Test func railsAreGroupedByClassRankThenSortedByName() throws {
        let report = try RailCatalogueReport(rules: Self.rules)
        let ranks = report.groups.map(\.railClass.rank)
        #expect(ranks == ranks.sorted())
        #expect(report.groups.count == Self.rules.railClasses.count)
        for group in report.groups {
            let names = group.entries.map { $0.name.lowercased() }
            #expect(names == names.sorted(), "\(group.railClass.id) is not sorted by name")
        }
    }

    @Test func theSourcesAreTheFactsAndWindowsSources() throws {
        let report = try RailCatalogueReport(rules: Self.rules)
        for entry in report.entries {
            let rail = try #require(Self.rules.rail(entry.id))
            #expect(Set(entry.sources) == Set(rail.facts.map(\.source) + rail.windows.map(\.source)))
        }
    }

    @Test(arguments: [
        ("ApplePay", "apple-pay"), ("paypal checkout", "paypal"), ("SWIFT", "swift-gpi"), ("stripe", "stripe"),
        ("sepa-dd-core", "sepa-dd-core"), ("  Klarna ", "klarna"),
    ])
    func anIdNameOrAliasFindsItsRail(_ query: String, _ id: String) throws {
        #expect(try RailLookup.rail(named: query, in: Self.rules).id == id)
        let report = try RailCatalogueReport(rules: Self.rules, rail: query)
        #expect(report.entries.map(\.id) == [id])
    }

    @Test func anUnknownRailIsAUsageErrorWithTheNearestName() {
        #expect {
            try RailCatalogueReport(rules: Self.rules, rail: "Strpe")
        } throws: { error in
            guard let error = error as? PayarchError, let diagnostic = error.diagnostics.first else { return false }
            return error.kind == .usage && diagnostic.id == "catalogue.unknown-rail"
                && diagnostic.message == "no rail named 'Strpe' in the catalogue"
                && diagnostic.notes.first == "did you mean 'Stripe'?"
        }
    }

    @Test func aNameFarFromEveryRailGetsNoSuggestion() {
        #expect {
            try RailLookup.rail(named: "Quetzalcoatl Payments Ltd", in: Self.rules)
        } throws: { error in
            let notes = (error as? PayarchError)?.diagnostics.first?.notes ?? []
            return !notes.contains { $0.hasPrefix("did you mean") }
        }
    }

    @Test func anEmptyNameIsAUsageErrorWithoutAGuess() {
        #expect {
            try RailLookup.rail(named: " ", in: Self.rules)
        } throws: { error in
            let diagnostic = (error as? PayarchError)?.diagnostics.first
            return diagnostic?.message == "the rail name is empty" && diagnostic?.notes.contains { $0.hasPrefix("did you mean") } == false
        }
    }

    @Test func theClassFilterKeepsOneClassAndRejectsAnUnknownOne() throws {
        let report = try RailCatalogueReport(rules: Self.rules, railClass: "wallet")
        #expect(report.groups.map(\.railClass.id) == ["wallet"])
        #expect(report.entries.map(\.id).sorted() == Self.rules.rails.filter { $0.railClass == "wallet" }.map(\.id).sorted())
        #expect(report.text().hasPrefix("Rail catalogue: \(report.entries.count) rails in class wallet, by class rank, then by name\n"))
        #expect {
            try RailCatalogueReport(rules: Self.rules, railClass: "walet")
        } throws: { error in
            let diagnostic = (error as? PayarchError)?.diagnostics.first
            return diagnostic?.id == "catalogue.unknown-class" && diagnostic?.notes.first == "did you mean 'wallet'?"
        }
        #expect(throws: PayarchError.self) { try RailCatalogueReport(rules: Self.rules, railClass: "wallet", rail: "Stripe") }
    }

    @Test func theFullViewShowsEveryFactAndWindowWithItsSource() throws {
        let rail = try #require(Self.rules.rail("paypal"))
        let text = try RailCatalogueReport(rules: Self.rules, rail: "PayPal").text()
        #expect(text.hasPrefix("PayPal [paypal]\n  class            wallet [wallet], family processor API [card-processor-api], rank 11\n"))
        #expect(text.contains("  defined in       rails/wallet.yml:"))
        #expect(text.contains("Facts (\(rail.facts.count))\n"))
        for (index, fact) in rail.facts.enumerated() {
            #expect(text.contains("  \(index + 1). [\(fact.topic)] \(fact.text)\n     source: \(fact.source)\n"))
        }
        for window in rail.windows { #expect(text.contains(window.text + "\n    source: " + window.source + "\n")) }
        for check in rail.checks { #expect(text.contains("  - " + check + "\n")) }
        #expect(text.contains("key-retention, 0.25 days: "))
    }

    @Test func theJSONListingIsAnArrayWithoutDetailsAndOneRailCarriesThem() throws {
        let listing = try #require(
            try JSONSerialization.jsonObject(with: Data(try RailCatalogueReport(rules: Self.rules).json().utf8)) as? [[String: Any]])
        #expect(listing.count == Self.rules.rails.count)
        #expect(Set(listing[0].keys) == ["aliases", "className", "exactAliases", "family", "id", "name", "railClass", "sources"])
        let one = try #require(
            try JSONSerialization.jsonObject(with: Data(try RailCatalogueReport(rules: Self.rules, rail: "usdc").json().utf8)) as? [[String: Any]])
        let facts = try #require(one.first?["facts"] as? [[String: Any]])
        #expect(facts.count == Self.rules.rail("usdc")?.facts.count)
        #expect(facts.allSatisfy { ($0["source"] as? String)?.hasPrefix("http") == true })
        #expect(one.first?["file"] as? String == "rails/crypto-account.yml")
    }

    @Test func textFromTheRulesCannotReachTheTerminalRaw() throws {
        let directory = try Repository.patchedRules(
            "rails/wallet.yml", replacing: "name: PayPal\n", with: "name: \"Pay\\e[31mPal\"\n")
        let rules = try RuleBookLoader().load(directory: directory)
        let text = try RailCatalogueReport(rules: rules).text()
        #expect(!text.unicodeScalars.contains("\u{1B}"))
        #expect(text.contains("Pay\\u{1B}[31mPal [paypal]"))
    }
}
