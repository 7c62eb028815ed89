import Foundation

/// The shape of a Markdown document as the linter needs it: headings, the lines of each section, and
/// bold spans. Lines inside fenced code blocks are never headings, bullets or bold. Lines are classified
/// on their UTF-8 bytes, once, so a multi-megabyte document is outlined in linear time.
public struct MarkdownOutline: Sendable {
    /// One line, kept small (a million-line document must not cost a gigabyte): its number, where its
    /// bytes are in the document, and its classification.
    public struct Line: Sendable {
        public var number: Int
        let start: Int32
        let end: Int32
        public var inCode: Bool
        public var isBlank: Bool
        public var isBullet: Bool
        /// Indented by at least two spaces: under a bullet, it continues that bullet.
        public var isIndented: Bool

        public var isContinuation: Bool { isIndented && !isBlank }
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

    /// The last line that is neither blank nor code.
    public var lastContentLine: Line?
    public var headings: [Heading] = []
    public var sections: [Section] = []
    /// Lines before the first heading.
    public var preamble: [Line] = []
    public var boldSpans: [BoldSpan] = []
    /// The whole document, lowercased, for keyword checks.
    let text: LowercasedText
    private let bytes: [UInt8]

    public init(_ document: String) {
        text = LowercasedText(document)
        let bytes = Array(document.utf8)
        self.bytes = bytes
        var inCode = false
        var start = 0
        var number = 0
        while start <= bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            number += 1
            var slice = bytes[start..<end]
            if slice.last == UInt8(ascii: "\r") { slice = slice.dropLast() }
            let line = Self.classify(slice, number: number, inCode: &inCode)
            if !line.isBlank, !line.inCode { lastContentLine = line }
            if !line.inCode, let heading = Self.heading(slice, number: number) {
                headings.append(heading)
                sections.append(Section(heading: heading, lines: []))
            } else {
                if sections.isEmpty { preamble.append(line) } else { sections[sections.count - 1].lines.append(line) }
                if !line.inCode {
                    for range in Self.boldRanges(in: slice) {
                        boldSpans.append(BoldSpan(text: String(decoding: slice[range], as: UTF8.self), line: number))
                    }
                }
            }
            start = end + 1
        }
    }

    private static func classify(_ bytes: ArraySlice<UInt8>, number: Int, inCode: inout Bool) -> Line {
        let space = UInt8(ascii: " ")
        let body = bytes.drop { $0 == space }
        let indent = bytes.count - body.count
        let fence = body.starts(with: Array("```".utf8)) || body.starts(with: Array("~~~".utf8))
        let blank = body.allSatisfy { $0 == UInt8(ascii: "\t") || $0 == space }
        let bullet = body.count >= 2 && [UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "+")].contains(body.first!)
            && body[body.startIndex + 1] == space
        let line = Line(
            number: number, start: Int32(bytes.startIndex), end: Int32(bytes.endIndex), inCode: inCode || fence,
            isBlank: blank, isBullet: bullet, isIndented: indent >= 2)
        if fence { inCode.toggle() }
        return line
    }

    static func heading(_ bytes: ArraySlice<UInt8>, number: Int) -> Heading? {
        let hashes = bytes.prefix { $0 == UInt8(ascii: "#") }.count
        guard (1...6).contains(hashes), bytes.dropFirst(hashes).first == UInt8(ascii: " ") else { return nil }
        let isSpace = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        var titleBytes = bytes.dropFirst(hashes).drop(while: isSpace)
        while let last = titleBytes.last, isSpace(last) { titleBytes = titleBytes.dropLast() }
        let title = String(decoding: titleBytes, as: UTF8.self)
        return Heading(level: hashes, title: title, line: number)
    }

    /// A line's text.
    public func text(of line: Line) -> String {
        String(decoding: bytes[Int(line.start)..<Int(line.end)], as: UTF8.self)
    }

    /// Sections whose heading contains one of the lowercase keywords.
    public func sections(containingAny keywords: [String]) -> [Section] {
        sections.filter { LowercasedText($0.heading.title).containsAny(keywords) }
    }

    /// The inner ranges of `**bold**` and `__bold__` spans in one line, leftmost first, each closed by
    /// the nearest pair of the same marker (at least one character inside), in one linear pass.
    static func boldRanges(in bytes: ArraySlice<UInt8>) -> [Range<Int>] {
        let star = UInt8(ascii: "*")
        let underscore = UInt8(ascii: "_")
        var pairs: [UInt8: [Int]] = [star: [], underscore: []]
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            let byte = bytes[index]
            if (byte == star || byte == underscore), bytes[index + 1] == byte { pairs[byte]!.append(index) }
            index += 1
        }
        guard !pairs[star]!.isEmpty || !pairs[underscore]!.isEmpty else { return [] }
        var cursors: [UInt8: Int] = [star: 0, underscore: 0]
        var ranges: [Range<Int>] = []
        index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            let marker = bytes[index]
            guard marker == star || marker == underscore, bytes[index + 1] == marker else {
                index += 1
                continue
            }
            let positions = pairs[marker]!
            var cursor = cursors[marker]!
            while cursor < positions.count, positions[cursor] < index + 3 { cursor += 1 }
            cursors[marker] = cursor
            guard cursor < positions.count else {
                index += 1
                continue
            }
            ranges.append((index + 2)..<positions[cursor])
            index = positions[cursor] + 2
        }
        return ranges
    }
}
