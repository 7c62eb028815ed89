#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import PayarchKit

/// Reads standard input for `-` in place of a file: all of it (within the size limit, refused as soon as
/// it passes the limit, never read to the end), or line by line for JSON Lines.
enum StandardInput {
    /// The name diagnostics give standard input.
    static let name = "<stdin>"

    static func readAll(maxBytes: Int) throws(PayarchError) -> SourceFile {
        var bytes: [UInt8] = []
        try chunks { (chunk) throws(PayarchError) in
            bytes.append(contentsOf: chunk)
            if bytes.count > maxBytes { throw tooLarge(maxBytes) }
        }
        return SourceFile(path: name, bytes: bytes)
    }

    /// Reads standard input to its end, handing each chunk read to `body`; EINTR is retried.
    static func chunks(_ body: (ArraySlice<UInt8>) throws(PayarchError) -> Void) throws(PayarchError) {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw PayarchError(
                    .unreadable,
                    Diagnostic(at: .file(name), id: "file.unreadable", "cannot read standard input: \(String(cString: strerror(errno)))"))
            }
            if count == 0 { return }
            try body(chunk[..<count])
        }
    }

    /// Calls `body` with each line (without its line break) and its 1-based number, reading as it goes so
    /// memory stays flat; a line longer than `maxLineBytes` is passed as nil as soon as it passes the limit
    /// (so an endless line is answered at once) and skipped to its end.
    static func lines(maxLineBytes: Int, _ body: (_ line: [UInt8]?, _ number: Int) throws(PayarchError) -> Void) throws(PayarchError) {
        var line: [UInt8] = []
        var overlong = false
        var number = 1
        try chunks { (chunk) throws(PayarchError) in
            for byte in chunk {
                if byte == UInt8(ascii: "\n") {
                    if !overlong { try body(line, number) }
                    line.removeAll(keepingCapacity: true)
                    overlong = false
                    number += 1
                } else if !overlong {
                    line.append(byte)
                    if line.count > maxLineBytes {
                        overlong = true
                        line.removeAll()
                        try body(nil, number)
                    }
                }
            }
        }
        if !overlong, !line.isEmpty { try body(line, number) }
    }

    static func tooLarge(_ maxBytes: Int) -> PayarchError {
        PayarchError(
            .data,
            Diagnostic(
                at: .file(name), id: "input.too-large", "standard input is larger than the limit of \(maxBytes) bytes"))
    }
}
