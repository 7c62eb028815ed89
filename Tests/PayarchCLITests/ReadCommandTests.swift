import Foundation
import PayarchTestSupport
import Testing

/// `payarch read`, reading warnings on stderr, and `--strict`, end to end.
@Suite(.temporaryDirectories) struct ReadCommandTests {
    let payarch = BinaryRunner.built

    func write(_ yaml: String) throws -> String {
        let path = try Repository.temporaryDirectory() + "/in.yml"
        try Repository.write(yaml, to: path)
        return path
    }

    @Test func readPrintsTheFactsTableWithPhrases() throws {
        let result = try payarch.run(["read", "--case", "1"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("Reading of case:1\n"))
        #expect(result.stdout.contains("Rails (payment_rails)\n  Stripe  card PSP API  known  name, card-not-present  \"Stripe\"\n"))
        #expect(result.stdout.contains("  peak         10,000 TPS"))
        #expect(result.stdout.contains("P99 ≤ 1,000 ms"))
        #expect(result.stdout.contains("  payment initiation      strict    strict serializability  \"Strict serializability\""))
        #expect(result.stdout.contains("  → ledger (decides)      eventual"))
    }

    @Test func readShowsRuledOutRailsDerivationsAssumptionsAndWarnings() throws {
        let result = try payarch.run([
            "read", "--var", "payment_rails=No ACH; Stripe now, Adyen later", "--var", "throughput_requirements=2 million payments per day",
            "--var", "consistency_constraints=payment state strongly consistent",
        ])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Ruled out\n"))
        #expect(result.stdout.contains("negated   \"ACH\" by \"No\""))
        #expect(result.stdout.contains("deferred  \"Adyen\" by \"later\""))
        #expect(result.stdout.contains("2,000,000 per day ÷ 86,400 s"))
        #expect(result.stdout.contains("Assumptions\n  - [throughput.peak-from-sustained]"))
        #expect(result.stdout.contains("Warnings\n  - [reading.assumed-peak] throughput_requirements, column 1:"))
        #expect(result.stderr.contains("warning: [reading.assumed-peak]"))
    }

    @Test func readJSONIsTheVersionedSchema() throws {
        let result = try payarch.run(["read", "--case", "2", "--format", "json"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["schema"] as? String == "payarch.reading/1")
        let facts = try #require(object["facts"] as? [String: Any])
        let rails = try #require(facts["rails"] as? [[String: Any]])
        #expect(rails.map { $0["name"] as? String } == ["ACH Debit", "SEPA Credit Transfer"])
        #expect(rails.map { $0["railClass"] as? String } == ["direct-debit", "batch-credit"])
        #expect(rails.allSatisfy { $0["known"] as? Bool == true })
        let throughput = try #require(facts["throughput"] as? [String: Any])
        #expect((throughput["designPeak"] as? [String: Any])?["tps"] as? Double == 1500)
        #expect((throughput["sustained"] as? [String: Any])?["tps"] as? Double == 500)
        let consistency = try #require(facts["consistency"] as? [String: Any])
        #expect((consistency["moneyPath"] as? [String: Any])?["tier"] as? String == "strict")
        #expect((consistency["ledger"] as? [String: Any])?["tier"] as? String == "strict")
        #expect((facts["assumptions"] as? [[String: Any]])?.isEmpty == false)
        let warnings = try #require(object["warnings"] as? [[String: Any]])
        let scheme = try #require(warnings.first { $0["id"] as? String == "reading.ambiguous-scheme" })
        #expect(scheme["variable"] as? String == "payment_rails")
        #expect(scheme["column"] as? Int == 1)
        #expect(scheme["line"] as? Int == 60)
    }

    @Test func generateJSONCarriesTheSameFactsUnderItsOwnSchema() throws {
        let result = try payarch.run(["generate", "--case", "1", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["schema"] as? String == "payarch.design/2")
        let rails = try #require((object["facts"] as? [String: Any])?["rails"] as? [[String: Any]])
        #expect(rails.first?["name"] as? String == "Stripe")
    }

    @Test func warningsPointAtTheirColumnInTheInputFile() throws {
        let path = try write("payment_rails: \"Stripe and Satispay payments\"\nthroughput_requirements: \"300 TPS peak\"\nconsistency_constraints: strong\n")
        let result = try payarch.run(["generate", "--input", path])
        #expect(result.status == 0)
        #expect(result.stderr.contains("in.yml:1:28: warning: [reading.unknown-rail]"), "\(result.stderr)")
    }

    @Test func warningsAreAlsoInTheDocument() throws {
        let result = try payarch.run(["generate", "--var", "payment_rails=SEPA", "--var", "throughput_requirements=50 TPS", "--var", "consistency_constraints=strong"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("warning: [reading.ambiguous-scheme] payment_rails, column 1: 'SEPA' names a scheme with several rails"))
        #expect(result.stdout.contains("Read with a doubt (check these before relying on the design):\n\n- `reading.ambiguous-scheme`: 'SEPA' names a scheme"))
    }

    @Test(arguments: [["generate"], ["read"], ["compare", "case:1"]])
    func strictTurnsWarningsIntoExit65AndWritesNothing(_ command: [String]) throws {
        let path = try write("payment_rails: cards\nthroughput_requirements: fast\nconsistency_constraints: consistent\n")
        let output = try Repository.temporaryDirectory() + "/out.md"
        let arguments = command == ["compare", "case:1"] ? command + [path, "--strict", "--output", output] : command + ["--input", path, "--strict", "--output", output]
        let result = try payarch.run(arguments)
        #expect(result.status == 65)
        #expect(result.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: output), "nothing is written")
        #expect(result.stderr.contains("warning: [reading.no-rail]"))
        #expect(result.stderr.contains("error: [usage.strict] 3 warnings with --strict; nothing was written"))
        let relaxed = try payarch.run(Array(arguments.filter { $0 != "--strict" }))
        #expect(relaxed.status == 0)
    }

    @Test func strictPassesACleanReading() throws {
        let result = try payarch.run(["generate", "--case", "1", "--strict"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
    }

    @Test func aThroughputWithOnlyAnAbsurdFigureIsAnErrorForGenerateButReadShowsIt() throws {
        let arguments = ["--var", "payment_rails=Stripe", "--var", "throughput_requirements=0 TPS", "--var", "consistency_constraints=strong"]
        let generate = try payarch.run(["generate"] + arguments)
        #expect(generate.status == 65)
        #expect(generate.stderr.contains("error: [input.tps-zero]"))
        let read = try payarch.run(["read"] + arguments)
        #expect(read.status == 0)
        #expect(read.stdout.contains("[reading.zero-figure]"))
    }
}
