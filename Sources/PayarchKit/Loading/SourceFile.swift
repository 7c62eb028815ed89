import Foundation

/// The raw bytes of one input file and its display name; the loader hands the bytes to libyaml unchanged
/// so that encoding errors keep their byte offsets.
public struct SourceFile: Sendable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// Reads a file, mapping every failure to a diagnostic with exit class `unreadable`. A file larger
    /// than `maxBytes` is refused before it is read.
    public static func read(_ path: String, maxBytes: Int = YAMLLoader.defaultMaxBytes) throws(PayarchError) -> SourceFile {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw PayarchError(.unreadable, Diagnostic(at: location(path), id: "file.not-found", "no such file"))
        }
        if isDirectory.boolValue {
            throw PayarchError(
                .unreadable, Diagnostic(at: location(path), id: "file.is-directory", "is a directory, expected a file"))
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        // A FIFO would block and a device such as /dev/zero would never end: only regular files are read.
        if let type = attributes?[.type] as? FileAttributeType, type != .typeRegular {
            throw PayarchError(
                .unreadable,
                Diagnostic(at: location(path), id: "file.not-regular", "is not a regular file (a pipe, socket or device)"))
        }
        if let size = attributes?[.size] as? Int, size > maxBytes {
            throw PayarchError(
                .data,
                Diagnostic(
                    at: location(path), id: "input.too-large",
                    "file is \(size) bytes, larger than the limit of \(maxBytes) bytes",
                    notes: ["raise the limit with --max-input-bytes"]))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PayarchError(.unreadable, Diagnostic(at: location(path), id: "file.unreadable", "cannot read file"))
        }
        return SourceFile(path: path, bytes: Array(data))
    }

    /// The 1-based line `number`, without its line break, for caret display.
    public func line(_ number: Int) -> String? {
        guard number >= 1 else { return nil }
        var current = 1
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            if current == number {
                return String(decoding: bytes[start..<index], as: UTF8.self).trimmingCharacters(in: .init(charactersIn: "\r"))
            }
            current += 1
            start = index + 1
        }
        guard current == number, start <= bytes.count else { return nil }
        return String(decoding: bytes[start...], as: UTF8.self)
    }

    /// A diagnostic location at a 1-based line and column of this file, with its source line for the caret.
    public func diagnostic(
        line: Int, column: Int, id: String, _ message: String, severity: Diagnostic.Severity = .error,
        notes: [String] = []
    ) -> Diagnostic {
        Diagnostic(
            severity, at: SourceLocation(file: path, line: line, column: column), id: id, message, notes: notes,
            sourceLine: self.line(line))
    }

    private static func location(_ path: String) -> SourceLocation {
        SourceLocation(file: path, line: 1, column: 1)
    }
}
