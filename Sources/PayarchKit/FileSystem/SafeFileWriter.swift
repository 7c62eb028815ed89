#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a result file so that no byte of an existing file is ever lost.
///
/// A regular file (new or existing) is replaced atomically: the bytes go to a short, unique temporary
/// file in the target's own directory, created with `O_CREAT|O_EXCL|O_NOFOLLOW` (so a planted symlink
/// cannot redirect it), written, `fsync`ed, and POSIX-`rename`d over the target; then the directory is
/// `fsync`ed. On any failure the temporary file is removed and the target is untouched. Concurrent
/// writers each rename a complete file; the last rename wins.
///
/// A symlink is followed: its final target is replaced and the link stays. A character device or FIFO
/// (`/dev/null`, a named pipe) is written in place, never replaced. A directory, `.`, `..`, an empty
/// path, a socket and a block device are refused, and so is a path that leads to one of the run's own
/// input files (same device and inode), which would otherwise be overwritten by its own result.
///
/// `FileManager.replaceItemAt` is not used: in swift-corelibs-foundation 6.3.1 it moves the target
/// away and deletes it on failure (swiftlang/swift-corelibs-foundation#4655).
public struct SafeFileWriter: Sendable {
    /// What writing to the path will do, decided before any work is done.
    public enum Mode: Sendable, Equatable {
        /// Replace (or create) the regular file at this resolved path.
        case replace(String)
        /// Write into the device or FIFO at this resolved path.
        case inPlace(String)
    }

    public let path: String
    public let mode: Mode
    /// The permission bits of the file being replaced, kept on the new file.
    let existingPermissions: mode_t?

    /// Checks that `path` can receive output and does not lead to any of `protected` (the run's inputs).
    public static func prepare(_ path: String, protecting protected: [FileIdentity]) throws(PayarchError)
        -> SafeFileWriter
    {
        let location = SourceLocation.file(path)
        guard !path.isEmpty else {
            throw PayarchError(.usage, Diagnostic(at: nil, id: "output.empty-path", "the output path is empty"))
        }
        let resolved = try resolveSymlinks(path)
        let name = lastComponent(resolved)
        if name.isEmpty || name == "." || name == ".." || resolved.hasSuffix("/") {
            throw PayarchError(
                .cannotWrite,
                Diagnostic(at: location, id: "output.is-directory", "is a directory, not a file", notes: [
                    "give a file name, such as \(path.hasSuffix("/") ? path : path + "/")design.md"
                ]))
        }
        var info = stat()
        guard stat(resolved, &info) == 0 else {
            let error = errno
            guard error == ENOENT else { throw failure(path, "cannot inspect the output path", error) }
            return SafeFileWriter(path: path, mode: .replace(resolved), existingPermissions: nil)
        }
        let identity = FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        if protected.contains(identity) {
            throw PayarchError(
                .usage,
                Diagnostic(
                    at: location, id: "output.is-input",
                    "is one of this run's own input files (spec, input, document, rules or templates); writing the result there would destroy it",
                    notes: ["choose another --output path"]))
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            return SafeFileWriter(path: path, mode: .replace(resolved), existingPermissions: info.st_mode & 0o7777)
        case S_IFCHR, S_IFIFO:
            return SafeFileWriter(path: path, mode: .inPlace(resolved), existingPermissions: nil)
        case S_IFDIR:
            throw PayarchError(
                .cannotWrite,
                Diagnostic(at: location, id: "output.is-directory", "is a directory, not a file", notes: [
                    "give a file name, such as \(path.hasSuffix("/") ? path : path + "/")design.md"
                ]))
        default:
            throw PayarchError(
                .cannotWrite,
                Diagnostic(at: location, id: "output.not-writable", "is a socket or block device; payarch writes only to files, character devices and FIFOs"))
        }
    }

    /// Writes the bytes as `prepare` decided. `fault` lets tests fail the write after a number of bytes.
    public func write(_ bytes: [UInt8], failingAfter fault: Int? = nil) throws(PayarchError) {
        switch mode {
        case .replace(let target): try replace(target, with: bytes, failingAfter: fault)
        case .inPlace(let target): try writeInPlace(target, bytes)
        }
    }

    public func write(_ text: String) throws(PayarchError) {
        try write(Array(text.utf8))
    }

    // MARK: - Replacing a regular file

