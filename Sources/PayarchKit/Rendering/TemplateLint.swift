import Foundation

/// Static checks on template text that swift-mustache would otherwise let through: partials that do not
/// exist, dotted names (which bypass the missing-key check), and delimiter changes.
enum TemplateLint {
    static let tag = try! NSRegularExpression(pattern: "\\{\\{([#^/>&=!{]?)\\s*([^}]*?)\\s*\\}?\\}\\}")

    static func problems(in text: String, path: String, knownPartials: Set<String>) -> [Diagnostic] {
        let ns = text as NSString
        var problems: [Diagnostic] = []
        let source = SourceFile(path: path, text: text)
        let positions = DocumentText(text)
        for match in tag.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            let sigil = ns.substring(with: match.range(at: 1))
            let name = ns.substring(with: match.range(at: 2))
            let (line, column) = positions.position(ofUTF16: match.range.location)
            switch sigil {
            case "!":
                continue
            case "=":
                problems.append(
                    source.diagnostic(line: line, column: column, id: "template.delimiters", "payarch templates keep the {{ }} delimiters"))
            case ">":
                if !knownPartials.contains(name) {
                    problems.append(
                        source.diagnostic(
                            line: line, column: column, id: "template.missing-partial",
                            "partial '\(name)' does not exist",
                            notes: ["partials: " + knownPartials.sorted().joined(separator: ", ")]))
                }
            default:
                if name != ".", name.contains(".") || name.contains("(") {
                    problems.append(
                        source.diagnostic(
                            line: line, column: column, id: "template.dotted-name",
                            "'\(name)': use a section instead of a dotted name or transform so a missing key is caught"))
                }
            }
        }
        return problems
    }

    /// The partials a template includes, in order.
    static func partials(in text: String) -> [String] {
        let ns = text as NSString
        return tag.matches(in: text, range: NSRange(location: 0, length: ns.length)).compactMap { match in
            ns.substring(with: match.range(at: 1)) == ">" ? ns.substring(with: match.range(at: 2)) : nil
        }
    }

    /// A chain of partials that includes itself, which would recurse until the stack overflows.
    static func partialCycle(in graph: [String: [String]]) -> [String]? {
        var state: [String: Bool] = [:]  // false: on the current path, true: done
        var path: [String] = []
        func visit(_ name: String) -> [String]? {
            if state[name] == true { return nil }
            if state[name] == false { return Array(path[(path.firstIndex(of: name) ?? 0)...]) + [name] }
            state[name] = false
            path.append(name)
            for next in graph[name] ?? [] {
                if let cycle = visit(next) { return cycle }
            }
            path.removeLast()
            state[name] = true
            return nil
        }
        for name in graph.keys.sorted() {
            if let cycle = visit(name) { return cycle }
        }
        return nil
    }
}
