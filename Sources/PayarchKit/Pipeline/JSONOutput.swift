import Foundation

/// The one JSON style of every payarch report: pretty-printed, keys sorted (so output never depends on
/// dictionary order), slashes unescaped, and a final newline.
enum JSONOutput {
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}
