import ArgumentParser
import PayarchKit

struct RailsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rails",
        abstract: "List the rail catalogue: each rail's name, class, aliases and sources, or one rail in full.",
        discussion: """
            Rails are grouped by class in rank order, then sorted by name. Give a rail's id, name or alias \
            to show its whole catalogue entry (every fact and window with its source). --format json writes \
            a JSON array in the same order, keys sorted. An unknown rail or class is a usage error (exit 64).
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var resources: RulesOptions

    @Argument(help: ArgumentHelp("A rail's id, name or alias: show that rail in full.", valueName: "rail"))
    var rail: String?

    @Option(name: .customLong("class"), help: ArgumentHelp("Only the rails of this rail class (its id).", valueName: "id"))
    var railClass: String?

    @Option(name: .long, help: "Output format: text or json.")
    var format: Format = .text

    @OptionGroup var destination: OutputOptions

    func run() throws {
        try CommandRunner.run(maxFileBytes: resources.maxInputBytes) { () throws(PayarchError) in
            let directory = try resources.locate()
            let output = try destination.prepare(protecting: [directory])
            let report = try RailCatalogueReport(rules: try resources.load(directory), railClass: railClass, rail: rail)
            let text = switch format {
            case .text: report.text()
            case .json: try report.json()
            }
            try output.write(text)
            return ([], 0)
        }
    }
}
