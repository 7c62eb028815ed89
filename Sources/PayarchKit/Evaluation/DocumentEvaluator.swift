import Foundation

/// Runs a spec's evaluators and an expected text against one document.
///
/// - `type: regex`: a search anywhere, case-sensitive unless the pattern says `(?i)`.
/// - `string`: on the trimmed document; `equals` is exact, the others ignore case; operands are
///   templated with the case's variables and `expected`.
/// - `llm` and `uses`: skipped, since they need a model.
/// - expected: the case's `expected` text must appear in the document (case-sensitive).
public struct DocumentEvaluator: Sendable {
    public var evaluators: [Evaluator]

    public init(evaluators: [Evaluator]) {
        self.evaluators = evaluators
    }

    public func evaluate(_ document: String, variables: [String: String], expected: String?) -> [EvaluationResult] {
        let text = DocumentText(document)
        var results = evaluators.map { evaluate($0, text, variables: variables.merging(expected.map { ["expected": $0] } ?? [:]) { $1 }) }
        if let expected {
            if let range = document.range(of: expected) {
                let (line, column) = text.position(of: range)
                results.append(
                    EvaluationResult(
                        evaluatorName: "expected", kind: "expected", status: .passed,
                        details: "contains \"\(expected)\" at \(line):\(column)"))
            } else {
                results.append(
                    EvaluationResult(
                        evaluatorName: "expected", kind: "expected", status: .failed,
                        details: "expected the document to contain \"\(expected)\""))
            }
        }
        return results
    }

    private func evaluate(_ evaluator: Evaluator, _ text: DocumentText, variables: [String: String]) -> EvaluationResult {
        switch evaluator.kind {
        case .regex(let pattern, _):
            // The loader compiled the pattern already; a failure here cannot happen for a loaded spec.
            guard let regex = try? NSRegularExpression(pattern: pattern) else {
                return EvaluationResult(evaluatorName: evaluator.name, kind: "regex", status: .failed, details: "invalid pattern /\(pattern)/")
            }
            let document = text.text
            guard let match = regex.firstMatch(in: document, range: NSRange(location: 0, length: (document as NSString).length)) else {
                return EvaluationResult(
                    evaluatorName: evaluator.name, kind: "regex", status: .failed, details: "no match for /\(pattern)/")
            }
            let (line, column) = text.position(ofUTF16: match.range.location)
            let found = (document as NSString).substring(with: match.range)
            return EvaluationResult(
                evaluatorName: evaluator.name, kind: "regex", status: .passed,
                details: "matched \"\(found)\" at \(line):\(column)")
        case .string(let check, let operand, _):
            let value = Self.template(operand, variables: variables)
            let document = text.text.trimmingCharacters(in: .whitespacesAndNewlines)
            let passed: Bool
            switch check {
            case .equals: passed = document == value
            case .contains: passed = document.range(of: value, options: .caseInsensitive) != nil
            case .startsWith: passed = document.range(of: value, options: [.caseInsensitive, .anchored]) != nil
            case .endsWith: passed = document.range(of: value, options: [.caseInsensitive, .anchored, .backwards]) != nil
            }
            return EvaluationResult(
                evaluatorName: evaluator.name, kind: "string", status: passed ? .passed : .failed,
                details: passed ? "\(check.rawValue) \"\(value)\"" : "expected the document to \(Self.verb(check)) \"\(value)\"")
        case .needsModel(let kind, let reference):
            return EvaluationResult(
                evaluatorName: evaluator.name, kind: kind, status: .skipped,
                details: "needs a model" + (reference.map { " (\($0))" } ?? "") + "; payarch grades without one")
        }
    }

    private static func verb(_ check: Evaluator.StringCheck) -> String {
        switch check {
        case .equals: "equal"
        case .contains: "contain"
        case .startsWith: "start with"
        case .endsWith: "end with"
        }
    }

    /// Replaces `{{name}}` with the variable's value; unknown names are left as written.
    static func template(_ text: String, variables: [String: String]) -> String {
        var result = text
        for (name, value) in variables.sorted(by: { $0.key < $1.key }) {
            result = result.replacingOccurrences(of: "{{\(name)}}", with: value)
            result = result.replacingOccurrences(of: "{{ \(name) }}", with: value)
        }
        return result
    }
}
