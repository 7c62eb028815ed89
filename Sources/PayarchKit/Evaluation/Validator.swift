/// Grades documents against a spec: the spec's evaluators, an expected text, and the structural lint.
public struct Validator: Sendable {
    public let spec: PromptSpec

    public init(spec: PromptSpec) {
        self.spec = spec
    }

    /// Generates the design for every testData case and grades it.
    public func validateTestData(with generator: DesignGenerator) throws(PayarchError) -> ValidationReport {
        guard !spec.testData.isEmpty else {
            throw PayarchError.data(
                at: SourceLocation(file: spec.path, line: 1, column: 1), id: "validate.no-cases",
                "the spec has no testData cases to validate; grade a document with --document instead")
        }
        let resolver = InputResolver(spec: spec)
        var cases: [ValidationReport.CaseResult] = []
        for (index, testCase) in spec.testData.enumerated() {
            let inputs = try resolver.resolve(layers: [testCase.input], origin: "case:\(index + 1)")
            let (plan, _) = try generator.plan(inputs)
            let document = try generator.markdown(plan)
            cases.append(
                grade(
                    document, label: "case \(index + 1)",
                    variables: testCase.input.map { .init(key: $0.name, value: $0.value) }, expected: testCase.expected))
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
            cases: [grade(document, label: label, variables: variables, expected: expectedText, lintOnly: lintOnly)])
    }

    /// Grades one document. With `lintOnly`, only the structural lint runs.
    public func grade(
        _ document: String, label: String, variables: [PromptSpec.Entry], expected: String?, lintOnly: Bool = false
    ) -> ValidationReport.CaseResult {
        var results: [EvaluationResult] = []
        if !lintOnly {
            let values = Dictionary(variables.map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
            results = DocumentEvaluator(evaluators: spec.evaluators).evaluate(document, variables: values, expected: expected)
        }
        results.append(DocumentLinter.evaluation(document))
        return ValidationReport.CaseResult(
            label: label, variables: variables, expected: expected, document: document, results: results)
    }
}
