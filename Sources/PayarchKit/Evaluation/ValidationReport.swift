/// The results of `payarch validate`: one entry per graded document.
public struct ValidationReport: Sendable {
    public struct CaseResult: Sendable {
        /// `case 1`, or the path of a given document.
        public var label: String
        public var variables: [PromptSpec.Entry]
        public var expected: String?
        public var document: String
        public var results: [EvaluationResult]

        public var failed: Bool { results.contains { $0.status == .failed } }
    }

    public var specName: String
    public var cases: [CaseResult]

    public init(specName: String, cases: [CaseResult]) {
        self.specName = specName
        self.cases = cases
    }

    public func count(_ status: EvaluationResult.Status) -> Int {
        cases.reduce(0) { $0 + $1.results.filter { $0.status == status }.count }
    }

    public var allPassed: Bool { !cases.contains { $0.failed } }

    /// `N passed, M failed`, plus `, K skipped` when an evaluator needed a model.
    public var summaryLine: String {
        let skipped = count(.skipped)
        return "\(count(.passed)) passed, \(count(.failed)) failed" + (skipped > 0 ? ", \(skipped) skipped" : "")
    }
}
