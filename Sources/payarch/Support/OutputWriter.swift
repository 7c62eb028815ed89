import Foundation
import PayarchKit

/// Writes a command's result to stdout or, atomically, to a file: the text goes to a temporary file in
/// the same directory and is renamed over the target, so a failed run never leaves a partial file.
enum OutputWriter {
    static func write(_ text: String, to path: String?) throws(PayarchError) {
        guard let path else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        let target = URL(fileURLWithPath: path)
        let temporary = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).payarch-\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try Data(text.utf8).write(to: temporary)
            if FileManager.default.fileExists(atPath: target.path) {
                _ = try FileManager.default.replaceItemAt(target, withItemAt: temporary)
            } else {
                try FileManager.default.moveItem(at: temporary, to: target)
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw PayarchError(
                .cannotWrite,
                Diagnostic(at: SourceLocation(file: path, line: 1, column: 1), id: "output.write", "cannot write the output file"))
        }
    }
}
