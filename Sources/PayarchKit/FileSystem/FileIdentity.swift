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

    /// The identities of the directories from `directory` up to the file system root, following `..`
    /// (so symlinked directories count as the directories they lead to). At most `limit` levels.
    public static func ancestors(of directory: String, limit: Int = 4_096) -> [FileIdentity] {
        var found: [FileIdentity] = []
        var current = directory
        for _ in 0..<limit {
            guard let identity = of(current), !found.contains(identity) else { break }
            found.append(identity)
            current += "/.."
        }
        return found
    }

    /// The identities of every file below `path` (itself included), or nil when there are more than
    /// `limit`: a caller that must know every file treats "too many to check" as a refusal, never as
    /// "not found".
    public static func all(under path: String, limit: Int = 100_000) -> [FileIdentity]? {
        var found: [FileIdentity] = []
        var pending = [path]
        while let next = pending.popLast() {
            var info = stat()
            guard stat(next, &info) == 0 else { continue }
            if found.count >= limit { return nil }
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

/// What a run reads and its output must never overwrite: single files (spec, input, document) and
/// directory trees (rules, templates).
public struct ProtectedInputs: Sendable {
    public var files: [String]
    public var trees: [String]

    public init(files: [String] = [], trees: [String] = []) {
        self.files = files
        self.trees = trees
    }

    /// A path list where directories are trees and anything else a file.
    public init(paths: [String]) {
        var files: [String] = []
        var trees: [String] = []
        for path in paths {
            var info = stat()
            if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { trees.append(path) } else { files.append(path) }
        }
        self.init(files: files, trees: trees)
    }
}
