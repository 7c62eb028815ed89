import ArgumentParser
import Foundation
import PayarchKit

@main
struct PayarchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "payarch",
        abstract: "Designs strictly idempotent payment architectures from a prompt spec, offline and deterministically.",
        discussion: """
            Exit codes: 0 success, 64 usage, 65 bad data (spec, input, rules, templates; with --strict, any \
            warning), 66 a file that cannot be read, 73 output that cannot be written; validate exits 1 when a \
            check fails.
            """,
        subcommands: [GenerateCommand.self, ReadCommand.self, ValidateCommand.self, CompareCommand.self]
    )

    /// More arguments than any real command line needs. swift-argument-parser's work grows faster than
    /// linearly with the number of repeated options, so the count is checked before it parses anything.
    static let maxArguments = 2_000

    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.count > maxArguments {
            DiagnosticPrinter.print([
                Diagnostic(
                    at: nil, id: "usage.too-many-arguments",
                    "\(arguments.count) command-line arguments; payarch takes at most \(maxArguments)",
                    notes: ["put the variables in an --input file instead of many --var options"])
            ])
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        main(arguments)
    }
}
