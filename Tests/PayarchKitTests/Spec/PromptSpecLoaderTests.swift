import Foundation
import PayarchTestSupport
import Testing
@testable import PayarchKit

@Suite struct PromptSpecLoaderTests {
    func load(_ text: String) throws(PayarchError) -> PromptSpec {
        try PromptSpecLoader().load(SourceFile(path: "spec.yml", text: text))
    }

    func failure(_ text: String) -> Diagnostic? {
        do {
            _ = try load(text)
            return nil
        } catch {
            return error.diagnostics.first
        }
    }

    @Test func bundledExampleCarriesTheWholeSeed() throws {
        let spec = Bundled.spec
        #expect(spec.name == "Payment Gateway Idempotency Architect")
        #expect(spec.preamble?.hasPrefix("Payment Gateway Idempotency Architect Designs highly resilient") == true)
        #expect(spec.version == "1.0.0")
        #expect(spec.authors == ["Strategic Genesis Architect"])
        #expect(spec.metadata.map(\.key) == ["domain", "complexity", "tags", "requires_context"])
        #expect(spec.tags == ["architecture", "payment-gateway", "idempotency", "distributed-systems", "reconciliation"])
        #expect(spec.variables.map(\.name) == ["payment_rails", "throughput_requirements", "consistency_constraints"])
        #expect(spec.variables.allSatisfy { $0.required })
        #expect(spec.model == "gpt-4o")
        #expect(spec.modelParameters == [.init(key: "temperature", value: "0.1")])
        #expect(spec.messages.map(\.role) == ["system", "user"])
        #expect(spec.testData.map(\.expected) == ["Outbox Pattern", "Saga Pattern"])
        #expect(spec.evaluators.count == 1)
        #expect(spec.warnings.isEmpty)
        // Every line of the two messages appears verbatim in the seed file.
        let seedLines = Set(try #require(Repository.read(Repository.seed)).split(separator: "\n").map(String.init))
        for message in spec.messages {
            for line in message.content.split(separator: "\n") {
                #expect(seedLines.contains(String(line)), "not in the seed: \(line)")
            }
        }
        #expect(spec.messages[1].content.contains("{{payment_rails}}"))
    }

    @Test func seedAsGivenFailsAtLine23() throws {
        do {
            _ = try PromptSpecLoader().load(SourceFile.read(Repository.seed))
            Issue.record("the seed as given should not load")
        } catch {
            let diagnostic = try #require(error.diagnostics.first)
            #expect(diagnostic.location?.line == 23)
            #expect(diagnostic.location?.column == 1)
            #expect(diagnostic.message == "did not find expected key")
            #expect(error.kind == .data)
        }
    }

    @Test func acceptsAPlainSingleDocument() throws {
        let spec = try load("name: x\nmessages:\n  - role: user\n    content: hi\n")
        #expect(spec.preamble == nil)
        #expect(spec.name == "x")
    }

    @Test func decodesEveryEvaluatorKind() throws {
        let spec = try load(
            """
            name: x
            evaluators:
              - name: r
                type: regex
                pattern: "(?i)outbox"
              - name: s
                string:
                  contains: '{{expected}}'
              - name: e
                string:
                  equals: exact
              - name: sim
                uses: github/similarity
              - name: judge
                llm:
                  modelId: openai/gpt-4o
                  prompt: grade it
            """)
        #expect(spec.evaluators.map(\.name) == ["r", "s", "e", "sim", "judge"])
        guard case .string(let check, let operand, _) = spec.evaluators[1].kind else {
            Issue.record("expected a string evaluator")
            return
        }
        #expect(check == .contains)
        #expect(operand == "{{expected}}")
        #expect(spec.evaluators[3].needsModel)
        #expect(spec.evaluators[4].needsModel)
        #expect(!spec.evaluators[0].needsModel)
    }

    @Test func severalStringChecksWarn() throws {
        let spec = try load("name: x\nevaluators:\n  - name: s\n    string:\n      contains: a\n      endsWith: b\n")
        #expect(spec.warnings.map(\.id) == ["spec.evaluator-string-fields"])
    }

    @Test func invalidRegexPointsAtThePattern() throws {
        let diagnostic = try #require(failure("name: x\nevaluators:\n  - name: r\n    type: regex\n    pattern: \"(unclosed\"\n"))
        #expect(diagnostic.id == "spec.invalid-regex")
        #expect(diagnostic.location?.line == 5)
        #expect(diagnostic.location?.column == 14)
    }

    @Test func unknownEvaluatorTypeIsAnError() throws {
        let diagnostic = try #require(failure("name: x\nevaluators:\n  - name: r\n    type: semantic\n"))
        #expect(diagnostic.id == "spec.evaluator-kind")
        #expect(diagnostic.location?.line == 4)
    }

    @Test func wrongTypesNameTheExpectedShape() throws {
        let diagnostic = try #require(failure("name: [a, b]\n"))
        #expect(diagnostic.id == "yaml.type")
        #expect(diagnostic.message == "expected a string for 'name', found a sequence")
        let variables = try #require(failure("name: x\nvariables: {a: b}\n"))
        #expect(variables.message == "expected a sequence for 'variables', found a mapping")
    }

    @Test func emptyAndMisshapenFiles() throws {
        #expect(failure("")?.id == "spec.empty")
        #expect(failure("a\n---\nb\n---\nc\n")?.id == "spec.documents")
        #expect(failure("name: x\nvariables:\n  - name: a\n  - name: a\n")?.id == "spec.duplicate-variable")
    }

    @Test func unknownTopLevelKeysWarn() throws {
        let spec = try load("name: x\nmodle: gpt\n")
        #expect(spec.warnings.map(\.id) == ["spec.unknown-key"])
        #expect(spec.warnings.first?.location?.line == 2)
    }

    static let header = "name: x\nvariables:\n  - name: payment_rails\n"

    @Test func moreTestCasesThanTheLimitAreRefusedAtTheList() throws {
        let cases = (0...PromptSpecLoader.maxTestCases).map { "  - input: {payment_rails: \"r\($0)\"}\n" }.joined()
        let diagnostic = try #require(failure(Self.header + "testData:\n" + cases))
        #expect(diagnostic.id == "spec.too-many-cases")
        #expect(diagnostic.location?.line == 5)
        let atLimit = (1...PromptSpecLoader.maxTestCases).map { "  - input: {payment_rails: \"r\($0)\"}\n" }.joined()
        #expect(try load(Self.header + "testData:\n" + atLimit).testData.count == PromptSpecLoader.maxTestCases)
    }

    @Test func moreEvaluatorsThanTheLimitAreRefused() throws {
        let evaluators = (0...PromptSpecLoader.maxEvaluators).map { "  - {name: e\($0), type: regex, pattern: x}\n" }.joined()
        #expect(failure(Self.header + "evaluators:\n" + evaluators)?.id == "spec.too-many-evaluators")
    }

    @Test func anEvaluatorNameOverTwoHundredCharactersIsRefused() throws {
        let name = String(repeating: "N", count: 201)
        #expect(failure(Self.header + "evaluators:\n  - {name: \(name), type: regex, pattern: x}\n")?.id == "spec.name-too-long")
        #expect(failure(Self.header + "evaluators:\n  - {name: \(name.dropLast()), type: regex, pattern: x}\n") == nil)
    }

    /// Aliases let one large case stand for many: the expanded size is what counts.
    @Test func testDataLargerThanTheLimitOnceAliasesAreFollowedIsRefused() throws {
        let big = String(repeating: "Z", count: 100_000)
        let text = Self.header + "testData:\n  - &c\n    input: {payment_rails: x}\n    expected: \"\(big)\"\n" + String(repeating: "  - *c\n", count: 60)
        #expect(failure(text)?.id == "spec.test-data-too-large")
        let fits = Self.header + "testData:\n  - &c\n    input: {payment_rails: x}\n    expected: \"\(big)\"\n" + String(repeating: "  - *c\n", count: 30)
        #expect(failure(fits) == nil)
    }
}
