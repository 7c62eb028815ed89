/// Bounds what a set of templates can cost before swift-mustache renders it. Cycle and per-template depth
/// checks do not bound products: eight nested sections over an eight-row list render 8⁸ times, ten
/// templates that each include the next ten times render 10¹⁰ leaves, and a chain of partials each
/// nesting sections overflows the renderer's stack. So, from the template structure:
///
/// - the nesting depth through partials (sections, blocks, parents and partial includes counted
///   together, from the root) is at most `maxDepth`;
/// - with the design context at hand, an upper bound of the rendered size (text and variable values,
///   times the length of the longest list each section could iterate) is at most `maxBytes`.
struct TemplateCost: Sendable {
    /// Levels of nesting through partials; the bundled templates need six.
    static let maxDepth = 48
    /// The largest design the templates may render; the bundled ones render about 40 KB.
    static let maxBytes = 8 << 20

    indirect enum Node: Sendable {
        case text(Int)
        case variable(String)
        /// A section (`#`), inverted section (`^`) or block (`$`) with its body.
        case section(name: String, inverted: Bool, body: [Node])
        /// `{{> name}}` or `{{< name}}` (a parent's blocks are counted as sections of the parent's body).
        case partial(String)
    }

    let templates: [String: [Node]]

    init(sources: [(name: String, text: String)]) {
        var templates: [String: [Node]] = [:]
        for source in sources { templates[source.name] = Self.structure(of: source.text) }
        self.templates = templates
    }

    /// The template as a tree of text lengths, variables, sections and partial includes.
    static func structure(of text: String) -> [Node] {
        let tags = TemplateLint.tags(in: text)
        // Literal text is charged at the template's whole length at every level: no body holds more text
        // than the template does, so this stays an upper bound without tracking tag offsets.
        let length = text.utf8.count
        var stack: [(name: String, inverted: Bool, nodes: [Node])] = [("", false, [.text(length)])]
        for tag in tags {
            switch tag.sigil {
            case "#", "^", "$":
                stack.append((tag.name, tag.sigil == "^", [.text(length)]))
            case "/":
                guard stack.count > 1 else { continue }
                let closed = stack.removeLast()
                stack[stack.count - 1].nodes.append(.section(name: closed.name, inverted: closed.inverted, body: closed.nodes))
            case ">", "<":
                stack[stack.count - 1].nodes.append(.partial(tag.name))
            case "!", "=", "%":
                continue
            default:
                stack[stack.count - 1].nodes.append(.variable(tag.name))
            }
        }
        while stack.count > 1 {
            let closed = stack.removeLast()
            stack[stack.count - 1].nodes.append(.section(name: closed.name, inverted: closed.inverted, body: closed.nodes))
        }
        return stack[0].nodes
    }

    /// The deepest nesting reached from `root` through partials, and the chain of templates that reaches it.
    func depth(from root: String) -> (depth: Int, chain: [String]) {
        var memo: [String: (Int, [String])] = [:]
        func depth(of name: String, visiting: Set<String>) -> (Int, [String]) {
            if let known = memo[name] { return known }
            guard !visiting.contains(name), let nodes = templates[name] else { return (0, [name]) }
            let result = depth(of: nodes, in: name, visiting: visiting.union([name]))
            memo[name] = result
            return result
        }
        func depth(of nodes: [Node], in name: String, visiting: Set<String>) -> (Int, [String]) {
            var best: (Int, [String]) = (0, [name])
            for node in nodes {
                switch node {
                case .section(_, _, let body):
                    let inner = depth(of: body, in: name, visiting: visiting)
                    if inner.0 + 1 > best.0 { best = (inner.0 + 1, inner.1) }
                case .partial(let partial):
                    let inner = depth(of: partial, visiting: visiting)
                    if inner.0 + 1 > best.0 { best = (inner.0 + 1, [name] + inner.1) }
                case .text, .variable:
                    continue
                }
            }
            return best
        }
        return depth(of: root, visiting: [])
    }

    /// An upper bound of the bytes rendering `root` with `context` can produce (saturating).
    func renderedBytes(from root: String, context: [String: Any]) -> Int {
        var listLength: [String: Int] = [:]
        var valueBytes: [String: Int] = [:]
        func collect(_ value: Any, key: String?) {
            // Leaves first: most values are strings, and each failed cast from `Any` costs a runtime lookup.
            if let string = value as? String {
                if let key { valueBytes[key] = max(valueBytes[key] ?? 0, string.utf8.count) }
            } else if value is Bool {
                if let key { valueBytes[key] = max(valueBytes[key] ?? 0, 5) }
            } else if let dictionary = value as? [String: Any] {
                for (name, inner) in dictionary { collect(inner, key: name) }
            } else if let list = value as? [Any] {
                if let key { listLength[key] = max(listLength[key] ?? 0, list.count) }
                for item in list { collect(item, key: key == nil ? nil : ".") }
            } else if let key {
                let bytes = (value as? String)?.utf8.count ?? String(describing: value).utf8.count
                valueBytes[key] = max(valueBytes[key] ?? 0, bytes)
            }
        }
        collect(context, key: nil)
        let itemBytes = valueBytes["."] ?? 0
        var memo: [String: Int] = [:]
        func cost(of name: String, visiting: Set<String>) -> Int {
            if let known = memo[name] { return known }
            guard !visiting.contains(name), let nodes = templates[name] else { return 0 }
            let result = cost(of: nodes, visiting: visiting.union([name]))
            memo[name] = result
            return result
        }
        func cost(of nodes: [Node], visiting: Set<String>) -> Int {
            var total = 0
            for node in nodes {
                let part: Int
                switch node {
                case .text(let bytes): part = bytes
                case .variable(let name): part = name == "." ? itemBytes : valueBytes[name] ?? 0
                case .section(let name, let inverted, let body):
                    let times = inverted ? 1 : max(1, listLength[name] ?? 1)
                    let (product, overflow) = times.multipliedReportingOverflow(by: cost(of: body, visiting: visiting))
                    part = overflow ? Int.max : product
                case .partial(let partial): part = cost(of: partial, visiting: visiting)
                }
                let (sum, overflow) = total.addingReportingOverflow(part)
                total = overflow ? Int.max : sum
                if total == Int.max { return total }
            }
            return total
        }
        return cost(of: root, visiting: [])
    }
}
