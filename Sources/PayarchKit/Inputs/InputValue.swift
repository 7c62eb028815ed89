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

    public init(name: String, value: String, origin: Origin) {
        self.name = name
        self.value = value
        self.origin = origin
    }

    public var location: SourceLocation? {
        if case .file(let location) = origin { return location }
        return nil
    }
}
