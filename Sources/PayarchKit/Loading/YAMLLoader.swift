internal import CYAML

/// Turns YAML bytes into `YAMLNode` trees through libyaml.
///
/// Two passes: libyaml's event API first checks size and nesting depth cheaply (libyaml slows down
/// quadratically on deep nesting, and a deep tree would overflow any recursive walk), then
/// `yaml_parser_load` builds each document, which is converted with aliases kept shared.
public struct YAMLLoader: Sendable {
    public static let defaultMaxDepth = 64
    public static let defaultMaxBytes = 4 * 1024 * 1024
    /// Far above any real spec or input (the bundled spec has a few hundred nodes), far below what
    /// would make a 4 MiB file of one-character scalars cost hundreds of megabytes.
    public static let defaultMaxNodes = 100_000

    public var maxDepth: Int
    public var maxBytes: Int
    public var maxNodes: Int
    /// Anchors × (anchors and aliases after them) in one document; libyaml resolves them by linear scans.
    static let maxAnchorWork = 2_000_000

    public init(
        maxDepth: Int = YAMLLoader.defaultMaxDepth, maxBytes: Int = YAMLLoader.defaultMaxBytes,
        maxNodes: Int = YAMLLoader.defaultMaxNodes
    ) {
        self.maxDepth = maxDepth
        self.maxBytes = maxBytes
        self.maxNodes = maxNodes
    }

    /// Every document in the stream, in order. An empty stream gives an empty array.
    public func loadDocuments(_ source: SourceFile) throws(PayarchError) -> [YAMLNode] {
        if source.bytes.count > maxBytes {
            throw PayarchError(
                .data,
                Diagnostic(
                    at: SourceLocation.file(source.path), id: "input.too-large",
                    "file is \(source.bytes.count) bytes, larger than the limit of \(maxBytes) bytes",
                    notes: ["raise the limit with --max-input-bytes"]))
        }
        try checkDepth(source)
        return try buildDocuments(source)
    }

    // MARK: - Pass 1: events (depth and node count)

    private func checkDepth(_ source: SourceFile) throws(PayarchError) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { throw Self.outOfMemory(source) }
        defer { yaml_parser_delete(&parser) }
        var failure: PayarchError?
        source.bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress ?? Self.emptyInput, buffer.count)
            var depth = 0
            var nodes = 0
            // libyaml's composer keeps a document's anchors in a list and scans it for every new anchor and
            // every alias, so their product is bounded before it runs.
            var anchors = 0
            var anchorWork = 0
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    failure = Self.parserError(parser, source)
                    return
                }
                defer { yaml_event_delete(&event) }
                func limitExceeded(_ id: String, _ message: String) -> PayarchError {
                    let mark = event.start_mark
                    return PayarchError(
                        .data, source.diagnostic(line: Int(mark.line) + 1, column: Int(mark.column) + 1, id: id, message))
                }
                let anchored: Bool = switch event.type {
                case YAML_SCALAR_EVENT: event.data.scalar.anchor != nil
                case YAML_SEQUENCE_START_EVENT: event.data.sequence_start.anchor != nil
                case YAML_MAPPING_START_EVENT: event.data.mapping_start.anchor != nil
                default: false
                }
                if anchored || event.type == YAML_ALIAS_EVENT {
                    anchorWork += anchors
                    if anchored { anchors += 1 }
                    if anchorWork > Self.maxAnchorWork {
                        failure = limitExceeded(
                            "yaml.too-many-anchors",
                            "too many anchors and aliases: libyaml would need more than \(Self.maxAnchorWork) comparisons to resolve them (\(anchors) anchors so far)")
                        return
                    }
                }
                switch event.type {
                case YAML_DOCUMENT_START_EVENT:
                    anchors = 0
                case YAML_SCALAR_EVENT, YAML_ALIAS_EVENT, YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    nodes += 1
                    if nodes > maxNodes {
                        failure = limitExceeded("yaml.too-many-nodes", "the file holds more than \(maxNodes) YAML nodes")
                        return
                    }
                    guard event.type == YAML_SEQUENCE_START_EVENT || event.type == YAML_MAPPING_START_EVENT else { break }
                    depth += 1
                    if depth > maxDepth {
                        failure = limitExceeded("yaml.too-deep", "nesting is deeper than \(maxDepth) levels")
                        return
                    }
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    depth -= 1
                case YAML_STREAM_END_EVENT:
                    return
                default:
                    break
                }
            }
        }
        if let failure { throw failure }
    }

    // MARK: - Pass 2: documents

    private func buildDocuments(_ source: SourceFile) throws(PayarchError) -> [YAMLNode] {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { throw Self.outOfMemory(source) }
        defer { yaml_parser_delete(&parser) }
        var documents: [YAMLNode] = []
        var failure: PayarchError?
        source.bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress ?? Self.emptyInput, buffer.count)
            while true {
                var document = yaml_document_t()
                guard yaml_parser_load(&parser, &document) == 1 else {
                    failure = Self.parserError(parser, source)
                    return
                }
                defer { yaml_document_delete(&document) }
                guard yaml_document_get_root_node(&document) != nil else { return }
                do throws(PayarchError) {
                    var converter = DocumentConverter(source: source)
                    documents.append(try converter.convert(&document))
                } catch {
                    failure = error
                    return
                }
            }
        }
        if let failure { throw failure }
        return documents
    }

    // MARK: - Errors

    private static let emptyByte: [UInt8] = [0]
    private static var emptyInput: UnsafePointer<UInt8> {
        // libyaml needs a non-null pointer even for zero bytes; any valid address will do.
        emptyByte.withUnsafeBufferPointer { $0.baseAddress! }
    }

    private static func outOfMemory(_ source: SourceFile) -> PayarchError {
        PayarchError(.data, Diagnostic(at: nil, id: "yaml.memory", "libyaml could not allocate a parser"))
    }

    static func parserError(_ parser: yaml_parser_t, _ source: SourceFile) -> PayarchError {
        let problem = parser.problem.map { String(cString: $0) } ?? "malformed YAML"
        if parser.error == YAML_READER_ERROR {
            let offset = Int(parser.problem_offset)
            let (line, column) = Self.lineAndColumn(ofByte: offset, in: source.bytes)
            var message = problem
            if parser.problem_value >= 0, problem.contains("octet") || problem.contains("character") {
                let hex = String(parser.problem_value, radix: 16, uppercase: true)
                message += " (0x" + (hex.count < 2 ? "0" + hex : hex) + ")"
            }
            message += " at byte offset \(offset)"
            return PayarchError(.data, source.diagnostic(line: line, column: column, id: "yaml.encoding", message))
        }
        let mark = parser.problem_mark
        var notes: [String] = []
        if let context = parser.context.map({ String(cString: $0) }) {
            let contextMark = parser.context_mark
            notes.append("\(context) that starts at line \(contextMark.line + 1), column \(contextMark.column + 1)")
        }
        return PayarchError(
            .data,
            source.diagnostic(
                line: Int(mark.line) + 1, column: Int(mark.column) + 1, id: "yaml.syntax", problem, notes: notes))
    }

    static func lineAndColumn(ofByte offset: Int, in bytes: [UInt8]) -> (Int, Int) {
        var line = 1
        var lineStart = 0
        for index in 0..<min(offset, bytes.count) where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        return (line, offset - lineStart + 1)
    }
}
