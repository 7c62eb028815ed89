/// One line of `generate --format jsonl` (schema `payarch.batch/1`): the input it came from and either
/// its design (the `payarch.design/2` document) or the errors that stopped it. Keys are sorted and each
/// line is one JSON object, so a pipeline can pair every output line with its input.
public enum BatchLine {
    public static let schema = "payarch.batch/1"

    /// `json` is a compact `payarch.design/2` document (as `DesignGenerator.json(compact: true)` writes it).
    public static func design(_ json: String, input: String) -> String {
        var bytes: [UInt8] = Array("{\"design\":".utf8)
        bytes.reserveCapacity(json.utf8.count + 64)
        bytes.append(contentsOf: json.utf8)
        if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
        bytes.append(contentsOf: (",\"input\":" + quoted(input) + ",\"schema\":" + quoted(schema) + "}\n").utf8)
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func error(_ error: PayarchError, input: String) -> String {
        struct Problem: Encodable {
            var id: String
            var location: String?
            var message: String
            var notes: [String]
            var severity: String
        }
        struct Line: Encodable {
            var error: [Problem]
            var input: String
            var schema: String
        }
        let line = Line(
            error: error.diagnostics.map {
                Problem(id: $0.id, location: $0.location?.description, message: $0.message, notes: $0.notes, severity: $0.severity.rawValue)
            },
            input: input, schema: schema)
        return (try? JSONOutput.encode(line, compact: true)) ?? "{\"input\":" + quoted(input) + ",\"schema\":" + quoted(schema) + "}\n"
    }

    static func quoted(_ text: String) -> String {
        let encoded = (try? JSONOutput.encode([text], compact: true)) ?? "[\"\"]\n"
        // `["…"]\n` → `"…"`
        return String(encoded.dropFirst().dropLast(2))
    }
}
