/// Makes text from input safe to print on a terminal or in a report: control characters (C0, DEL, C1),
/// bidirectional overrides and isolates, and other invisible format characters that could move the
/// cursor, change colours, ring the bell or reorder what the reader sees are shown as `\u{…}` escapes.
/// Tabs become a space. Everything else, including combining marks, passes unchanged.
public enum PrintableText {
    public static func escape(_ text: String, keepingNewlines: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0) }) else { return text }
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if scalar == "\n", keepingNewlines {
                result.unicodeScalars.append(scalar)
            } else if scalar == "\t" {
                result.unicodeScalars.append(" ")
            } else if needsEscape(scalar) {
                result += escaped(scalar)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// `\u{1B}` for ESC and so on.
    static func escaped(_ scalar: Unicode.Scalar) -> String {
        "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
    }

    /// True for scalars that must never reach a terminal raw.
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E: return false
        case 0x00...0x1F, 0x7F...0x9F: return scalar != "\t"
        // Bidi marks, embeddings, overrides and isolates (Trojan Source), and the Arabic letter mark.
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C: return true
        // Line and paragraph separators, and the BOM / zero-width no-break space.
        case 0x2028, 0x2029, 0xFEFF: return true
        // Prepended concatenation marks (the Arabic number sign and its kin) are format characters that
        // render visibly; they stay.
        case 0x0600...0x0605, 0x06DD, 0x070F, 0x0890...0x0891, 0x08E2, 0x110BD, 0x110CD: return false
        // Every other invisible format character (zero-width spaces and joiners, word joiner, invisible
        // operators, Unicode tag characters used to smuggle hidden text, soft hyphen …).
        default: return scalar.properties.generalCategory == .format
        }
    }
}
