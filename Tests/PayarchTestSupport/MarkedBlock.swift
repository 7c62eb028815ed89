import Testing

/// A generated block inside a hand-written file, between two marker lines (`<!-- rules:begin -->` and
/// `<!-- rules:end -->` in README.md): compared with what generates it, and rewritten in place, leaving
/// the rest of the file alone, with `PAYARCH_RECORD=1 swift test`.
public struct MarkedBlock: Sendable {
    public var path: String
    public var begin: String
    public var end: String

    public init(path: String, begin: String, end: String) {
        self.path = path
        self.begin = begin
        self.end = end
    }

    /// The file split around the block: the text up to and including the begin marker's line, the block,
    /// and the text from the end marker on. Nil when a marker is missing, repeated or out of order.
    public func split(_ text: String) -> (head: Substring, block: Substring, tail: Substring)? {
        let opening = begin + "\n"
        guard let start = text.range(of: opening), let stop = text.range(of: end, range: start.upperBound..<text.endIndex),
            text.ranges(of: opening).count == 1, text.ranges(of: end).count == 1
        else { return nil }
        return (text[..<start.upperBound], text[start.upperBound..<stop.lowerBound], text[stop.lowerBound...])
    }

    /// Fails unless the block holds exactly `generated`; in record mode, writes it there instead.
    public func check(_ generated: String, refresh: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let text = Repository.read(path), let parts = split(text) else {
            Issue.record("\(name) has no single \(begin) … \(end) block", sourceLocation: sourceLocation)
            return
        }
        if Repository.recording {
            if parts.block != generated { try Repository.write(parts.head + generated + parts.tail, to: path) }
            return
        }
        guard parts.block != generated else { return }
        Issue.record(
            Comment(
                rawValue: "\(name)'s block between \(begin) and \(end) is not what \(refresh) prints "
                    + "(\(Self.firstDifference(parts.block, generated))); refresh it with PAYARCH_RECORD=1 swift test"),
            sourceLocation: sourceLocation)
    }

    /// Where two texts first differ, by line, short enough for a test message.
    static func firstDifference(_ recorded: Substring, _ generated: String) -> String {
        let old = recorded.split(separator: "\n", omittingEmptySubsequences: false)
        let new = generated.split(separator: "\n", omittingEmptySubsequences: false)
        let index = zip(old, new).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(old.count, new.count)
        func shown(_ lines: [Substring]) -> String {
            index < lines.count ? "\"" + lines[index].prefix(120) + "\"" : "nothing"
        }
        return "block line \(index + 1): the file has \(shown(old)), the command prints \(shown(new))"
    }
}
