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
        version: PayarchVersion.current,
        subcommands: [
            GenerateCommand.self, ReadCommand.self, ValidateCommand.self, CompareCommand.self, RailsCommand.self,
            RulesCommand.self,
        ]
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
        // A reader that goes away or a file-size limit must reach payarch as a write error (EPIPE, EFBIG)
        // it can report and clean up after, not as a signal that kills it mid-write.
        signal(SIGPIPE, SIG_IGN)
        signal(SIGXFSZ, SIG_IGN)
        if let hold = ProcessInfo.processInfo.environment["PAYARCH_TEST_HOLD_WRITE_MS"].flatMap(UInt32.init) {
            SafeFileWriter.holdBeforeRename = min(hold, 10_000)
        }
        let command: ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            exit(reporting: error)
        }
        do {
            var command = command
            try command.run()
        } catch {
            exit(reporting: error)
        }
        Foundation.exit(0)
    }

    /// Help and version go to stdout as the parser writes them; a usage error goes to stderr in payarch's
    /// one diagnostic format, with the offending argument escaped, and exits 64.
    static func exit(reporting error: Error) -> Never {
        let code = exitCode(for: error)
        if let exit = error as? ExitCode {
            Foundation.exit(exit.rawValue)
        }
        if code == .success {
            let text = fullMessage(for: error)
            _ = try? StandardStream.writeOutput(text.isEmpty || text.hasSuffix("\n") ? text : text + "\n")
            Foundation.exit(0)
        }
        let message = message(for: error)
        let usage = usageString(for: error)
        DiagnosticPrinter.print([
            Diagnostic(
                at: nil, id: "usage.arguments", PrintableText.escape(message),
                notes: ["usage: " + PrintableText.escape(usage.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "Usage: ", with: "")),
                        helpHint(for: error)])
        ])
        Foundation.exit(code.rawValue == 0 ? 64 : code.rawValue)
    }

    /// "see 'payarch generate --help'", from the parser's own hint.
    static func helpHint(for error: Error) -> String {
        let full = fullMessage(for: error)
        guard let start = full.range(of: "See '") else { return "see 'payarch --help'" }
        let hint = full[start.lowerBound...].prefix { $0 != "\n" }
        return PrintableText.escape("s" + hint.dropFirst().replacingOccurrences(of: " for more information.", with: ""))
    }

    /// The usage line of the subcommand the error belongs to.
    static func usageString(for error: Error) -> String {
        let full = fullMessage(for: error)
        guard let start = full.range(of: "Usage: ") else { return "" }
        return String(full[start.lowerBound...].prefix { $0 != "\n" })
    }
}
