import Foundation

/// Static checks on template text that swift-mustache would otherwise let through: partials that do not
/// exist, dotted names (which bypass the missing-key check), and delimiter changes.
enum TemplateLint {
    static let tag = try! NSRegularExpression(pattern: "\\{\\{([#^/>&=!{]?)\\s*([^}]*?)\\s*\\}?\\}\\}")

    static func problems(in text: String, path: String, knownPartials: Set<String>) -> [Diagnostic] {
        let ns = text as NSString
        var problems: [Diagnostic] = []
        let source = SourceFile(path: path, text: text)
        for match in tag.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            let sigil = ns.substring(with: match.range(at: 1))
            let name = ns.substring(with: match.range(at: 2))
            let (line, column) = YAMLLoader.lineAndColumn(
                ofByte: (ns.substring(to: match.range.location) as String).utf8.count, in: source.bytes)
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
}
