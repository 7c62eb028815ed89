import Foundation
import PayarchTestSupport
import Testing
@testable import PayarchKit

/// The resource cache: a snapshot is used only for the exact rules it was made from, a damaged one is
/// replaced, rules and template errors are always reported, and the cache can be turned off.
@Suite(.temporaryDirectories) struct ResourceCacheTests {
    func entries(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    @Test func theFolderComesFromTheEnvironment() {
        #expect(ResourceCache.fromEnvironment(["PAYARCH_CACHE_DIR": "/x", "HOME": "/h"]).folder == "/x")
        #expect(ResourceCache.fromEnvironment(["PAYARCH_CACHE_DIR": "", "HOME": "/h"]).folder == nil)
        #expect(ResourceCache.fromEnvironment(["XDG_CACHE_HOME": "/c", "HOME": "/h"]).folder == "/c/payarch")
        #expect(ResourceCache.fromEnvironment(["XDG_CACHE_HOME": "relative", "HOME": "/h"]).folder == "/h/.cache/payarch")
        #expect(ResourceCache.fromEnvironment([:]).folder == nil)
        // A relative folder, or the root, turns the cache off rather than write where payarch happens to run.
        #expect(ResourceCache.fromEnvironment(["PAYARCH_CACHE_DIR": "relative", "HOME": "/h"]).folder == nil)
        #expect(ResourceCache.fromEnvironment(["PAYARCH_CACHE_DIR": "/", "HOME": "/h"]).folder == nil)
    }

    @Test func aSnapshotIsWrittenThenReadForTheSameRules() throws {
        let folder = try Repository.temporaryDirectory()
        let cache = ResourceCache(folder: folder)
        let first = try cache.rules(directory: Repository.rules, loader: RuleBookLoader())
        let written = entries(folder)
        #expect(written.count == 1 && written[0].hasPrefix("rules-") && written[0].hasSuffix(".snapshot"))
        let key = try #require(ResourceCache.rulesKey(directory: Repository.rules, loader: RuleBookLoader()))
        let snapshot = try #require(ResourceCache.read(folder + "/" + written[0], key: key))
        #expect(snapshot.tables.map(\.id) == first.tables.map(\.id))
        #expect(snapshot.rails.count == first.rails.count)
        // A different key never reads it.
        #expect(ResourceCache.read(folder + "/" + written[0], key: String(repeating: "0", count: 32)) == nil)
    }

    /// Changed rules change the key: the earlier snapshot is never used for them.
    @Test func changedRulesAreLoadedAfreshAndReplaceTheSnapshot() throws {
        let folder = try Repository.temporaryDirectory()
        let cache = ResourceCache(folder: folder)
        let patched = try Repository.patchedRules("rails/psp-card-api.yml", replacing: "name: Stripe", with: "name: Stripe Payments")
        let before = try cache.rules(directory: patched, loader: RuleBookLoader())
        let firstEntry = entries(folder)
        try Repository.write(
            (Repository.read(patched + "/rails/psp-card-api.yml") ?? "").replacingOccurrences(of: "name: Stripe Payments", with: "name: Stripe Inc"),
            to: patched + "/rails/psp-card-api.yml")
        let after = try cache.rules(directory: patched, loader: RuleBookLoader())
        #expect(before.rails.contains { $0.name == "Stripe Payments" })
        #expect(after.rails.contains { $0.name == "Stripe Inc" })
        #expect(!after.rails.contains { $0.name == "Stripe Payments" })
        #expect(entries(folder).count == 2 && entries(folder).contains(firstEntry[0]))
    }

    /// Builds and rule sets used in turn keep their own entries; only the oldest beyond the cap go.
    @Test func theFolderKeepsTheNewestEntriesOfEachKind() throws {
        let folder = try Repository.temporaryDirectory()
        let keep = folder + "/templates-" + String(repeating: "a", count: 32) + ".checked"
        ResourceCache.store([1], at: keep, prefix: "templates-", folder: folder)
        // Files of the user's own that merely start like an entry are never removed.
        try Repository.write("mine\n", to: folder + "/rules-notes.txt")
        var old = [timespec(tv_sec: 1, tv_nsec: 0), timespec(tv_sec: 1, tv_nsec: 0)]
        _ = utimensat(AT_FDCWD, folder + "/rules-notes.txt", &old, 0)
        func name(_ index: Int) -> String { "rules-" + String(format: "%032x", index) + ".snapshot" }
        for index in 0..<(ResourceCache.keptEntries + 3) {
            let path = folder + "/" + name(index)
            ResourceCache.store([UInt8(index)], at: path, prefix: "rules-", folder: folder)
            // Older modification times for earlier entries.
            var times = [timespec(tv_sec: 1_000_000 + index, tv_nsec: 0), timespec(tv_sec: 1_000_000 + index, tv_nsec: 0)]
            _ = utimensat(AT_FDCWD, path, &times, 0)
        }
        let rules = entries(folder).filter { $0.hasSuffix(".snapshot") }
        #expect(rules.count == ResourceCache.keptEntries)
        #expect(rules.contains(name(ResourceCache.keptEntries + 2)) && !rules.contains(name(0)))
        #expect(entries(folder).contains(String(keep.split(separator: "/").last!)))
        #expect(entries(folder).contains("rules-notes.txt"))
    }

    @Test func aDamagedSnapshotIsIgnoredAndRewritten() throws {
        let folder = try Repository.temporaryDirectory()
        let cache = ResourceCache(folder: folder)
        _ = try cache.rules(directory: Repository.rules, loader: RuleBookLoader())
        let path = folder + "/" + entries(folder)[0]
        let good = try #require(FileManager.default.contents(atPath: path))
        // One byte changed in the body is caught by the checksum (a string would otherwise decode with a
        // replacement character and change the design silently).
        var flipped = good
        flipped[good.count - 100] ^= 0x20
        try flipped.write(to: URL(fileURLWithPath: path))
        let key0 = try #require(ResourceCache.rulesKey(directory: Repository.rules, loader: RuleBookLoader()))
        #expect(ResourceCache.read(path, key: key0) == nil)
        // Keep the header, damage the body.
        try Data(good.prefix(good.count / 2)).write(to: URL(fileURLWithPath: path))
        let book = try cache.rules(directory: Repository.rules, loader: RuleBookLoader())
        #expect(book.rails.count == Bundled.rules.rails.count)
        // Rewritten whole (dictionary order may differ from run to run, so the bytes are not compared).
        let key = try #require(ResourceCache.rulesKey(directory: Repository.rules, loader: RuleBookLoader()))
        #expect(FileManager.default.contents(atPath: path)?.count == good.count)
        #expect(ResourceCache.read(path, key: key) != nil)
    }

    /// A rules error is the loader's, with the cache on: a snapshot of earlier, valid rules never hides it.
    @Test func aRulesErrorIsReportedAndNothingIsSnapshotted() throws {
        let folder = try Repository.temporaryDirectory()
        let cache = ResourceCache(folder: folder)
        let broken = try Repository.patchedRules("throughput.yml", replacing: "bands:", with: "bandz:")
        #expect(throws: PayarchError.self) { try cache.rules(directory: broken, loader: RuleBookLoader()) }
        #expect(entries(folder).isEmpty)
    }

    /// With the cache off (no folder) the rules come straight from the loader.
    @Test func theCacheOffLoadsTheRulesDirectly() throws {
        let book = try ResourceCache(folder: nil).rules(directory: Repository.rules, loader: RuleBookLoader())
        #expect(book.rails.count == Bundled.rules.rails.count)
    }

    /// Templates that passed their checks are marked; a changed template is checked again, so a lint error
    /// is never hidden by an earlier mark.
    @Test func templateChecksAreSkippedOnlyForTheSetThatPassedThem() throws {
        let folder = try Repository.temporaryDirectory()
        let cache = ResourceCache(folder: folder)
        let directory = try Repository.patchedTemplates("extra.mustache", contents: "fine\n")
        _ = try cache.templates(directory: directory, maxBytes: YAMLLoader.defaultMaxBytes)
        #expect(entries(folder).contains { $0.hasPrefix("templates-") && $0.hasSuffix(".checked") })
        _ = try cache.templates(directory: directory, maxBytes: YAMLLoader.defaultMaxBytes)
        try Repository.write("{{#open}}never closed\n", to: directory + "/extra.mustache")
        #expect(throws: PayarchError.self) { try cache.templates(directory: directory, maxBytes: YAMLLoader.defaultMaxBytes) }
    }
}
