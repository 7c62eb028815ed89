import Foundation

/// A document as `string` evaluators see it: trimmed of surrounding whitespace once, and lowercased once
/// for the case-insensitive checks, which then run in linear time (Knuth–Morris–Pratt for `contains`),
/// however many evaluators there are and however long the operand is.
struct TrimmedDocument {
    let text: String
    let utf8Count: Int
    private let folded: [UInt16]

    init(_ document: String) {
        text = document.trimmingCharacters(in: .whitespacesAndNewlines)
        utf8Count = text.utf8.count
        folded = Array(text.lowercased().utf16)
    }

    /// `equals` compares exactly; `contains`, `startsWith` and `endsWith` ignore case (both sides are
    /// lowercased, locale-independently).
    func satisfies(_ check: Evaluator.StringCheck, _ value: String) -> Bool {
        switch check {
        case .equals:
            return text == value
        case .contains:
            return DocumentText.firstOffset(of: Array(value.lowercased().utf16), in: folded) != nil
        case .startsWith:
            let needle = Array(value.lowercased().utf16)
            return needle.count <= folded.count && folded.starts(with: needle)
        case .endsWith:
            let needle = Array(value.lowercased().utf16)
            return needle.count <= folded.count && folded.suffix(needle.count).elementsEqual(needle)
        }
    }
}
