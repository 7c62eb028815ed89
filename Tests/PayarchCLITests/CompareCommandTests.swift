import Foundation
import PayarchTestSupport
import Testing

/// `payarch compare` end to end.
@Suite(.temporaryDirectories) struct CompareCommandTests {
    let payarch = BinaryRunner.built

    @Test func seedCasesShowOutboxAgainstSaga() throws {
        let result = try payarch.run(["compare", "case:1", "case:2"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("≠ Primary coordination pattern │ Outbox Pattern"))
        #expect(result.stdout.contains("[COORD-OUTBOX-API]"))
        #expect(result.stdout.contains("[COORD-SAGA-ORCHESTRATED]"))
        #expect(!result.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")
    }

    @Test func exitCodeReportsDifferences() throws {
        #expect(try payarch.run(["compare", "case:1", "case:2", "--exit-code"]).status == 1)
        let example = Repository.examples + "/case-1-stripe-paypal.input.yml"
        let same = try payarch.run(["compare", "case:1", example, "--exit-code", "--diff"])
        #expect(same.status == 0)
        #expect(same.stdout.contains("0 of 43 rows differ; the designs are identical"))
    }

    @Test func diffIsAUnifiedDiffOfTheDesigns() throws {
        let result = try payarch.run(["compare", "case:1", "case:2", "--diff"])
        #expect(result.stdout.contains("--- A: case:1\n+++ B: case:2\n@@ -1,"))
        #expect(result.stdout.contains("\n-# Idempotent Payment Architecture: Stripe, PayPal\n"))
        #expect(result.stdout.contains("\n+# Idempotent Payment Architecture: ACH Debit, SEPA Credit Transfer\n"))
    }

    @Test func colourOnATerminalUnlessNoColor() throws {
        // `script` gives the command a pseudo-terminal as its stdout.
        let script = BinaryRunner(executable: "/usr/bin/script")
        guard FileManager.default.isExecutableFile(atPath: script.executable) else { return }
        let command = "\(payarch.executable) compare case:1 case:2"
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = nil
        let coloured = try script.run(["-qec", command, "/dev/null"], environment: environment)
        #expect(coloured.stdout.contains("\u{1B}[1;33m"))
        environment["NO_COLOR"] = "1"
        let plain = try script.run(["-qec", command, "/dev/null"], environment: environment)
        #expect(!plain.stdout.contains("\u{1B}["))
        #expect(plain.stdout.contains("Primary coordination pattern"))
    }

    @Test func formats() throws {
        let markdown = try payarch.run(["compare", "case:1", "case:2", "--format", "markdown"])
        #expect(markdown.stdout.hasPrefix("# Design Comparison\n"))
        let json = try payarch.run(["compare", "case:1", "case:2", "--format", "json", "--diff"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["designsDiffer"] as? Bool == true)
        #expect((object["diff"] as? String)?.hasPrefix("--- A: case:1") == true)
    }

    @Test func badArgumentsAndFiles() throws {
        let range = try payarch.run(["compare", "case:1", "case:9"])
        #expect(range.status == 64)
        #expect(try payarch.run(["compare", "case:x", "case:1"]).status == 64)
        #expect(try payarch.run(["compare", "case:1"]).status == 64)
        #expect(try payarch.run(["compare", "case:1", "/no/such/input.yml"]).status == 66)
        let directory = try Repository.temporaryDirectory()
        try Repository.write("payment_rails: [x]\n", to: directory + "/bad.yml")
        #expect(try payarch.run(["compare", "case:1", directory + "/bad.yml"]).status == 65)
        #expect(try payarch.run(["compare", "case:1", "case:2", "--output", "/no/such/dir/out.txt"]).status == 73)
    }
}
