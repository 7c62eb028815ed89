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
        let report = Validator(spec: spec).grade(
            markdown, label: "probe", variables: inputs.values.map { .init(key: $0.name, value: $0.value) }, expected: nil)
        _ = report.results.count
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
