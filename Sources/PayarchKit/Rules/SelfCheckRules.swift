/// What a rendered design must never contain, from `rules/self-check.yml`: phrases that do not apply to a
/// decision's value, and which rail names a design may use without having been given them.
public struct SelfCheckRules: Sendable, Codable, Hashable {
    /// Phrases a design must not contain when table `table` gave output `output` the value `value`.
    public struct DecisionPhrases: Sendable, Codable, Hashable {
        public var table: String
        public var output: String
        public var value: String
        public var because: String
        public var phrases: [String]
        public var location: SourceLocation
    }

    /// Per rail class or rail present: rail ids a design may name without having been given them.
    public var contextNames: [String: [String]]
    /// Names and aliases never checked (ordinary words, store names).
    public var ignoredNames: [String]
    public var decisions: [DecisionPhrases]

    public init(contextNames: [String: [String]] = [:], ignoredNames: [String] = [], decisions: [DecisionPhrases] = []) {
        self.contextNames = contextNames
        self.ignoredNames = ignoredNames
        self.decisions = decisions
    }
}
