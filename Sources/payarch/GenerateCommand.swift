import ArgumentParser
import PayarchKit

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a strictly idempotent payment architecture design for one set of inputs."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case markdown, json
    }

    @OptionGroup var resources: ResourceOptions
    @OptionGroup var inputs: InputOptions
    @OptionGroup var reading: ReadingOptions

    @Option(name: .long, help: "Output format: markdown (the design) or json (facts and decisions).")
    var format: Format = .markdown

    @OptionGroup var destination: OutputOptions

    func run() throws {
        try CommandRunner.run(maxFileBytes: resources.maxInputBytes) { () throws(PayarchError) in
            let paths = try resources.locate()
            let output = try destination.prepare(
                protecting: [paths.spec, paths.rules, paths.templates] + (inputs.input.map { [$0] } ?? []))
            let spec = try resources.loadSpec(paths.spec)
            let inputSet = try inputs.resolve(spec: spec, resources: resources)
            let generator = try DesignGenerator(
                rulesDirectory: paths.rules, templatesDirectory: paths.templates, yaml: resources.yaml, cache: .fromEnvironment())
            let (plan, warnings) = try generator.plan(inputSet)
            try reading.enforce(spec.warnings + warnings)
            let text = switch format {
            case .markdown: try generator.markdown(plan)
            case .json: try generator.json(plan, inputs: inputSet, warnings: warnings)
            }
            try output.write(text)
            return (spec.warnings + warnings, 0)
        }
    }
}
