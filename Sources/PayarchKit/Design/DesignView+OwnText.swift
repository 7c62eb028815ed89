extension DesignView {
    /// Fields that quote the input or list what was not designed: their words are not the design's own.
    static let echoFields: Set<String> = ["basis", "assumptions", "notes", "provenance", "unreadRequirements"]

    /// Every text of the design that payarch wrote (rules, rail facts, lifecycle steps, sizing), found by
    /// walking the view, without the fields that echo the input.
    var ownText: [String] {
        var found: [String] = []
        func walk(_ value: Any) {
            if let text = value as? String {
                found.append(text)
                return
            }
            for child in Mirror(reflecting: value).children where !Self.echoFields.contains(child.label ?? "") { walk(child.value) }
        }
        walk(self)
        return found
    }
}
