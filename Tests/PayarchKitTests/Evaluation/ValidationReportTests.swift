import Foundation
import PayarchTestSupport
import Testing
@testable import PayarchKit

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite struct ValidationReportTests {
    static let report: ValidationReport = try! Validator(spec: Bundled.spec).validateTestData(with: Bundled.generator)

    /// A report with a pass, a failure and a skip, from a spec written for it.
    static func mixedReport() throws -> ValidationReport {
        let spec = try PromptSpecLoader().load(
            SourceFile(
                path: "spec.yml",
                text: """
                    name: mixed
                    evaluators:
                      - name: has outbox
                        type: regex
                        pattern: "Outbox"
                      - name: judge
                        uses: github/coherence
                    """))
        return try Validator(spec: spec).gradeDocument(
            "Here is my design: use an Outbox & <b>locks</b>.", label: "answer.md", caseNumber: nil, expected: "Saga Pattern",
            lintOnly: false)
    }

    @Test func bundledSpecPassesEveryCheck() throws {
        #expect(Self.report.allPassed)
        #expect(Self.report.summaryLine == "6 passed, 0 failed")
        try Golden.check(Self.report.text(), named: "validate-bundled.txt")
    }

    @Test func mixedResultsAreCountedApart() throws {
        let report = try Self.mixedReport()
        #expect(!report.allPassed)
        #expect(report.summaryLine == "1 passed, 2 failed, 1 skipped")
        let text = report.text()
        #expect(text.contains("  PASS  has outbox [regex]: matched \"Outbox\" at 1:27"))
        #expect(text.contains("  SKIP  judge [uses]: needs a model (github/coherence)"))
        #expect(text.contains("  FAIL  expected [expected]: expected the document to contain \"Saga Pattern\""))
        #expect(text.contains("        line 1: [lint.introduction]"))
        #expect(text.hasSuffix("1 passed, 2 failed, 1 skipped\n"))
    }

    @Test func jsonHasTheGitHubModelsShape() throws {
        let json = try Self.mixedReport().json()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["totalTests"] as? Int == 1)
        #expect(summary["passedTests"] as? Int == 0)
        #expect(summary["failedTests"] as? Int == 1)
        #expect(summary["passRate"] as? Double == 0)
        let tests = try #require(object["testResults"] as? [[String: Any]])
        let evaluations = try #require(tests.first?["evaluationResults"] as? [[String: Any]])
        #expect(evaluations.map { $0["evaluatorName"] as? String } == ["has outbox", "judge", "expected", "structural lint"])
        #expect(evaluations.map { $0["passed"] as? Bool } == [true, false, false, false])
        #expect(evaluations[1]["skipped"] as? Bool == true)
        #expect(tests.first?["modelResponse"] as? String == "Here is my design: use an Outbox & <b>locks</b>.")
        let bundled = try #require(try JSONSerialization.jsonObject(with: Data(Self.report.json().utf8)) as? [String: Any])
        #expect((bundled["summary"] as? [String: Any])?["passRate"] as? Double == 100)
    }

    @Test func junitIsWellFormedXML() throws {
        let xml = try Self.mixedReport().junit()
        let document = try XMLDocument(data: Data(xml.utf8), options: [])
        let root = try #require(document.rootElement())
        #expect(root.name == "testsuites")
        #expect(root.attribute(forName: "failures")?.stringValue == "2")
        #expect(root.attribute(forName: "skipped")?.stringValue == "1")
        let cases = try root.nodes(forXPath: "//testcase")
        #expect(cases.count == 4)
        #expect(try root.nodes(forXPath: "//testcase/failure").count == 2)
        #expect(try root.nodes(forXPath: "//testcase/skipped").count == 1)
        #expect(xml == (try Self.mixedReport().junit()))
    }
}