    private func replace(_ target: String, with bytes: [UInt8], failingAfter fault: Int?) throws(PayarchError) {
        let directory = Self.directory(of: target)
        let (descriptor, temporary) = try Self.createTemporary(in: directory, for: path)
        TemporaryFileCleanup.register(temporary)
        var finished = false
        defer {
            if !finished { unlink(temporary) }
            TemporaryFileCleanup.unregister()
        }
        var closed = false
        defer { if !closed { close(descriptor) } }
        if let existingPermissions { fchmod(descriptor, existingPermissions) }
        try Self.writeAll(bytes, to: descriptor, path: path, failingAfter: fault)
        guard fsync(descriptor) == 0 else { throw Self.failure(path, "cannot flush the output to disk", errno) }
        closed = true
        guard close(descriptor) == 0 else { throw Self.failure(path, "cannot close the output file", errno) }
        guard rename(temporary, target) == 0 else { throw Self.failure(path, "cannot move the output into place", errno) }
        finished = true
        // Make the rename itself durable; a directory that cannot be opened or synced is no error.
        let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            _ = fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    /// A new file `.payarch-<random>.tmp` next to the target: short whatever the target's name, and
    /// exclusive, so it never follows or reuses anything already there.
    private static func createTemporary(in directory: String, for path: String) throws(PayarchError)
        -> (CInt, String)
    {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<64 {
            let suffix = String(generator.next() & 0xFFFF_FFFF_FFFF, radix: 36)
            let temporary = directory + "/.payarch-" + suffix + ".tmp"
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
            if descriptor >= 0 { return (descriptor, temporary) }
            let error = errno
            if error != EEXIST { throw failure(path, "cannot create a temporary file in \(directory)", error) }
        }
        throw failure(path, "cannot create a unique temporary file in \(directory)", EEXIST)
    }

    // MARK: - Devices and FIFOs

    private func writeInPlace(_ target: String, _ bytes: [UInt8]) throws(PayarchError) {
        // O_NONBLOCK makes opening a FIFO without a reader fail (ENXIO) instead of hanging.
        let descriptor = open(target, O_WRONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            let error = errno
            throw Self.failure(path, error == ENXIO ? "the FIFO has no reader" : "cannot open the output", error)
        }
        defer { close(descriptor) }
        let flags = fcntl(descriptor, F_GETFL)
        if flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) }
        try Self.writeAll(bytes, to: descriptor, path: path, failingAfter: nil)
    }

    // MARK: - Helpers

    private static func writeAll(_ bytes: [UInt8], to descriptor: CInt, path: String, failingAfter fault: Int?)
        throws(PayarchError)
    {
        var offset = 0
        while offset < bytes.count {
            if let fault, offset >= fault { throw failure(path, "cannot write the output", EIO) }
            let chunk = min(bytes.count - offset, fault.map { max(1, $0 - offset) } ?? Int.max, 1 << 20)
            let written = bytes.withUnsafeBytes { raw in
                Glibc.write(descriptor, raw.baseAddress! + offset, chunk)
            }
            if written < 0 {
                let error = errno
                if error == EINTR { continue }
                throw failure(path, "cannot write the output", error)
            }
            offset += written
        }
    }

    /// Follows symlinks one hop at a time, so a loop is reported as a loop and a dangling link names
    /// the file it will create.
    static func resolveSymlinks(_ path: String) throws(PayarchError) -> String {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(current, &buffer, buffer.count - 1)
            guard length >= 0 else { throw failure(path, "cannot read the symbolic link", errno) }
            let destination = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = destination.hasPrefix("/") ? destination : directory(of: current) + "/" + destination
        }
        throw PayarchError(
            .cannotWrite,
            Diagnostic(at: .file(path), id: "output.symlink-loop", "symbolic links loop (more than 40 hops)"))
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func lastComponent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    static func failure(_ path: String, _ what: String, _ error: CInt) -> PayarchError {
        var notes: [String] = []
        switch error {
        case ENOENT: notes.append("the directory \(directory(of: path)) does not exist; create it first")
        case EACCES, EPERM: notes.append("check the permissions of \(directory(of: path))")
        case ENOSPC, EDQUOT: notes.append("free some space or write elsewhere")
        case EROFS: notes.append("the file system is read-only; write elsewhere")
        case ENAMETOOLONG: notes.append("use a shorter file name")
        default: break
        }
        notes.append("any existing file at this path is unchanged")
        return PayarchError(
            .cannotWrite,
            Diagnostic(at: .file(path), id: "output.write", "\(what): \(String(cString: strerror(error)))", notes: notes))
    }
}
