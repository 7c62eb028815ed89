/// A YAML node as payarch sees it: a scalar, a sequence or a mapping, each with the 1-based position where
/// it starts. Nodes reached through an alias are shared instances, so a document's node count stays the
/// count libyaml parsed.
public final class YAMLNode: Sendable {
    public enum Content: Sendable {
        case scalar(String)
        case sequence([YAMLNode])
        case mapping([Pair])
    }

    public struct Pair: Sendable {
        public let key: YAMLNode
        public let value: YAMLNode
    }

    public let content: Content
    public let location: SourceLocation
    /// True for a plain (unquoted) scalar, which is how YAML spells null (`~`, `null` or nothing).
    public let isPlain: Bool
    /// True for a single- or double-quoted scalar: its text starts one column after its position.
    public let isQuoted: Bool

    public init(_ content: Content, location: SourceLocation, isPlain: Bool = false, isQuoted: Bool = false) {
        self.content = content
        self.location = location
        self.isPlain = isPlain
        self.isQuoted = isQuoted
    }

    /// The scalar text, or nil for a collection.
    public var scalar: String? {
        if case .scalar(let text) = content { return text }
        return nil
    }

    /// True for an empty plain scalar or `~`/`null`.
    public var isNull: Bool {
        guard isPlain, let scalar else { return false }
        return scalar.isEmpty || scalar == "~" || scalar == "null" || scalar == "Null" || scalar == "NULL"
    }

    /// A word for error messages: "a string", "a sequence", "a mapping".
    public var kindDescription: String {
        switch content {
        case .scalar: isNull ? "null" : "a string"
        case .sequence: "a sequence"
        case .mapping: "a mapping"
        }
    }
}
