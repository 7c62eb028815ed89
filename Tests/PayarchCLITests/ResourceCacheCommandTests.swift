import Foundation
import PayarchKit
import PayarchTestSupport
import Testing

/// The binary's resource cache changes how fast payarch starts, never what it prints.
@Suite(.temporaryDirectories) struct ResourceCacheCommandTests {
    let payarch = BinaryRunner.built

    @Test func outputIsTheSameWithTheCacheColdWarmAndOff() throws {
        let folder = try Repository.temporaryDirectory()
        var environment = ProcessInfo.processInfo.environment
        environment["PAYARCH_CACHE_DIR"] = folder + "/cache"
        for arguments in [["generate", "--case", "1"], ["generate", "--case", "2", "--format", "json"], ["validate"]] {
            let cold = try payarch.run(arguments, environment: environment)
            let warm = try payarch.run(arguments, environment: environment)
            environment["PAYARCH_CACHE_DIR"] = ""
            let off = try payarch.run(arguments, environment: environment)
            environment["PAYARCH_CACHE_DIR"] = folder + "/cache"
            #expect(cold.status == 0 && warm.status == 0 && off.status == 0)
            #expect(cold.stdout == warm.stdout && warm.stdout == off.stdout, "\(arguments)")
        }
        let entries = try FileManager.default.contentsOfDirectory(atPath: folder + "/cache")
        #expect(entries.contains { $0.hasPrefix("rules-") } && entries.contains { $0.hasPrefix("templates-") })
    }

    /// Broken rules given with --rules are reported although a snapshot of the bundled rules exists.
    @Test func brokenRulesAreReportedWithAWarmCache() throws {
        let folder = try Repository.temporaryDirectory()
        var environment = ProcessInfo.processInfo.environment
        environment["PAYARCH_CACHE_DIR"] = folder + "/cache"
        #expect(try payarch.run(["generate", "--case", "1"], environment: environment).status == 0)
        let broken = try Repository.patchedRules("throughput.yml", replacing: "bands:", with: "bandz:")
        let result = try payarch.run(["generate", "--case", "1", "--rules", broken], environment: environment)
        #expect(result.status == 65)
        #expect(result.stderr.contains("throughput.yml"))
    }
}
