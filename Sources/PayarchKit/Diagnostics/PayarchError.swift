/// The error every PayarchKit entry point throws: what went wrong (one or more diagnostics) and which
/// class of failure it is, which the CLI maps to its documented exit code.
public struct PayarchError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// Bad command-line usage (exit 64).
        case usage
        /// Bad data: spec, input, rules or templates (exit 65).
        case data
        /// A file that cannot be read (exit 66).
        case unreadable
        /// Output that cannot be written (exit 73).
        case cannotWrite
        /// Evaluation ran and found failures (exit 1); used by graders.
        case failed
    }

    public var kind: Kind
    public var diagnostics: [Diagnostic]

    public init(_ kind: Kind, _ diagnostics: [Diagnostic]) {
        self.kind = kind
        self.diagnostics = diagnostics
    }

    public init(_ kind: Kind, _ diagnostic: Diagnostic) {
        self.init(kind, [diagnostic])
    }

    /// A data error at a location.
    public static func data(at location: SourceLocation?, id: String, _ message: String, notes: [String] = [])
        -> PayarchError
    {
        PayarchError(.data, Diagnostic(at: location, id: id, message, notes: notes))
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
