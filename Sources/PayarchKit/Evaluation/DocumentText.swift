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

    public func position(of range: Range<String.Index>) -> (line: Int, column: Int) {
        position(ofUTF16: NSRange(range, in: text).location)
    }
}
