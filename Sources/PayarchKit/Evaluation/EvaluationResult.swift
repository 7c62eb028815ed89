/// The outcome of one evaluator (or the expected-text check, or the structural lint) on one document.
public struct EvaluationResult: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
        case passed, failed, skipped
    }

    public var evaluatorName: String
    /// `regex`, `string`, `expected`, `lint`, `llm` or `uses`.
    public var kind: String
    public var status: Status
    /// Why: what matched and where, or what was expected.
    public var details: String
    /// Lint findings, when `kind` is `lint`.
    public var findings: [LintFinding]

    public init(evaluatorName: String, kind: String, status: Status, details: String, findings: [LintFinding] = []) {
        self.evaluatorName = evaluatorName
        self.kind = kind
        self.status = status
        self.details = details
        self.findings = findings
    }

    public var score: Double { status == .passed ? 1 : 0 }
}
