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
        try DocumentEvaluator(evaluators: try spec(evaluators).evaluators).evaluate(document, variables: variables, expected: expected)
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

    @Test func operandsAreTemplatedInOnePassWithoutReexpansion() {
        let values = ["a": "{{b}}", "b": "{{a}}{{a}}", "expected": "X"]
        #expect(DocumentEvaluator.template("{{a}}-{{ b }}-{{expected}}-{{unknown}}", variables: values) == "{{b}}-{{a}}{{a}}-X-{{unknown}}")
        #expect(DocumentEvaluator.template("unclosed {{a", variables: values) == "unclosed {{a")
        #expect(DocumentEvaluator.template("{{{a}}}", variables: values) == "{{{a}}}")
    }

    @Test func anExpandingOperandStopsAtTheDocumentSize() {
        let big = String(repeating: "x", count: 60_000)
        let operand = String(repeating: "{{v}}", count: 10_000)
        #expect(DocumentEvaluator.template(operand, variables: ["v": big], limit: 100_000) == nil)
        #expect(DocumentEvaluator.template("{{v}}", variables: ["v": big], limit: 60_000) == big)
        #expect(DocumentEvaluator.template("{{v}}", variables: ["v": big], limit: 59_999) == nil)
    }

    @Test func aStringCheckWhoseOperandOutgrowsTheDocumentFailsWithoutBuildingIt() throws {
        let results = try run(
            "  - name: s\n    string:\n      contains: '\(String(repeating: "{{payment_rails}}", count: 1_000))'\n",
            on: "short document", variables: ["payment_rails": String(repeating: "y", count: 65_000)])
        #expect(results.map(\.status) == [.failed])
        #expect(results.first?.details.hasSuffix("which is longer than the document") == true)
    }

    /// `(a?){30}a{30}` passes the static check (no unbounded repeat anywhere) but needs about 2^30
    /// backtracking steps on thirty a's; the step budget stops it, and the error names the evaluator
    /// and the pattern's line.
    @Test func aSlowPatternIsStoppedByTheStepBudgetWithAClearError() throws {
        let pattern = "^(a?){30}a{30}$"
        #expect(RegexSafety.problem(in: pattern) == nil)
        let evaluators = "  - name: slow\n    type: regex\n    pattern: \"\(pattern)\"\n"
        do {
            _ = try run(evaluators, on: String(repeating: "a", count: 30))
            Issue.record("the slow pattern ran to the end")
        } catch let error as PayarchError {
            let diagnostic = try #require(error.diagnostics.first)
            #expect(diagnostic.id == "spec.regex-budget")
            #expect(diagnostic.location == SourceLocation(file: "spec.yml", line: 5, column: 14))
            #expect(diagnostic.message.hasPrefix("the pattern of evaluator 'slow' needs more than 2000 match steps"))
        }
    }

    @Test func theBudgetIsSharedByTheWholeRun() throws {
        let spec = try spec("  - name: slow\n    type: regex\n    pattern: \"^(a?){24}a{24}$\"\n")
        let budget = MatchBudget(total: 2_500)
        let evaluator = DocumentEvaluator(evaluators: spec.evaluators, budget: budget)
        let document = String(repeating: "a", count: 24)
        var stopped = false
        for _ in 0..<50 where !stopped {
            do { _ = try evaluator.evaluate(document, variables: [:], expected: nil) } catch { stopped = true }
        }
        #expect(stopped)
        #expect(budget.remaining == 0)
    }

    @Test func anOrdinaryPatternSpendsNothingOnALargeDocument() throws {
        let budget = MatchBudget(total: 10)
        let spec = try spec("  - name: r\n    type: regex\n    pattern: \"Outbox Pattern|Saga Pattern\"\n")
        let document = String(repeating: "lorem ipsum dolor sit amet\n", count: 100_000) + "Saga Pattern"
        let results = try DocumentEvaluator(evaluators: spec.evaluators, budget: budget).evaluate(document, variables: [:], expected: nil)
        #expect(results.map(\.status) == [.passed])
        #expect(budget.remaining == 10)
    }

    /// `contains` runs in linear time whatever the operand (Knuth–Morris–Pratt on the lowercased text):
    /// a long operand that almost matches everywhere is a plain failure.
    @Test func aLongAlmostMatchingOperandIsAPlainFailure() throws {
        let operand = String(repeating: "a", count: 5_000) + "b"
        let results = try run("  - name: s\n    string:\n      contains: '\(operand)'\n", on: String(repeating: "A", count: 20_000))
        #expect(results.first?.status == .failed)
        #expect(results.first?.details.contains("(5001 characters)") == true, "the operand is clipped in the report")
    }

    /// A report quotes at most 200 characters of an operand, a pattern, a match or an expected text.
    @Test func reportLinesQuoteAtMostTwoHundredCharacters() throws {
        let expected = String(repeating: "Z", count: 10_000)
        let results = try DocumentEvaluator(evaluators: []).evaluate("doc", variables: [:], expected: expected)
        #expect(results[0].details.count < 300)
        #expect(results[0].details.contains("(10000 characters)"))
    }
}
