import ArgumentParser
import PayarchKit

/// Runs a subcommand body: prints warnings and errors in the one diagnostic format and maps each
/// failure class to its documented exit code. The body returns its warnings and its exit status
/// (0, or 1 for "ran and found failures").
enum CommandRunner {
    static func run(maxFileBytes: Int = YAMLLoader.defaultMaxBytes, _ body: () throws(PayarchError) -> (warnings: [Diagnostic], status: Int32)) throws {
        let outcome: (warnings: [Diagnostic], status: Int32)
        do {
            outcome = try body()
        } catch {
            DiagnosticPrinter.print(error.diagnostics, maxFileBytes: maxFileBytes)
            throw ExitCode(error.kind.exitCode)
        }
        DiagnosticPrinter.print(outcome.warnings, maxFileBytes: maxFileBytes)
        if outcome.status != 0 { throw ExitCode(outcome.status) }
    }
}
