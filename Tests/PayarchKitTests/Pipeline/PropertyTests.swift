import Foundation
import PayarchTestSupport
import Testing
@testable import PayarchKit

/// Random inputs built from payarch's own vocabulary plus noise: every one gives a design that passes
/// the spec's evaluator and the structural lint, or a clear PayarchError; never a crash.
@Suite struct PropertyTests {
    static let rules = Bundled.rules
    static let railWords = rules.rails.flatMap(\.aliases) + ["Klarna", "Mercado Pago", "Razorpay"]
    static let throughputWords = [
        "10,000 TPS", "10k", "1.2M TPS", "500 TPS sustained", "3,000 rps", "60,000 transactions per minute",
        "2 million payments per day", "3x baseline", "peak", "flash sales", "P99 under 300 ms", "sub-second",
        "p95 below 2 s", "batch-oriented", "steady", "bursts to 9k",
    ]
    static let consistencyWords = rules.vocabulary.levels.flatMap(\.aliases) + rules.vocabulary.scopes.flatMap(\.aliases)
        + rules.vocabulary.consistencyFirst + rules.vocabulary.availabilityFirst + rules.vocabulary.atomicCommit
        + rules.vocabulary.multiRegion + ["for", "and", ";", ",", ".", "required", "acceptable"]
    static let noise = ["*", "_", "`", "#", "|", "<script>", "{{x}}", "\n", "🙂", "ß", "\u{7}", "&amp;", "[a](b)", "0", "-"]

    static func phrase(_ words: [String], _ generator: inout SeededGenerator) -> String {
        let count = Int.random(in: 0...8, using: &generator)
        return (0..<count).map { _ in
            Bool.random(using: &generator) || Int.random(in: 0..<4, using: &generator) > 0
                ? words.randomElement(using: &generator)! : noise.randomElement(using: &generator)!
        }.joined(separator: " ")
    }

    var seedPattern: NSRegularExpression {
        get throws {
            guard case .regex(let pattern, _) = try #require(Bundled.spec.evaluators.first).kind else {
                throw PayarchError.data(at: nil, id: "test", "no regex evaluator")
            }
            return try NSRegularExpression(pattern: pattern)
        }
    }

    @Test(arguments: Array(UInt64(1)...UInt64(8)))
    func randomInputsGiveAValidDesignOrAClearError(_ seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        let pattern = try seedPattern
        for round in 0..<25 {
            let rails = Self.phrase(Self.railWords, &generator)
            let throughput = Self.phrase(Self.throughputWords, &generator)
            let consistency = Self.phrase(Self.consistencyWords, &generator)
            do {
                let inputs = try Bundled.inputs(rails: rails, throughput: throughput, consistency: consistency)
                let (_, markdown) = try Bundled.design(inputs)
                let range = NSRange(markdown.startIndex..., in: markdown)
                #expect(pattern.firstMatch(in: markdown, range: range) != nil, "seed \(seed) round \(round)")
                let findings = DocumentLinter.lint(markdown)
                #expect(findings.isEmpty, "seed \(seed) round \(round): \(findings) for \(rails) | \(throughput) | \(consistency)")
            } catch let error as PayarchError {
                // A clear error: an id and a message, and only for inputs that deserve one.
                #expect(error.diagnostics.allSatisfy { !$0.id.isEmpty && !$0.message.isEmpty })
                #expect(
                    error.diagnostics.allSatisfy { ["input.blank", "input.too-many-rails"].contains($0.id) },
                    "seed \(seed) round \(round): \(error)")
            }
        }
    }
}
