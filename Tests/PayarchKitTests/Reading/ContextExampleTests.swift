import PayarchTestSupport
import Testing
@testable import PayarchKit

/// The examples in `rules/reading/context.yml` are tests: each phrase negates, defers or dates exactly
/// the rails it lists.
@Suite struct ContextExampleTests {
    static let rules = Bundled.rules
    static let reader = InputReader(rules: rules)

    @Test(arguments: rules.reading.context.examples.map(\.text))
    func contextExampleMarksExactlyItsRails(_ text: String) throws {
        let example = try #require(Self.rules.reading.context.examples.first { $0.text == text })
        let facts = try Self.reader.read(rails: text, throughput: "100 TPS", consistency: "strong").facts
        func names(_ reason: ExcludedRail.Reason) -> Set<String> {
            Set(facts.excludedRails.filter { $0.reason == reason }.map { $0.name.lowercased() })
        }
        func expected(_ list: [String]?) -> Set<String>? {
            list.map { Set($0.map { Self.name(of: $0).lowercased() }) }
        }
        if let negated = expected(example.negated) { #expect(names(.negated) == negated, "\(text)") }
        if let deferred = expected(example.deferred) { #expect(names(.deferred) == deferred, "\(text)") }
        if let historical = expected(example.historical) { #expect(names(.historical) == historical, "\(text)") }
    }

    /// An example may name a rail by an alias or a scheme ("ACH"); the reader reports the catalogue name.
    static func name(of written: String) -> String {
        if let rail = rules.rails.first(where: { rail in
            rail.name.lowercased() == written.lowercased() || (rail.aliases + rail.exactAliases).contains { $0.lowercased() == written.lowercased() }
        }) {
            return rail.name
        }
        if let scheme = rules.reading.railWords.schemes.first(where: { $0.name.lowercased() == written.lowercased() }),
            let rail = rules.rail(scheme.defaultRail)
        {
            return rail.name
        }
        return written
    }

    @Test func everyContextListHasExamples() {
        let examples = Self.rules.reading.context.examples
        #expect(examples.contains { !($0.negated ?? []).isEmpty })
        #expect(examples.contains { !($0.deferred ?? []).isEmpty })
        #expect(examples.contains { !($0.historical ?? []).isEmpty })
        #expect(examples.contains { $0.negated == [] }, "a pseudo-trigger example that negates nothing")
    }
}
