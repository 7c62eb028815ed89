/// The analysed facts and every decision taken from them: what the renderer and the JSON report read.
public struct DesignPlan: Sendable, Codable {
    public var facts: DesignFacts
    public var decisions: [Decision]
    public var sizing: Sizing
    /// The coordination row each other rail family present would take on its own, where it picks another
    /// pattern than the design's: a card checkout beside ACH collections keeps its synchronous flow while
    /// the collections run as a saga. Kept apart from `decisions`, which hold the design's own choices.
    public var flowDecisions: [Decision] = []

    /// The decision of a table; for a per-rail-class table, the governing class's.
    public func decision(_ table: String) -> Decision? {
        decisions.first { $0.table == table }
    }

    /// The pattern the payments of a rail family run by: its own flow decision's, else the design's.
    public func pattern(ofFamily family: String) -> String? {
        (flowDecisions.first { $0.keys.contains { $0.dimension == "railFamily" && $0.value == family } } ?? decision("coordination"))?.text("pattern")
    }

    /// Every decision of a table: one, or one per rail class present.
    public func decisions(_ table: String) -> [Decision] {
        decisions.filter { $0.table == table }
    }
}
