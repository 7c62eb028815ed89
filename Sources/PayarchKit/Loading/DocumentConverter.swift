internal import CYAML

/// Converts one libyaml document into `YAMLNode`s. Each libyaml node is converted once, so an alias
/// becomes a second reference to the same `YAMLNode`, and a billion-laughs document stays small.
struct DocumentConverter {
    let source: SourceFile
    private var built: [Int: YAMLNode] = [:]
    private var inProgress: Set<Int> = []

    init(source: SourceFile) {
        self.source = source
    }

    mutating func convert(_ document: inout yaml_document_t) throws(PayarchError) -> YAMLNode {
        try node(1, in: &document)
    }

    private mutating func node(_ index: Int32, in document: inout yaml_document_t) throws(PayarchError) -> YAMLNode {
        let key = Int(index)
        if let existing = built[key] { return existing }
        guard let raw = yaml_document_get_node(&document, index) else {
            throw PayarchError(.data, Diagnostic(at: nil, id: "yaml.internal", "libyaml returned a dangling node"))
        }
        let location = SourceLocation(
            file: source.path, line: Int(raw.pointee.start_mark.line) + 1,
            column: Int(raw.pointee.start_mark.column) + 1)
        if inProgress.contains(key) {
            throw PayarchError(
                .data,
                source.diagnostic(
                    line: location.line, column: location.column, id: "yaml.recursive-alias",
                    "an alias refers to a node that contains it"))
        }
        inProgress.insert(key)
        defer { inProgress.remove(key) }

        let result: YAMLNode
        switch raw.pointee.type {
        case YAML_SCALAR_NODE:
            let scalar = raw.pointee.data.scalar
            let text = String(
                decoding: UnsafeBufferPointer(start: scalar.value, count: Int(scalar.length)), as: UTF8.self)
            result = YAMLNode(
                .scalar(text), location: location, isPlain: scalar.style == YAML_PLAIN_SCALAR_STYLE,
                isQuoted: scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE || scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE)
        case YAML_SEQUENCE_NODE:
            let items = raw.pointee.data.sequence.items
            var children: [YAMLNode] = []
            var cursor = items.start
            while let current = cursor, current != items.top {
                children.append(try node(current.pointee, in: &document))
                cursor = current.successor()
            }
            result = YAMLNode(.sequence(children), location: location)
        case YAML_MAPPING_NODE:
            let pairs = raw.pointee.data.mapping.pairs
            var children: [YAMLNode.Pair] = []
            var seen: [String: SourceLocation] = [:]
            var cursor = pairs.start
            while let current = cursor, current != pairs.top {
                let keyNode = try node(current.pointee.key, in: &document)
                let valueNode = try node(current.pointee.value, in: &document)
                if let text = keyNode.scalar {
                    // libyaml does not implement YAML 1.1 merge keys; read as a plain key, `<<: *base`
                    // would be silently ignored, so it is refused instead.
                    if text == "<<", keyNode.isPlain {
                        throw PayarchError(
                            .data,
                            source.diagnostic(
                                line: keyNode.location.line, column: keyNode.location.column, id: "yaml.merge-key",
                                "YAML merge keys (<<) are not supported",
                                notes: ["write the merged keys out in full"]))
                    }
                    if let first = seen[text] {
                        throw PayarchError(
                            .data,
                            source.diagnostic(
                                line: keyNode.location.line, column: keyNode.location.column, id: "yaml.duplicate-key",
                                "duplicate key '\(text)'",
                                notes: ["first defined at line \(first.line), column \(first.column)"]))
                    }
                    seen[text] = keyNode.location
                }
                children.append(YAMLNode.Pair(key: keyNode, value: valueNode))
                cursor = current.successor()
            }
            result = YAMLNode(.mapping(children), location: location)
        default:
            result = YAMLNode(.scalar(""), location: location, isPlain: true)
        }
        built[key] = result
        return result
    }
}
