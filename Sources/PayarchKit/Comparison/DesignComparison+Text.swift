/// The terminal rendering: a side-by-side table, `≠` marking rows that differ, each side with its rule
/// id and input phrases, cells word-wrapped so that no line is wider than the width asked for. ANSI
/// colour only when the caller asks for it (a terminal without NO_COLOR).
extension DesignComparison {
    /// The width of the table when none is given: a 28-column item and two 46-column sides.
    public static let standardTextWidth = 128
    /// The narrowest table laid out; a smaller width is laid out at this one.
    public static let minimumTextWidth = 40

    /// The column widths of the table for a total width: the item column takes 28/120 of the room the
    /// marker and the two `│` separators leave (at most 28, at least 10), the two sides share the rest.
    struct TextLayout {
        var width: Int
        var item: Int
        var side: Int

        init(width: Int?) {
            let width = max(DesignComparison.minimumTextWidth, width ?? DesignComparison.standardTextWidth)
            let cells = width - 8
            item = min(28, max(10, cells * 28 / 120))
            side = (cells - item) / 2
            self.width = 2 + item + 2 * (side + 3)
        }

        /// One table line, trailing spaces dropped.
        func line(_ marker: String, _ item: String, _ a: String, _ b: String) -> String {
            let text = TerminalColumns.pad(marker, to: 2) + TerminalColumns.pad(item, to: self.item) + " │ "
                + TerminalColumns.pad(a, to: side) + " │ " + b
            return String(text.reversed().drop { $0 == " " }.reversed())
        }
    }

    /// The comparison as a table at most `width` terminal columns wide (`standardTextWidth` when nil,
    /// never narrower than `minimumTextWidth`). The unified diff that `diff` adds is not wrapped.
    public func text(colour: Bool = false, diff: Bool = false, width: Int? = nil) -> String {
        let layout = TextLayout(width: width)
        let highlight = colour ? "\u{1B}[1;33m" : ""
        let reset = colour ? "\u{1B}[0m" : ""
        let differing = rows.filter(\.differs).count
        var lines = [
            "A: \(PrintableText.escape(left.label))", "B: \(PrintableText.escape(right.label))",
            "\(differing) of \(rows.count) rows differ; the designs \(designsDiffer ? "differ" : "are identical")",
        ].flatMap { TerminalColumns.wrap($0, columns: layout.width) }
        for section in ["facts", "decisions", "design"] {
            lines.append("")
            lines.append(layout.line("", section.uppercased(), "A", "B"))
            lines.append(String(repeating: "─", count: layout.width))
            for row in rows where row.section == section {
                let item = TerminalColumns.wrap(row.item, columns: layout.item)
                let a = TerminalColumns.wrap(Self.describe(row.left), columns: layout.side)
                let b = TerminalColumns.wrap(Self.describe(row.right), columns: layout.side)
                for index in 0..<max(item.count, a.count, b.count) {
                    let text = layout.line(
                        index == 0 && row.differs ? "≠" : "", index < item.count ? item[index] : "",
                        index < a.count ? a[index] : "", index < b.count ? b[index] : "")
                    lines.append(row.differs ? highlight + text + reset : text)
                }
            }
        }
        var text = lines.joined(separator: "\n") + "\n"
        if diff {
            text += "\n" + Self.colourDiff(unifiedDiff(), colour: colour)
        }
        return text
    }

    /// The unified diff of the two rendered designs (empty when they are identical).
    public func unifiedDiff() -> String {
        UnifiedDiff.diff(
            left.markdown, right.markdown, oldName: "A: \(PrintableText.escape(left.label))", newName: "B: \(PrintableText.escape(right.label))")
    }

    /// A side as plain text: the Markdown bold markers of summaries are dropped, and input text is escaped
    /// for the terminal.
    static func describe(_ side: Side) -> String {
        var text = side.isMarkdown ? side.value.replacingOccurrences(of: "**", with: "") : PrintableText.escape(side.value)
        if let rule = side.rule { text += " [\(rule)]" }
        if !side.phrases.isEmpty { text += " ← " + side.phrases.map { "\"\(PrintableText.escape($0))\"" }.joined(separator: ", ") }
        return text
    }

    static func colourDiff(_ diff: String, colour: Bool) -> String {
        guard colour else { return diff }
        return diff.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            if line.hasPrefix("+++") || line.hasPrefix("---") { return "\u{1B}[1m\(line)\u{1B}[0m" }
            if line.hasPrefix("@@") { return "\u{1B}[36m\(line)\u{1B}[0m" }
            if line.hasPrefix("+") { return "\u{1B}[32m\(line)\u{1B}[0m" }
            if line.hasPrefix("-") { return "\u{1B}[31m\(line)\u{1B}[0m" }
            return String(line)
        }.joined(separator: "\n")
    }
}
