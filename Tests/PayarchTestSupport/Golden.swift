import Testing

/// Golden files under Tests/Golden: compared normally, rewritten with `PAYARCH_RECORD=1 swift test`.
public enum Golden {
    public static let directory = Repository.root + "/Tests/Golden"

    public static func check(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let path = directory + "/" + name
        if Repository.recording {
            try Repository.write(text, to: path)
            return
        }
        guard let recorded = Repository.read(path) else {
            Issue.record("missing golden file \(name); record it with PAYARCH_RECORD=1 swift test", sourceLocation: sourceLocation)
            return
        }
        #expect(recorded == text, "\(name) is stale; re-record with PAYARCH_RECORD=1 swift test", sourceLocation: sourceLocation)
    }
}
