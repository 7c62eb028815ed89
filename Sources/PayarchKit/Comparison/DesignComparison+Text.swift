/// The terminal rendering: a side-by-side table, `≠` marking rows that differ, each side with its rule
/// id and input phrases, cells word-wrapped. ANSI colour only when the caller asks for it (a terminal
/// without NO_COLOR).
extension DesignComparison {
    static let itemWidth = 28
    static let sideWidth = 46

    public func text(colour: Bool = false, diff: Bool = false) -> String {
        let highlight = colour ? "\u{1B}[1;33m" : ""
        let reset = colour ? "\u{1B}[0m" : ""
        let differing = rows.filter(\.differs).count
        var lines = [
            "A: \(PrintableText.escape(left.label))", "B: \(PrintableText.escape(right.label))",
            "\(differing) of \(rows.count) rows differ; the designs \(designsDiffer ? "differ" : "are identical")",
        ]
        for section in ["facts", "decisions", "design"] {
            lines.append("")
            lines.append(Self.line("", section.uppercased(), "A", "B"))
            lines.append(String(repeating: "─", count: 2 + Self.itemWidth + 2 * (Self.sideWidth + 3)))
            for row in rows where row.section == section {
                let item = Self.wrap(row.item, Self.itemWidth)
                let a = Self.wrap(Self.describe(row.left), Self.sideWidth)
                let b = Self.wrap(Self.describe(row.right), Self.sideWidth)
                for index in 0..<max(item.count, a.count, b.count) {
                    let text = Self.line(
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

    static func line(_ marker: String, _ item: String, _ a: String, _ b: String) -> String {
        let text = marker.padded(2) + item.padded(itemWidth) + " │ " + a.padded(sideWidth) + " │ " + b
        return String(text.reversed().drop { $0 == " " }.reversed())
    }

    /// A side as plain text: the Markdown bold markers of summaries are dropped, and input text is escaped
    /// for the terminal.
    static func describe(_ side: Side) -> String {
        var text = side.isMarkdown ? side.value.replacingOccurrences(of: "**", with: "") : PrintableText.escape(side.value)
        if let rule = side.rule { text += " [\(rule)]" }
        if !side.phrases.isEmpty { text += " ← " + side.phrases.map { "\"\(PrintableText.escape($0))\"" }.joined(separator: ", ") }
        return text
    }

    /// Word-wraps to `width` characters; a word longer than the width is split.
    static func wrap(_ text: String, _ width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            var word = String(word)
            while word.count > width {
                if !current.isEmpty {
                    lines.append(current)
                    current = ""
                }
                lines.append(String(word.prefix(width)))
                word = String(word.dropFirst(width))
            }
            if current.isEmpty {
                current = word
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = word
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
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

extension String {
    fileprivate func padded(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
