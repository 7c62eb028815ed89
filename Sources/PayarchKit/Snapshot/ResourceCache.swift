import Foundation

/// Remembers work on resources that have not changed since an earlier run, keyed by the content of
/// every file involved, the limits in force and the running executable:
/// - a checked rule book as a binary snapshot, so such a run skips parsing and checking the YAML;
/// - that a template set passed its checks (lint, partial cycles, nesting depth), so they are not run again.
///
/// A missing, stale or damaged entry (a snapshot's body is checksummed) is ignored and rewritten; a rules
/// or template error is always reported by the loader itself, never hidden by the cache.
///
/// The cache folder is `PAYARCH_CACHE_DIR` when it is absolute (empty or relative turns the cache off),
/// else `$XDG_CACHE_HOME/payarch`, else `~/.cache/payarch`.
public struct ResourceCache: Sendable {
    /// The folder snapshots are kept in; nil when the cache is off.
    public let folder: String?
    static let magic = Array("payarch rule book snapshot 1\n".utf8)
    /// Entries of one kind kept in the folder; older ones are removed when a new one is written.
    static let keptEntries = 8
    /// A snapshot larger than this is not read.
    static let maxSnapshotBytes = 64 << 20

    public init(folder: String?) {
        self.folder = folder
    }

    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> ResourceCache {
        // Only an absolute folder: a relative one would put a cache in whatever directory payarch runs in.
        if let folder = environment["PAYARCH_CACHE_DIR"] { return ResourceCache(folder: folder.hasPrefix("/") && folder != "/" ? folder : nil) }
        if let base = environment["XDG_CACHE_HOME"], base.hasPrefix("/") { return ResourceCache(folder: base + "/payarch") }
        if let home = environment["HOME"], home.hasPrefix("/") { return ResourceCache(folder: home + "/.cache/payarch") }
        return ResourceCache(folder: nil)
    }

    /// The rule book of `directory`: from its snapshot when one matches, else loaded (and checked) by
    /// `loader` and snapshotted for the next run.
    public func rules(directory: String, loader: RuleBookLoader) throws(PayarchError) -> RuleBook {
        guard let folder, let key = Self.rulesKey(directory: directory, loader: loader) else {
            return try loader.load(directory: directory)
        }
        let path = folder + "/rules-" + key + ".snapshot"
        if let book = Self.read(path, key: key) { return book }
        let book = try loader.load(directory: directory)
        Self.write(book, to: path, key: key, folder: folder)
        return book
    }

    /// The snapshot at `path` if its header names `key` and its body matches the checksum after the key
    /// (a damaged entry is never used; the folder is trusted not to hold entries crafted to pass).
    static func read(_ path: String, key: String) -> RuleBook? {
        guard let source = try? SourceFile.read(path, maxBytes: maxSnapshotBytes) else { return nil }
        let header = magic + Array((key + "\n").utf8)
        let checksumLength = 33
        guard source.bytes.count > header.count + checksumLength, source.bytes.starts(with: header) else { return nil }
        let body = Array(source.bytes[(header.count + checksumLength)...])
        var hash = ContentHash()
        hash.add(body)
        guard Array(source.bytes[header.count..<(header.count + checksumLength)]) == Array((hash.hex + "\n").utf8) else { return nil }
        return try? SnapshotDecoder().decode(RuleBook.self, from: body)
    }

    static func write(_ book: RuleBook, to path: String, key: String, folder: String) {
        guard let body = try? SnapshotEncoder().encode(book) else { return }
        var hash = ContentHash()
        hash.add(body)
        store(magic + Array((key + "\n" + hash.hex + "\n").utf8) + body, at: path, prefix: "rules-", folder: folder)
    }

