import ArgumentParser
import Foundation
import PayarchKit

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a strictly idempotent payment architecture design for each set of inputs.",
        discussion: """
            The three variables are payment_rails, throughput_requirements and consistency_constraints, read \
            from --input files, --var name=value options or a spec testData case (--case N, the default \
            being case 1). One --input gives one design (stdout or --output). Several --input files need \
            --output-dir DIR (one design per input, named after it) or --format jsonl. With --format jsonl \
            and --input -, each line of standard input is a JSON object of variables and each line of the \
            output is {"design": …, "input": "<stdin>:N", "schema": "payarch.batch/1"}, or {"error": …} for a \
            line that failed; the others go on.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case markdown, json, jsonl
    }

    @OptionGroup var resources: ResourceOptions
    @OptionGroup var inputs: InputOptions
    @OptionGroup var reading: ReadingOptions

    @Option(name: .long, help: "Output format: markdown (the design), json (facts and decisions) or jsonl (one JSON line per input).")
    var format: Format = .markdown

    @OptionGroup var destination: OutputOptions

    @Option(name: .customLong("output-dir"), help: ArgumentHelp("Write one design per --input into this folder, named after the input.", valueName: "dir"))
    var outputDirectory: String?

    func validate() throws {
        if outputDirectory != nil, destination.output != nil {
            throw ValidationError("give either --output (one design) or --output-dir (one design per input), not both")
        }
        if outputDirectory != nil, format == .jsonl {
            throw ValidationError("--format jsonl writes one stream; use --output or stdout instead of --output-dir")
        }
        if inputs.input.count > 1, outputDirectory == nil, format != .jsonl {
            throw ValidationError("several --input files need --output-dir DIR (one design each) or --format jsonl")
        }
        if resources.spec == "-", inputs.input.contains("-") {
            throw ValidationError("standard input (-) can be read only once: give it to --spec or to --input, not both")
        }
    }

    func run() throws {
        try CommandRunner.run(maxFileBytes: resources.maxInputBytes) { () throws(PayarchError) in
            let paths = try resources.locate()
            let protected = [paths.spec, paths.rules, paths.templates] + inputs.input.filter { $0 != "-" }
            if let outputDirectory {
                return try writeEach(to: outputDirectory, paths: paths, protecting: protected)
            }
            let output = try destination.prepare(protecting: protected)
            let spec = try resources.loadSpec(paths.spec)
            let generator = try generator(paths)
            if format == .jsonl {
                return (spec.warnings, try writeLines(spec: spec, generator: generator, to: output))
            }
            let inputSet = try inputs.resolve(spec: spec, resources: resources, file: inputs.input.first)
            let (plan, warnings) = try generator.plan(inputSet)
            try reading.enforce(spec.warnings + warnings)
            try output.write(try render(plan, inputs: inputSet, warnings: warnings, with: generator))
            return (spec.warnings + warnings, 0)
        }
    }

    func generator(_ paths: (spec: String, rules: String, templates: String)) throws(PayarchError) -> DesignGenerator {
        try DesignGenerator(
            rulesDirectory: paths.rules, templatesDirectory: paths.templates, yaml: resources.yaml, cache: .fromEnvironment())
    }

    func render(_ plan: DesignPlan, inputs inputSet: InputSet, warnings: [Diagnostic], with generator: DesignGenerator) throws(PayarchError) -> String {
        switch format {
        case .markdown: try generator.markdown(plan)
        case .json: try generator.json(plan, inputs: inputSet, warnings: warnings)
        case .jsonl: try generator.json(plan, inputs: inputSet, warnings: warnings, compact: true)
        }
    }

    // MARK: - One design per input file

    /// Each input's design goes to `DIR/NAME.md` (or `.json`), NAME being the input's file name without
    /// `.input.yml`, `.yml`, `.yaml` or `.json`. An input that fails is reported and the others go on;
    /// the exit code is the worst failure's.
    func writeEach(to folder: String, paths: (spec: String, rules: String, templates: String), protecting protected: [String])
        throws(PayarchError) -> (warnings: [Diagnostic], status: Int32)
    {
        let sources = inputs.input.isEmpty ? [nil] : inputs.input.map(Optional.some)
        let targets = sources.map { folder + "/" + Self.designName(for: $0) + (format == .json ? ".json" : ".md") }
        var seen: [String: String] = [:]
        for (source, target) in zip(sources, targets) {
            if let first = seen[target] {
                throw PayarchError(
                    .usage,
                    Diagnostic(
                        at: .file(target), id: "output.same-name", "two inputs would write the same design: \(first) and \(source ?? "the testData case")",
                        notes: ["rename one input, or generate them in separate runs"]))
            }
            seen[target] = source ?? "the testData case"
        }
        try Self.makeFolder(folder)
        let spec = try resources.loadSpec(paths.spec)
        DiagnosticPrinter.print(spec.warnings, maxFileBytes: resources.maxInputBytes)
        let generator = try generator(paths)
        var worst: Int32 = 0
        var written = 0
        for (source, target) in zip(sources, targets) {
            do throws(PayarchError) {
                let writer = try SafeFileWriter.prepare(target, protecting: ProtectedInputs(paths: protected))
                let inputSet = try inputs.resolve(spec: spec, resources: resources, file: source)
                let (plan, warnings) = try generator.plan(inputSet)
                DiagnosticPrinter.print(warnings, maxFileBytes: resources.maxInputBytes)
                try reading.enforce(warnings)
                try writer.write(try render(plan, inputs: inputSet, warnings: warnings, with: generator))
                written += 1
            } catch {
                DiagnosticPrinter.print(error.diagnostics, maxFileBytes: resources.maxInputBytes)
                worst = max(worst, error.kind.exitCode)
            }
        }
        if worst != 0 {
            DiagnosticPrinter.print([
                Diagnostic(
                    .note, at: .file(folder), id: "generate.batch",
                    "wrote \(written) of \(sources.count) designs; \(sources.count - written) inputs failed (see above)")
            ])
        }
        return ([], worst)
    }

    /// `examples/case-1.input.yml` → `case-1`; standard input → `stdin`; the testData case → `case-N`.
    static func designName(for source: String?) -> String {
        guard let source else { return "design" }
        if source == "-" { return "stdin" }
        var name = String(source.split(separator: "/", omittingEmptySubsequences: false).last ?? "")
        for suffix in [".input.yml", ".input.yaml", ".yml", ".yaml", ".json"] where name.lowercased().hasSuffix(suffix) {
            name.removeLast(suffix.count)
            break
        }
        // A design's file name carries no control character (a terminal or a shell would act on it).
        name = String(String.UnicodeScalarView(name.unicodeScalars.map { PrintableText.needsEscape($0) ? "_" : $0 }))
        return name.isEmpty || name == "." || name == ".." ? "design" : name
    }

    static func makeFolder(_ folder: String) throws(PayarchError) {
        guard !folder.isEmpty else {
            throw PayarchError(.usage, Diagnostic(at: nil, id: "output.empty-path", "the --output-dir path is empty"))
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw PayarchError(
                    .cannotWrite, Diagnostic(at: .file(folder), id: "output.not-a-folder", "is not a folder", notes: ["--output-dir takes a folder; use --output for one file"]))
            }
            return
        }
        if mkdir(folder, 0o755) != 0 {
            let error = errno
            throw PayarchError(
                .cannotWrite,
                Diagnostic(
                    at: .file(folder), id: "output.folder", "cannot create the output folder: \(String(cString: strerror(error)))",
                    notes: error == ENOENT ? ["its parent folder does not exist; create it first"] : []))
        }
    }

    /// Failed inputs whose errors a batch prints on stderr; the rest are counted.
    static let shownFailures = 50

    // MARK: - JSON Lines

    /// One compact JSON line per input: each line of standard input with `--input -`, else each input file
    /// (or the testData case). A failed input gives an error line and a diagnostic; the others go on.
    func writeLines(spec: PromptSpec, generator: DesignGenerator, to output: OutputDestination) throws(PayarchError) -> Int32 {
        var worst: Int32 = 0
        var failed = 0
        var collected = ""
        func emit(_ line: String) throws(PayarchError) {
            if case .standardOutput = output {
                try StandardStream.writeOutput(line)
            } else {
                collected += line
            }
        }
        func design(_ label: String, line: Int? = nil, _ source: () throws(PayarchError) -> InputSet) throws(PayarchError) {
            do throws(PayarchError) {
                let inputSet = try source()
                let (plan, warnings) = try generator.plan(inputSet)
                // A line of standard input is read alone: its positions move to its own line.
                DiagnosticPrinter.print(
                    line.map { PayarchError(.data, warnings).onLine($0).diagnostics } ?? warnings, maxFileBytes: resources.maxInputBytes)
                try reading.enforce(warnings)
                let json = try render(plan, inputs: inputSet, warnings: warnings, with: generator)
                try emit(BatchLine.design(json, input: label))
            } catch {
                if error.kind == .cannotWrite { throw error }
                failed += 1
                // The error line carries every detail; stderr shows the first failures only.
                if failed <= Self.shownFailures { DiagnosticPrinter.print(error.diagnostics, maxFileBytes: resources.maxInputBytes) }
                worst = max(worst, error.kind.exitCode)
                try emit(BatchLine.error(error, input: label))
            }
        }
        if inputs.input == ["-"] {
            try StandardInput.lines(maxLineBytes: resources.maxInputBytes) { (line, number) throws(PayarchError) in
                let label = StandardInput.name + ":\(number)"
                guard let line else {
                    return try design(label, line: number) { () throws(PayarchError) -> InputSet in
                        throw PayarchError(
                            .data,
                            Diagnostic(
                                at: SourceLocation(file: StandardInput.name, line: number, column: 1), id: "input.too-large",
                                "the line is longer than the limit of \(resources.maxInputBytes) bytes"))
                    }
                }
                // Blank lines separate nothing in JSON Lines; they are skipped.
                guard line.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") && $0 != UInt8(ascii: "\r") }) else { return }
                try design(label, line: number) { () throws(PayarchError) -> InputSet in
                    do throws(PayarchError) {
                        return try inputs.resolve(
                            spec: spec, resources: resources,
                            source: SourceFile(path: StandardInput.name, bytes: JSONLineText.joiningSurrogatePairs(line)), label: label)
                    } catch {
                        throw error.onLine(number)
                    }
                }
            }
        } else {
            let sources = inputs.input.isEmpty ? [nil] : inputs.input.map(Optional.some)
            for source in sources {
                try design(source ?? "case:\(inputs.caseNumber ?? 1)") { () throws(PayarchError) -> InputSet in
                    try inputs.resolve(spec: spec, resources: resources, file: source)
                }
            }
        }
        if case .file = output { try output.write(collected) }
        if failed > Self.shownFailures {
            DiagnosticPrinter.print([
                Diagnostic(
                    .note, at: nil, id: "generate.batch",
                    "\(failed) inputs failed; the errors of the first \(Self.shownFailures) are shown above, every one is in its output line")
            ])
        }
        return worst
    }
}

extension PayarchError {
    /// The error with positions in standard input moved to line `number` (each JSON Line is read alone).
    func onLine(_ number: Int) -> PayarchError {
        var copy = self
        copy.diagnostics = diagnostics.map { diagnostic in
            var moved = diagnostic
            if var location = moved.location, location.file == StandardInput.name {
                // A problem with the line as a whole points at its start.
                if location.isWholeFile { location.column = 1 }
                location.line = max(location.line, 1) + number - 1
                moved.location = location
            }
            return moved
        }
        return copy
    }
}
