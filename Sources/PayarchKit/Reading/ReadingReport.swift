/// What `payarch read` prints: the facts payarch read from one input set, without designing, so a user
/// can check the reading first. JSON schema `payarch.reading/1`; the `facts` object is the same as in
/// `payarch.design/2`.
public struct ReadingReport: Sendable, Codable {
    public struct Input: Sendable, Codable {
        public var name: String
        public var value: String
    }

    /// A warning with where it points: the input file's line and column when the value came from a file,
    /// else the variable and the column inside its value.
    public struct Warning: Sendable, Codable {
        public var id: String
        public var message: String
        public var variable: String?
        /// 1-based column of the phrase inside the variable's value.
        public var column: Int?
        public var file: String?
        public var line: Int?
        public var fileColumn: Int?
    }

    public var schema = "payarch.reading/1"
    public var origin: String
    public var inputs: [Input]
    public var facts: DesignFacts
    public var warnings: [Warning]

    public init(reading: InputReader.Reading, inputs: InputSet) {
        origin = inputs.origin
        self.inputs = inputs.values.map { Input(name: $0.name, value: $0.value) }
        facts = reading.facts
        warnings = reading.warnings.map { warning in
            let location = warning.diagnostic(in: inputs).location
            return Warning(
                id: warning.id, message: warning.message, variable: warning.variable,
                column: warning.phrase.map { Self.column(of: $0, in: inputs) }, file: location?.file,
                line: location.flatMap { $0.line > 0 ? $0.line : nil }, fileColumn: location.flatMap { $0.line > 0 ? $0.column : nil })
        }
    }

    /// The 1-based character column of a phrase inside its variable's value.
    static func column(of phrase: SourcedPhrase, in inputs: InputSet) -> Int {
        guard let value = inputs[phrase.variable]?.value else { return phrase.offset + 1 }
        let utf16 = value.utf16
        let end = utf16.index(utf16.startIndex, offsetBy: min(phrase.offset, utf16.count))
        return value[..<end].count + 1
    }

    public func json() throws(PayarchError) -> String {
        do {
            return try JSONOutput.encode(self)
        } catch {
            throw PayarchError.data(at: nil, id: "output.json", "cannot encode the reading as JSON: \(error)")
        }
    }
}
