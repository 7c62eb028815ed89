/// One problem found by payarch, in the single shape every layer reports.
///
/// Printed as `FILE:LINE:COL: error: [id] message`, followed by the source line and a caret when known.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable {
        case error
        case warning
        case note
    }

    public var severity: Severity
    public var location: SourceLocation?
    /// A stable identifier such as `yaml.syntax` or `input.unknown-variable`; tests and docs refer to it.
    public var id: String
    public var message: String
    public var notes: [String]
    /// The text of the offending line, used to draw a caret under `location.column`.
    public var sourceLine: String?

    public init(
        _ severity: Severity = .error, at location: SourceLocation?, id: String, _ message: String,
        notes: [String] = [], sourceLine: String? = nil
    ) {
        self.severity = severity
        self.location = location
        self.id = id
        self.message = message
        self.notes = notes
        self.sourceLine = sourceLine
    }

    /// `FILE:LINE:COL: severity: [id] message` (the location falls back to `payarch` when unknown).
    public var headline: String {
        "\(location?.description ?? "payarch"): \(severity.rawValue): [\(id)] \(message)"
    }

    /// The headline, the source line with a caret, and the notes, one per line.
    public var description: String {
        var lines = [headline]
        if let sourceLine, !sourceLine.isEmpty, let column = location?.column {
            let shown = sourceLine.replacingTabsForDisplay()
            lines.append("    " + shown)
            lines.append("    " + String(repeating: " ", count: max(0, column - 1)) + "^")
        }
        lines += notes.map { "note: \($0)" }
        return lines.joined(separator: "\n")
    }
}

extension String {
    fileprivate func replacingTabsForDisplay() -> String {
        String(map { $0 == "\t" ? " " : $0 })
    }
}
