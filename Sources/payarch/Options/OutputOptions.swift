import ArgumentParser
import Foundation
import PayarchKit

/// Where a command's result goes; shared by every subcommand.
struct OutputOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file (atomically) instead of stdout; - is stdout.", valueName: "file"))
    var output: String?

    /// Checks the output path before any work is done: it must be writable and must not be one of the
    /// run's own input files (`protecting`: spec, inputs, document, rules and templates directories).
    func prepare(protecting paths: [String]) throws(PayarchError) -> OutputDestination {
        guard let output, output != "-" else { return .standardOutput }
        return .file(try SafeFileWriter.prepare(output, protecting: ProtectedInputs(paths: paths)))
    }
}

/// A prepared destination: stdout, or a file written by `SafeFileWriter`.
enum OutputDestination {
    case standardOutput
    case file(SafeFileWriter)

    func write(_ text: String) throws(PayarchError) {
        switch self {
        case .standardOutput: try StandardStream.writeOutput(text)
        case .file(let writer): try writer.write(text)
        }
    }
}
