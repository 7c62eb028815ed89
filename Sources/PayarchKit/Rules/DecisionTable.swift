import Foundation

/// One decision table from `rules/decisions/`: rows keyed on analysed dimensions, each choosing values
/// for the table's outputs, with a rationale and examples.
///
/// Hit policy `unique`: every combination of the keys' values is matched by exactly one row. The loader
/// proves this over every combination, so a gap or an overlap is a rules error, not a runtime surprise.
public struct DecisionTable: Sendable, Codable {
    public enum OutputValue: Sendable, Hashable {
        case text(String)
        case list([String])

        public var text: String {
            switch self {
            case .text(let text): text
            case .list(let items): items.joined(separator: "; ")
            }
        }
    }

    public struct Row: Sendable, Codable {
        public var id: String
        /// Allowed values per key; a key absent here (`any`) matches every value.
        public var conditions: [String: Set<String>]
        public var outputs: [String: OutputValue]
        public var rationale: String
        /// Complete key assignments that must select this row.
        public var examples: [[String: String]]
        /// Where the facts in the row's outputs are published (a store's error codes, hints and replication
        /// modes); empty for rows that state no outside fact.
        public var sources: [String] = []
        public var location: SourceLocation

        public func matches(_ assignment: [String: String]) -> Bool {
            conditions.allSatisfy { key, allowed in assignment[key].map(allowed.contains) ?? false }
        }
    }

    public var id: String
    public var title: String
    public var keys: [String]
    public var outputNames: [String]
    /// How the decision record shows the choice: output names in braces are replaced by their values.
    public var summary: String
    /// Position in the decision record; tables are decided and shown in this order.
    public var order: Int
    /// `design`: decided once, for the governing rail family. `each-rail-family`: decided once for every
    /// rail family present, governing family first (compensations and reconciliation differ per rail).
    public var scope: Scope

    public enum Scope: String, Sendable, Codable {
        case design
        case eachRailFamily = "each-rail-family"
    }
    public var rows: [Row]
    /// Rows chosen only when the input names what they are for (the datastore's rows for a store the input
    /// says it runs); they take no part in the completeness and uniqueness proof.
    public var statedRows: [Row] = []
    public var path: String
    public var location: SourceLocation

    /// The summary with each `{output}` replaced by the row's value.
    public func summary(of row: Row) -> String {
        var text = summary
        for name in outputNames {
            text = text.replacingOccurrences(of: "{" + name + "}", with: row.outputs[name]?.text ?? "")
        }
        return text
    }

    public func matchingRows(_ assignment: [String: String]) -> [Row] {
        rows.filter { $0.matches(assignment) }
    }
}
