import Foundation
import Testing
import PayarchTestSupport
@testable import PayarchKit

/// One case of a reading corpus (`Tests/Fixtures/reading/*.yml`): three inputs and what a payments
/// engineer reads from them.
struct ReadingCase: Sendable, CustomTestStringConvertible {
    var id: String
    var tests: [String]
    var rails: String
    var throughput: String
    var consistency: String
    var expectedRails: [String]
    var excluded: [String]?
    var unknown: [String]?
    var notRails: [String]
    var railKinds: [(String, String)]
    var peak: Double?
    var sustained: Double?
    var latency: String?
    var levels: [(String, String)]
    var vague: Bool?
    var line: Int

    var testDescription: String { id }

    static func load(_ name: String) -> [ReadingCase] {
        load(path: Repository.fixtures + "/reading/" + name)
    }

    static func load(path: String) -> [ReadingCase] {
        let source = try! SourceFile.read(path)
        let root = try! YAMLLoader().loadDocuments(source)[0]
        let cases = try! MappingReader(root, what: "corpus").required("cases").sequenceItems(for: "cases")
        return cases.map { node in
            let map = try! MappingReader(node, what: "case")
            let input = try! MappingReader(try! map.required("in"), what: "in")
            let expect = try! MappingReader(try! map.required("expect"), what: "expect")
            func number(_ key: String) -> Double? {
                guard let node = expect[key], !node.isNull else { return nil }
                return try! node.number(for: key)
            }
            func pairs(_ key: String) -> [(String, String)] {
                guard let node = expect[key], !node.isNull else { return [] }
                return try! MappingReader(node, what: key).entries.map { ($0.key, try! $0.value.string(for: key)) }
            }
            func list(_ key: String) -> [String]? {
                guard let node = expect[key] else { return nil }
                return node.isNull ? [] : try! node.strings(for: key)
            }
            func text(_ key: String) -> String {
                guard let node = input[key], !node.isNull else { return "" }
                return (try? node.string(for: key)) ?? ""
            }
            return ReadingCase(
                id: try! map.required("id").string(for: "id"), tests: (try? map.stringList("tests")) ?? [],
                rails: text("payment_rails"), throughput: text("throughput_requirements"),
                consistency: text("consistency_constraints"), expectedRails: list("rails") ?? [], excluded: list("excluded"),
                unknown: list("unknown"), notRails: list("not_rails") ?? [], railKinds: pairs("rail_kinds"),
                peak: number("peak_tps"), sustained: number("sustained_tps"),
                latency: expect["latency"].flatMap { $0.isNull ? nil : try! $0.string(for: "latency") },
                levels: pairs("consistency"), vague: expect["vague"].flatMap { try? $0.bool(for: "vague") },
                line: node.location.line)
        }
    }

    /// Every difference between what payarch reads and what the case expects.
    func differences(reading: InputReader.Reading) -> [String] {
        var problems: [String] = []
        let facts = reading.facts
        let read = facts.rails.filter { $0.reading != .assumed }
        // `rails` lists the rails of the catalogue (and token-on-chain pairs); `unknown` the others.
        let names = read.filter { $0.known }.map(\.name)
        if names != expectedRails {
            problems.append("rails \(names) ≠ \(expectedRails)")
        }
        if let excluded, Set(facts.excludedRails.map(\.name)) != Set(excluded) {
            problems.append("excluded \(facts.excludedRails.map(\.name)) ≠ \(excluded)")
        }
        if let unknown, Set(read.filter { !$0.known }.map(\.name)) != Set(unknown) {
            problems.append("unknown \(read.filter { !$0.known }.map(\.name)) ≠ \(unknown)")
        }
        for word in notRails where names.contains(where: { $0.lowercased() == word.lowercased() }) {
            problems.append("'\(word)' read as a rail")
        }
        for (name, kind) in railKinds {
            if let rail = read.first(where: { $0.name == name }), rail.railClass != kind {
                problems.append("\(name) class \(rail.railClass) ≠ \(kind)")
            }
        }
        func same(_ actual: Double?, _ expected: Double?) -> Bool {
            switch (actual, expected) {
            case (nil, nil): return true
            case (let actual?, let expected?): return abs(actual - expected) <= max(0.006, abs(expected) * 0.006)
            default: return false
            }
        }
        if !same(facts.throughput.peak?.tps, peak) {
            problems.append("peak \(facts.throughput.peak.map { ThroughputFormat.format($0.tps) } ?? "nil") ≠ \(peak.map { ThroughputFormat.format($0) } ?? "nil")")
        }
        if !same(facts.throughput.sustained?.tps, sustained) {
            problems.append("sustained \(facts.throughput.sustained.map { ThroughputFormat.format($0.tps) } ?? "nil") ≠ \(sustained.map { ThroughputFormat.format($0) } ?? "nil")")
        }
        let latencyText = facts.throughput.latency.first.map { target in
            (target.percentile.map { "P" + ThroughputFormat.format($0) + " " } ?? "") + "< "
                + ThroughputFormat.format(target.milliseconds).replacingOccurrences(of: ",", with: "") + " ms"
        }
        if latencyText != latency { problems.append("latency \(latencyText ?? "nil") ≠ \(latency ?? "nil")") }
        let levelsRead = facts.consistency.scopes.map { ($0.scope, $0.tier) }.sorted { $0.0 < $1.0 }
        let expectedLevels = levels.sorted { $0.0 < $1.0 }
        if levelsRead.map({ "\($0.0): \($0.1)" }) != expectedLevels.map({ "\($0.0): \($0.1)" }) {
            problems.append("consistency \(levelsRead.map { "\($0.0): \($0.1)" }) ≠ \(expectedLevels.map { "\($0.0): \($0.1)" })")
        }
        if let vague {
            let readVague = reading.warnings.contains { $0.id == "reading.no-rail" || $0.id == "reading.no-throughput" }
            if readVague != vague { problems.append("vague \(readVague) ≠ \(vague)") }
        }
        return problems
    }
}
