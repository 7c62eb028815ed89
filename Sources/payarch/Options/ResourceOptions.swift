import ArgumentParser
import PayarchKit

/// Where the spec, rules and templates come from; shared by every subcommand.
struct ResourceOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The prompt spec (.prompt.yml; - reads standard input). Default: the bundled example spec.", valueName: "file"))
    var spec: String?

    @Option(name: .long, help: ArgumentHelp("Directory of rules (rails, classes, decision tables). Default: the bundled rules.", valueName: "dir"))
    var rules: String?

    @Option(name: .long, help: ArgumentHelp("Directory of Mustache templates. Default: the bundled templates.", valueName: "dir"))
    var templates: String?

    @Option(name: .long, help: ArgumentHelp("Largest spec, input or document file accepted, in bytes.", valueName: "n"))
    var maxInputBytes: Int = YAMLLoader.defaultMaxBytes

    func validate() throws {
        if maxInputBytes < 1 { throw ValidationError("--max-input-bytes must be at least 1") }
    }

    /// The YAML loader with the user's limits.
    var yaml: YAMLLoader { YAMLLoader(maxBytes: maxInputBytes) }

    /// Reads a user-supplied file within the size limit; `-` is standard input.
    func read(_ path: String) throws(PayarchError) -> SourceFile {
        if path == "-" { return try StandardInput.readAll(maxBytes: maxInputBytes) }
        return try SourceFile.read(path, maxBytes: maxInputBytes)
    }

    /// The bundled resources, needed only for what was not given explicitly.
    func locate() throws(PayarchError) -> (spec: String, rules: String, templates: String) {
        if let spec, let rules, let templates { return (spec, rules, templates) }
        guard let bundle = try ResourceLocator.locate() else {
            throw PayarchError(
                .unreadable,
                Diagnostic(
                    at: nil, id: "resources.not-found",
                    "cannot find payarch's bundled rules and templates",
                    notes: ["set PAYARCH_HOME to the directory holding rules/ and templates/, or pass --rules and --templates"]))
        }
        return (spec ?? bundle.defaultSpec, rules ?? bundle.rulesDirectory, templates ?? bundle.templatesDirectory)
    }

    func loadSpec(_ path: String) throws(PayarchError) -> PromptSpec {
        do throws(PayarchError) {
            return try PromptSpecLoader(yaml: yaml).load(try read(path))
        } catch {
            // The CLI names its own options; the library only says what the file is.
            guard error.diagnostics.first?.id == "spec.not-a-spec" else { throw error }
            var diagnostics = error.diagnostics
            diagnostics[0].notes.append("inputs go to --input FILE; --spec takes a .prompt.yml (or leave it out for the bundled spec)")
            throw PayarchError(error.kind, diagnostics)
        }
    }
}
