import Foundation
import PayarchTestSupport
import Testing
@testable import PayarchKit

/// Every `examples/NAME.input.yml` has its generated design next to it as `NAME.md`. A change in the
/// rules, templates or code that changes a design fails here until the examples are re-recorded with
/// `PAYARCH_RECORD=1 swift test --filter ExampleGoldenTests`.
@Suite struct ExampleGoldenTests {
    static let inputs: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Repository.examples)) ?? []
        return names.filter { $0.hasSuffix(".input.yml") }.sorted()
    }()

    @Test func thereAreAtLeastSixExamples() {
        #expect(Self.inputs.count >= 6)
    }

    @Test(arguments: inputs)
    func exampleMatchesItsGoldenDesign(_ name: String) throws {
        let resolver = InputResolver(spec: Bundled.spec)
        let inputs = try resolver.resolve(
            layers: [try resolver.values(fromFile: SourceFile.read(Repository.examples + "/" + name))], origin: name)
        let markdown = try Bundled.design(inputs).1
        let golden = Repository.examples + "/" + name.replacingOccurrences(of: ".input.yml", with: ".md")
        if Repository.recording {
            try Repository.write(markdown, to: golden)
            return
        }
        let recorded = try #require(Repository.read(golden), "missing \(golden); record it with PAYARCH_RECORD=1")
        #expect(recorded == markdown, "\(golden) is stale; re-record with PAYARCH_RECORD=1 swift test")
    }

    @Test(arguments: [1, 2])
    func seedCaseExamplesAgreeWithTheSpecTestData(_ number: Int) throws {
        let name = number == 1 ? "case-1-stripe-paypal.input.yml" : "case-2-ach-sepa.input.yml"
        let values = try InputResolver(spec: Bundled.spec).values(fromFile: SourceFile.read(Repository.examples + "/" + name))
        #expect(values.map(\.value) == Bundled.spec.testData[number - 1].input.map(\.value))
    }
}
