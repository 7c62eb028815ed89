import Foundation
import PayarchKit

/// Writes diagnostics to stderr as `FILE:LINE:COL: severity: [id] message`, with the source line and a
/// caret, reading the line from disk when the diagnostic does not carry it. At most `limit` are shown;
/// the rest are counted, so a file with thousands of problems still prints quickly.
enum DiagnosticPrinter {
    static let limit = 50

    static func print(_ diagnostics: [Diagnostic]) {
        var files: [String: DocumentLines] = [:]
        var output = ""
        for var diagnostic in diagnostics.prefix(limit) {
            if diagnostic.sourceLine == nil, let location = diagnostic.location, location.line >= 1 {
                if files[location.file] == nil {
                    files[location.file] = DocumentLines(path: location.file)
                }
                diagnostic.sourceLine = files[location.file]?.line(location.line)
            }
            output += diagnostic.description + "\n"
        }
        if diagnostics.count > limit {
            output += "payarch: note: \(diagnostics.count - limit) more problems not shown\n"
        }
        FileHandle.standardError.write(Data(output.utf8))
    }
}

/// A file's lines for caret display, read once; missing or unreadable files give no lines.
private struct DocumentLines {
    let lines: [Substring]

    init(path: String) {
        let data = FileManager.default.contents(atPath: path) ?? Data()
        let text = String(decoding: data, as: UTF8.self)
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    func line(_ number: Int) -> String? {
        guard number >= 1, number <= lines.count else { return nil }
        let line = lines[number - 1]
        return String(line.hasSuffix("\r") ? line.dropLast() : line)
    }
}
