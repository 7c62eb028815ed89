/// One problem found by payarch, in the single shape every layer reports.
///
/// Printed as `FILE:LINE:COL: error: [id] message` (or `FILE: error: …` for a problem with the file as a
/// whole), followed by the source line and a caret when known, then the notes. Text that came from input
/// (messages quote names and values, source lines are raw) is escaped when printed, so a diagnostic can
/// never carry terminal control sequences.
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
    /// The window of the offending line, used to draw a caret under `location.column`.
    public var sourceLine: SourceLine?

    public init(
        _ severity: Severity = .error, at location: SourceLocation?, id: String, _ message: String,
        notes: [String] = [], sourceLine: SourceLine? = nil
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
        PrintableText.escape("\(location?.description ?? "payarch"): \(severity.rawValue): [\(id)] \(message)")
    }

    /// The headline, the source line with a caret, and the notes, one per line.
    public var description: String {
        var lines = [headline]
        if let sourceLine, !sourceLine.text.isEmpty, let location, !location.isWholeFile {
            let (shown, caret) = sourceLine.display(caretAt: location.column)
            lines.append("    " + shown)
            lines.append("    " + caret)
        }
        lines += notes.map { "note: " + PrintableText.escape($0) }
        return lines.joined(separator: "\n")
    }
}
