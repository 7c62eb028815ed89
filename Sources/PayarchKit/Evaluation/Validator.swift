/// Grades documents against a spec: the spec's evaluators, an expected text, and the structural lint.
public struct Validator: Sendable {
    public let spec: PromptSpec
    /// The spec's evaluators, compiled once for every document of the run.
    let evaluator: DocumentEvaluator

    public init(spec: PromptSpec, budget: MatchBudget = MatchBudget()) {
        self.spec = spec
        evaluator = DocumentEvaluator(evaluators: spec.evaluators, budget: budget)
    }

    /// Generates the design for every testData case and grades it.
    public func validateTestData(with generator: DesignGenerator) throws(PayarchError) -> ValidationReport {
        guard !spec.testData.isEmpty else {
            throw PayarchError.data(
                at: SourceLocation.file(spec.path), id: "validate.no-cases",
                "the spec has no testData cases to validate")
        }
        let resolver = InputResolver(spec: spec)
        var cases: [ValidationReport.CaseResult] = []
        // Generating and grading are pure functions of a case's values and expected text, so a case that
        // repeats an earlier one reuses its result instead of doing the work again.
        var graded: [[String]: ValidationReport.CaseResult] = [:]
        for (index, testCase) in spec.testData.enumerated() {
            let label = "case \(index + 1)"
            let key = testCase.input.flatMap { [$0.name, $0.value] } + [testCase.expected ?? "\u{0}"]
            if var earlier = graded[key] {
                earlier.label = label
                cases.append(earlier)
                continue
            }
            let inputs = try resolver.resolve(layers: [testCase.input], origin: "case:\(index + 1)")
            let (plan, _) = try generator.plan(inputs)
            let document = try generator.markdown(plan)
            let result = try grade(
                document, label: label,
                variables: testCase.input.map { .init(key: $0.name, value: $0.value) }, expected: testCase.expected)
            graded[key] = result
            cases.append(result)
        }
        return ValidationReport(specName: spec.name, cases: cases)
    }

    /// Grades a given document against testData case `caseNumber` (its variables and expected text), or
    /// against `expected` alone.
    public func gradeDocument(
        _ document: String, label: String, caseNumber: Int?, expected: String?, lintOnly: Bool
    ) throws(PayarchError) -> ValidationReport {
        var variables: [PromptSpec.Entry] = []
        var expectedText = expected
        if let caseNumber {
            variables = try InputResolver(spec: spec).values(fromCase: caseNumber).map { .init(key: $0.name, value: $0.value) }
            expectedText = spec.testData[caseNumber - 1].expected
        }
        return ValidationReport(
            specName: spec.name,
            cases: [try grade(document, label: label, variables: variables, expected: expectedText, lintOnly: lintOnly)])
    }

    /// Grades one document. With `lintOnly`, only the structural lint runs.
    public func grade(
        _ document: String, label: String, variables: [PromptSpec.Entry], expected: String?, lintOnly: Bool = false
    ) throws(PayarchError) -> ValidationReport.CaseResult {
        var results: [EvaluationResult] = []
        if !lintOnly {
            let values = Dictionary(variables.map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
            results = try evaluator.evaluate(document, variables: values, expected: expected)
        }
        results.append(DocumentLinter.evaluation(document))
        return ValidationReport.CaseResult(
            label: label, variables: variables, expected: expected, document: document, results: results)
    }
}
