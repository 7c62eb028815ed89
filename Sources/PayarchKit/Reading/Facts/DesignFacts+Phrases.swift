extension DesignFacts {
    /// Fields whose phrase is a one-word cue, not a requirement read.
    static let cueLabels: Set<String> = ["batch", "burst"]

    /// Every phrase a fact, an assumption or a warning was read from. The load-shape cues ("files",
    /// "burst") are one word that says how load arrives, not what a sentence requires, so they are left out.
    var readPhrases: [SourcedPhrase] {
        NestedValues.all(SourcedPhrase.self, in: self, skipping: Self.cueLabels)
    }
}
