import Foundation

/// Reads a `PromptSpec` from YAML bytes. Accepts one mapping document, or the seed's layout: a scalar
/// preamble document, `---`, then the mapping.
public struct PromptSpecLoader: Sendable {
    public var yaml: YAMLLoader

    public init(yaml: YAMLLoader = YAMLLoader()) {
        self.yaml = yaml
    }

    static let knownKeys: Set<String> = [
        "name", "description", "version", "authors", "metadata", "tags", "variables", "model",
        "modelParameters", "messages", "testData", "evaluators", "responseFormat", "jsonSchema",
    ]

    public func load(_ source: SourceFile) throws(PayarchError) -> PromptSpec {
        let documents = try yaml.loadDocuments(source)
        let start = SourceLocation.file(source.path)
        let preamble: String?
        let root: YAMLNode
        switch documents.count {
        case 0:
            throw PayarchError.data(at: start, id: "spec.empty", "the spec file is empty")
        case 1:
            preamble = nil
            root = documents[0]
        case 2 where documents[0].scalar != nil:
            preamble = documents[0].scalar
            root = documents[1]
        default:
            throw PayarchError.data(
                at: documents[1].location, id: "spec.documents",
                "expected one spec document, or a preamble document and then the spec; found \(documents.count) documents")
        }
        return try decode(root, path: source.path, preamble: preamble)
    }

