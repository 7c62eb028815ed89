import Foundation

/// Runs arbitrary bytes through every stage payarch has, for the fuzzers and their regression tests:
/// any outcome is fine except a crash, a hang or unbounded memory.
public enum PipelineProbe {
    /// Separates the spec part from the input part of a pipeline probe.
    public static let separator: [UInt8] = Array("\n=====\n".utf8)

    /// The YAML loader and the spec and input decoders on one blob of bytes.
    public static func load(_ bytes: [UInt8]) {
        let source = SourceFile(path: "probe.yml", bytes: bytes)
        _ = try? YAMLLoader().loadDocuments(source)
        if let spec = try? PromptSpecLoader().load(source) {
            _ = try? InputResolver(spec: spec).values(fromFile: source)
        }
    }

    /// Spec bytes and input bytes (split at `separator`; without it, the bytes are the input for the
    /// fallback spec) through generate, validate and the linter.
    public static func run(_ bytes: [UInt8], generator: DesignGenerator, fallbackSpec: PromptSpec) {
        var specBytes: [UInt8]?
        var inputBytes = bytes
        if let split = firstIndex(of: separator, in: bytes) {
            specBytes = Array(bytes[..<split])
            inputBytes = Array(bytes[(split + separator.count)...])
        }
        let spec = specBytes.map { try? PromptSpecLoader().load(SourceFile(path: "probe.prompt.yml", bytes: $0)) } ?? fallbackSpec
        guard let spec else { return }
        let resolver = InputResolver(spec: spec)
        guard let values = try? resolver.values(fromFile: SourceFile(path: "probe.input.yml", bytes: inputBytes)),
            let inputs = try? resolver.resolve(layers: [values], origin: "probe"),
            let (plan, warnings) = try? generator.plan(inputs),
            let markdown = try? generator.markdown(plan)
        else { return }
        _ = try? generator.json(plan, inputs: inputs, warnings: warnings)
        let report = try? Validator(spec: spec).grade(
            markdown, label: "probe", variables: inputs.values.map { .init(key: $0.name, value: $0.value) }, expected: nil)
        _ = report?.results.count
        _ = DocumentLinter.lint(String(decoding: inputBytes, as: UTF8.self))
    }

    static func firstIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return start }
        }
        return nil
    }
}

extension PipelineProbe {
    /// A spec pattern and a document (split at `separator`) through the regex safety check, the
    /// budgeted matcher and the one-pass templating of string operands.
    public static func evaluate(_ bytes: [UInt8]) {
        var pattern = bytes
        var document: [UInt8] = Array("Outbox Pattern and Saga Pattern\n".utf8)
        if let split = firstIndex(of: separator, in: bytes) {
            pattern = Array(bytes[..<split])
            document = Array(bytes[(split + separator.count)...])
        }
        let patternText = String(decoding: pattern, as: UTF8.self)
        let documentText = String(decoding: document, as: UTF8.self)
        _ = RegexSafety.problem(in: patternText)
        let location = SourceLocation(file: "probe.yml", line: 1, column: 1)
        let evaluators = [
            Evaluator(name: "regex", kind: .regex(pattern: patternText, location: location), location: location),
            Evaluator(name: "string", kind: .string(check: .contains, operand: patternText, location: location), location: location),
        ]
        let evaluator = DocumentEvaluator(evaluators: evaluators, budget: MatchBudget(total: 500))
        _ = try? evaluator.evaluate(documentText, variables: ["a": patternText, "b": "{{a}}{{a}}"], expected: patternText)
    }

    /// A path built from the bytes, relative to `sandbox`, through `SafeFileWriter`: whatever the path,
    /// the protected file keeps its bytes and no temporary file is left behind. Returns false when an
    /// invariant broke. Paths that could climb out of the sandbox's parent folders are skipped.
    public static func writeOutput(_ bytes: [UInt8], sandbox: String, protected: String, depth: Int) -> Bool {
        guard !bytes.contains(0) else { return true }
        let relative = String(decoding: bytes, as: UTF8.self)
        guard relative.split(separator: "/", omittingEmptySubsequences: false).filter({ $0 == ".." }).count < depth,
            !relative.hasPrefix("/")
        else { return true }
        let before = try? SourceFile.read(protected).bytes
        func temporaryFiles() -> Set<String> {
            Set(((try? FileManager.default.contentsOfDirectory(atPath: sandbox)) ?? [])
                .filter { $0.hasPrefix(".payarch-") && $0.hasSuffix(".tmp") })
        }
        let earlier = temporaryFiles()
        let path = sandbox + "/" + relative
        if let writer = try? SafeFileWriter.prepare(path, protecting: FileIdentity.of(protected).map { [$0] } ?? []) {
            _ = try? writer.write(Array("probe\n".utf8))
        }
        let after = try? SourceFile.read(protected).bytes
        // A new temporary-looking name is a leftover, unless the path itself asked for that name.
        let asked = relative.split(separator: "/").last.map(String.init)
        let leftovers = temporaryFiles().subtracting(earlier).filter { $0 != asked }
        return before == after && leftovers.isEmpty
    }
}

/// A folder for `PipelineProbe.writeOutput`: deep enough that a path with fewer than `depth` `..`
/// components stays inside it, with the traps an attacker would plant: a protected file, symlinks to it,
/// a symlink loop, a dangling link, a directory and a FIFO without a reader.
public struct OutputSandbox: Sendable {
    public let root: String
    public let sandbox: String
    public let protected: String
    public let depth = 8

    public init() throws {
        root = NSTemporaryDirectory() + "payarch-output-probe-" + UUID().uuidString
        let inner = (1...depth).map { "d\($0)" }.joined(separator: "/")
        sandbox = root + "/" + inner + "/box"
        protected = sandbox + "/precious.yml"
        let files = FileManager.default
        try files.createDirectory(atPath: sandbox + "/dir", withIntermediateDirectories: true)
        try Data("precious\n".utf8).write(to: URL(fileURLWithPath: protected))
        try files.createSymbolicLink(atPath: sandbox + "/link", withDestinationPath: "precious.yml")
        try files.createSymbolicLink(atPath: sandbox + "/dir/up", withDestinationPath: "../precious.yml")
        try files.createSymbolicLink(atPath: sandbox + "/loop1", withDestinationPath: "loop2")
        try files.createSymbolicLink(atPath: sandbox + "/loop2", withDestinationPath: "loop1")
        try files.createSymbolicLink(atPath: sandbox + "/dangling", withDestinationPath: "dir/new.md")
        _ = mkfifo(sandbox + "/fifo", 0o644)
    }
}