    /// An entry payarch wrote: `rules-<32 hex>.snapshot` or `templates-<32 hex>.checked`; nothing else in
    /// the folder is ever removed.
    static func isEntry(_ name: String, prefix: String) -> Bool {
        let suffix = prefix == "rules-" ? ".snapshot" : ".checked"
        guard name.hasPrefix(prefix), name.hasSuffix(suffix) else { return false }
        let key = name.dropFirst(prefix.count).dropLast(suffix.count)
        return key.count == 32 && key.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    /// Writes an entry atomically and removes the entries of the same kind it replaces.
    static func store(_ bytes: [UInt8], at path: String, prefix: String, folder: String) {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])) != nil
            else { return }
        }
        // A private temporary file (created exclusively, never through a link) renamed over the entry, so a
        // reader sees the old entry or the new one, never half of one.
        let temporary = folder + "/.tmp-\(getpid())-" + String(path.split(separator: "/").last ?? "entry")
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return }
        var written = 0
        let complete = bytes.withUnsafeBytes { raw -> Bool in
            while written < raw.count {
                let result = Glibc.write(descriptor, raw.baseAddress! + written, raw.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                written += result
            }
            return true
        }
        close(descriptor)
        guard complete, rename(temporary, path) == 0 else {
            unlink(temporary)
            return
        }
        // Entries for other rules, templates or builds (a debug and a release build, two checkouts) stay
        // usable; only the oldest beyond `keptEntries` of a kind are removed.
        var entries: [(name: String, modified: Int)] = []
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where isEntry(name, prefix: prefix) {
            var info = stat()
            if stat(folder + "/" + name, &info) == 0 { entries.append((name, info.st_mtim.tv_sec)) }
        }
        for entry in entries.sorted(by: { ($0.modified, $0.name) > ($1.modified, $1.name) }).dropFirst(keptEntries)
        where folder + "/" + entry.name != path {
            unlink(folder + "/" + entry.name)
        }
    }

    static func rulesKey(directory: String, loader: RuleBookLoader) -> String? {
        key(
            kind: "rules", directory: directory, paths: RuleBookLoader.sourcePaths(directory), maxBytes: loader.yaml.maxBytes,
            limits: "\(loader.yaml.maxBytes) \(loader.yaml.maxDepth) \(loader.yaml.maxNodes)")
    }

    /// A 128-bit hex digest of the executable's identity, the limits, the directory's path and the path,
    /// size and bytes of every file; nil when a file cannot be read (the loader then reports it).
    static func key(kind: String, directory: String, paths: [String], maxBytes: Int, limits: String) -> String? {
        var hash = ContentHash()
        hash.add(Array(magic))
        hash.add(Array((kind + "\n").utf8))
        hash.add(executableIdentity())
        hash.add(Array((limits + "\n").utf8))
        let absolute = directory.hasPrefix("/") ? directory : FileManager.default.currentDirectoryPath + "/" + directory
        hash.add(Array((absolute + "\n").utf8))
        for path in paths {
            guard let source = try? SourceFile.read(path, maxBytes: maxBytes) else {
                // A file that is listed but unreadable: let the loader report it.
                if FileManager.default.fileExists(atPath: path) { return nil }
                continue
            }
            hash.add(Array("\(path)\n\(source.bytes.count)\n".utf8))
            hash.add(source.bytes)
        }
        return hash.hex
    }

    /// The templates of `directory`, with their checks skipped when this exact set passed them before.
    public func templates(directory: String, maxBytes: Int) throws(PayarchError) -> TemplateSet {
        guard let folder, let files = try? TemplateSet.templateFiles(in: directory),
            let key = Self.key(
                kind: "templates", directory: directory, paths: files.map { directory + "/" + $0 }, maxBytes: maxBytes,
                limits: "\(maxBytes)")
        else {
            return try TemplateSet.load(directory: directory, maxBytes: maxBytes)
        }
        let marker = folder + "/templates-" + key + ".checked"
        var info = stat()
        if lstat(marker, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG {
            return try TemplateSet.load(directory: directory, maxBytes: maxBytes, checked: true)
        }
        let templates = try TemplateSet.load(directory: directory, maxBytes: maxBytes)
        Self.store([], at: marker, prefix: "templates-", folder: folder)
        return templates
    }

    /// The running executable's inode, size and modification time: a rebuilt payarch never reads a
    /// snapshot an older build wrote.
    static func executableIdentity() -> [UInt8] {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 || stat(CommandLine.arguments.first ?? "", &info) == 0 else {
            return Array("unknown executable".utf8)
        }
        return Array("\(info.st_ino) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)\n".utf8)
    }
}

/// Two independent 64-bit multiply-rotate lanes over 8-byte words: fast, not cryptographic (the cache
/// folder is the user's own).
struct ContentHash {
    private var first: UInt64 = 0x243F_6A88_85A3_08D3
    private var second: UInt64 = 0x1319_8A2E_0370_7344
    private var length: UInt64 = 0

    mutating func add(_ bytes: [UInt8]) {
        length &+= UInt64(bytes.count)
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset + 8 <= raw.count {
                mix(raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                offset += 8
            }
            var tail: UInt64 = 0x80
            while offset < raw.count {
                tail = tail << 8 | UInt64(raw[offset])
                offset += 1
            }
            mix(tail)
        }
    }

    private mutating func mix(_ word: UInt64) {
        first = ((first ^ word) &* 0x9E37_79B9_7F4A_7C15)
        first = (first << 31) | (first >> 33)
        second = ((second ^ word) &* 0xC2B2_AE3D_27D4_EB4F)
        second = (second << 27) | (second >> 37)
    }

    var hex: String {
        var copy = self
        copy.mix(length)
        return [copy.first, copy.second].map { value in
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }.joined()
    }
}
