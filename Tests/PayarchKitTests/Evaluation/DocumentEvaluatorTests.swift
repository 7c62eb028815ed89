import PayarchTestSupport
import Testing
@testable import PayarchKit

@Suite struct DocumentEvaluatorTests {
    func spec(_ evaluators: String) throws -> PromptSpec {
        try PromptSpecLoader().load(SourceFile(path: "spec.yml", text: "name: x\nevaluators:\n" + evaluators))
    }

    func run(_ evaluators: String, on document: String, variables: [String: String] = [:], expected: String? = nil) throws
        -> [EvaluationResult]
    {
        DocumentEvaluator(evaluators: try spec(evaluators).evaluators).evaluate(document, variables: variables, expected: expected)
    }

    @Test func regexReportsWhatMatchedAndWhere() throws {
        let results = try run("  - name: r\n    type: regex\n    pattern: \"Outbox Pattern|Saga Pattern\"\n", on: "# T\n\nUse the Saga Pattern.\n")
        #expect(results.map(\.status) == [.passed])
        #expect(results.first?.details == "matched \"Saga Pattern\" at 3:9")
    }

    @Test func regexIsCaseSensitiveUnlessThePatternSaysOtherwise() throws {
        let sensitive = try run("  - name: r\n    type: regex\n    pattern: \"outbox pattern\"\n", on: "Outbox Pattern")
        #expect(sensitive.map(\.status) == [.failed])
        #expect(sensitive.first?.details == "no match for /outbox pattern/")
        let insensitive = try run("  - name: r\n    type: regex\n    pattern: \"(?i)outbox pattern\"\n", on: "Outbox Pattern")
        #expect(insensitive.map(\.status) == [.passed])
    }

    @Test func stringChecks() throws {
        let document = "  \nOutbox Pattern for Stripe\n\n"
        func status(_ check: String, _ operand: String) throws -> EvaluationResult.Status? {
            try run("  - name: s\n    string:\n      \(check): '\(operand)'\n", on: document).first?.status
        }
        #expect(try status("equals", "Outbox Pattern for Stripe") == .passed)
        #expect(try status("equals", "outbox pattern for stripe") == .failed)
        #expect(try status("contains", "PATTERN FOR") == .passed)
        #expect(try status("contains", "Saga") == .failed)
        #expect(try status("startsWith", "outbox") == .passed)
        #expect(try status("startsWith", "Stripe") == .failed)
        #expect(try status("endsWith", "STRIPE") == .passed)
        #expect(try status("endsWith", "Outbox") == .failed)
    }

    @Test func stringOperandsAreTemplatedWithTheCase() throws {
        let results = try run(
            "  - name: s\n    string:\n      contains: '{{expected}} via {{payment_rails}}'\n",
            on: "Outbox Pattern via Stripe", variables: ["payment_rails": "Stripe"], expected: "Outbox Pattern")
        #expect(results.map(\.status) == [.passed, .passed])
        #expect(results.first?.details == "contains \"Outbox Pattern via Stripe\"")
    }

    @Test func modelEvaluatorsAreSkippedNeverPassed() throws {
        let results = try run("  - name: sim\n    uses: github/similarity\n  - name: j\n    llm:\n      modelId: m\n", on: "anything")
        #expect(results.map(\.status) == [.skipped, .skipped])
        #expect(results.allSatisfy { $0.score == 0 })
    }

    @Test func expectedTextMustBeContained() throws {
        let passing = try run("", on: "a Saga Pattern b", expected: "Saga Pattern")
        #expect(passing.map(\.status) == [.passed])
        let failing = try run("", on: "a saga pattern b", expected: "Saga Pattern")
        #expect(failing.map(\.status) == [.failed])
        #expect(failing.first?.details == "expected the document to contain \"Saga Pattern\"")
    }
}
