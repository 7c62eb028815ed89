/// One decision: the table and row that made it, the key values it was looked up with and the input
/// phrases behind each, and the values it chose.
public struct Decision: Sendable, Codable {
    public struct Key: Sendable, Codable, Hashable {
        public var dimension: String
        public var value: String
        public var phrases: [SourcedPhrase]
        /// True when the value rests on an assumption rather than on the input.
        public var assumed: Bool
    }

    public var table: String
    public var title: String
    /// For tables decided per rail class: the rail class this decision is for.
    public var railFamily: String?
    public var row: String
    public var rationale: String
    /// The choice as the decision record shows it.
    public var summary: String
    public var keys: [Key]
    public var outputs: [String: DecisionTable.OutputValue]

    public func text(_ output: String) -> String { outputs[output]?.text ?? "" }

    public func list(_ output: String) -> [String] {
        switch outputs[output] {
        case .list(let items): items
        case .text(let text): [text]
        case nil: []
        }
    }
}

extension DecisionTable.OutputValue: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let items = try? container.decode([String].self) {
            self = .list(items)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .list(let items): try container.encode(items)
        }
    }
}
