import ArgumentParser
import PayarchKit

/// How strictly a command treats what the reader read with a doubt.
struct ReadingOptions: ParsableArguments {
    @Flag(name: .long, help: "Treat every warning (a reading doubt, an assumption) as an error: exit 65 and write nothing.")
    var strict = false

    /// With `--strict`, warnings fail the run before anything is written: the warnings are printed as
    /// they are, followed by one error that says why the run stopped.
    func enforce(_ warnings: [Diagnostic]) throws(PayarchError) {
        guard strict, !warnings.isEmpty else { return }
        let count = warnings.count == 1 ? "1 warning" : "\(warnings.count) warnings"
        throw PayarchError(
            .data,
            warnings + [
                Diagnostic(
                    at: nil, id: "usage.strict",
                    "\(count) with --strict; nothing was written",
                    notes: ["state what the warnings name in the input, or run without --strict to accept the reading"])
            ])
    }
}
