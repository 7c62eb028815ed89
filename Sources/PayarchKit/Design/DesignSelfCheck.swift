import Foundation

/// Checks a rendered design for text that does not apply to it: phrases `rules/self-check.yml` forbids for
/// the decisions taken, phrases every rail class present forbids (`rules/lifecycle/`), rails named that
/// were not given, paragraphs written twice, open items repeated in other words, and Mermaid blocks that are not well-formed sequence diagrams.
/// The tests run it over every reachable design; a finding is a template or rules bug, never the user's.
public struct DesignSelfCheck: Sendable {
    public struct Finding: Sendable, Hashable, CustomStringConvertible {
        public var id: String
        public var message: String
        public var description: String { "[\(id)] \(message)" }
    }

    let rules: RuleBook
    /// Paragraphs, bullets and table rows shorter than this may repeat (a heading-like "- **Match keys.**").
    static let minimumRepeatedLength = 60

    public init(rules: RuleBook) {
        self.rules = rules
    }

    /// A phrase written with no lower-case letter is a keyword, code or identifier (`RETURNING`,
    /// `SKIP LOCKED`, `ORA-`) and matches only as written, so the English word "returning" is not the SQL
    /// clause; any other phrase matches in any case.
    static func matchesAnyCase(_ phrase: String) -> Bool {
        phrase.contains { $0.isLowercase }
    }

    public func check(_ markdown: String, plan: DesignPlan) -> [Finding] {
        var findings: [Finding] = []
        let prose = PhraseIndex(Self.rulesText(markdown))
        // Phrases the decisions taken rule out.
        for entry in rules.selfCheck.decisions where plan.decisions(entry.table).contains(where: { $0.text(entry.output) == entry.value }) {
            for phrase in entry.phrases where prose.contains(phrase, caseInsensitive: Self.matchesAnyCase(phrase)) {
                findings.append(
                    .init(id: "self-check.decision", message: "'\(phrase)' in a design where \(entry.table).\(entry.output) = \(entry.value): \(entry.because)"))
            }
        }
        // Phrases every rail class present rules out.
        let classes = Set(plan.facts.rails.map(\.railClass))
        let pattern = plan.decision("coordination")?.text("pattern")
        let lists = classes.compactMap { rules.lifecycle(of: $0, pattern: pattern)?.forbidden }
        if let first = lists.first {
            for phrase in first where lists.allSatisfy({ $0.contains(phrase) }) && prose.contains(phrase, caseInsensitive: true) {
                findings.append(.init(id: "self-check.class", message: "'\(phrase)' does not apply to \(classes.sorted().joined(separator: ", "))"))
            }
        }
        // Rails named that were not given; a name inside an allowed rail's name ("SEPA Direct Debit" in
        // "SEPA Direct Debit B2B") does not count.
        let given = Set(plan.facts.rails.compactMap(\.id))
        let allowed = given.union((classes.union(given)).flatMap { rules.selfCheck.contextNames[$0] ?? [] })
        let ignored = Set(rules.selfCheck.ignoredNames)
        let allowedSpans = Set(rules.rails.filter { allowed.contains($0.id) }.flatMap { [$0.name] + $0.aliases }).flatMap {
            prose.occurrences(of: $0, caseInsensitive: false)
        }
        for rail in rules.rails where !allowed.contains(rail.id) {
            for name in Set([rail.name] + rail.aliases).subtracting(ignored).sorted() {
                let standalone = prose.occurrences(of: name, caseInsensitive: false).filter { span in
                    !allowedSpans.contains { $0.lowerBound <= span.lowerBound && span.upperBound <= $0.upperBound }
                }
                if !standalone.isEmpty {
                    findings.append(.init(id: "self-check.foreign-rail", message: "names \(rail.name) ('\(name)'), which was not given"))
                    break
                }
            }
        }
        // Paragraphs, bullets and rows written twice.
        var seen: Set<String> = []
        for block in Self.blocks(markdown) where block.count >= Self.minimumRepeatedLength {
            if !seen.insert(block).inserted {
                findings.append(.init(id: "self-check.repeated", message: "written twice: \(block.prefix(100))"))
            }
        }
        // Open items that say again, in other words, what an earlier one about the same rails says.
        var items: [(rails: String, words: Set<String>)] = []
        for item in Self.openItems(markdown) {
            let words = NearDuplicate.words(item.text)
            if let earlier = items.first(where: { $0.rails == item.rails && NearDuplicate.similarity($0.words, words) >= NearDuplicate.threshold }) {
                findings.append(.init(id: "self-check.near-duplicate", message: "open item for \(earlier.rails) repeated in other words: \(item.text.prefix(100))"))
            }
            items.append((item.rails, words))
        }
        // Typographic slips a template join can leave: a word twice, a stray space before punctuation, a
        // sentence ending inside and after a parenthesis, a doubled closing parenthesis after a note.
        for block in Self.blocks(markdown) {
            if let slip = Self.typographicSlip(block) {
                findings.append(.init(id: "self-check.typography", message: "\(slip) in: \(block.prefix(100))"))
            }
        }
        // Diagrams.
        for diagram in Self.mermaidBlocks(markdown) {
            for problem in MermaidSequenceCheck.problems(diagram) {
                findings.append(.init(id: "self-check.mermaid", message: problem))
            }
        }
        return findings
    }

