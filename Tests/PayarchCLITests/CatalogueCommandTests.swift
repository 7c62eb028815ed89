import Foundation
import PayarchKit
import PayarchTestSupport
import Testing

/// `payarch rails` and `payarch rules`, end to end: what they list, errors and exit codes, resource
/// lookup, and byte-stable JSON.
@Suite(.temporaryDirectories) struct CatalogueCommandTests {
    let payarch = BinaryRunner.built
    static let rules = Bundled.rules

    func json(_ arguments: [String]) throws -> [[String: Any]] {
        let result = try payarch.run(arguments)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    }

    @Test func railsJSONListsEveryRailOnceWithItsClassAndASource() throws {
        let rails = try json(["rails", "--format", "json"])
        let ids = rails.compactMap { $0["id"] as? String }
        #expect(ids.count == Self.rules.rails.count)
        #expect(Set(ids) == Set(Self.rules.rails.map(\.id)))
        for rail in rails {
            let id = rail["id"] as? String ?? "?"
            let railClass = try #require(Self.rules.railClass(rail["railClass"] as? String ?? ""), "\(id) has no known class")
            #expect(rail["className"] as? String == railClass.name, "\(id)")
            #expect((rail["sources"] as? [String])?.isEmpty == false, "\(id) has no source")
        }
    }

    @Test func railsTextListsEveryRailUnderItsClass() throws {
        let result = try payarch.run(["rails"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("Rail catalogue: \(Self.rules.rails.count) rails in \(Self.rules.railClasses.count) classes, by class rank, then by name\n\n"))
        for rail in Self.rules.rails { #expect(result.stdout.contains("\n  \(rail.name) [\(rail.id)]\n"), "\(rail.id)") }
        let classOnly = try payarch.run(["rails", "--class", "bnpl"])
        #expect(classOnly.stdout.contains("\nbuy now, pay later [bnpl], family processor API [card-processor-api], rank 13: "))
        #expect(!classOnly.stdout.contains("[stripe]"))
    }

    @Test(arguments: [("Apple Pay in-app", "Apple Pay [apple-pay]"), ("SWIFT", "SWIFT gpi [swift-gpi]"), ("sepa inst", "SEPA Instant [sepa-instant]")])
    func anAliasShowsItsRailInFull(_ alias: String, _ heading: String) throws {
        let result = try payarch.run(["rails", alias])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix(heading + "\n  class "), "\(result.stdout.prefix(200))")
        #expect(result.stdout.contains("\nFacts ("))
        #expect(result.stdout.contains("     source: https://"))
    }

    @Test func anUnknownRailIsAUsageErrorWithAHint() throws {
        let result = try payarch.run(["rails", "Strpe"])
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == """
            payarch: error: [catalogue.unknown-rail] no rail named 'Strpe' in the catalogue
            note: did you mean 'Stripe'?
            note: 'payarch rails' lists every rail with its aliases

            """)
        let unknownClass = try payarch.run(["rails", "--class", "card"])
        #expect(unknownClass.status == 64)
        #expect(unknownClass.stderr.hasPrefix("payarch: error: [catalogue.unknown-class] no rail class 'card'\n"))
        let unknownTable = try payarch.run(["rules", "datastor"])
        #expect(unknownTable.status == 64)
        #expect(unknownTable.stderr.hasPrefix("payarch: error: [catalogue.unknown-table] no decision table with id 'datastor'\nnote: did you mean 'datastore'?\n"))
    }

    @Test func rulesListsEveryTableAndEveryRowId() throws {
        let result = try payarch.run(["rules"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("# Decision tables\n\n"))
        for table in Self.rules.tables {
            #expect(result.stdout.contains("\n## \(table.title) (`\(table.id)`)\n"), "\(table.id)")
            for row in table.rows { #expect(result.stdout.contains("\n### `\(row.id)`\n"), "\(row.id)") }
        }
        let tables = try json(["rules", "--format", "json"])
        #expect(Set(tables.compactMap { $0["id"] as? String }) == Set(Self.rules.tables.map(\.id)))
        for table in tables {
            let declared = Self.rules.table(table["id"] as? String ?? "")
            let expected = declared.map { $0.rows.map(\.id) + $0.statedRows.map(\.id) }
            #expect((table["rows"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == expected)
        }
        let one = try payarch.run(["rules", "ledger", "--compact"])
        #expect(one.stdout.hasPrefix("### Ledger posting (`ledger`)\n"))
        #expect(one.stdout.contains("| `LEDGER-SYNC` |"))
        #expect(!one.stdout.contains("LOCK-"))
    }

    @Test(arguments: [["rails", "--format", "json"], ["rails", "usdc", "--format", "json"], ["rules", "--format", "json"], ["rules", "--compact"]])
    func outputIsByteStableFromRunToRun(_ arguments: [String]) throws {
        let first = try payarch.run(arguments)
        let second = try payarch.run(arguments)
        #expect(first.status == 0)
        #expect(!first.stdout.isEmpty)
        #expect(Array(first.stdout.utf8) == Array(second.stdout.utf8))
    }

    @Test func compactIsForMarkdownOnly() throws {
        let result = try payarch.run(["rules", "--format", "json", "--compact"])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("payarch: error: [usage.arguments] --compact applies to --format markdown only\n"))
    }

    @Test func bothReadTheRulesFromRulesOrPayarchHome() throws {
        let patched = try Repository.patchedRules("rails/wallet.yml", replacing: "name: PayPal\n", with: "name: PayPal Wallet\n")
        let byOption = try payarch.run(["rails", "paypal", "--rules", patched])
        #expect(byOption.stdout.hasPrefix("PayPal Wallet [paypal]\n"))
        // PAYARCH_HOME holding only rules/ is enough: these commands need no spec and no templates.
        let home = URL(fileURLWithPath: patched).deletingLastPathComponent().path
        var environment = ProcessInfo.processInfo.environment
        environment["PAYARCH_HOME"] = home
        let byHome = try payarch.run(["rails", "paypal"], environment: environment)
        #expect(byHome.status == 0, "\(byHome.stderr)")
        #expect(byHome.stdout.hasPrefix("PayPal Wallet [paypal]\n"))
        #expect(try payarch.run(["rules", "locking"], environment: environment).status == 0)
        environment["PAYARCH_HOME"] = try Repository.temporaryDirectory()
        let empty = try payarch.run(["rules"], environment: environment)
        #expect(empty.status == 66)
        #expect(empty.stderr.contains("error: [resources.home]"))
    }

    @Test func outputGoesToAFileAndNeverIntoTheRules() throws {
        let output = try Repository.temporaryDirectory() + "/rails.json"
        let result = try payarch.run(["rails", "--format", "json", "--output", output])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        #expect(Repository.read(output) == (try payarch.run(["rails", "--format", "json"]).stdout))
        let rules = try Repository.patchedRules("rails/wallet.yml", replacing: "name: PayPal\n", with: "name: PayPal\n")
        let inside = try payarch.run(["rules", "--rules", rules, "--output", rules + "/reference.md"])
        #expect(inside.status == 64)
        #expect(inside.stderr.contains("error: [output.is-input]"))
        #expect(!FileManager.default.fileExists(atPath: rules + "/reference.md"))
    }
}
