import Foundation

/// How figures read in designs and reports: `10,000`, `1.5`, `0.231`; locale-independent.
public enum ThroughputFormat {
    /// Values of 100 and more, and whole values, are grouped with commas; smaller ones keep two decimals
    /// (three significant figures below 1), trailing zeros dropped.
    public static func format(_ value: Double) -> String {
        guard value.isFinite else { return value > 0 ? "∞" : "-∞" }
        // Beyond what an Int holds exactly, scientific notation (only nonsense inputs get here).
        if value.magnitude >= 1e15 {
            return String(format: "%.3g", locale: Locale(identifier: "en_US_POSIX"), value)
        }
        if value.magnitude >= 100 || value == value.rounded() {
            let rounded = Int(value.rounded())
            let digits = String(abs(rounded))
            var grouped = ""
            for (index, character) in digits.enumerated() {
                if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
                grouped.append(character)
            }
            return (rounded < 0 ? "-" : "") + grouped
        }
        let text: String
        if value.magnitude >= 1 {
            text = String(format: "%.2f", locale: Locale(identifier: "en_US_POSIX"), value)
        } else {
            text = String(format: "%.3g", locale: Locale(identifier: "en_US_POSIX"), value)
        }
        var trimmed = text
        if trimmed.contains(".") && !trimmed.contains("e") {
            while trimmed.hasSuffix("0") { trimmed.removeLast() }
            if trimmed.hasSuffix(".") { trimmed.removeLast() }
        }
        return trimmed
    }
}
