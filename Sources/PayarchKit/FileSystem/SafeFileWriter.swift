import CExtendedAttributes

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

    /// Test seam: milliseconds to wait with the temporary file written but not yet renamed, so the
    /// end-to-end tests can deliver a signal mid-write. The CLI sets it from `PAYARCH_TEST_HOLD_WRITE_MS`.
    nonisolated(unsafe) public static var holdBeforeRename: UInt32 = 0

    public let path: String
    public let mode: Mode
    /// The permission bits of the file being replaced, kept on the new file.
    let existingPermissions: mode_t?
    /// The owner and group of the file being replaced, given to the new file (or the write is refused).
    let existingOwner: (uid: uid_t, gid: gid_t)?

    init(path: String, mode: Mode, existingPermissions: mode_t? = nil, existingOwner: (uid: uid_t, gid: gid_t)? = nil) {
        self.path = path
        self.mode = mode
        self.existingPermissions = existingPermissions
        self.existingOwner = existingOwner
    }

    /// Checks that `path` can receive output and does not lead to any of `protected` (the run's inputs).
    public static func prepare(_ path: String, protecting protected: [FileIdentity]) throws(PayarchError) -> SafeFileWriter {
        try prepare(path, protecting: protected, inside: [])
    }

    /// Checks that `path` can receive output: not one of the protected files, not inside a protected
    /// directory tree (rules, templates), and not a hard link to a file in one.
    public static func prepare(_ path: String, protecting inputs: ProtectedInputs) throws(PayarchError) -> SafeFileWriter {
        try prepare(path, protecting: inputs.files.compactMap(FileIdentity.of), inside: inputs.trees)
    }

    static func prepare(_ path: String, protecting protected: [FileIdentity], inside trees: [String]) throws(PayarchError)
        -> SafeFileWriter
    {
        let location = SourceLocation.file(path)
        guard !path.isEmpty else {
            throw PayarchError(.usage, Diagnostic(at: nil, id: "output.empty-path", "the output path is empty"))
        }
        func refuseInput(_ what: String = "is one of this run's own input files (spec, input, document, rules or templates); writing the result there would destroy it") -> PayarchError {
            PayarchError(.usage, Diagnostic(at: location, id: "output.is-input", what))
        }
        var info = stat()
        // A device or FIFO, however it is reached (`/dev/stdout` → `/proc/self/fd/1` → a pipe), is written
        // in place through the path itself.
        if stat(path, &info) == 0, [S_IFCHR, S_IFIFO].contains(info.st_mode & S_IFMT) {
            if protected.contains(FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))) { throw refuseInput() }
            return SafeFileWriter(path: path, mode: .inPlace(path))
        }
        if path.hasSuffix("/") {
            let error = stat(path, &info) == 0 ? 0 : errno
            if error == ENOTDIR {
                throw PayarchError(
                    .cannotWrite,
                    Diagnostic(at: location, id: "output.not-a-directory", "ends with '/' but names a file, not a directory", notes: [
                        "drop the trailing '/' to replace the file"
                    ]))
            }
            let exists = error == 0
            throw PayarchError(
                .cannotWrite,
                Diagnostic(
                    at: location, id: "output.is-directory", exists ? "is a directory, not a file" : "names a directory (it ends with '/'), not a file",
                    notes: ["give a file name, such as \(path)design.md"]))
        }
        let resolved = try resolveSymlinks(path)
        let name = lastComponent(resolved)
        if name.isEmpty || name == "." || name == ".." || resolved.hasSuffix("/") {
            throw PayarchError(
                .cannotWrite,
                Diagnostic(at: location, id: "output.is-directory", "is a directory, not a file", notes: [
                    "give a file name, such as \(path + "/")design.md"
                ]))
        }
        // Anything inside the rules or templates directories is refused, however many files they hold.
        let treeIdentities = trees.compactMap(FileIdentity.of)
        let ancestors = FileIdentity.ancestors(of: directory(of: resolved))
        if ancestors.contains(where: treeIdentities.contains) {
            throw refuseInput("is inside the rules or templates directory this run reads; writing there could destroy an input")
        }
        guard stat(resolved, &info) == 0 else {
            let error = errno
            guard error == ENOENT else { throw failure(path, "cannot inspect the output path", error, directory: directory(of: resolved)) }
            return SafeFileWriter(path: path, mode: .replace(resolved))
        }
        let identity = FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        if protected.contains(identity) || treeIdentities.contains(identity) { throw refuseInput() }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            // A file with other names may be a hard link to an input elsewhere: every file of the trees is
            // checked, and a tree too large to check is a refusal, never a pass.
            if info.st_nlink > 1 {
                for tree in trees {
                    guard let identities = FileIdentity.all(under: tree) else {
                        throw refuseInput("has other hard links, and \(tree) holds too many files to prove none of them is this one")
                    }
                    if identities.contains(identity) { throw refuseInput() }
                }
            }
            return SafeFileWriter(
                path: path, mode: .replace(resolved), existingPermissions: info.st_mode & 0o7777,
                existingOwner: (info.st_uid, info.st_gid))
        case S_IFDIR:
            throw PayarchError(
                .cannotWrite,
                Diagnostic(at: location, id: "output.is-directory", "is a directory, not a file", notes: [
                    "give a file name, such as \(path + "/")design.md"
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
        TemporaryFileCleanup.install()
        let (descriptor, temporary) = try TemporaryFileCleanup.withSignalsHeld { () throws(PayarchError) in
            let created = try Self.createTemporary(in: directory, for: path)
            TemporaryFileCleanup.register(created.1)
            return created
        }
        var finished = false
        defer {
            if !finished { unlink(temporary) }
            TemporaryFileCleanup.unregister()
        }
        var closed = false
        defer { if !closed { close(descriptor) } }
        if let existingPermissions { fchmod(descriptor, existingPermissions) }
        try keepOwner(on: descriptor)
        try Self.copyExtendedAttributes(from: target, to: descriptor, path: path)
        try Self.writeAll(bytes, to: descriptor, path: path, failingAfter: fault)
        if Self.holdBeforeRename > 0 { usleep(Self.holdBeforeRename * 1000) }
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

    /// The new file gets the owner and group of the file it replaces; when that is not allowed (only root
    /// may give a file away), the write is refused rather than lock the owner out of their own file.
    private func keepOwner(on descriptor: CInt) throws(PayarchError) {
        guard let owner = existingOwner, owner.uid != geteuid() || owner.gid != getegid() else { return }
        guard fchown(descriptor, owner.uid, owner.gid) == 0 else {
            let error = errno
            throw PayarchError(
                .cannotWrite,
                Diagnostic(
                    at: .file(path), id: "output.owner",
                    "belongs to user \(owner.uid), group \(owner.gid), and replacing it would give it to user \(geteuid()): \(String(cString: strerror(error)))",
                    notes: ["write to a new file, or run payarch as the file's owner", "any existing file at this path is unchanged"]))
        }
    }

    /// Copies the extended attributes of the file being replaced (POSIX ACLs live there) to the new one.
    /// A file system without them is fine; an attribute that cannot be copied refuses the write.
    private static func copyExtendedAttributes(from target: String, to descriptor: CInt, path: String) throws(PayarchError) {
        let source = open(target, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard source >= 0 else { return }
        defer { close(source) }
        let size = flistxattr(source, nil, 0)
        guard size > 0 else { return }
        var names = [CChar](repeating: 0, count: size)
        let listed = flistxattr(source, &names, size)
        guard listed > 0 else { return }
        for raw in names[..<listed].split(separator: 0) {
            let name = Array(raw) + [0]
            let length = fgetxattr(source, name, nil, 0)
            guard length >= 0 else { continue }
            var value = [UInt8](repeating: 0, count: max(length, 1))
            let read = fgetxattr(source, name, &value, length)
            guard read >= 0 else { continue }
            if fsetxattr(descriptor, name, value, read, 0) != 0 {
                let error = errno
                if error == ENOTSUP { continue }
                throw failure(path, "cannot keep the extended attribute \(String(cString: name)) of the file it replaces", error)
            }
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
            if error != EEXIST { throw failure(path, "cannot create a temporary file in \(directory)", error, directory: directory) }
        }
        throw failure(path, "cannot create a unique temporary file in \(directory)", EEXIST)
    }

    // MARK: - Devices and FIFOs

    private func writeInPlace(_ target: String, _ bytes: [UInt8]) throws(PayarchError) {
        // O_NONBLOCK makes opening a FIFO without a reader fail (ENXIO) instead of hanging.
        let descriptor = open(target, O_WRONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            let error = errno
            var info = stat()
            let isFIFO = stat(target, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO
            let what = error != ENXIO ? "cannot open the output" : isFIFO ? "the FIFO has no reader" : "the device is not available (no driver or no such unit)"
            throw Self.failure(path, what, error)
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

    /// `directory` is the directory the file was to be created in (a symlink's target directory), for the notes.
    static func failure(_ path: String, _ what: String, _ error: CInt, directory: String? = nil) -> PayarchError {
        var notes: [String] = []
        let folder = directory ?? Self.directory(of: path)
        switch error {
        case ENOENT: notes.append("the directory \(folder) does not exist; create it first")
        case EACCES, EPERM: notes.append("check the permissions of \(folder)")
        case ENOSPC, EDQUOT, EFBIG: notes.append("free some space, raise the file-size limit, or write elsewhere")
        case EPIPE: notes.append("the reader closed the pipe before the output was complete")
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
