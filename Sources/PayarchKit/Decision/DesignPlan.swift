/// The analysed facts and every decision taken from them: what the renderer and the JSON report read.
public struct DesignPlan: Sendable, Codable {
    public var facts: DesignFacts
    public var decisions: [Decision]
    public var sizing: Sizing

    public func decision(_ table: String) -> Decision? {
        decisions.first { $0.table == table }
    }
}
