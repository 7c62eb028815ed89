/// One structural problem in a design document.
public struct LintFinding: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A stable id such as `lint.bullets-only`.
    public var id: String
    /// 1-based line the finding points at (1 for document-wide findings).
    public var line: Int
    public var message: String

    public var description: String { "\(line): [\(id)] \(message)" }
}
