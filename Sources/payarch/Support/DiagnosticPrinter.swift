import Foundation
import PayarchKit

/// Writes diagnostics to stderr in the one diagnostic format, reading the source line from disk when a
/// diagnostic does not carry it (each file at most once, within the size limit, and only a window of the
/// line is kept). At most `limit` are shown; the rest are counted.
enum DiagnosticPrinter {
    static let limit = 50

    static func print(_ diagnostics: [Diagnostic], maxFileBytes: Int = YAMLLoader.defaultMaxBytes) {
        var files: [String: SourceFile?] = [:]
        var output = ""
        for var diagnostic in CommandLineNotes.adding(to: Array(diagnostics.prefix(limit))) {
            if diagnostic.sourceLine == nil, let location = diagnostic.location, !location.isWholeFile {
                if files[location.file] == nil {
                    files[location.file] = .some(try? SourceFile.read(location.file, maxBytes: maxFileBytes))
                }
                diagnostic.sourceLine = files[location.file]??.line(location.line, around: location.column)
            }
            output += diagnostic.description + "\n"
        }
        if diagnostics.count > limit {
            output += "payarch: note: \(diagnostics.count - limit) more problems not shown\n"
        }
        StandardStream.writeError(output)
    }
}
