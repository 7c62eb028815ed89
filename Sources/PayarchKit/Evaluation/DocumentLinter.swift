import Foundation

/// Checks a design document against the standards of the spec's system message. Each rule has an id
/// and a one-line summary; `rules` is the whole set, in the order findings are reported.
public enum DocumentLinter {
    public struct Rule: Sendable {
        public var id: String
        public var summary: String
        let check: @Sendable (MarkdownOutline) -> [LintFinding]
    }

    /// Findings ordered by line; findings on one line keep the order of `rules`.
    public static func lint(_ document: String) -> [LintFinding] {
        let outline = MarkdownOutline(document)
        let findings = rules.flatMap { $0.check(outline) }.enumerated()
            .sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)
        guard findings.count > maxFindings else { return findings }
        return Array(findings.prefix(maxFindings)) + [
            LintFinding(
                id: "lint.truncated", line: findings[maxFindings].line,
                message: "\(findings.count - maxFindings) more findings not listed")
        ]
    }

    /// The sections whose content must be bullets only: words that identify their headings, and a name.
    static let bulletSections: [(keywords: [String], name: String)] = [
        (["flow"], "transaction flow"),
        (["compensat"], "compensating transactions"),
        (["tracing"], "distributed tracing"),
    ]

    /// Topics that must be set in bold somewhere, with the words that identify them.
    static let boldTopics: [(id: String, name: String, keywords: [String])] = [
        ("barriers", "critical consistency barriers",
         ["barrier", "consisten", "serializ", "lineariz", "fenc", "lock", "commit", "claim", "exactly-once"]),
        ("recovery", "failure recovery mechanisms",
         ["recover", "fail", "retry", "retries", "completer", "reaper", "unknown", "timeout", "partition", "dead-letter", "resum"]),
        ("reconciliation", "reconciliation processes", ["reconcil", "settlement", "three-way", "break", "match"]),
    ]

    static let hops = ["API Gateway", "Payment Service", "Database", "External Processor", "Ledger"]

    /// Database names, matched as whole words.
    static let databases = [
        "postgres", "postgresql", "mysql", "mariadb", "cockroach", "cockroachdb", "spanner", "dynamodb", "oracle",
        "sql server", "aurora", "cassandra", "scylla", "scylladb", "mongodb", "redis", "foundationdb", "tigerbeetle",
        "yugabyte", "yugabytedb", "tidb", "db2", "vitess", "citus",
    ]
    static let locking = [
        "pessimistic", "optimistic", "for update", "compare-and-set", "compare and set", "conditional write",
        "conditional put", "conditional update", "on conflict", "version column", "row-level lock", "row level lock",
        "advisory lock", "lease",
    ]
    static let conclusionTitles: Set<String> = [
        "conclusion", "conclusions", "summary", "final thoughts", "closing", "closing thoughts", "closing remarks", "wrap-up",
        "wrap up", "wrapup",
    ]

    static let opening =
        "^(sure|certainly|absolutely|of course|great question|here is|here's|below is|i'd be (happy|glad)|i am happy|happy to|as requested|thanks|thank you)\\b"
    static let closing =
        "^(in conclusion|in summary|to summari[sz]e|to conclude|overall,|i hope|hope this|let me know|feel free|thanks|thank you|this (design|architecture) (ensures|provides|delivers|guarantees))"

    /// At most this many findings are listed; the rest are counted in one more finding.
    static let maxFindings = 200

    public static let rules: [Rule] = [
        Rule(id: "lint.introduction", summary: "No introductory text or pleasantries before the design.") { outline in
            if let first = outline.preamble.first(where: { !$0.isBlank }) {
                return [LintFinding(id: "lint.introduction", line: first.number, message: "the document opens with prose before its first heading")]
            }
            let firstProse = outline.sections.lazy.compactMap { $0.lines.first { !$0.isBlank && !$0.inCode } }.first
            if let line = firstProse, outline.text(of: line).range(of: opening, options: [.regularExpression, .caseInsensitive]) != nil {
                return [LintFinding(id: "lint.introduction", line: line.number, message: "introductory pleasantry: \"\(outline.text(of: line).prefix(40))\"")]
            }
            return []
        },
        Rule(id: "lint.conclusion", summary: "No conclusion or closing remarks after the design.") { outline in
            var findings: [LintFinding] = []
            for heading in outline.headings where conclusionTitles.contains(heading.title.lowercased()) {
                findings.append(LintFinding(id: "lint.conclusion", line: heading.line, message: "a \"\(heading.title)\" section is a conclusion"))
            }
            if let last = outline.lastContentLine, !last.isBullet, outline.headings.last?.line != last.number,
                outline.text(of: last).trimmingCharacters(in: .whitespaces).range(of: closing, options: [.regularExpression, .caseInsensitive]) != nil
            {
                findings.append(LintFinding(id: "lint.conclusion", line: last.number, message: "closing remark: \"\(outline.text(of: last).prefix(40))\""))
            }
            return findings
        },
        Rule(id: "lint.bullets-only", summary: "Transaction flow, compensating transactions and distributed tracing are bullets only.") { outline in
            var findings: [LintFinding] = []
            for (keywords, name) in bulletSections {
                let sections = outline.sections(containingAny: keywords)
                if sections.isEmpty {
                    findings.append(LintFinding(id: "lint.missing-section", line: 1, message: "no \(name) section"))
                }
                for section in sections {
                    var previousIsItem = false
                    var hasBullet = false
                    var previousCodeLine = -1
                    for line in section.lines where !line.isBlank {
                        defer { if line.inCode { previousCodeLine = line.number } }
                        if line.isBullet && !line.inCode {
                            previousIsItem = true
                            hasBullet = true
                        } else if previousIsItem && line.isContinuation && !line.inCode {
                            continue
                        } else if line.inCode && previousCodeLine == line.number - 1 {
                            continue  // one finding per code block
                        } else {
                            findings.append(
                                LintFinding(
                                    id: "lint.bullets-only", line: line.number,
                                    message: "\"\(section.heading.title)\" must hold bullets only; found \"\(outline.text(of: line).prefix(40))\""))
                            previousIsItem = false
                        }
                    }
                    if !hasBullet {
                        findings.append(LintFinding(id: "lint.bullets-only", line: section.heading.line, message: "\"\(section.heading.title)\" has no bullets"))
                    }
                }
            }
            return findings
        },
        Rule(id: "lint.bold", summary: "Bold marks the consistency barriers, failure recovery and reconciliation.") { outline in
            // One text of every bold span (spans end at line ends, so no keyword can cross two).
            let bold = LowercasedText(outline.boldSpans.map(\.text).joined(separator: "\n"))
            return boldTopics.compactMap { topic in
                let marked = bold.containsAny(topic.keywords)
                return marked ? nil : LintFinding(id: "lint.bold-\(topic.id)", line: 1, message: "no bold text marks the \(topic.name)")
            }
        },
        Rule(id: "lint.hop", summary: "Idempotency is covered at API Gateway, Payment Service, Database, External Processor and Ledger.") { outline in
            hops.compactMap { hop in
                !outline.text.contains(hop.lowercased())
                    ? LintFinding(id: "lint.hop", line: 1, message: "the \(hop) hop is not covered") : nil
            }
        },
        Rule(id: "lint.database", summary: "The database is named.") { outline in
            return !outline.text.containsAny(databases, wholeWord: true)
                ? [LintFinding(id: "lint.database", line: 1, message: "no database is named")] : []
        },
        Rule(id: "lint.locking", summary: "The locking strategy is named.") { outline in
            return !outline.text.containsAny(locking)
                ? [LintFinding(id: "lint.locking", line: 1, message: "no locking strategy (pessimistic, optimistic, conditional writes) is named")] : []
        },
    ]

    /// The lint as one evaluation result: passed without findings, failed with them.
    public static func evaluation(_ document: String) -> EvaluationResult {
        let findings = lint(document)
        return EvaluationResult(
            evaluatorName: "structural lint", kind: "lint", status: findings.isEmpty ? .passed : .failed,
            details: findings.isEmpty ? "no findings" : "\(findings.count) finding\(findings.count == 1 ? "" : "s")",
            findings: findings)
    }
}
