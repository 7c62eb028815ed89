import Foundation
import PayarchTestSupport
import Testing
@testable import PayarchKit

/// Properties of the reader: what a text says does not change when its case, its punctuation, a synonym
/// or the order of a clause's items change. Each property runs over the reading corpus.
@Suite struct ReadingInvarianceTests {
    static let reader = InputReader(rules: Bundled.rules)
    static let corpus = ReadingCase.load("corpus.yml") + ReadingCase.load("expert-examples.yml")

    /// The facts a design depends on, in a form that ignores order and phrase positions.
    struct Summary: Equatable, CustomStringConvertible {
        var rails: Set<String>
        var excluded: Set<String>
        var peak: Double?
        var sustained: Double?
        var levels: [String: String]
        var moneyPath: String
        var ledger: String

        init(_ facts: DesignFacts) {
            rails = Set(facts.rails.map(\.name))
            excluded = Set(facts.excludedRails.map(\.name))
            peak = facts.throughput.peak.map { ($0.tps * 1000).rounded() / 1000 }
            sustained = facts.throughput.sustained.map { ($0.tps * 1000).rounded() / 1000 }
            levels = Dictionary(facts.consistency.scopes.map { ($0.scope, $0.tier) }, uniquingKeysWith: { first, _ in first })
            moneyPath = facts.consistency.moneyPath.tier
            ledger = facts.consistency.ledger.tier
        }

        var description: String {
            "rails \(rails.sorted()) excluded \(excluded.sorted()) peak \(String(describing: peak)) sustained \(String(describing: sustained)) levels \(levels.sorted { $0.key < $1.key }) money \(moneyPath) ledger \(ledger)"
        }
    }

    static func summary(_ rails: String, _ throughput: String, _ consistency: String) throws -> Summary {
        Summary(try reader.read(rails: rails, throughput: throughput, consistency: consistency).facts)
    }

    /// Words whose case carries meaning: rail names matched case-sensitively ("CHIPS", "T2", "SWIFT").
    static let caseSensitive: Set<String> = {
        let rules = Bundled.rules
        var words = Set(rules.rails.flatMap(\.exactAliases) + rules.reading.railWords.schemes.flatMap(\.exactAliases))
        words.formUnion(rules.reading.notRails.exact)
        return words
    }()

    /// The text with every word's case changed, except words whose case carries meaning.
    static func recase(_ text: String, upper: Bool) -> String {
        text.split(separator: " ", omittingEmptySubsequences: false).map { word in
            let bare = word.trimmingCharacters(in: .punctuationCharacters)
            return caseSensitive.contains(bare) ? String(word) : upper ? word.uppercased() : word.lowercased()
        }.joined(separator: " ")
    }

    /// Case: apart from case-sensitive rail names, the case of throughput and consistency text does not
    /// matter.
    @Test func theCaseOfThroughputAndConsistencyTextDoesNotMatter() throws {
        for entry in Self.corpus {
            let original = try Self.summary(entry.rails, entry.throughput, entry.consistency)
            let upper = try Self.summary(entry.rails, Self.recase(entry.throughput, upper: true), Self.recase(entry.consistency, upper: true))
            let lower = try Self.summary(entry.rails, Self.recase(entry.throughput, upper: false), Self.recase(entry.consistency, upper: false))
            #expect(upper == original, "\(entry.id) upper-cased: \(upper) ≠ \(original)")
            #expect(lower == original, "\(entry.id) lower-cased: \(lower) ≠ \(original)")
        }
    }

    /// Case in the rails list: rail names keep their case rules (`SWIFT` is not `Swift`), but the case of
    /// the words around them does not matter.
    @Test func theCaseOfTheWordsAroundRailNamesDoesNotMatter() throws {
        let cases = [
            ("We use Stripe for cards and PayPal for wallets", "WE USE Stripe FOR CARDS AND PayPal FOR WALLETS"),
            ("No ACH; only cards via Stripe", "no ACH; ONLY CARDS VIA Stripe"),
            ("Payouts over RTP, falling back to Same Day ACH", "PAYOUTS OVER RTP, FALLING BACK TO Same Day ACH"),
            ("USDC on Solana and Bitcoin withdrawals", "usdc on solana AND bitcoin WITHDRAWALS"),
        ]
        for (original, changed) in cases {
            let before = try Self.summary(original, "100 TPS", "strong")
            let after = try Self.summary(changed, "100 TPS", "strong")
            #expect(before == after, "'\(changed)': \(after) ≠ \(before)")
        }
    }

