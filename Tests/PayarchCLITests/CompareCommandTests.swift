import Foundation
import PayarchKit
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
        #expect(same.stdout.contains("0 of 44 rows differ; the designs are identical"))
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
        var environment = BinaryRunner.inheritedEnvironment
        environment["NO_COLOR"] = nil
        let coloured = try script.run(["-qec", command, "/dev/null"], environment: environment)
        #expect(coloured.stdout.contains("\u{1B}[1;33m"))
        environment["NO_COLOR"] = "1"
        let plain = try script.run(["-qec", command, "/dev/null"], environment: environment)
        #expect(!plain.stdout.contains("\u{1B}["))
        #expect(plain.stdout.contains("Primary coordination pattern"))
    }

    /// With COLUMNS set, no line of the text table is wider, and multi-byte text is never cut inside a
    /// character (the output stays valid UTF-8: decoding it replaced nothing).
    @Test(arguments: [60, 200])
    func theTableFitsColumns(_ columns: Int) throws {
        let input = try Repository.temporaryDirectory() + "/wide.input.yml"
        try Repository.write(
            """
            payment_rails: "Stripe and 支付宝 for Sammelüberweisungsverfahrensbeschreibungen, PayPal 🙂 and Adyen"
            throughput_requirements: "2,000 TPS peak, p99 under 300 ms"
            consistency_constraints: "A customer is charged exactly once; the ledger may lag."
            """, to: input)
        var environment = ProcessInfo.processInfo.environment
        environment["COLUMNS"] = String(columns)
        for pair in [["case:1", "case:2"], [input, "case:1"]] {
            let result = try payarch.run(["compare"] + pair, environment: environment)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!result.stdout.contains("\u{FFFD}"))
            let lines = result.stdout.split(separator: "\n")
            #expect(lines.count > 40)
            for line in lines where TerminalColumns.width(of: line) > columns {
                Issue.record("\(TerminalColumns.width(of: line)) columns: \(line)")
            }
            #expect(lines.contains { TerminalColumns.width(of: $0) >= columns - 1 }, "the table uses the width")
        }
        #expect(try payarch.run(["compare", input, "case:1"], environment: environment).stdout.contains("支付宝"))
    }

    /// Without a usable COLUMNS and without a terminal, the table has its standard 128 columns.
    @Test func withoutColumnsTheTableHasItsStandardWidth() throws {
        var environment = BinaryRunner.inheritedEnvironment
        let standard = try payarch.run(["compare", "case:1", "case:2"], environment: environment).stdout
        #expect(standard == Repository.read(Golden.directory + "/compare-case1-case2.txt"))
        for columns in ["", "abc", "0", "-5"] {
            environment["COLUMNS"] = columns
            #expect(try payarch.run(["compare", "case:1", "case:2"], environment: environment).stdout == standard, "COLUMNS=\(columns)")
        }
        environment["COLUMNS"] = "20"
        let narrowest = try payarch.run(["compare", "case:1", "case:2"], environment: environment).stdout
        #expect(narrowest.split(separator: "\n").map { TerminalColumns.width(of: $0) }.max() == 40)
    }

    @Test func onATerminalTheTableFitsItsWidth() throws {
        // `script` gives the command a pseudo-terminal; stty sets its width.
        let script = BinaryRunner(executable: "/usr/bin/script")
        guard FileManager.default.isExecutableFile(atPath: script.executable) else { return }
        var environment = BinaryRunner.inheritedEnvironment
        environment["NO_COLOR"] = "1"
        // Warnings go to stderr, which is the terminal too; they are not part of the table.
        let command = "stty cols 70 && \(payarch.executable) compare case:1 case:2 2>/dev/null"
        let result = try script.run(["-qec", command, "/dev/null"], environment: environment)
        let lines = result.stdout.replacingOccurrences(of: "\r", with: "").split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("≠ Rails") })
        #expect(lines.map { TerminalColumns.width(of: $0) }.max() == 70)
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
