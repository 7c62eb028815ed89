#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Removes the temporary output file when payarch is interrupted (SIGINT, SIGTERM, SIGHUP) while writing
/// it, then lets the signal end the process as usual. The path lives in a fixed C buffer because a signal
/// handler may only call async-signal-safe functions (`unlink`, `signal`, `raise`).
enum TemporaryFileCleanup {
    private static let capacity = 4096
    nonisolated(unsafe) private static let buffer: UnsafeMutablePointer<CChar> = {
        let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: capacity)
        pointer.initialize(repeating: 0, count: capacity)
        return pointer
    }()
    nonisolated(unsafe) private static var installed = false
    private static let signals: [CInt] = [SIGINT, SIGTERM, SIGHUP]

    static func register(_ path: String) {
        // The first byte is written last, so the handler never sees a half-written path.
        let bytes = Array(path.utf8.prefix(capacity - 1))
        buffer[0] = 0
        for index in bytes.indices.dropFirst() { buffer[index] = CChar(bitPattern: bytes[index]) }
        buffer[bytes.count] = 0
        if let first = bytes.first { buffer[0] = CChar(bitPattern: first) }
        if !installed {
            installed = true
            for number in signals {
                signal(number) { received in
                    if TemporaryFileCleanup.buffer[0] != 0 { unlink(TemporaryFileCleanup.buffer) }
                    signal(received, SIG_DFL)
                    raise(received)
                }
            }
        }
    }

    static func unregister() {
        buffer[0] = 0
    }
}
