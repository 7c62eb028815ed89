import Foundation

/// A document being graded, with helpers to turn match offsets into 1-based line:column positions.
public struct DocumentText: Sendable {
    public let text: String
    private let lineStarts: [Int]

    public init(_ text: String) {
        self.text = text
        var starts = [0]
        for (offset, unit) in text.utf16.enumerated() where unit == 0x0A {
            starts.append(offset + 1)
        }
        lineStarts = starts
    }

    /// 1-based line and column (in UTF-16 units) of a UTF-16 offset.
    public func position(ofUTF16 offset: Int) -> (line: Int, column: Int) {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return (low + 1, offset - lineStarts[low] + 1)
    }


    /// The UTF-16 offset of the first exact occurrence of `needle` (code unit for code unit), in linear
    /// time (Knuth–Morris–Pratt), or nil. Foundation's `range(of:)` is avoided here: with NUL
    /// characters in the needle it can return a range outside the string.
    public func firstOffset(of needle: String) -> Int? {
        Self.firstOffset(of: Array(needle.utf16), in: Array(text.utf16))
    }

    static func firstOffset(of needle: [UInt16], in haystack: [UInt16]) -> Int? {
        guard !needle.isEmpty else { return 0 }
        guard needle.count <= haystack.count else { return nil }
        var failure = [Int](repeating: 0, count: needle.count)
        var length = 0
        for index in 1..<needle.count {
            while length > 0, needle[index] != needle[length] { length = failure[length - 1] }
            if needle[index] == needle[length] { length += 1 }
            failure[index] = length
        }
        var matched = 0
        for (index, unit) in haystack.enumerated() {
            while matched > 0, unit != needle[matched] { matched = failure[matched - 1] }
            if unit == needle[matched] { matched += 1 }
            if matched == needle.count { return index + 1 - needle.count }
        }
        return nil
    }
}
