/// A document lowercased once, searched for keywords as bytes: linear and fast on multi-megabyte
/// documents, where a case-insensitive regex alternation is not.
struct LowercasedText {
    let bytes: [UInt8]

    init(_ text: String) {
        bytes = Array(text.lowercased().utf8)
    }

    /// True when `keyword` (lowercase) occurs; with `wholeWord`, only between non-alphanumeric bytes.
    func contains(_ keyword: String, wholeWord: Bool = false) -> Bool {
        let needle = Array(keyword.utf8)
        guard let first = needle.first, needle.count <= bytes.count else { return false }
        var index = 0
        let last = bytes.count - needle.count
        while index <= last {
            guard let found = bytes[index...last].firstIndex(of: first) else { return false }
            if bytes[found..<(found + needle.count)].elementsEqual(needle) {
                let before = found == 0 ? nil : bytes[found - 1]
                let after = found + needle.count < bytes.count ? bytes[found + needle.count] : nil
                if !wholeWord || (!Self.isWordByte(before) && !Self.isWordByte(after)) { return true }
            }
            index = found + 1
        }
        return false
    }

    func containsAny(_ keywords: [String], wholeWord: Bool = false) -> Bool {
        keywords.contains { contains($0, wholeWord: wholeWord) }
    }

    private static func isWordByte(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A) || byte >= 0x80
    }
}
