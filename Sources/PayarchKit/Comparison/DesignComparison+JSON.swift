import Foundation

/// The JSON rendering, schema `payarch.compare/1`.
extension DesignComparison {
    struct JSONReport: Encodable {
        struct Row: Encodable {
            var section: String
            var item: String
            var differs: Bool
            var left: Side
            var right: Side
        }

        var schema = "payarch.compare/1"
        var left: String
        var right: String
        var designsDiffer: Bool
        var rows: [Row]
        var diff: String?
    }

    public func json(diff: Bool = false) -> String {
        let report = JSONReport(
            left: left.label, right: right.label, designsDiffer: designsDiffer,
            rows: rows.map { .init(section: $0.section, item: $0.item, differs: $0.differs, left: $0.left, right: $0.right) },
            diff: diff ? unifiedDiff() : nil)
        // Encoding plain strings and booleans cannot fail.
        return (try? JSONOutput.encode(report)) ?? "{}\n"
    }
}
