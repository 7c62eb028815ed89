/// The three (or however many the spec declares) input variables, checked against the spec.
public struct InputSet: Sendable {
    /// Values in the order the spec declares its variables.
    public var values: [InputValue]

    public subscript(name: String) -> InputValue? {
        values.first { $0.name == name }
    }

    /// Where the inputs came from, for the JSON report: a file path, `case:N`, or `command line`.
    public var origin: String
}
