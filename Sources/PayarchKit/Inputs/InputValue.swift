/// One input variable's value and where it came from, so errors and citations can point back to it.
public struct InputValue: Sendable, Hashable {
    public enum Origin: Sendable, Hashable {
        /// A YAML input file or a spec's testData case, at this position.
        case file(SourceLocation)
        /// `--var NAME=VALUE` on the command line.
        case commandLine
    }

    public var name: String
    public var value: String
    public var origin: Origin
    /// Columns from the value's position to its first character on the same line (1 for a quoted
    /// scalar, 0 for a plain one); nil when the value spans lines, so a column inside it is not known.
    public var firstCharacterOffset: Int?
    /// Where the variable's name is written, for problems with the name itself (an unknown variable).
    public var nameLocation: SourceLocation?

    public init(name: String, value: String, origin: Origin, firstCharacterOffset: Int? = nil, nameLocation: SourceLocation? = nil) {
        self.name = name
        self.value = value
        self.origin = origin
        self.firstCharacterOffset = firstCharacterOffset
        self.nameLocation = nameLocation
    }

    /// An input value read from a YAML scalar node.
    public init(name: String, node: YAMLNode, value: String, nameNode: YAMLNode? = nil) {
        self.init(
            name: name, value: value, origin: .file(node.location),
            firstCharacterOffset: value.contains("\n") || !(node.isPlain || node.isQuoted) ? nil : (node.isQuoted ? 1 : 0),
            nameLocation: nameNode?.location)
    }

    public var location: SourceLocation? {
        if case .file(let location) = origin { return location }
        return nil
    }
}
