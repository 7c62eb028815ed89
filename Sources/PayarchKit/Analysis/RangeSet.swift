import Foundation

/// Non-overlapping ranges added in increasing order, with a logarithmic overlap test: keeps the
/// analysers linear on long inputs.
struct RangeSet {
    private var starts: [Int] = []
    private var ends: [Int] = []

    /// Adds a range that starts at or after every range already added.
    mutating func insert(_ range: NSRange) {
        starts.append(range.location)
        ends.append(range.location + range.length)
    }

    func intersects(_ range: NSRange) -> Bool {
        let end = range.location + range.length
        guard let index = Self.lastIndex(atOrBefore: end - 1, in: starts) else { return false }
        return ends[index] > range.location
    }

    /// The index of the last element of the sorted `values` that is at most `value`.
    static func lastIndex(atOrBefore value: Int, in values: [Int]) -> Int? {
        var low = 0
        var high = values.count
        while low < high {
            let middle = (low + high) / 2
            if values[middle] <= value { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? nil : low - 1
    }
}
