import ArgumentParser
import PayarchKit

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Show the decision tables: keys, and each row's conditions, outputs, rationale and examples.",
        discussion: """
            Generated from rules/decisions/, tables in decision order. Markdown by default; --compact gives \
            one table per decision table (row, when, then, rationale), the form the README embeds; \
            --format json writes a JSON array of the tables, keys sorted. An unknown table id is a usage \
            error (exit 64).
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case markdown, json
    }

    @OptionGroup var resources: RulesOptions

    @Argument(help: ArgumentHelp("A decision table's id: show that table only.", valueName: "table"))
    var table: String?

    @Option(name: .long, help: "Output format: markdown or json.")
    var format: Format = .markdown

    @Flag(name: .long, help: "Markdown only: one table per decision table with row, when, then and rationale.")
    var compact = false

    @OptionGroup var destination: OutputOptions

    func validate() throws {
        if compact, format != .markdown { throw ValidationError("--compact applies to --format markdown only") }
    }

    func run() throws {
        try CommandRunner.run(maxFileBytes: resources.maxInputBytes) { () throws(PayarchError) in
            let directory = try resources.locate()
            let output = try destination.prepare(protecting: [directory])
            let reference = try RuleReference(rules: try resources.load(directory), table: table)
            let text = switch format {
            case .markdown: reference.markdown(compact: compact)
            case .json: try reference.json()
            }
            try output.write(text)
            return ([], 0)
        }
    }
}
