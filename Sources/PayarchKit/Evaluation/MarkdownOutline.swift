import Foundation

/// The shape of a Markdown document as the linter needs it: headings, the lines of each section, and
/// bold spans. Lines inside fenced code blocks are never headings, bullets or bold.
public struct MarkdownOutline: Sendable {
    public struct Line: Sendable {
        public var number: Int
        public var text: String
        public var inCode: Bool

        public var isBlank: Bool { text.allSatisfy(\.isWhitespace) }
        public var isBullet: Bool {
            let trimmed = text.drop { $0 == " " }
            return trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ") || trimmed.hasPrefix("+ ")
        }
        /// An indented line under a bullet continues it.
        public var isContinuation: Bool { text.hasPrefix("  ") && !isBlank }
    }

    public struct Heading: Sendable {
        public var level: Int
        public var title: String
        public var line: Int
    }

    public struct Section: Sendable {
        public var heading: Heading
        public var lines: [Line]
    }

    public struct BoldSpan: Sendable {
        public var text: String
        public var line: Int
    }

    public var lines: [Line] = []
    public var headings: [Heading] = []
    public var sections: [Section] = []
    /// Lines before the first heading.
    public var preamble: [Line] = []
    public var boldSpans: [BoldSpan] = []

    static let bold = try! NSRegularExpression(pattern: "\\*\\*(.+?)\\*\\*|__(.+?)__")

    public init(_ text: String) {
        var inCode = false
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw.hasSuffix("\r") ? raw.dropLast() : raw)
            let fence = line.drop { $0 == " " }.hasPrefix("```") || line.drop { $0 == " " }.hasPrefix("~~~")
            lines.append(Line(number: index + 1, text: line, inCode: inCode || fence))
            if fence { inCode.toggle() }
        }
        // Code lines stay in their sections, so "bullets only" sees a code block as a violation.
        for line in lines {
            if !line.inCode, let heading = Self.heading(line) {
                headings.append(heading)
                sections.append(Section(heading: heading, lines: []))
                continue
            }
            if sections.isEmpty {
                preamble.append(line)
            } else {
                sections[sections.count - 1].lines.append(line)
            }
            guard !line.inCode else { continue }
            let ns = line.text as NSString
            for match in Self.bold.matches(in: line.text, range: NSRange(location: 0, length: ns.length)) {
                let range = match.range(at: 1).location != NSNotFound ? match.range(at: 1) : match.range(at: 2)
                boldSpans.append(BoldSpan(text: ns.substring(with: range), line: line.number))
            }
        }
    }

    static func heading(_ line: Line) -> Heading? {
        let hashes = line.text.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes), line.text.dropFirst(hashes).first == " " else { return nil }
        return Heading(
            level: hashes, title: line.text.dropFirst(hashes).trimmingCharacters(in: .whitespaces), line: line.number)
    }

    /// Sections whose heading matches the pattern (case-insensitive).
    public func sections(matching pattern: String) -> [Section] {
        sections.filter { $0.heading.title.range(of: pattern, options: [.regularExpression, .caseInsensitive]) != nil }
    }
}
