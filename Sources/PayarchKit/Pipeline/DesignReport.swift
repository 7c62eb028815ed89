/// The `--format json` document. Its shape is the contract documented in the README as `payarch.design/1`.
public struct DesignReport: Sendable, Codable {
    public struct Input: Sendable, Codable {
        public var name: String
        public var value: String
    }

    public struct Warning: Sendable, Codable {
        public var id: String
        public var message: String
    }

    public var schema = "payarch.design/2"
    public var origin: String
    public var inputs: [Input]
    public var facts: DesignFacts
    public var decisions: [Decision]
    public var sizing: Sizing
    /// What the document says, as the templates read it.
    public var design: DesignView
    public var warnings: [Warning]

    public init(plan: DesignPlan, view: DesignView, inputs: InputSet, warnings: [Diagnostic]) {
        design = view
        origin = inputs.origin
        self.inputs = inputs.values.map { Input(name: $0.name, value: $0.value) }
        facts = plan.facts
        decisions = plan.decisions
        sizing = plan.sizing
        self.warnings = warnings.map { Warning(id: $0.id, message: $0.message) }
    }
}
