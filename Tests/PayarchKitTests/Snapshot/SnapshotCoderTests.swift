import Foundation
import PayarchTestSupport
import Testing
@testable import PayarchKit

/// The snapshot format round-trips every shape the rule book uses, and a damaged snapshot throws
/// instead of trapping.
@Suite struct SnapshotCoderTests {
    struct Sample: Codable, Equatable {
        enum Kind: String, Codable { case first, second }
        enum Payload: Codable, Equatable {
            case text(String)
            case list([String])
        }
        var name: String
        var count: Int
        var ratio: Double
        var flag: Bool
        var optional: String?
        var missing: Int?
        var kinds: [Kind]
        var table: [String: Set<String>]
        var nested: [[String: String]]
        var payloads: [Payload]
        var big: UInt64
        var negative: Int64
    }

    static let sample = Sample(
        name: "Stripe ✓ \u{0}", count: 42, ratio: -0.125, flag: true, optional: "present", missing: nil,
        kinds: [.second, .first], table: ["a": ["x", "y"], "b": []], nested: [["k": "v"], [:]],
        payloads: [.text("one"), .list(["two", "three"])], big: .max, negative: .min)

    @Test func aValueRoundTrips() throws {
        let bytes = try SnapshotEncoder().encode(Self.sample)
        #expect(try SnapshotDecoder().decode(Sample.self, from: bytes) == Self.sample)
    }

    @Test func theBundledRuleBookRoundTripsAndDesignsAlike() throws {
        let book = Bundled.rules
        let decoded = try SnapshotDecoder().decode(RuleBook.self, from: try SnapshotEncoder().encode(book))
        let fresh = DesignGenerator(rules: book, templates: Bundled.generator.templates)
        let restored = DesignGenerator(rules: decoded, templates: Bundled.generator.templates)
        for (rails, throughput, consistency) in [
            ("Stripe and PayPal", "2,000 TPS peak", "strong for payments, eventual for reporting"),
            ("ACH Debit, SEPA Direct Debit", "50 TPS", "strict serializability"),
            ("USDC on Ethereum, Bitcoin", "300 TPS", "eventual"),
            ("Oracle and IBM MQ as XA resource managers", "40 TPS", "atomic commit across both"),
        ] {
            let inputs = try Bundled.inputs(rails: rails, throughput: throughput, consistency: consistency)
            let (planA, warningsA) = try fresh.plan(inputs)
            let (planB, warningsB) = try restored.plan(inputs)
            #expect(try fresh.markdown(planA) == restored.markdown(planB), "\(rails)")
            #expect(try fresh.json(planA, inputs: inputs, warnings: warningsA) == restored.json(planB, inputs: inputs, warnings: warningsB))
        }
    }

    /// Every truncation and every single-byte change of a snapshot either decodes or throws.
    @Test func aDamagedSnapshotThrowsAndNeverTraps() throws {
        let bytes = try SnapshotEncoder().encode(Self.sample)
        for length in 0..<bytes.count {
            #expect(throws: (any Error).self) { try SnapshotDecoder().decode(Sample.self, from: Array(bytes[..<length])) }
        }
        for index in bytes.indices {
            for value: UInt8 in [0, 0x7F, 0x80, 0xFF] {
                var damaged = bytes
                damaged[index] = value
                _ = try? SnapshotDecoder().decode(Sample.self, from: damaged)
            }
        }
        #expect(throws: (any Error).self) { try SnapshotDecoder().decode(Sample.self, from: bytes + [0]) }
    }
}
