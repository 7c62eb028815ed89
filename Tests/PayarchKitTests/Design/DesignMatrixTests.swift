import Foundation
import PayarchTestSupport
import Testing
@testable import PayarchKit

/// Renders every reachable design (each rail class × volume band × consistency tier × ledger mode ×
/// availability stance × region setting, which between them reach every store, locking strategy, ledger
/// mode and region mode) and runs the self-check over each: no text that does not apply, no contradiction
/// with the decisions, no paragraph twice, no malformed diagram. Every rail of the catalogue is also
/// rendered alone, so no class text names a rail that was not given.
@Suite(.temporaryDirectories) struct DesignMatrixTests {
    struct Axis {
        static let bands = [("low", "100 TPS"), ("moderate", "1,000 TPS"), ("high", "10,000 TPS"), ("extreme", "100,000 TPS")]
        static let tiers = [
            ("strict", "strict serializability"), ("strong", "strong consistency"), ("causal", "causal consistency"),
            ("eventual", "eventual consistency"),
        ]
        static let ledgers = [("strong", "strong consistency"), ("eventual", "eventual consistency")]
    }

    /// One rail per class: the first of its catalogue file (resource managers come as a pair, since an
    /// XA design needs two).
    static func representatives() -> [(railClass: String, rails: String)] {
        Bundled.rules.railClasses.map(\.id).sorted().compactMap { id in
            if id == "xa-resource" { return (id, "Oracle and IBM MQ as XA resource managers") }
            return Bundled.rules.rails.first { $0.railClass == id }.map { (id, $0.name) }
        }
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var railClass: String
        var rails: String
        var band: (id: String, text: String)
        var tier: (id: String, text: String)
        var ledger: (id: String, text: String)
        var availability: Bool
        var multiRegion: Bool
        var consistency: String {
            var text = "\(tier.text) for payment initiation; \(ledger.text) for the ledger"
            if availability { text += "; wallet balances may favour availability over consistency" }
            if multiRegion { text += "; active-active across two regions" }
            return text
        }
        var testDescription: String { "\(railClass) \(band.id) \(tier.id) ledger=\(ledger.id) ap=\(availability) mr=\(multiRegion)" }
    }

    static func cases() -> [Case] {
        var cases: [Case] = []
        for (railClass, rails) in representatives() {
            for band in Axis.bands {
                for tier in Axis.tiers {
                    for ledger in Axis.ledgers {
                        for availability in [false, true] {
                            for multiRegion in [false, true] {
                                cases.append(
                                    Case(
                                        railClass: railClass, rails: rails, band: band, tier: tier, ledger: ledger, availability: availability,
                                        multiRegion: multiRegion))
                            }
                        }
                    }
                }
            }
        }
        return cases
    }

    @Test(arguments: representatives().map(\.railClass))
    func everyReachableDesignPassesTheSelfCheck(_ railClass: String) throws {
        let checker = DesignSelfCheck(rules: Bundled.rules)
        var failures: [String] = []
        var stores: Set<String> = []
        var designTime = Duration.zero
        var checkTime = Duration.zero
        let clock = ContinuousClock()
        for item in Self.cases() where item.railClass == railClass {
            let inputs = try Bundled.inputs(rails: item.rails, throughput: item.band.text, consistency: item.consistency)
            let start = clock.now
            let (plan, markdown) = try Bundled.design(inputs)
            designTime += clock.now - start
            let keys = try #require(plan.decision("coordination")?.keys)
            // The input was read as meant, so the matrix really covers what it claims.
            #expect(keys.first { $0.dimension == "tpsBand" }?.value == item.band.id, "\(item.testDescription)")
            #expect(plan.decision("regions")?.keys.first { $0.dimension == "regions" }?.value == (item.multiRegion ? "multi-region" : "single-region"))
            #expect(plan.decision("ledger")?.keys.first?.value == item.ledger.id, "\(item.testDescription)")
            stores.insert(plan.decision("datastore")?.row ?? "")
            let checkStart = clock.now
            for finding in checker.check(markdown, plan: plan) {
                failures.append("\(item.testDescription): \(finding)")
            }
            checkTime += clock.now - checkStart
        }
        if let path = ProcessInfo.processInfo.environment["PAYARCH_MATRIX_REPORT"] {
            let text = "== \(railClass): design \(designTime), check \(checkTime), stores \(stores.sorted())\n" + failures.joined(separator: "\n") + "\n"
            try text.write(toFile: path + "/" + railClass + ".txt", atomically: true, encoding: .utf8)
        }
        #expect(failures.isEmpty, "\(failures.count) findings:\n\(failures.prefix(40).joined(separator: "\n"))")
        let expected: Set<String> = railClass == "xa-resource"
            ? ["STORE-XA-RESOURCE", "STORE-XA-LOCAL", "STORE-XA-LOCAL-RELAXED"] : ["STORE-PG-SINGLE", "STORE-PG-SHARDED", "STORE-SPANNER", "STORE-COCKROACH", "STORE-DYNAMODB"]
        #expect(stores == expected)
    }

