#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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

    /// Reads a file, mapping every failure to a diagnostic. Symbolic links are followed (a loop is
    /// reported as one); only regular files are read, so a FIFO or device can never block or stream
    /// forever; a file larger than `maxBytes` is refused from its size alone, before any byte is read.
    public static func read(_ path: String, maxBytes: Int = YAMLLoader.defaultMaxBytes) throws(PayarchError) -> SourceFile {
        let location = SourceLocation.file(path)
        var info = stat()
        guard stat(path, &info) == 0 else {
            let error = errno
            switch error {
            case ENOENT, ENOTDIR:
                var notes: [String] = []
                var link = stat()
                if lstat(path, &link) == 0, (link.st_mode & S_IFMT) == S_IFLNK {
                    notes.append("it is a symbolic link whose target does not exist")
                }
                throw PayarchError(.unreadable, Diagnostic(at: location, id: "file.not-found", "no such file", notes: notes))
            case ELOOP:
                throw PayarchError(.unreadable, Diagnostic(at: location, id: "file.symlink-loop", "symbolic links loop"))
            default:
                throw unreadable(path, error)
            }
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR:
            throw PayarchError(.unreadable, Diagnostic(at: location, id: "file.is-directory", "is a directory, expected a file"))
        default:
            // A FIFO would block and a device such as /dev/zero would never end: only regular files are read.
            throw PayarchError(
                .unreadable,
                Diagnostic(at: location, id: "file.not-regular", "is not a regular file (a pipe, socket or device)"))
        }
        if Int(info.st_size) > maxBytes {
            throw tooLarge(path, size: Int(info.st_size), limit: maxBytes)
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw unreadable(path, errno) }
        defer { close(descriptor) }
        // The file may have changed between stat and open: check what was opened.
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw PayarchError(
                .unreadable,
                Diagnostic(at: location, id: "file.not-regular", "is not a regular file (a pipe, socket or device)"))
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { raw in Glibc.read(descriptor, raw.baseAddress, raw.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw unreadable(path, errno)
            }
            if count == 0 { break }
            // A file that grows while it is read is held to the same limit.
            guard bytes.count + count <= maxBytes else { throw tooLarge(path, size: bytes.count + count, limit: maxBytes) }
            bytes.append(contentsOf: chunk[..<count])
        }
        return SourceFile(path: path, bytes: bytes)
    }

    static func tooLarge(_ path: String, size: Int, limit: Int) -> PayarchError {
        PayarchError(
            .data,
            Diagnostic(
                at: .file(path), id: "input.too-large",
                "file is \(size) bytes, larger than the limit of \(limit) bytes",))
    }

    private static func unreadable(_ path: String, _ error: CInt) -> PayarchError {
        PayarchError(
            .unreadable,
            Diagnostic(at: .file(path), id: "file.unreadable", "cannot read file: \(String(cString: strerror(error)))"))
    }

    /// The bytes as UTF-8 text; invalid UTF-8 is an error at the line and column of its first bad byte.
    public func text(id: String, what: String) throws(PayarchError) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        loop: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: break loop
            case .error:
                let (line, column) = YAMLLoader.lineAndColumn(ofByte: offset, in: bytes)
                throw PayarchError(
                    .data,
                    diagnostic(
                        line: line, column: column, id: id,
                        "\(what) is not valid UTF-8 (bad byte 0x\(String(bytes[offset], radix: 16, uppercase: true)) at byte offset \(offset))"))
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The 1-based line `number`, without its line break, for caret display; at most `SourceLine.maxBytes`
    /// bytes around `column` are decoded, so a multi-megabyte line costs no more than a short one.
    public func line(_ number: Int, around column: Int = 1) -> SourceLine? {
        SourceLine.extract(from: bytes, line: number, column: column)
    }

    /// A diagnostic location at a 1-based line and column of this file, with its source line for the caret.
    public func diagnostic(
        line: Int, column: Int, id: String, _ message: String, severity: Diagnostic.Severity = .error,
        notes: [String] = []
    ) -> Diagnostic {
        Diagnostic(
            severity, at: SourceLocation(file: path, line: line, column: column), id: id, message, notes: notes,
            sourceLine: self.line(line, around: column))
    }
}
