import ArgumentParser
import PayarchKit

struct ReadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read",
        abstract: "Show what payarch reads from the inputs (rails, throughput, consistency), without designing.",
        discussion: """
            Each fact is shown with the input phrase it came from; assumptions and warnings follow. \
            --format json writes the schema payarch.reading/1 (see the README).
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var resources: ResourceOptions
    @OptionGroup var inputs: InputOptions
    @OptionGroup var reading: ReadingOptions

    @Option(name: .long, help: "Output format: text (a facts table) or json.")
    var format: Format = .text

    @OptionGroup var destination: OutputOptions

    func validate() throws {
        if inputs.input.count > 1 { throw ValidationError("read takes one --input file") }
        if resources.spec == "-", inputs.input.contains("-") {
            throw ValidationError("standard input (-) can be read only once: give it to --spec or to --input, not both")
        }
    }

    func run() throws {
        try CommandRunner.run(maxFileBytes: resources.maxInputBytes) { () throws(PayarchError) in
            let paths = try resources.locate()
            let output = try destination.prepare(
                protecting: [paths.spec, paths.rules, paths.templates] + inputs.input)
            let spec = try resources.loadSpec(paths.spec)
            let inputSet = try inputs.resolve(spec: spec, resources: resources, file: inputs.input.first)
            let rules = try ResourceCache.fromEnvironment().rules(directory: paths.rules, loader: RuleBookLoader(yaml: resources.yaml))
            let result = try InputReader(rules: rules).read(inputSet)
            let warnings = spec.warnings + result.warnings.map { $0.diagnostic(in: inputSet) }
            try reading.enforce(warnings)
            let report = ReadingReport(reading: result, inputs: inputSet)
            let text = switch format {
            case .text: report.text(rules: rules)
            case .json: try report.json()
            }
            try output.write(text)
            return (warnings, 0)
        }
    }
}
