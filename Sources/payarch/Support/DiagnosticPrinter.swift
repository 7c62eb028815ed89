import Foundation
import PayarchKit

/// Writes diagnostics to stderr as `FILE:LINE:COL: severity: [id] message`, with the source line and a
/// caret, reading the line from disk when the diagnostic does not carry it.
enum DiagnosticPrinter {
    static func print(_ diagnostics: [Diagnostic]) {
        for var diagnostic in diagnostics {
            if diagnostic.sourceLine == nil, let location = diagnostic.location, location.line >= 1,
                let source = try? SourceFile.read(location.file)
            {
                diagnostic.sourceLine = source.line(location.line)
            }
            FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
        }
    }
}
