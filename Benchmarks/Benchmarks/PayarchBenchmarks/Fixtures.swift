import Foundation
import PayarchKit

/// The repository's data (rules, templates, the bundled spec and its two testData cases), loaded once
/// before any benchmark runs, so each benchmark measures one stage on precomputed inputs.
struct Fixtures: Sendable {
    /// One seed testData case with everything the later stages need precomputed.
    struct SeedCase: Sendable {
        let number: Int
        let inputs: InputSet
        let plan: DesignPlan
        let warnings: [Diagnostic]
        let markdown: String
        let variables: [PromptSpec.Entry]
        let expected: String?
    }

    let rulesDirectory: String
    let templatesDirectory: String
    let spec: PromptSpec
    let generator: DesignGenerator
    let validator: Validator
    let cases: [SeedCase]
    /// Case 1's rails with ~50 KB of throughput and ~50 KB of consistency text.
    let longInputs: InputSet
    /// UTF-8 bytes of the three long input values together.
    let longInputBytes: Int

    static let shared: Fixtures = {
        do {
            return try Fixtures()
        } catch {
            fatalError("cannot prepare the benchmark fixtures: \(error)")
        }
    }()

    private init() throws(PayarchError) {
        let root = Self.repositoryRoot()
        rulesDirectory = root + "/rules"
        templatesDirectory = root + "/templates"
        spec = try PromptSpecLoader().load(try SourceFile.read(root + "/" + ResourceLocator.defaultSpecName))
        generator = try DesignGenerator(rulesDirectory: rulesDirectory, templatesDirectory: templatesDirectory)
        validator = Validator(spec: spec)
        let resolver = InputResolver(spec: spec)
        var cases: [SeedCase] = []
        for (index, testCase) in spec.testData.enumerated() {
            let inputs = try resolver.resolve(layers: [testCase.input], origin: "case:\(index + 1)")
            let (plan, warnings) = try generator.plan(inputs)
            cases.append(
                SeedCase(
                    number: index + 1, inputs: inputs, plan: plan, warnings: warnings,
                    markdown: try generator.markdown(plan),
                    variables: testCase.input.map { .init(key: $0.name, value: $0.value) },
                    expected: testCase.expected))
        }
        guard cases.count == 2 else {
            throw PayarchError.data(at: nil, id: "bench.cases", "expected the seed spec's two testData cases, found \(cases.count)")
        }
        self.cases = cases

        // InputResolver refuses a value over 64 Ki characters, so the ~100 KB is split over the two
        // free-text variables, each kept under that limit.
        let rails = spec.testData[0].input.first { $0.name == InputReader.railsVariable }!.value
        let throughput = Self.repeated(Self.throughputSentences, toBytes: 50_000)
        let consistency = Self.repeated(Self.consistencySentences, toBytes: 50_000)
        longInputs = try resolver.resolve(
            layers: [[
                InputValue(name: InputReader.railsVariable, value: rails, origin: .commandLine),
                InputValue(name: InputReader.throughputVariable, value: throughput, origin: .commandLine),
                InputValue(name: InputReader.consistencyVariable, value: consistency, origin: .commandLine),
            ]],
            origin: "long input")
        longInputBytes = rails.utf8.count + throughput.utf8.count + consistency.utf8.count
    }

    /// Walks up from this file (Benchmarks/Benchmarks/PayarchBenchmarks/) to the directory holding
    /// `rules/rail-classes.yml`, so the benchmarks find the data from any working directory.
    static func repositoryRoot(file: String = #filePath) -> String {
        var url = URL(fileURLWithPath: file).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.path + "/rules/rail-classes.yml") { return url.path }
            url.deleteLastPathComponent()
        }
        fatalError("no rules/rail-classes.yml in any directory above \(file)")
    }

    /// Sentences cycled in order until the text reaches `bytes` UTF-8 bytes.
    static func repeated(_ sentences: [String], toBytes bytes: Int) -> String {
        var text = ""
        var index = 0
        while text.utf8.count < bytes {
            if !text.isEmpty { text += " " }
            text += sentences[index % sentences.count]
            index += 1
        }
        return text
    }

    static let throughputSentences = [
        "10,000 TPS peak during flash sales, sub-second P99 latency.",
        "500 TPS sustained, mostly batch-oriented asynchronous processing.",
        "Average load is about 2,000 payments per second, with bursts to 8,000 TPS on Black Friday.",
        "P99.9 under 800 ms for authorisation; settlement files are processed nightly.",
        "Refunds arrive at roughly 50 per second and clients may retry them for up to 24 hours.",
        "Payouts to merchants run in hourly batches of up to 200,000 transfers.",
    ]

    static let consistencySentences = [
        "Strict serializability required for payment initiation, eventual consistency acceptable for downstream ledger reconciliation.",
        "Strong consistency required across all internal state transitions; no double-charging permitted under any partition scenario.",
        "A customer's wallet balance must never go negative.",
        "The merchant dashboard may show data a few minutes old; read-your-writes is enough there.",
        "Every retried request with the same idempotency key must return the original result.",
    ]
}
