/// One evaluator of a spec: the seed's `type: regex`, GitHub Models' `string` checks, or a model-graded
/// evaluator (`llm`, `uses`) that payarch keeps but cannot run.
public struct Evaluator: Sendable {
    public enum StringCheck: String, Sendable, CaseIterable {
        case equals, contains, startsWith, endsWith
    }

    public enum Kind: Sendable {
        case regex(pattern: String, location: SourceLocation)
        case string(check: StringCheck, operand: String, location: SourceLocation)
        /// `llm` or `uses`: needs a model; `reference` is the `uses` value or the llm's model id.
        case needsModel(kind: String, reference: String?)
    }

    public var name: String
    public var kind: Kind
    public var location: SourceLocation

    public var needsModel: Bool {
        if case .needsModel = kind { return true }
        return false
    }
}