    private func decode(_ root: YAMLNode, path: String, preamble: String?) throws(PayarchError) -> PromptSpec {
        let map = try MappingReader(root, what: "the spec")
        // A file with none of a spec's keys is something else (often an input file); say so, for the whole file.
        if !map.entries.contains(where: { Self.knownKeys.contains($0.key) }) {
            let keys = map.entries.map(\.key)
            var notes = ["a prompt spec (.prompt.yml) has 'name', 'messages' and 'model' at its top level"]
            if !keys.isEmpty, keys.allSatisfy({ $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } }),
                keys.contains(where: { $0.contains("_") })
            {
                notes.insert("this looks like an input file (variable names mapped to text), not a spec", at: 0)
            }
            throw PayarchError.data(at: .file(path), id: "spec.not-a-spec", "is not a prompt spec: it has none of a spec's keys", notes: notes)
        }
        var warnings = map.unknownKeys(known: Self.knownKeys).map { key, location in
            Diagnostic(.warning, at: location, id: "spec.unknown-key", "unknown spec key '\(key)' is ignored")
        }
        let metadata = try map["metadata"].map { node throws(PayarchError) in
            node.isNull ? [] : try Self.entries(node, what: "'metadata'")
        } ?? []
        var tags: [String] = []
        if let node = map["tags"], !node.isNull { tags = try node.strings(for: "'tags'") }
        if tags.isEmpty, let meta = map["metadata"], case .mapping = meta.content,
            let node = try MappingReader(meta, what: "'metadata'")["tags"], !node.isNull
        {
            tags = try node.strings(for: "'metadata.tags'")
        }
        let variables = try Self.items(map["variables"], what: "'variables'").map { node throws(PayarchError) in
            try Self.variable(node)
        }
        var seen: [String: SourceLocation] = [:]
        for variable in variables {
            if let first = seen[variable.name] {
                throw PayarchError.data(
                    at: variable.location, id: "spec.duplicate-variable",
                    "variable '\(variable.name)' is declared twice",
                    notes: ["first declared at line \(first.line), column \(first.column)"])
            }
            seen[variable.name] = variable.location
        }
        let spec = PromptSpec(
            path: path,
            preamble: preamble,
            name: try map.required("name").string(for: "'name'"),
            description: try map.optionalString("description"),
            version: try map.optionalString("version"),
            authors: try map["authors"].map { node throws(PayarchError) in
                node.isNull ? [] : try node.strings(for: "'authors'")
            } ?? [],
            metadata: metadata,
            tags: tags,
            variables: variables,
            model: try map.optionalString("model"),
            modelParameters: try map["modelParameters"].map { node throws(PayarchError) in
                node.isNull ? [] : try Self.entries(node, what: "'modelParameters'")
            } ?? [],
            messages: try Self.items(map["messages"], what: "'messages'").map { node throws(PayarchError) in
                try Self.message(node)
            },
            testData: try Self.checkedSize(
                try Self.items(map["testData"], what: "'testData'", limit: Self.maxTestCases, id: "spec.too-many-cases")
                    .map { node throws(PayarchError) in try Self.testCase(node) }, at: map["testData"]?.location),
            evaluators: try Self.items(map["evaluators"], what: "'evaluators'", limit: Self.maxEvaluators, id: "spec.too-many-evaluators")
                .map { node throws(PayarchError) in try EvaluatorDecoder.decode(node, warnings: &warnings) },
            warnings: warnings)
        return spec
    }

    /// More test cases and evaluators than any real prompt file has: each case is a full design and each
    /// evaluator a pass over every document, so these bound how long `validate` can take.
    public static let maxTestCases = 200
    public static let maxEvaluators = 100

    /// The test cases' values and expected texts together, counted after YAML aliases are followed (an
    /// alias can repeat one large case hundreds of times), may not exceed this many UTF-8 bytes.
    public static let maxTestDataBytes = 4 << 20

    private static func checkedSize(_ cases: [PromptSpec.TestCase], at location: SourceLocation?) throws(PayarchError)
        -> [PromptSpec.TestCase]
    {
        var total = 0
        for testCase in cases {
            total += testCase.input.reduce(0) { $0 + $1.value.utf8.count } + (testCase.expected?.utf8.count ?? 0)
            if total > maxTestDataBytes {
                throw PayarchError.data(
                    at: location, id: "spec.test-data-too-large",
                    "the testData cases add up to more than \(maxTestDataBytes) bytes once their aliases are followed; payarch grades at most that")
            }
        }
        return cases
    }

    private static func items(_ node: YAMLNode?, what: String, limit: Int = .max, id: String = "") throws(PayarchError) -> [YAMLNode] {
        guard let node, !node.isNull else { return [] }
        let items = try node.sequenceItems(for: what)
        if items.count > limit {
            throw PayarchError.data(
                at: node.location, id: id, "\(what) has \(items.count) entries; payarch grades at most \(limit)",
                notes: ["split the spec into several files"])
        }
        return items
    }

    private static func entries(_ node: YAMLNode, what: String) throws(PayarchError) -> [PromptSpec.Entry] {
        try MappingReader(node, what: what).entries.map { entry throws(PayarchError) in
            PromptSpec.Entry(key: entry.key, value: try flow(entry.value))
        }
    }

    /// How many nodes a metadata value may expand to. Aliases are shared in the tree, but writing a
    /// value out follows them, so a billion-laughs value must stop here rather than exhaust memory.
    static let flowNodeBudget = 10_000

    /// A compact one-line rendering of any node, for metadata values.
    static func flow(_ node: YAMLNode) throws(PayarchError) -> String {
        var budget = flowNodeBudget
        return try flow(node, budget: &budget)
    }

    private static func flow(_ node: YAMLNode, budget: inout Int) throws(PayarchError) -> String {
        budget -= 1
        guard budget >= 0 else {
            throw PayarchError.data(
                at: node.location, id: "yaml.alias-expansion",
                "a metadata value expands to more than \(flowNodeBudget) nodes through aliases")
        }
        switch node.content {
        case .scalar(let text):
            return text
        case .sequence(let items):
            var parts: [String] = []
            for item in items { parts.append(try flow(item, budget: &budget)) }
            return "[" + parts.joined(separator: ", ") + "]"
        case .mapping(let pairs):
            var parts: [String] = []
            for pair in pairs { parts.append(try flow(pair.key, budget: &budget) + ": " + flow(pair.value, budget: &budget)) }
            return "{" + parts.joined(separator: ", ") + "}"
        }
    }

    private static func variable(_ node: YAMLNode) throws(PayarchError) -> PromptSpec.Variable {
        let map = try MappingReader(node, what: "a variable")
        let name = try map.required("name").string(for: "'name' of a variable")
        return PromptSpec.Variable(
            name: name,
            description: try map.optionalString("description"),
            required: try map["required"].map { node throws(PayarchError) in
                try node.bool(for: "'required' of variable '\(name)'")
            } ?? false,
            location: node.location)
    }

    private static func message(_ node: YAMLNode) throws(PayarchError) -> PromptSpec.Message {
        let map = try MappingReader(node, what: "a message")
        return PromptSpec.Message(
            role: try map.required("role").string(for: "'role' of a message"),
            content: try map.required("content").string(for: "'content' of a message"),
            location: node.location)
    }

    private static func testCase(_ node: YAMLNode) throws(PayarchError) -> PromptSpec.TestCase {
        let map = try MappingReader(node, what: "a testData case")
        let input = try MappingReader(try map.required("input"), what: "'input' of a testData case")
        return PromptSpec.TestCase(
            input: try input.entries.map { entry throws(PayarchError) in
                InputValue(name: entry.key, node: entry.value, value: try entry.value.string(for: "variable '\(entry.key)'"))
            },
            expected: try map.optionalString("expected"),
            location: node.location)
    }
}
