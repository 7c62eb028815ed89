extension DesignFacts {
    /// Fields whose phrase is a one-word cue, not a requirement read.
    static let cueLabels: Set<String> = ["batch", "burst"]

    /// Every phrase a fact, an assumption or a warning was read from, found by walking the facts' values,
    /// so a fact added later counts without being listed here. The load-shape cues ("files", "burst") are
    /// one word that says how load arrives, not what a sentence requires, so they are left out.
    var readPhrases: [SourcedPhrase] {
        var found: [SourcedPhrase] = []
        func walk(_ value: Any) {
            if let phrase = value as? SourcedPhrase {
                found.append(phrase)
                return
            }
            for child in Mirror(reflecting: value).children where !Self.cueLabels.contains(child.label ?? "") { walk(child.value) }
        }
        walk(self)
        return found
    }
}
