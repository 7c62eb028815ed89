import ArgumentParser
import PayarchKit

/// Where a command's result goes; shared by every subcommand.
struct OutputOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file (atomically) instead of stdout.", valueName: "file"))
    var output: String?

    func write(_ text: String) throws(PayarchError) {
        try OutputWriter.write(text, to: output)
    }
}