    /// Every store an input may say it runs, beside every class that keeps a payment database, at the
    /// lowest and highest band, in one region and across two, with either ledger: the design takes that
    /// store's row and passes the same self-check, so no other store's idiom reaches it.
    @Test(arguments: Bundled.rules.vocabulary.stores.map(\.engine))
    func everyStatedStoreInEveryClassPassesTheSelfCheck(_ engine: String) throws {
        let checker = DesignSelfCheck(rules: Bundled.rules)
        let name = try #require(Bundled.rules.vocabulary.stores.first { $0.engine == engine }?.aliases.first)
        var failures: [String] = []
        for (railClass, rails) in Self.representatives() where railClass != "xa-resource" {
            for band in [Axis.bands[0], Axis.bands[3]] {
                for ledger in Axis.ledgers {
                    for multiRegion in [false, true] {
                        let consistency = "strong consistency for payments; \(ledger.1) for the ledger; we run \(name)"
                            + (multiRegion ? "; active-active across two regions" : "")
                        let inputs = try Bundled.inputs(rails: rails, throughput: band.1, consistency: consistency)
                        let (plan, markdown) = try Bundled.design(inputs)
                        let label = "\(railClass) \(band.0) ledger=\(ledger.0) mr=\(multiRegion)"
                        #expect(plan.decision("datastore")?.text("engine") == engine, "\(label)")
                        #expect(markdown.contains("| Store in use |"), "\(label)")
                        failures += checker.check(markdown, plan: plan).map { "\(label): \($0)" }
                    }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) findings:\n\(failures.prefix(40).joined(separator: "\n"))")
    }

    /// Every mode stated beside every class, at the lowest and highest band: the mode's items pass the same
    /// self-check as the rest of the design.
    @Test(arguments: Bundled.rules.reading.railWords.modes.map(\.mode))
    func everyModeInEveryClassPassesTheSelfCheck(_ mode: String) throws {
        let checker = DesignSelfCheck(rules: Bundled.rules)
        let word = try #require(Bundled.rules.reading.railWords.modes.first { $0.mode == mode }?.words.first)
        var failures: [String] = []
        for (railClass, rails) in Self.representatives() {
            for band in [Axis.bands[0], Axis.bands[3]] {
                let inputs = try Bundled.inputs(rails: rails, throughput: band.1, consistency: "strong consistency. We use \(word).")
                let (plan, markdown) = try Bundled.design(inputs)
                #expect(plan.facts.modes.contains { $0.mode == mode }, "\(railClass) \(mode)")
                failures += checker.check(markdown, plan: plan).map { "\(railClass) \(band.0) \(mode): \($0)" }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) findings:\n\(failures.prefix(40).joined(separator: "\n"))")
    }

    @Test(arguments: Bundled.rules.rails.map(\.id))
    func everyRailAloneNamesNoOtherRail(_ id: String) throws {
        let rail = try #require(Bundled.rules.rail(id))
        let checker = DesignSelfCheck(rules: Bundled.rules)
        // A resource manager is read as a rail only in an XA pairing.
        let railText = rail.railClass == "xa-resource" ? rail.name + " and " + (id == "ibm-mq" ? "Oracle" : "IBM MQ") + " under XA" : rail.name
        let inputs = try Bundled.inputs(rails: railText, throughput: "1,000 TPS", consistency: "strong consistency")
        let (plan, markdown) = try Bundled.design(inputs)
        #expect(plan.facts.rails.map(\.id).contains(id))
        let findings = checker.check(markdown, plan: plan)
        #expect(findings.isEmpty, "\(findings.map(\.description).joined(separator: "\n"))")
    }

    /// Every diagram kind (each class's labels under each pattern and ledger mode, and the examples) parses
    /// with the real Mermaid parser. It runs where `PAYARCH_MERMAID_BUNDLE` names mermaid's parser bundle
    /// and `node` is installed (`.ci/run` sets both up); the structural check above runs everywhere.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["PAYARCH_MERMAID_BUNDLE"] != nil))
    func everyDiagramParsesWithTheRealMermaidParser() throws {
        let bundle = try #require(ProcessInfo.processInfo.environment["PAYARCH_MERMAID_BUNDLE"])
        var diagrams: Set<String> = []
        for (_, rails) in Self.representatives() {
            for band in [Axis.bands[0], Axis.bands[3]] {
                for tier in [Axis.tiers[0], Axis.tiers[3]] {
                    for ledger in Axis.ledgers {
                        let consistency = "\(tier.1) for payment initiation; \(ledger.1) for the ledger"
                        let markdown = try Bundled.design(try Bundled.inputs(rails: rails, throughput: band.1, consistency: consistency)).1
                        diagrams.formUnion(DesignSelfCheck.mermaidBlocks(markdown))
                    }
                }
            }
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: Repository.examples) where name.hasSuffix(".md") {
            diagrams.formUnion(DesignSelfCheck.mermaidBlocks(try #require(Repository.read(Repository.examples + "/" + name))))
        }
        #expect(diagrams.count > 10)
        let directory = try Repository.temporaryDirectory()
        var files: [String] = []
        for (index, diagram) in diagrams.sorted().enumerated() {
            let path = directory + "/diagram-\(index).mmd"
            try diagram.write(toFile: path, atomically: true, encoding: .utf8)
            files.append(path)
        }
        let script = directory + "/parse.js"
        try """
            const load = require(process.argv[2]);
            const parse = load.default || load;
            const fs = require('fs');
            (async () => {
              let failed = 0;
              for (const file of process.argv.slice(3)) {
                try { await parse(fs.readFileSync(file, 'utf8')); }
                catch (error) { failed++; console.log(file + ': ' + String(error.message || error).split('\\n')[0]); }
              }
              process.exit(failed ? 1 : 0);
            })();
            """.write(toFile: script, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["node", script, bundle] + files
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
    }
}
