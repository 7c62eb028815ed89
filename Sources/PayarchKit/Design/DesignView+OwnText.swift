extension DesignView {
    /// Fields that quote the input or list what was not designed: their words are not the design's own.
    static let echoFields: Set<String> = ["basis", "assumptions", "notes", "provenance", "unreadRequirements"]

    /// Every text of the design that payarch wrote (rules, rail facts, lifecycle steps, sizing), without the
    /// fields that echo the input.
    var ownText: [String] {
        NestedValues.all(String.self, in: self, skipping: Self.echoFields)
    }
}
