import ArgumentParser
import PayarchKit

/// Runs a subcommand body: prints warnings and errors in the one diagnostic format and maps each
/// failure class to its documented exit code.
enum CommandRunner {
    static func run(_ body: () throws(PayarchError) -> [Diagnostic]) throws {
        do {
            let warnings = try body()
            DiagnosticPrinter.print(warnings)
        } catch {
            DiagnosticPrinter.print(error.diagnostics)
            throw ExitCode(error.kind.exitCode)
        }
    }
}
