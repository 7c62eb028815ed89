import Foundation
import PayarchTestSupport
import Testing
@testable import PayarchKit

/// The inputs independent payments architects wrote for their reviews (Tests/Fixtures/scenarios/, one file
/// per scenario, named after the review round), written before they saw any output: each is read and
/// designed without an error, and its design passes the self-check, so a slip a reviewer once found (a
/// PostgreSQL idiom in a Spanner design, a rail that was not given) cannot come back on messy input.
@Suite struct ReviewerScenarioTests {
    static let directory = Repository.fixtures + "/scenarios"

    static func scenarios() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".yml") }.sorted()
    }

    @Test func thereAreScenariosFromEveryReviewRound() {
        let rounds = Set(Self.scenarios().map { String($0.prefix { $0 != "-" }) })
        #expect(Self.scenarios().count >= 148 && rounds.count >= 14)
    }

    @Test(arguments: scenarios())
    func eachScenarioIsDesignedAndPassesTheSelfCheck(_ name: String) throws {
        let resolver = InputResolver(spec: Bundled.spec)
        let source = try SourceFile.read(Self.directory + "/" + name)
        let inputs = try resolver.resolve(layers: [resolver.values(fromFile: source)], origin: name)
        let (plan, markdown) = try Bundled.design(inputs)
        let findings = DesignSelfCheck(rules: Bundled.rules).check(markdown, plan: plan)
        #expect(findings.isEmpty, "\(findings.map(\.description).joined(separator: "\n"))")
    }
}
