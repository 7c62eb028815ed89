extension ValidationReport {
    /// The report for people: per document and per evaluator PASS, FAIL or SKIP with the reason,
    /// lint findings underneath, and the summary line last. Text quoted from documents, variables and
    /// the spec is escaped (`PrintableText`), so a report never carries terminal control sequences.
    public func text() -> String {
        var lines: [String] = []
        for result in cases {
            var header = result.label
            if let first = result.variables.first {
                header += " (\(first.key): \"\(first.value.prefix(60))\")"
            }
            lines.append(header)
            for evaluation in result.results {
                let status = switch evaluation.status {
                case .passed: "PASS"
                case .failed: "FAIL"
                case .skipped: "SKIP"
                }
                lines.append("  \(status)  \(evaluation.evaluatorName) [\(evaluation.kind)]: \(evaluation.details)")
                for finding in evaluation.findings {
                    lines.append("        line \(finding.description)")
                }
            }
        }
        lines.append(summaryLine)
        return lines.map { PrintableText.escape($0) }.joined(separator: "\n") + "\n"
    }
}
