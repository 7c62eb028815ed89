import Foundation

/// Decodes one entry of `evaluators:`; a regex is compiled here so a bad pattern points at its line.
enum EvaluatorDecoder {
    /// Names are printed on every report line of every case; a longer one is a mistake or an attack.
    static let maxNameLength = 200

    static func decode(_ node: YAMLNode, warnings: inout [Diagnostic]) throws(PayarchError) -> Evaluator {
        let map = try MappingReader(node, what: "an evaluator")
        let nameNode = try map.required("name")
        let name = try nameNode.string(for: "'name' of an evaluator")
        guard name.count <= maxNameLength else {
            throw PayarchError.data(
                at: nameNode.location, id: "spec.name-too-long",
                "an evaluator's name has \(name.count) characters; payarch accepts at most \(maxNameLength)")
        }
        if let type = map["type"] {
            let kind = try type.string(for: "'type' of evaluator '\(name)'")
            guard kind == "regex" else {
                throw PayarchError.data(
                    at: type.location, id: "spec.evaluator-kind",
                    "unknown evaluator type '\(kind)' in '\(name)'; payarch knows 'type: regex', 'string', 'llm' and 'uses'")
            }
            let patternNode = try map.required("pattern")
            let pattern = try patternNode.string(for: "'pattern' of evaluator '\(name)'")
            do {
                _ = try BudgetedRegex(pattern)
            } catch {
                throw PayarchError.data(
                    at: patternNode.location, id: "spec.invalid-regex",
                    "invalid regular expression in evaluator '\(name)': \(pattern)"
                        + (error.offset.map { " (\(error.message) at offset \($0))" } ?? " (\(error.message))"))
            }
            if let problem = RegexSafety.problem(in: pattern) {
                throw PayarchError.data(
                    at: patternNode.location, id: "spec.unsafe-regex",
                    "the pattern of evaluator '\(name)' \(problem); such patterns can take exponential or polynomial time, so payarch refuses them")
            }
            return Evaluator(
                name: name, kind: .regex(pattern: pattern, location: patternNode.location), location: node.location)
        }
        if let stringNode = map["string"] {
            let checks = try MappingReader(stringNode, what: "'string' of evaluator '\(name)'")
            let present = Evaluator.StringCheck.allCases.filter { checks[$0.rawValue] != nil }
            guard let check = present.first, let operandNode = checks[check.rawValue] else {
                throw PayarchError.data(
                    at: stringNode.location, id: "spec.evaluator-string",
                    "evaluator '\(name)' needs one of equals, contains, startsWith or endsWith")
            }
            if present.count > 1 {
                warnings.append(
                    Diagnostic(
                        .warning, at: stringNode.location, id: "spec.evaluator-string-fields",
                        "evaluator '\(name)' has several checks; only '\(check.rawValue)' is used"))
            }
            return Evaluator(
                name: name,
                kind: .string(
                    check: check, operand: try operandNode.string(for: "'\(check.rawValue)' of evaluator '\(name)'"),
                    location: operandNode.location),
                location: node.location)
        }
        if let uses = map["uses"] {
            return Evaluator(
                name: name, kind: .needsModel(kind: "uses", reference: try uses.string(for: "'uses' of '\(name)'")),
                location: node.location)
        }
        if let llm = map["llm"] {
            let model = try? MappingReader(llm, what: "'llm'").optionalString("modelId")
            return Evaluator(name: name, kind: .needsModel(kind: "llm", reference: model ?? nil), location: node.location)
        }
        throw PayarchError.data(
            at: node.location, id: "spec.evaluator-kind",
            "evaluator '\(name)' has no known kind; payarch knows 'type: regex', 'string', 'llm' and 'uses'")
    }
}
