import ArgumentParser
import Foundation
import PayarchKit

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Show how two sets of inputs change the facts, the decisions and the design.",
        discussion: """
            A and B are input files or case:N for the spec's testData cases. Rows that differ are marked \
            with ≠. Colour is used only on a terminal and never when NO_COLOR is set. The text table \
            fits COLUMNS, else the terminal's width, else 128 columns; it is never narrower than 40.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, json
    }

    @OptionGroup var resources: ResourceOptions
    @OptionGroup var reading: ReadingOptions

    @Argument(help: ArgumentHelp("The first inputs: a YAML input file or case:N.", valueName: "A"))
    var first: String

    @Argument(help: ArgumentHelp("The second inputs: a YAML input file or case:N.", valueName: "B"))
    var second: String

    @Option(name: .long, help: "Output format: text, markdown or json.")
    var format: Format = .text

    @Flag(name: .long, help: "Add a unified diff of the two rendered designs.")
    var diff = false

    @Flag(name: .long, help: "Exit 1 when the designs differ.")
    var exitCode = false

    @OptionGroup var destination: OutputOptions

    func run() throws {
        try CommandRunner.run(maxFileBytes: resources.maxInputBytes) { () throws(PayarchError) in
            let paths = try resources.locate()
            let output = try destination.prepare(
                protecting: [paths.spec, paths.rules, paths.templates] + [first, second].filter { !$0.hasPrefix("case:") })
            let spec = try resources.loadSpec(paths.spec)
            let generator = try DesignGenerator(
                rulesDirectory: paths.rules, templatesDirectory: paths.templates, yaml: resources.yaml, cache: .fromEnvironment())
            let resolver = InputResolver(spec: spec, yaml: resources.yaml)
            var warnings = spec.warnings
            func design(_ argument: String) throws(PayarchError) -> DesignComparison.Design {
                let inputs = try resolver.resolve(
                    layers: [try Self.values(argument, resolver: resolver, resources: resources)], origin: argument)
                let (plan, planWarnings) = try generator.plan(inputs)
                warnings += planWarnings
                return DesignComparison.Design(label: argument, plan: plan, markdown: try generator.markdown(plan))
            }
            let comparison = DesignComparison(left: try design(first), right: try design(second), rules: generator.rules)
            try reading.enforce(warnings)
            let text = switch format {
            case .text:
                comparison.text(
                    colour: destination.output == nil && Terminal.wantsColour, diff: diff,
                    width: Terminal.width(writingToStdout: destination.output == nil))
            case .markdown: comparison.markdown(diff: diff)
            case .json: comparison.json(diff: diff)
            }
            try output.write(text)
            return (warnings, exitCode && comparison.designsDiffer ? 1 : 0)
        }
    }

    /// `case:N` takes the spec's testData case; anything else is an input file.
    static func values(_ argument: String, resolver: InputResolver, resources: ResourceOptions) throws(PayarchError)
        -> [InputValue]
    {
        if argument.hasPrefix("case:") {
            guard let number = Int(argument.dropFirst("case:".count)), number >= 1 else {
                throw PayarchError(
                    .usage, Diagnostic(at: nil, id: "compare.argument", "'\(argument)' is not case:N with N ≥ 1"))
            }
            do throws(PayarchError) {
                return try resolver.values(fromCase: number)
            } catch {
                // The library words a range error for --case; here the case was named as case:N.
                guard error.diagnostics.first?.id == "input.case-range" else { throw error }
                let count = resolver.spec.testData.count
                throw PayarchError(
                    .usage,
                    Diagnostic(
                        at: nil, id: "compare.case-range",
                        count == 0
                            ? "\(argument): the spec has no testData cases"
                            : "\(argument): the spec has \(count) testData case\(count == 1 ? "" : "s"), case:1 to case:\(count)"))
            }
        }
        do throws(PayarchError) {
            return try resolver.values(fromFile: try resources.read(argument))
        } catch {
            // "case1", "case-2", "case 2": a testData case written without the colon.
            if error.diagnostics.first?.id == "file.not-found",
                let match = argument.lowercased().wholeMatch(of: /case[-_ ]?(\d+)/), let number = Int(match.1)
            {
                var diagnostics = error.diagnostics
                diagnostics[0].notes.append("to compare the spec's testData case \(number), write case:\(number)")
                throw PayarchError(error.kind, diagnostics)
            }
            throw error
        }
    }
}
