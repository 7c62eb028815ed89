/// The Markdown rendering: one table for facts and one for decisions, `≠` in the first column of rows
/// that differ; input phrases are escaped so they cannot break the table.
extension DesignComparison {
    public func markdown(diff: Bool = false) -> String {
        var lines = [
            "# Design Comparison", "",
            "- **A:** " + MarkdownEscaper.inline(left.label),
            "- **B:** " + MarkdownEscaper.inline(right.label),
            "- \(rows.filter(\.differs).count) of \(rows.count) rows differ; the designs \(designsDiffer ? "differ" : "are identical").",
        ]
        for (section, title) in [("facts", "Facts"), ("decisions", "Decisions"), ("design", "Design")] {
            lines += ["", "## \(title)", "", "| | Item | A | B |", "|---|---|---|---|"]
            for row in rows where row.section == section {
                lines.append("| \(row.differs ? "≠" : "") | \(row.item) | \(Self.cell(row.left)) | \(Self.cell(row.right)) |")
            }
        }
        var text = lines.joined(separator: "\n") + "\n"
        if diff {
            let unified = unifiedDiff()
            // A fence longer than any backtick run inside keeps the diff from closing it early.
            let fence = String(repeating: "`", count: max(3, Self.longestBacktickRun(unified) + 1))
            text += "\n## Diff\n\n" + (unified.isEmpty ? "The designs are identical.\n" : fence + "diff\n" + unified + fence + "\n")
        }
        return text
    }

    static func longestBacktickRun(_ text: String) -> Int {
        var longest = 0
        var current = 0
        for character in text {
            current = character == "`" ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }

    static func cell(_ side: Side) -> String {
        var text = side.isMarkdown ? side.value.replacingOccurrences(of: "|", with: "\\|") : MarkdownEscaper.inline(side.value)
        if let rule = side.rule { text += " `\(rule)`" }
        if !side.phrases.isEmpty { text += " ← " + side.phrases.map(MarkdownEscaper.quoted).joined(separator: ", ") }
        return text
    }
}
