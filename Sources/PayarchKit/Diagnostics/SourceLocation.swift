/// A 1-based position in a named file, as shown to users (`FILE:LINE:COL`), or the file as a whole
/// (`FILE`, line 0) for problems that have no position inside it: a missing file, a size limit, a
/// write that failed.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    public var file: String
    /// 1-based; 0 for the whole file.
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// The file as a whole.
    public static func file(_ path: String) -> SourceLocation {
        SourceLocation(file: path, line: 0, column: 0)
    }

    public var isWholeFile: Bool { line < 1 }

    public var description: String { isWholeFile ? file : "\(file):\(line):\(column)" }
}
