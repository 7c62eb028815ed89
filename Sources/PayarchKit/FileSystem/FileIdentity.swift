#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The device and inode a path leads to, following symbolic links: two paths name the same file exactly
/// when their identities are equal (hard links and symlinks included).
public struct FileIdentity: Sendable, Hashable {
    public var device: UInt64
    public var inode: UInt64

    /// The identity of the file at `path`, or nil when nothing is there (or it cannot be reached).
    public static func of(_ path: String) -> FileIdentity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    /// The identities of `path` and, when it is a directory, of every file below it. Used to protect a
    /// run's inputs (rules and templates are directories) from its own output.
    public static func all(under path: String, limit: Int = 10_000) -> [FileIdentity] {
        var found: [FileIdentity] = []
        var pending = [path]
        while let next = pending.popLast(), found.count < limit {
            var info = stat()
            guard stat(next, &info) == 0 else { continue }
            found.append(FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino)))
            guard (info.st_mode & S_IFMT) == S_IFDIR, let directory = opendir(next) else { continue }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name != ".", name != ".." { pending.append(next + "/" + name) }
            }
        }
        return found
    }
}
