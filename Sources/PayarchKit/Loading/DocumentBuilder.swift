internal import CYAML

/// Builds `YAMLNode`s from libyaml's parse events, one document at a time. An alias becomes a second
/// reference to the anchored node, so a billion-laughs document stays small; the limits of its
/// `YAMLLoader` (depth, node count, anchor work) are checked on the event that would pass them. A
/// problem in the tree (a duplicate key, a merge key, a bad alias) is reported at the end of the stream,
/// so a syntax error anywhere in the file is reported first, as libyaml's own loader did.
struct DocumentBuilder {
    let source: SourceFile
    let limits: YAMLLoader
    private(set) var documents: [YAMLNode] = []

    /// An open collection. A class, so appending to the one on top of the stack never copies what it holds
    /// (with value types each append copied the array: quadratic in the number of items).
    private final class Frame {
        let isSequence: Bool
        let location: SourceLocation
        let anchor: String?
        var items: [YAMLNode] = []
        var pairs: [YAMLNode.Pair] = []
        var key: YAMLNode?
        var seen: [String: SourceLocation] = [:]

        init(isSequence: Bool, location: SourceLocation, anchor: String?) {
            self.isSequence = isSequence
            self.location = location
            self.anchor = anchor
        }
    }

    private var stack: [Frame] = []
    private var anchors: [String: YAMLNode] = [:]
    /// Anchors of collections still open: an alias to one of them would make the tree contain itself.
    private var openAnchors: Set<String> = []
    private var root: YAMLNode?
    private var nodes = 0
    private var anchorCount = 0
    private var anchorWork = 0
    /// The first problem found in the tree, thrown once the whole stream has parsed.
    private var treeError: PayarchError?

    init(source: SourceFile, limits: YAMLLoader) {
        self.source = source
        self.limits = limits
    }

    /// Consumes one event; returns true at the end of the stream.
    mutating func consume(_ event: inout yaml_event_t) throws(PayarchError) -> Bool {
        let mark = event.start_mark
        let location = SourceLocation(file: source.path, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
        let anchor: String? =
            switch event.type {
            case YAML_SCALAR_EVENT: event.data.scalar.anchor.map { String(cString: $0) }
            case YAML_SEQUENCE_START_EVENT: event.data.sequence_start.anchor.map { String(cString: $0) }
            case YAML_MAPPING_START_EVENT: event.data.mapping_start.anchor.map { String(cString: $0) }
            default: nil
            }
        // libyaml's own composer scanned a document's anchors linearly for every anchor and alias; the
        // product stays bounded so that documents behave the same under either reader.
        if anchor != nil || event.type == YAML_ALIAS_EVENT {
            anchorWork += anchorCount
            if anchor != nil { anchorCount += 1 }
            if anchorWork > YAMLLoader.maxAnchorWork {
                throw limitExceeded(
                    location, "yaml.too-many-anchors",
                    "too many anchors and aliases: libyaml would need more than \(YAMLLoader.maxAnchorWork) comparisons to resolve them (\(anchorCount) anchors so far)")
            }
        }
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            anchors = [:]
            anchorCount = 0
            anchorWork = 0
            root = nil
        case YAML_DOCUMENT_END_EVENT:
            if let root { documents.append(root) }
            root = nil
        case YAML_SCALAR_EVENT:
            try countNode(location)
            let scalar = event.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: Int(scalar.length)), as: UTF8.self)
            let node = YAMLNode(
                .scalar(text), location: location, isPlain: scalar.style == YAML_PLAIN_SCALAR_STYLE,
                isQuoted: scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE || scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE)
            if let anchor { anchors[anchor] = node }
            try add(node)
        case YAML_ALIAS_EVENT:
            try countNode(location)
            let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
            if openAnchors.contains(name) {
                record(PayarchError(
                    .data,
                    source.diagnostic(
                        line: location.line, column: location.column, id: "yaml.recursive-alias",
                        "an alias refers to a node that contains it")))
            }
            guard let node = anchors[name] else {
                record(
                    PayarchError(
                        .data,
                        source.diagnostic(
                            line: location.line, column: location.column, id: "yaml.syntax", "found undefined alias '\(name)'")))
                // A placeholder keeps the tree's shape until the error is reported.
                try add(YAMLNode(.scalar(""), location: location, isPlain: true))
                return false
            }
            try add(node)
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            try countNode(location)
            if stack.count + 1 > limits.maxDepth {
                throw limitExceeded(location, "yaml.too-deep", "nesting is deeper than \(limits.maxDepth) levels")
            }
            if let anchor { openAnchors.insert(anchor) }
            stack.append(Frame(isSequence: event.type == YAML_SEQUENCE_START_EVENT, location: location, anchor: anchor))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { break }
            let node = frame.isSequence
                ? YAMLNode(.sequence(frame.items), location: frame.location) : YAMLNode(.mapping(frame.pairs), location: frame.location)
            if let anchor = frame.anchor {
                openAnchors.remove(anchor)
                anchors[anchor] = node
            }
            try add(node)
        case YAML_STREAM_END_EVENT:
            if let treeError { throw treeError }
            return true
        default:
            break
        }
        return false
    }

    private mutating func record(_ error: PayarchError) {
        if treeError == nil { treeError = error }
    }

    private mutating func countNode(_ location: SourceLocation) throws(PayarchError) {
        nodes += 1
        if nodes > limits.maxNodes {
            throw limitExceeded(location, "yaml.too-many-nodes", "the file holds more than \(limits.maxNodes) YAML nodes")
        }
    }

    private func limitExceeded(_ location: SourceLocation, _ id: String, _ message: String) -> PayarchError {
        PayarchError(.data, source.diagnostic(line: location.line, column: location.column, id: id, message))
    }

    /// Adds a finished node to the collection that holds it, or makes it the document's root.
    private mutating func add(_ node: YAMLNode) throws(PayarchError) {
        guard let top = stack.last else {
            root = node
            return
        }
        if top.isSequence {
            top.items.append(node)
            return
        }
        guard let key = top.key else {
            top.key = node
            return
        }
        top.key = nil
        if let text = key.scalar {
            // libyaml does not implement YAML 1.1 merge keys; read as a plain key, `<<: *base` would be
            // silently ignored, so it is refused instead.
            if text == "<<", key.isPlain {
                record(
                    PayarchError(
                        .data,
                        source.diagnostic(
                            line: key.location.line, column: key.location.column, id: "yaml.merge-key",
                            "YAML merge keys (<<) are not supported", notes: ["write the merged keys out in full"])))
            } else if let first = top.seen[text] {
                record(
                    PayarchError(
                        .data,
                        source.diagnostic(
                            line: key.location.line, column: key.location.column, id: "yaml.duplicate-key",
                            "duplicate key '\(text)'", notes: ["first defined at line \(first.line), column \(first.column)"])))
            } else {
                top.seen[text] = key.location
            }
        }
        top.pairs.append(YAMLNode.Pair(key: key, value: node))
    }
}
