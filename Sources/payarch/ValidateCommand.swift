import ArgumentParser
import Foundation
import PayarchKit

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Grade designs against the spec's evaluators, expected texts and the structural lint.",
        discussion: """
            Without --document, generates the design for every testData case and grades it. With \
            --document, grades existing Markdown documents (for example LLMs' answers to the same prompt) \
            without generating anything: several files, or a folder whose .md files are graded in name \
            order, each as its own suite; - reads one document from standard input. Exit 0 when everything \
            passes, 1 when anything fails.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, junit
    }

    @OptionGroup var resources: ResourceOptions

    @Option(
        name: .long, parsing: .upToNextOption,
        help: ArgumentHelp("Grade these Markdown documents (files, folders of .md files, or - for stdin) instead of generated designs.", valueName: "file"))
    var document: [String] = []

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
        if document.isEmpty, caseNumber != nil || expected != nil || lintOnly {
            throw ValidationError("--case, --expected and --lint-only need --document")
        }
        if caseNumber != nil, expected != nil {
            throw ValidationError("give either --case or --expected, not both")
        }
        if let caseNumber, caseNumber < 1 {
            throw ValidationError("--case must be 1 or more")
        }
        if document.filter({ $0 == "-" }).count + (resources.spec == "-" ? 1 : 0) > 1 {
            throw ValidationError("standard input (-) can be read only once")
        }
    }

    func run() throws {
        try CommandRunner.run(maxFileBytes: resources.maxInputBytes) { () throws(PayarchError) in
            let paths = try resources.locate()
            let output = try destination.prepare(
                protecting: [paths.spec, paths.rules, paths.templates] + document.filter { $0 != "-" })
            let spec = try resources.loadSpec(paths.spec)
            let validator = Validator(spec: spec)
            let report: ValidationReport
            if !document.isEmpty {
                var cases: [ValidationReport.CaseResult] = []
                for path in try Self.documents(document) {
                    let source = try resources.read(path)
                    let text = try source.text(id: "validate.encoding", what: "the document")
                    cases += try validator.gradeDocument(
                        text, label: path == "-" ? StandardInput.name : path, caseNumber: caseNumber, expected: expected, lintOnly: lintOnly
                    ).cases
                }
                report = ValidationReport(specName: spec.name, cases: cases)
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

    /// The documents to grade: files as given, and each folder's `.md` files in name order.
    static func documents(_ arguments: [String]) throws(PayarchError) -> [String] {
        var paths: [String] = []
        for argument in arguments {
            var isDirectory: ObjCBool = false
            guard argument != "-", FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory), isDirectory.boolValue else {
                paths.append(argument)
                continue
            }
            // Regular files (or links to them) ending in .md, in any letter case; folders, pipes and dangling
            // links inside are left alone.
            let base = argument.hasSuffix("/") ? argument : argument + "/"
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: argument)) ?? []).filter { name in
                var info = stat()
                return name.lowercased().hasSuffix(".md") && stat(base + name, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
            }.sorted()
            if names.isEmpty {
                throw PayarchError(
                    .unreadable,
                    Diagnostic(at: .file(argument), id: "validate.empty-folder", "the folder holds no .md document", notes: ["give the documents' files, or a folder of .md files"]))
            }
            paths += names.map { base + $0 }
        }
        return paths
    }
}
