/// The analysed facts and every decision taken from them: what the renderer and the JSON report read.
public struct DesignPlan: Sendable, Codable {
    public var facts: DesignFacts
    public var decisions: [Decision]
    public var sizing: Sizing

    /// The decision of a table; for a per-rail-class table, the governing class's.
    public func decision(_ table: String) -> Decision? {
        decisions.first { $0.table == table }
    }

    /// Every decision of a table: one, or one per rail class present.
    public func decisions(_ table: String) -> [Decision] {
        decisions.filter { $0.table == table }
    }
}
