/// Builds an `InputSet` from a testData case, an input file and `--var` overrides (later wins), then
/// checks it against the spec's `variables:`.
public struct InputResolver: Sendable {
    public var spec: PromptSpec
    public var yaml: YAMLLoader

    /// The longest value payarch reads: a requirement statement, not a document.
    public static let maxValueLength = 64 * 1024
    /// Problems reported per run; the rest are counted.
    static let maxProblems = 20

    public init(spec: PromptSpec, yaml: YAMLLoader = YAMLLoader()) {
        self.spec = spec
        self.yaml = yaml
    }

    /// Values from a YAML mapping of variable name to string.
    public func values(fromFile source: SourceFile) throws(PayarchError) -> [InputValue] {
        let documents = try yaml.loadDocuments(source)
        guard let root = documents.first else {
            throw PayarchError.data(
                at: SourceLocation.file(source.path), id: "input.empty", "the input file is empty")
        }
        if documents.count > 1 {
            throw PayarchError.data(
                at: documents[1].location, id: "input.documents", "an input file holds one YAML document")
        }
        let map = try MappingReader(root, what: "the input file")
        return try map.entries.map { entry throws(PayarchError) in
            InputValue(
                name: entry.key, node: entry.value, value: try entry.value.string(for: "variable '\(entry.key)'"), nameNode: entry.keyNode)
        }
    }

    /// Values from the spec's testData case `number` (1-based).
    public func values(fromCase number: Int) throws(PayarchError) -> [InputValue] {
        guard spec.testData.indices.contains(number - 1) else {
            let count = spec.testData.count
            throw PayarchError(
                .usage,
                Diagnostic(
                    at: nil, id: "input.case-range",
                    count == 0
                        ? "testData case \(number): the spec has no testData cases"
                        : "testData case \(number): the spec has \(count) testData case\(count == 1 ? "" : "s") (1...\(count))"))
        }
        let values = spec.testData[number - 1].input
        let problems = values.compactMap(Self.lengthProblem)
        if !problems.isEmpty { throw PayarchError(.data, problems) }
        return values
    }

    /// The one length check every path that takes a variable value goes through (input files, --var,
    /// testData cases for generate, validate and compare). Counted in characters, as a user counts; a
    /// value of a few characters that are each a pile of combining marks is held to a byte bound too.
    static func lengthProblem(_ value: InputValue) -> Diagnostic? {
        let bytes = value.value.utf8.count
        guard bytes > maxValueLength else { return nil }
        let characters = value.value.count
        guard characters > maxValueLength || bytes > 4 * maxValueLength else { return nil }
        return Diagnostic(
            at: value.location, id: "input.value-too-long",
            "variable '\(value.name)' is \(characters) characters (\(bytes) bytes) long; payarch reads at most \(maxValueLength) characters and \(4 * maxValueLength) bytes")
    }

    /// Parses one `NAME=VALUE` argument.
    public static func commandLineValue(_ argument: String) throws(PayarchError) -> InputValue {
        guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else {
            throw PayarchError(
                .usage, Diagnostic(at: nil, id: "input.var-syntax", "a variable is set as NAME=VALUE, got '\(argument)'"))
        }
        return InputValue(
            name: String(argument[..<equals]), value: String(argument[argument.index(after: equals)...]),
            origin: .commandLine)
    }

    /// Merges layers (later layers override earlier ones by name) and checks the result.
    public func resolve(layers: [[InputValue]], origin: String) throws(PayarchError) -> InputSet {
        var merged: [String: InputValue] = [:]
        var problems: [Diagnostic] = []
        var unknown = 0
        for layer in layers {
            for value in layer {
                guard spec.variable(named: value.name) != nil else {
                    unknown += 1
                    if unknown <= Self.maxProblems { problems.append(unknownVariable(value)) }
                    continue
                }
                merged[value.name] = value
            }
        }
        if unknown > Self.maxProblems {
            problems.append(
                Diagnostic(at: nil, id: "input.unknown-variable", "\(unknown - Self.maxProblems) more unknown variables not listed"))
        }
        var ordered: [InputValue] = []
        for variable in spec.variables {
            if let value = merged[variable.name] {
                if let problem = Self.lengthProblem(value) {
                    problems.append(problem)
                } else if value.value.allSatisfy(\.isWhitespace) {
                    problems.append(
                        Diagnostic(
                            at: value.location, id: "input.blank", "variable '\(variable.name)' is blank"))
                }
                ordered.append(value)
            } else if variable.required {
                // Reported against the input that should have given it, not the spec that declares it.
                let file = inputFile(layers)
                problems.append(
                    Diagnostic(
                        at: file.map(SourceLocation.file), id: "input.missing",
                        (file == nil ? "no value for required variable '\(variable.name)'" : "the input gives no value for required variable '\(variable.name)'"),
                        notes: [
                            file.map { "add '\(variable.name): …' to \($0)" } ?? "give it in an input file",
                            "the spec declares it at \(variable.location)",
                        ]))
            }
        }
        if !problems.isEmpty {
            throw PayarchError(.data, problems)
        }
        return InputSet(values: ordered, origin: origin)
    }

    /// The user's input file among the layers (the last one that has a value from a file other than the
    /// spec), if any.
    private func inputFile(_ layers: [[InputValue]]) -> String? {
        for layer in layers.reversed() {
            if let file = layer.compactMap(\.location?.file).first(where: { $0 != spec.path }) { return file }
        }
        return nil
    }

    private func unknownVariable(_ value: InputValue) -> Diagnostic {
        let known = spec.variables.map(\.name)
        var notes = ["the spec declares: " + known.joined(separator: ", ")]
        if let suggestion = EditDistance.closest(to: value.name, in: known) {
            notes.insert("did you mean '\(suggestion)'?", at: 0)
        }
        return Diagnostic(
            at: value.nameLocation ?? value.location, id: "input.unknown-variable", "unknown variable '\(value.name)'", notes: notes)
    }
}
