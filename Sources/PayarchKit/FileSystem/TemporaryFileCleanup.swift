#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Removes the temporary output file when a signal that would end payarch arrives while it is writing
/// (SIGINT, SIGTERM, SIGHUP, SIGALRM, SIGUSR1, SIGUSR2, SIGVTALRM, SIGPROF, SIGXCPU), then lets
/// the signal end the process as usual. SIGPIPE and SIGXFSZ are not here: the CLI ignores them, so a
/// closed pipe or a file-size limit reach the writer as write errors (EPIPE, EFBIG) that it cleans up
/// after. SIGKILL cannot be caught. A signal the host process already handles or ignores is left to it. The path lives in a fixed C buffer because a signal
/// handler may only call async-signal-safe functions (`unlink`, `signal`, `raise`).
enum TemporaryFileCleanup {
    private static let capacity = 4096
    nonisolated(unsafe) private static let buffer: UnsafeMutablePointer<CChar> = {
        let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: capacity)
        pointer.initialize(repeating: 0, count: capacity)
        return pointer
    }()
    nonisolated(unsafe) private static var installed = false
    private static let signals: [CInt] = [
        SIGINT, SIGTERM, SIGHUP, SIGALRM, SIGUSR1, SIGUSR2, SIGVTALRM, SIGPROF, SIGXCPU,
    ]

    /// Installs the handlers; called before the temporary file exists.
    static func install() {
        register("")
    }

    /// Holds the handled signals back while `body` creates and registers the temporary file, so none can
    /// arrive between its creation and its registration; a signal that came meanwhile is delivered after.
    static func withSignalsHeld<T>(_ body: () throws(PayarchError) -> T) throws(PayarchError) -> T {
        var set = sigset_t()
        var previous = sigset_t()
        sigemptyset(&set)
        for number in signals { sigaddset(&set, number) }
        pthread_sigmask(SIG_BLOCK, &set, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        return try body()
    }

    static func register(_ path: String) {
        // The first byte is written last, so the handler never sees a half-written path.
        let bytes = Array(path.utf8.prefix(capacity - 1))
        buffer[0] = 0
        for index in bytes.indices.dropFirst() { buffer[index] = CChar(bitPattern: bytes[index]) }
        buffer[bytes.count] = 0
        if let first = bytes.first { buffer[0] = CChar(bitPattern: first) }
        if !installed {
            installed = true
            // A parent may start payarch with these signals blocked (test runners and some supervisors
            // do); blocked, they would only arrive after the write, when there is nothing to clean up.
            var set = sigset_t()
            sigemptyset(&set)
            for number in signals { sigaddset(&set, number) }
            pthread_sigmask(SIG_UNBLOCK, &set, nil)
            for number in signals {
                // A handler the host already installed (a fuzzer's SIGALRM timer, a server's SIGUSR1) and an
                // ignored signal are left alone: payarch only takes signals whose default would kill it.
                var current = sigaction()
                sigaction(number, nil, &current)
                guard current.__sigaction_handler.sa_handler == nil, (current.sa_flags & SA_SIGINFO) == 0 else { continue }
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
