internal import CYAML

/// Turns YAML bytes into `YAMLNode` trees through libyaml.
///
/// One pass over libyaml's events builds the nodes and enforces the limits as it goes: size, nesting
/// depth (a deep tree would overflow any recursive walk), node count and anchor work. Aliases stay
/// shared (see `DocumentBuilder`).
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
                    "file is \(source.bytes.count) bytes, larger than the limit of \(maxBytes) bytes",))
        }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { throw Self.outOfMemory(source) }
        defer { yaml_parser_delete(&parser) }
        var builder = DocumentBuilder(source: source, limits: self)
        var failure: PayarchError?
        source.bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress ?? Self.emptyInput, buffer.count)
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    failure = Self.parserError(parser, source)
                    return
                }
                defer { yaml_event_delete(&event) }
                do throws(PayarchError) {
                    if try builder.consume(&event) { return }
                } catch {
                    failure = error
                    return
                }
            }
        }
        if let failure { throw failure }
        return builder.documents
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
