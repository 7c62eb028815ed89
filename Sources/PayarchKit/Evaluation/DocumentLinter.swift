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
        return rules.flatMap { $0.check(outline) }.enumerated()
            .sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)
    }

    /// The sections whose content must be bullets only, by heading pattern and display name.
    static let bulletSections: [(pattern: String, name: String)] = [
        ("transaction flow|payment flow|flow", "transaction flow"),
        ("compensat", "compensating transactions"),
        ("tracing", "distributed tracing"),
    ]

    /// Topics that must be set in bold somewhere, with the words that identify them.
    static let boldTopics: [(id: String, name: String, pattern: String)] = [
        ("barriers", "critical consistency barriers", "barrier|consisten|serializ|lineariz|fenc|lock|commit|claim|exactly-once"),
        ("recovery", "failure recovery mechanisms", "recover|failure|fail|retry|retries|completer|reaper|unknown|timeout|partition|dead-letter|resum"),
        ("reconciliation", "reconciliation processes", "reconcil|settlement|three-way|break|match"),
    ]

    static let hops = ["API Gateway", "Payment Service", "Database", "External Processor", "Ledger"]

    static let databases =
        "postgres(ql)?|mysql|mariadb|cockroach(db)?|spanner|dynamodb|oracle|sql server|aurora|cassandra|scylla(db)?|mongodb|redis|foundationdb|tigerbeetle|yugabyte(db)?|tidb|db2|vitess|citus"
    static let locking =
        "pessimistic|optimistic|for update|compare-and-set|compare and set|conditional (write|put|update)|on conflict|version column|row[- ]level lock|advisory lock|select … for update|lease"

    static let opening =
        "^(sure|certainly|absolutely|of course|great question|here is|here's|below is|i'd be (happy|glad)|i am happy|happy to|as requested|thanks|thank you)\\b"
    static let closing =
        "^(in conclusion|in summary|to summari[sz]e|to conclude|overall,|i hope|hope this|let me know|feel free|thanks|thank you|this (design|architecture) (ensures|provides|delivers|guarantees))"

    public static let rules: [Rule] = [
        Rule(id: "lint.introduction", summary: "No introductory text or pleasantries before the design.") { outline in
            if let first = outline.preamble.first(where: { !$0.isBlank }) {
                return [LintFinding(id: "lint.introduction", line: first.number, message: "the document opens with prose before its first heading")]
            }
            let firstProse = outline.sections.lazy.compactMap { $0.lines.first { !$0.isBlank && !$0.inCode } }.first
            if let line = firstProse, line.text.range(of: opening, options: [.regularExpression, .caseInsensitive]) != nil {
                return [LintFinding(id: "lint.introduction", line: line.number, message: "introductory pleasantry: \"\(line.text.prefix(40))\"")]
            }
            return []
        },
        Rule(id: "lint.conclusion", summary: "No conclusion or closing remarks after the design.") { outline in
            var findings: [LintFinding] = []
            for heading in outline.headings
            where heading.title.range(of: "^(conclusion|summary|final thoughts|closing( thoughts| remarks)?|wrap-?up)$", options: [.regularExpression, .caseInsensitive]) != nil {
                findings.append(LintFinding(id: "lint.conclusion", line: heading.line, message: "a \"\(heading.title)\" section is a conclusion"))
            }
            let last = outline.lines.last { !$0.isBlank && !$0.inCode }
            if let last, !last.isBullet, MarkdownOutline.heading(last) == nil,
                last.text.trimmingCharacters(in: .whitespaces).range(of: closing, options: [.regularExpression, .caseInsensitive]) != nil
            {
                findings.append(LintFinding(id: "lint.conclusion", line: last.number, message: "closing remark: \"\(last.text.prefix(40))\""))
            }
            return findings
        },
        Rule(id: "lint.bullets-only", summary: "Transaction flow, compensating transactions and distributed tracing are bullets only.") { outline in
            var findings: [LintFinding] = []
            for (pattern, name) in bulletSections {
                let sections = outline.sections(matching: pattern)
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
                                    message: "\"\(section.heading.title)\" must hold bullets only; found \"\(line.text.prefix(40))\""))
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
            boldTopics.compactMap { topic in
                let marked = outline.boldSpans.contains { $0.text.range(of: topic.pattern, options: [.regularExpression, .caseInsensitive]) != nil }
                return marked ? nil : LintFinding(id: "lint.bold-\(topic.id)", line: 1, message: "no bold text marks the \(topic.name)")
            }
        },
        Rule(id: "lint.hop", summary: "Idempotency is covered at API Gateway, Payment Service, Database, External Processor and Ledger.") { outline in
            let text = outline.lines.filter { !$0.inCode }.map(\.text).joined(separator: "\n")
            return hops.compactMap { hop in
                text.range(of: hop, options: .caseInsensitive) == nil
                    ? LintFinding(id: "lint.hop", line: 1, message: "the \(hop) hop is not covered") : nil
            }
        },
        Rule(id: "lint.database", summary: "The database is named.") { outline in
            let text = outline.lines.map(\.text).joined(separator: "\n")
            return text.range(of: "\\b(\(databases))\\b", options: [.regularExpression, .caseInsensitive]) == nil
                ? [LintFinding(id: "lint.database", line: 1, message: "no database is named")] : []
        },
        Rule(id: "lint.locking", summary: "The locking strategy is named.") { outline in
            let text = outline.lines.map(\.text).joined(separator: "\n")
            return text.range(of: "(\(locking))", options: [.regularExpression, .caseInsensitive]) == nil
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
