/// Static checks on template text, run before swift-mustache parses it: what Mustache would let through
/// silently (partials that do not exist, dotted names that bypass the missing-key check, delimiter
/// changes and pragmas) and what would crash or hang it (sections nested deeper than its recursive
/// parser can take, dynamic partials that cannot be checked, and partial or inheritance cycles).
enum TemplateLint {
    /// Sections, inverted sections, blocks and parents nested deeper than this are refused; the real
    /// templates need four.
    static let maxDepth = 32

    /// One `{{…}}` tag: its sigil (`#`, `^`, `/`, `>`, `<`, `$`, `&`, `{`, `=`, `!`, `%` or none), its name,
    /// and its 1-based position.
    struct Tag {
        var sigil: Character?
        var name: String
        var line: Int
        var column: Int
    }

    /// Every tag of a template, in order, found in one pass over its characters.
    static func tags(in text: String) -> [Tag] {
        // Scanned as UTF-8 bytes (the braces are ASCII, so they never fall inside a multi-byte character);
        // a tag's column counts the characters of its line before it.
        var tags: [Tag] = []
        let bytes = Array(text.utf8)
        let open = UInt8(ascii: "{")
        let close = UInt8(ascii: "}")
        let newline = UInt8(ascii: "\n")
        var index = 0
        var line = 1
        var lineStart = 0
        while index < bytes.count {
            if bytes[index] == open, index + 1 < bytes.count, bytes[index + 1] == open {
                let prefix = String(decoding: bytes[lineStart..<index], as: UTF8.self)
                let start = (line, prefix.count + 1)
                var cursor = index + 2
                while cursor < bytes.count, !(bytes[cursor] == close && cursor + 1 < bytes.count && bytes[cursor + 1] == close) {
                    cursor += 1
                }
                var body = Substring(String(decoding: bytes[(index + 2)..<cursor], as: UTF8.self))
                var sigil: Character?
                if let first = body.first, "#^/><$&{=!%".contains(first) {
                    sigil = first
                    body.removeFirst()
                }
                if sigil == "{", body.last == "}" { body.removeLast() }
                tags.append(Tag(sigil: sigil, name: body.trimmingCharacters(in: .whitespaces), line: start.0, column: start.1))
                let end = min(cursor + 2, bytes.count)
                for position in index..<end where bytes[position] == newline {
                    line += 1
                    lineStart = position + 1
                }
                index = end
                continue
            }
            if bytes[index] == newline {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        return tags
    }

    static func problems(in text: String, path: String, knownPartials: Set<String>) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        let source = SourceFile(path: path, text: text)
        var depth = 0
        var deepest: Tag?
        for tag in tags(in: text) {
            func problem(_ id: String, _ message: String, notes: [String] = []) {
                problems.append(source.diagnostic(line: tag.line, column: tag.column, id: id, message, notes: notes))
            }
            switch tag.sigil {
            case "!":
                continue
            case "=":
                problem("template.delimiters", "payarch templates keep the {{ }} delimiters")
            case "%":
                problem("template.pragma", "payarch sets the content type itself; remove the {{% \(tag.name)}} pragma")
            case ">", "<":
                if tag.name.hasPrefix("*") {
                    problem(
                        "template.dynamic-partial",
                        "'\(tag.name)' is a dynamic partial, whose target is only known at render time; name the partial")
                } else if !knownPartials.contains(tag.name) {
                    problem(
                        "template.missing-partial", "partial '\(tag.name)' does not exist",
                        notes: ["partials: " + knownPartials.sorted().joined(separator: ", ")])
                }
                if tag.sigil == "<" { depth += 1 }
            case "#", "^", "$":
                depth += 1
            case "/":
                depth -= 1
            default:
                if tag.name != ".", tag.name.contains(".") || tag.name.contains("(") {
                    problem(
                        "template.dotted-name",
                        "'\(tag.name)': use a section instead of a dotted name or transform so a missing key is caught")
                }
            }
            if depth > maxDepth, deepest == nil { deepest = tag }
        }
        if let deepest {
            problems.append(
                source.diagnostic(
                    line: deepest.line, column: deepest.column, id: "template.too-deep",
                    "sections are nested more than \(maxDepth) levels deep"))
        }
        return problems
    }

    /// The partials a template includes or inherits from (`{{> name}}`, `{{< name}}`), in order.
    static func partials(in text: String) -> [String] {
        tags(in: text).compactMap { $0.sigil == ">" || $0.sigil == "<" ? $0.name : nil }
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
