extension RailCatalogueReport {
    /// The plain-text listing `payarch rails` prints: a heading per class, each rail with its id, aliases
    /// and sources; or, for one rail, every field of its catalogue entry. Text from the rules is escaped
    /// for the terminal.
    public func text() -> String {
        if isSingleRail, let group = groups.first, let entry = group.entries.first {
            return fullText(entry, group: group)
        }
        let count = entries.count
        let scope = classFilter.map { "class \($0)" } ?? "\(groups.count) classes"
        var lines = [
            "Rail catalogue: \(count) rail\(count == 1 ? "" : "s") in \(scope), by class rank, then by name",
        ]
        for group in groups {
            lines.append("")
            lines.append(heading(group) + ": \(group.entries.count) rail\(group.entries.count == 1 ? "" : "s")")
            if group.entries.isEmpty { lines.append("  (none)") }
            for entry in group.entries {
                lines.append("  \(Self.clean(entry.name)) [\(Self.clean(entry.id))]")
                var fields: [(String, [String])] = [("aliases", [Self.list(entry.aliases)])]
                if !entry.exactAliases.isEmpty { fields.append(("exact case", [Self.list(entry.exactAliases)])) }
                fields.append(("sources", entry.sources.isEmpty ? ["-"] : entry.sources.map(Self.clean)))
                lines += Self.aligned(fields, indent: "    ")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `wallet [wallet], family processor API [card-processor-api], rank 11`
    func heading(_ group: ClassGroup) -> String {
        let railClass = group.railClass
        return "\(Self.clean(railClass.name)) [\(Self.clean(railClass.id))], family \(Self.clean(group.familyName)) "
            + "[\(Self.clean(railClass.family))], rank \(railClass.rank)"
    }

    func fullText(_ entry: Entry, group: ClassGroup) -> String {
        var lines = ["\(Self.clean(entry.name)) [\(Self.clean(entry.id))]"]
        let location = entry.file.map { file in entry.line.map { "\(file):\($0)" } ?? file }
        var fields: [(String, [String])] = [
            ("class", [heading(group)]),
            ("defined in", [location.map(Self.clean) ?? "-"]),
            ("aliases", [Self.list(entry.aliases)]),
            ("exact case", [Self.list(entry.exactAliases)]),
            ("examples", (entry.examples ?? []).isEmpty ? ["-"] : (entry.examples ?? []).map { "\"" + Self.clean($0) + "\"" }),
            ("duplicate guard", [Self.clean(entry.nativeKey ?? "-")]),
            ("key max length", [entry.keyMaxLength.map(String.init) ?? "-"]),
            ("unknown outcome", [Self.clean(entry.unknownOutcome ?? "-")]),
            ("compensation", [Self.clean(entry.compensation ?? "-")]),
            ("reconciliation", [Self.clean(entry.reconciliationArtefact ?? "-")]),
        ]
        if let runsOn = entry.runsOn, !runsOn.isEmpty { fields.append(("runs on", [Self.list(runsOn)])) }
        lines += Self.aligned(fields, indent: "  ")

        let windows = entry.windows ?? []
        if !windows.isEmpty {
            lines += ["", "Windows"]
            for window in windows {
                lines.append("  \(Self.clean(window.kind)), \(Self.days(window.days)): \(Self.clean(window.text))")
                lines.append("    source: \(Self.clean(window.source))")
            }
        }
        let facts = entry.facts ?? []
        lines += ["", "Facts (\(facts.count))"]
        for (index, fact) in facts.enumerated() {
            let chains = fact.chains.map { " (on \(Self.list($0)))" } ?? ""
            lines.append("  \(index + 1). [\(Self.clean(fact.topic))]\(chains) \(Self.clean(fact.text))")
            lines.append("     source: \(Self.clean(fact.source))")
        }
        let checks = entry.checks ?? []
        if !checks.isEmpty {
            lines += ["", "To confirm (no source backs these)"]
            lines += checks.map { "  - " + Self.clean($0) }
        }
        lines += ["", "Sources"]
        lines += entry.sources.map { "  " + Self.clean($0) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Label and value columns; a field with several values continues under the first.
    static func aligned(_ fields: [(String, [String])], indent: String) -> [String] {
        let width = (fields.map(\.0.count).max() ?? 0) + 2
        var lines: [String] = []
        for (label, values) in fields {
            for (index, value) in values.enumerated() {
                let prefix = index == 0 ? label + String(repeating: " ", count: width - label.count) : String(repeating: " ", count: width)
                lines.append(indent + prefix + value)
            }
        }
        return lines
    }

    static func list(_ items: [String]) -> String { items.isEmpty ? "-" : items.map(clean).joined(separator: ", ") }

    /// One line of terminal-safe text: line breaks become spaces, control characters are escaped.
    static func clean(_ text: String) -> String {
        PrintableText.escape(text.split(whereSeparator: \.isNewline).joined(separator: " "))
    }

    /// `45 days`, `0.25 days`, `1 day`: whole numbers without a decimal point, others as Swift prints them
    /// (never locale-dependent).
    static func days(_ value: Double) -> String {
        let number = value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        return number + (value == 1 ? " day" : " days")
    }
}
