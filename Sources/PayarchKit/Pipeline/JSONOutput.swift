import Foundation

/// The one JSON style of every payarch report: pretty-printed (or, for JSON Lines, on one line), keys
/// sorted (so output never depends on dictionary order), slashes unescaped, and a final newline. Characters a terminal could act on (C1
/// controls, bidi overrides; JSONEncoder already escapes C0) are written as `\uXXXX` escapes, which
/// decode to the same string.
enum JSONOutput {
    static func encode(_ value: some Encodable, compact: Bool = false) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = compact ? [.sortedKeys, .withoutEscapingSlashes] : [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let text = String(decoding: try encoder.encode(value), as: UTF8.self)
        // Raw line breaks are the pretty-printer's own; inside strings JSONEncoder has escaped them.
        func unsafe(_ scalar: Unicode.Scalar) -> Bool { scalar != "\n" && PrintableText.needsEscape(scalar) }
        // Printable ASCII and line breaks need nothing; only text with other bytes is looked at closely.
        let plain = text.utf8.allSatisfy { ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0A }
        guard !plain, text.unicodeScalars.contains(where: unsafe) else { return text + "\n" }
        var escaped = ""
        for scalar in text.unicodeScalars {
            if unsafe(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                escaped += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            } else {
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped + "\n"
    }
}
