import Foundation
import PayarchTestSupport
import Testing
@testable import PayarchKit

/// `PAYARCH_DEBUG_RAILS="text" swift test --filter ReadingDebug` prints how the reader sees a text.
@Suite struct ReadingDebug {
    @Test func printReading() throws {
        guard let value = ProcessInfo.processInfo.environment["PAYARCH_DEBUG_RAILS"] else { return }
        let reader = InputReader(rules: Bundled.rules)
        let text = reader.text(value, variable: "payment_rails")
        for (index, token) in text.tokens.enumerated() {
            print(index, token.text, "clause", text.clause[index], "item", text.item[index], text.isSeparator[index] ? "sep" : "")
        }
        let matches = reader.rails.words.matches(in: text.tokens)
        for match in matches { print("match", match.first, match.last, match.payload) }
        for trigger in reader.context.triggerMatches(in: text, covered: [Bool](repeating: false, count: text.tokens.count)) {
            print("trigger", trigger.first, trigger.last, trigger.payload)
        }
        let reading = try reader.read(rails: value, throughput: "1 TPS", consistency: "strong")
        print("rails", reading.facts.rails.map(\.name), "excluded", reading.facts.excludedRails.map(\.name))
    }
}