    /// The document without what came from the input (the design-basis rows and the input phrases quoted
    /// in the provenance) and without addresses, which name a source, not a mechanism.
    static func rulesText(_ markdown: String) -> String {
        var lines: [Substring] = []
        var section = ""
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## ") { section = String(line) }
            // The basis table, its reading notes and the stated requirements quote the input.
            if section == "## Design Basis" && (line.hasPrefix("|") || line.hasPrefix("- ")) { continue }
            // A barrier the input stated quotes its two steps as written.
            if line.contains("stated by the input: ") {
                lines.append(Substring(line.replacingOccurrences(of: #""[^"]*""#, with: "\"\"", options: .regularExpression)))
                continue
            }
            lines.append(line)
        }
        var text = lines.joined(separator: "\n")
        text = text.replacingOccurrences(of: #"← "[^|]*"#, with: "← ", options: .regularExpression)
        text = text.replacingOccurrences(of: #"https?://[^\s|)]+"#, with: "", options: .regularExpression)
        return text
    }

    /// The bullets of the open items section as (rails label, text).
    static func openItems(_ markdown: String) -> [(rails: String, text: String)] {
        var inSection = false
        var items: [(rails: String, text: String)] = []
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## ") { inSection = line == "## Open Items to Confirm" }
            guard inSection, line.hasPrefix("- **"), let end = line.range(of: ":** ") else { continue }
            items.append((String(line[line.index(line.startIndex, offsetBy: 4)..<end.lowerBound]), String(line[end.upperBound...])))
        }
        return items
    }

    /// Paragraphs (outside code blocks), each bullet and each table row, whitespace-normalised.
    static func blocks(_ markdown: String) -> [String] {
        var blocks: [String] = []
        var paragraph: [Substring] = []
        var inCode = false
        func flush() {
            if !paragraph.isEmpty { blocks.append(paragraph.joined(separator: " ")) }
            paragraph = []
        }
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                flush()
                inCode.toggle()
                continue
            }
            if inCode { continue }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") {
                flush()
            } else if trimmed.hasPrefix("- ") || trimmed.hasPrefix("|") {
                flush()
                if !trimmed.hasPrefix("|---") { blocks.append(trimmed) }
            } else {
                paragraph.append(Substring(trimmed))
            }
        }
        flush()
        return blocks
    }

    static func typographicSlip(_ block: String) -> String? {
        // An empty bold name ("- ****, Stage", "- **:** Confirm") is a list of rails that came out empty.
        for slip in [" ,", " .", " ;", ".).", "..", ")).", "))", ",,", ";;", "****", "**:**"] where block.contains(slip) {
            // "…" and code spans such as `…` or `(a (b))` in SQL are not prose; ".." only outside "...".
            if slip == ".." && (block.contains("...") || block.contains("`")) { continue }
            if slip == "))" || slip == ")).", block.contains("`") { continue }
            return "'\(slip)'"
        }
        // A word written twice with one space between ("it it"), outside code spans.
        let prose = block.replacingOccurrences(of: #"`[^`]*`"#, with: "`", options: .regularExpression)
        if let range = prose.range(of: #"(?i)\b([a-z]{2,}) \1\b"#, options: .regularExpression) {
            return "'\(prose[range])'"
        }
        return nil
    }

    /// The bodies of the fenced `mermaid` blocks.
    static func mermaidBlocks(_ markdown: String) -> [String] {
        var diagrams: [String] = []
        var current: [Substring]?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line == "```mermaid" {
                current = []
            } else if current != nil, line == "```" {
                diagrams.append(current!.joined(separator: "\n"))
                current = nil
            } else {
                current?.append(line)
            }
        }
        return diagrams
    }
}
