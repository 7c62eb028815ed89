import Foundation

extension ValidationReport {
    /// The `gh models eval --json` shape: `testResults[].evaluationResults[]` and `summary`. A skipped
    /// evaluator has `passed: false`, `score: 0` and `skipped: true`; it never counts as passed, and a
    /// case passes when none of its evaluators failed. `passRate` is a percentage.
    struct JSONReport: Encodable {
        struct TestResult: Encodable {
            var testCase: [String: String]
            var modelResponse: String
            var evaluationResults: [Evaluation]
        }

        struct Evaluation: Encodable {
            var evaluatorName: String
            var score: Double
            var passed: Bool
            var skipped: Bool?
            var details: String
        }

        struct Summary: Encodable {
            var totalTests: Int
            var passedTests: Int
            var failedTests: Int
            var passRate: Double
        }

        var name: String
        var testResults: [TestResult]
        var summary: Summary
    }

    public func json() -> String {
        let total = cases.count
        let passed = cases.filter { !$0.failed }.count
        let report = JSONReport(
            name: specName,
            testResults: cases.map { result in
                var testCase = Dictionary(result.variables.map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
                if let expected = result.expected { testCase["expected"] = expected }
                return .init(
                    testCase: testCase, modelResponse: result.document,
                    evaluationResults: result.results.map { evaluation in
                        .init(
                            evaluatorName: evaluation.evaluatorName, score: evaluation.score,
                            passed: evaluation.status == .passed, skipped: evaluation.status == .skipped ? true : nil,
                            details: ([evaluation.details] + evaluation.findings.map { "line \($0.description)" })
                                .joined(separator: "\n"))
                    })
            },
            summary: .init(
                totalTests: total, passedTests: passed, failedTests: total - passed,
                passRate: total == 0 ? 0 : (Double(passed) / Double(total) * 1000).rounded() / 10))
        // Encoding plain strings, numbers and booleans cannot fail.
        return (try? JSONOutput.encode(report)) ?? "{}\n"
    }
}
