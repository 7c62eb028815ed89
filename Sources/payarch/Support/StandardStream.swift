#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import PayarchKit

/// Writes to stdout and stderr with `write(2)`, so a full disk, a closed descriptor or a reader that went
/// away is an error payarch reports, never a crash (Foundation's `FileHandle.write` traps on them).
enum StandardStream {
    /// Writes all bytes to stdout; a failure is `output.write`, exit 73.
    static func writeOutput(_ text: String) throws(PayarchError) {
        if let error = write(Array(text.utf8), to: STDOUT_FILENO) {
            var notes = ["the output is incomplete"]
            if error == EPIPE { notes.insert("the reader closed the pipe before the output was complete", at: 0) }
            throw PayarchError(
                .cannotWrite,
                Diagnostic(at: nil, id: "output.write", "cannot write to standard output: \(String(cString: strerror(error)))", notes: notes))
        }
    }

    /// Writes to stderr; when even that fails there is nowhere left to report it.
    static func writeError(_ text: String) {
        _ = write(Array(text.utf8), to: STDERR_FILENO)
    }

    /// The errno of the first failed write, or nil when every byte was written.
    private static func write(_ bytes: [UInt8], to descriptor: CInt) -> CInt? {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                Glibc.write(descriptor, raw.baseAddress! + offset, bytes.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return nil
    }
}
