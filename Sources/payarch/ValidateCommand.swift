import ArgumentParser
import Foundation
import PayarchKit

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Grade designs against the spec's evaluators, expected texts and the structural lint.",
        discussion: """
            Without --document, generates the design for every testData case and grades it. With \
            --document, grades an existing Markdown document (for example an LLM's answer to the same \
            prompt) without generating anything. Exit 0 when everything passes, 1 when anything fails.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, junit
    }

    @OptionGroup var resources: ResourceOptions

    @Option(name: .long, help: ArgumentHelp("Grade this Markdown document instead of generated designs.", valueName: "file"))
    var document: String?

    @Option(name: .customLong("case"), help: ArgumentHelp("With --document: grade against testData case N's variables and expected text.", valueName: "n"))
    var caseNumber: Int?

    @Option(name: .long, help: ArgumentHelp("With --document: the text the document must contain.", valueName: "text"))
    var expected: String?

    @Flag(name: .long, help: "With --document: run only the structural lint.")
    var lintOnly = false

    @Option(name: .long, help: "Report format: text, json (gh models eval --json shape) or junit.")
    var format: Format = .text

    @OptionGroup var destination: OutputOptions

    func validate() throws {
        if document == nil, caseNumber != nil || expected != nil || lintOnly {
            throw ValidationError("--case, --expected and --lint-only need --document")
        }
        if caseNumber != nil, expected != nil {
            throw ValidationError("give either --case or --expected, not both")
        }
        if let caseNumber, caseNumber < 1 {
            throw ValidationError("--case must be 1 or more")
        }
    }

    func run() throws {
        try CommandRunner.run(maxFileBytes: resources.maxInputBytes) { () throws(PayarchError) in
            let paths = try resources.locate()
            let output = try destination.prepare(
                protecting: [paths.spec, paths.rules, paths.templates] + (document.map { [$0] } ?? []))
            let spec = try resources.loadSpec(paths.spec)
            let validator = Validator(spec: spec)
            let report: ValidationReport
            if let document {
                let source = try resources.read(document)
                let text = try source.text(id: "validate.encoding", what: "the document")
                report = try validator.gradeDocument(
                    text, label: document, caseNumber: caseNumber, expected: expected, lintOnly: lintOnly)
            } else {
                let generator = try DesignGenerator(
                rulesDirectory: paths.rules, templatesDirectory: paths.templates, yaml: resources.yaml, cache: .fromEnvironment())
                report = try validator.validateTestData(with: generator)
            }
            let text = switch format {
            case .text: report.text()
            case .json: report.json()
            case .junit: report.junit()
            }
            try output.write(text)
            return (spec.warnings, report.allPassed ? 0 : 1)
        }
    }
}
