import Foundation

/// Runs a spec's evaluators and an expected text against documents. Built once per spec (regexes are
/// compiled here) and used for every document of a run, which shares one `MatchBudget`.
///
/// - `type: regex`: a search anywhere, case-sensitive unless the pattern says `(?i)`, under the budget.
/// - `string`: on the trimmed document; `equals` is exact, the others ignore case; operands are
///   templated with the case's variables and `expected`, in one pass (a value is never expanded again).
/// - `llm` and `uses`: skipped, since they need a model.
/// - expected: the case's `expected` text must appear in the document (case-sensitive).
public struct DocumentEvaluator: Sendable {
    public var evaluators: [Evaluator]
    private let compiled: [BudgetedRegex?]
    let budget: MatchBudget

    public init(evaluators: [Evaluator], budget: MatchBudget = MatchBudget()) {
        self.evaluators = evaluators
        self.budget = budget
        compiled = evaluators.map { evaluator in
            guard case .regex(let pattern, _) = evaluator.kind else { return nil }
            return try? BudgetedRegex(pattern)
        }
    }

    public func evaluate(_ document: String, variables: [String: String], expected: String?) throws(PayarchError)
        -> [EvaluationResult]
    {
        let text = DocumentText(document)
        let units = Array(document.utf16)
        var values = variables
        if let expected { values["expected"] = expected }
        var results: [EvaluationResult] = []
        var trimmed: TrimmedDocument?
        for (index, evaluator) in evaluators.enumerated() {
            if case .string = evaluator.kind, trimmed == nil { trimmed = TrimmedDocument(document) }
            results.append(try evaluate(evaluator, compiled[index], text, trimmed, units: units, variables: values))
        }
        if let expected {
            if let offset = text.firstOffset(of: expected) {
                let (line, column) = text.position(ofUTF16: offset)
                results.append(
                    EvaluationResult(
                        evaluatorName: "expected", kind: "expected", status: .passed,
                        details: "contains \"\(Self.clip(expected))\" at \(line):\(column)"))
            } else {
                results.append(
                    EvaluationResult(
                        evaluatorName: "expected", kind: "expected", status: .failed,
                        details: "expected the document to contain \"\(Self.clip(expected))\""))
            }
        }
        return results
    }

    private func evaluate(
        _ evaluator: Evaluator, _ regex: BudgetedRegex?, _ text: DocumentText, _ trimmed: TrimmedDocument?, units: [UInt16],
        variables: [String: String]
    ) throws(PayarchError) -> EvaluationResult {
        switch evaluator.kind {
        case .regex(let pattern, let location):
            // The loader compiled the pattern already; a failure here cannot happen for a loaded spec.
            guard let regex else {
                return EvaluationResult(evaluatorName: evaluator.name, kind: "regex", status: .failed, details: "invalid pattern /\(Self.clip(pattern))/")
            }
            switch regex.firstMatch(in: units, budget: budget) {
            case .notFound:
                return EvaluationResult(
                    evaluatorName: evaluator.name, kind: "regex", status: .failed, details: "no match for /\(Self.clip(pattern))/")
            case .found(let start, let length):
                let (line, column) = text.position(ofUTF16: start)
                let found = String(decoding: units[start..<(start + length)], as: UTF16.self)
                return EvaluationResult(
                    evaluatorName: evaluator.name, kind: "regex", status: .passed,
                    details: "matched \"\(Self.clip(found))\" at \(line):\(column)")
            case .overBudget:
                throw PayarchError.data(
                    at: location, id: "spec.regex-budget",
                    "the pattern of evaluator '\(evaluator.name)' needs more than \(MatchBudget.perMatchLimit) match steps on this document (or the run's \(MatchBudget.defaultTotal) are spent); payarch stops it so that grading always ends",
                    notes: ["simplify the pattern: avoid nested or adjacent repeats that can match the same text, such as (a+)+, (.|\\s)* or .*.*"])
            }
        case .string(let check, let operand, _):
            let document = trimmed ?? TrimmedDocument(text.text)
            // An operand longer than the document can never be equal to it or contained in it.
            guard let value = Self.template(operand, variables: variables, limit: document.utf8Count) else {
                return EvaluationResult(
                    evaluatorName: evaluator.name, kind: "string", status: .failed,
                    details: "expected the document to \(Self.verb(check)) the templated operand, which is longer than the document")
            }
            let passed = document.satisfies(check, value)
            return EvaluationResult(
                evaluatorName: evaluator.name, kind: "string", status: passed ? .passed : .failed,
                details: passed ? "\(check.rawValue) \"\(Self.clip(value))\"" : "expected the document to \(Self.verb(check)) \"\(Self.clip(value))\"")
        case .needsModel(let kind, let reference):
            return EvaluationResult(
                evaluatorName: evaluator.name, kind: kind, status: .skipped,
                details: "needs a model" + (reference.map { " (\($0))" } ?? "") + "; payarch grades without one")
        }
    }

    /// Report lines quote at most this many characters of an operand, a pattern or a match, so a spec
    /// cannot make a report much larger than itself.
    static let quoteLimit = 200

    static func clip(_ text: String) -> String {
        text.count <= quoteLimit ? text : String(text.prefix(quoteLimit)) + "… (\(text.count) characters)"
    }

    private static func verb(_ check: Evaluator.StringCheck) -> String {
        switch check {
        case .equals: "equal"
        case .contains: "contain"
        case .startsWith: "start with"
        case .endsWith: "end with"
        }
    }

    /// Replaces each `{{name}}` or `{{ name }}` with the variable's value in one left-to-right pass: a
    /// value that itself contains `{{…}}` is copied as written, never expanded again. Unknown names are
    /// left as written. Returns nil as soon as the result would pass `limit` UTF-8 bytes.
    static func template(_ text: String, variables: [String: String], limit: Int = .max) -> String? {
        var result = ""
        var size = 0
        var rest = text[...]
        func append(_ piece: Substring) -> Bool {
            size += piece.utf8.count
            guard size <= limit else { return false }
            result += piece
            return true
        }
        while let open = rest.range(of: "{{") {
            guard append(rest[..<open.lowerBound]) else { return nil }
            let afterOpen = rest[open.upperBound...]
            guard let close = afterOpen.range(of: "}}") else {
                rest = rest[open.lowerBound...]
                break
            }
            let name = afterOpen[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if let value = variables[name] {
                guard append(value[...]) else { return nil }
            } else {
                guard append(rest[open.lowerBound..<close.upperBound]) else { return nil }
            }
            rest = afterOpen[close.upperBound...]
        }
        guard append(rest) else { return nil }
        return result
    }
}