    /// Punctuation: a final full stop, spaces around commas, and a semicolon for a full stop between
    /// clauses do not change what is read.
    @Test func punctuationAroundClausesDoesNotMatter() throws {
        func variants(_ text: String) -> [String] {
            var result = [text + ".", text.replacingOccurrences(of: ", ", with: " , "), text.replacingOccurrences(of: "  ", with: " ")]
            if text.hasSuffix(".") { result.append(String(text.dropLast())) }
            result.append(text.replacingOccurrences(of: "; ", with: ". "))
            return result
        }
        for entry in Self.corpus {
            let original = try Self.summary(entry.rails, entry.throughput, entry.consistency)
            for variant in variants(entry.consistency) {
                let changed = try Self.summary(entry.rails, entry.throughput, variant)
                #expect(changed == original, "\(entry.id) consistency '\(variant)': \(changed) ≠ \(original)")
            }
            for variant in variants(entry.throughput) {
                let changed = try Self.summary(entry.rails, variant, entry.consistency)
                #expect(changed == original, "\(entry.id) throughput '\(variant)': \(changed) ≠ \(original)")
            }
        }
    }

    /// Synonyms: one way of writing a unit, a level or a role word for another.
    @Test(arguments: [
        ("peak 450 TPS", "peak 450 tx/s"), ("peak 450 TPS", "peak 450 transactions per second"),
        ("1,200 payments per minute", "1,200 payments/min"), ("2 million payments per day", "2M payments a day"),
        ("10k TPS at peak", "10,000 TPS at peak"), ("500 TPS sustained", "500 TPS on average"),
        ("p99 under 300 ms", "P99 below 300ms"),
    ])
    func throughputSynonymsReadTheSame(_ original: String, _ synonym: String) throws {
        #expect(try Self.summary("Stripe", original, "strong") == Self.summary("Stripe", synonym, "strong"))
    }

    @Test(arguments: [
        ("ledger strongly consistent", "ledger: strong consistency"),
        ("payouts exactly once", "payouts exactly-once"),
        ("balances eventually consistent", "balances: eventual consistency"),
        ("payment state linearizable", "payment state linearisable"),
        ("reporting can lag", "reporting may lag"),
        ("wallet balance read-your-writes", "wallet balance: read your writes"),
    ])
    func consistencySynonymsReadTheSame(_ original: String, _ synonym: String) throws {
        #expect(try Self.summary("Stripe", "100 TPS", original) == Self.summary("Stripe", "100 TPS", synonym))
    }

    /// Word order within a clause: the items of a list, a figure and its role word, a scope and its level.
    @Test(arguments: [
        ("rails", "Stripe and PayPal", "PayPal and Stripe"),
        ("rails", "No ACH or SEPA; Stripe only", "No SEPA or ACH; Stripe only"),
        ("rails", "RTP, FedNow and Same Day ACH credits", "Same Day ACH credits, FedNow and RTP"),
        ("throughput", "peak 450 TPS", "450 TPS peak"),
        ("throughput", "sustained 200 TPS, peak 900 TPS", "peak 900 TPS, sustained 200 TPS"),
        ("consistency", "ledger strict, reporting eventual", "reporting eventual, ledger strict"),
        ("consistency", "strong consistency for payment state", "payment state: strong consistency"),
    ])
    func wordOrderWithinAClauseDoesNotMatter(_ variable: String, _ original: String, _ reordered: String) throws {
        func summary(_ text: String) throws -> Summary {
            switch variable {
            case "rails": try Self.summary(text, "100 TPS", "strong")
            case "throughput": try Self.summary("Stripe", text, "strong")
            default: try Self.summary("Stripe", "100 TPS", text)
            }
        }
        #expect(try summary(original) == summary(reordered))
    }
}
