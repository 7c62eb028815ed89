/// A prompt specification in the GitHub Models `.prompt.yml` style, optionally preceded by a preamble
/// document (title and description lines) as in the seed file.
public struct PromptSpec: Sendable {
    public struct Variable: Sendable, Hashable {
        public var name: String
        public var description: String?
        public var required: Bool
        public var location: SourceLocation
    }

    public struct Message: Sendable, Hashable {
        public var role: String
        public var content: String
        public var location: SourceLocation
    }

    public struct TestCase: Sendable {
        /// Variable values in document order.
        public var input: [InputValue]
        public var expected: String?
        public var location: SourceLocation
    }

    public struct Entry: Sendable, Hashable {
        public var key: String
        public var value: String

        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    public var path: String
    public var preamble: String?
    public var name: String
    public var description: String?
    public var version: String?
    public var authors: [String]
    /// Scalar metadata entries in document order; nested values are shown in flow form.
    public var metadata: [Entry]
    public var tags: [String]
    public var variables: [Variable]
    public var model: String?
    public var modelParameters: [Entry]
    public var messages: [Message]
    public var testData: [TestCase]
    public var evaluators: [Evaluator]
    /// Problems that do not stop loading, such as unknown keys.
    public var warnings: [Diagnostic]

    public func variable(named name: String) -> Variable? {
        variables.first { $0.name == name }
    }
}
