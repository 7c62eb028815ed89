import Foundation
import PayarchTestSupport
import Testing

/// Text from inputs, file names and arguments reaches no terminal and no Markdown raw, whichever command
/// and format prints it.
@Suite(.temporaryDirectories) struct UntrustedTextTests {
    let payarch = BinaryRunner.built

    func hostileInput() throws -> String {
        let directory = try Repository.temporaryDirectory()
        let path = directory + "/x\u{1B}[2Jy.yml"
        try Repository.write(
            "payment_rails: \"Stripe and Acme\\e[31mRed Pay payments, Zed_Evil_Pay payments\"\nthroughput_requirements: \"10,000 TPS peak, P99 under 300 ms \\e]0;pwned\\a \\u202Eevil \\x9b2J Evil@Example.Com\"\nconsistency_constraints: \"Strict serializability required\"\n",
            to: path)
        return path
    }

    static func rawControls(_ text: String) -> Int {
        text.unicodeScalars.filter { scalar in
            scalar != "\n" && (scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || (0x202A...0x202E).contains(scalar.value))
        }.count
    }

    @Test func compareTextEscapesInputValuesAndFileNames() throws {
        let path = try hostileInput()
        let result = try payarch.run(["compare", path, "case:1", "--diff"])
        #expect(result.status == 0)
        #expect(Self.rawControls(result.stdout) == 0, "\(result.stdout.debugDescription.prefix(400))")
        #expect(result.stdout.contains("A: \(path.replacingOccurrences(of: "\u{1B}", with: "\\u{1B}"))"))
        #expect(result.stdout.contains("--- A: "))
    }

    @Test func compareMarkdownEscapesInputInEveryCell() throws {
        let path = try hostileInput()
        let result = try payarch.run(["compare", path, "case:1", "--format", "markdown"])
        #expect(result.status == 0)
        #expect(Self.rawControls(result.stdout) == 0)
        let rails = try #require(result.stdout.split(separator: "\n").first { $0.contains("| Rails |") })
        #expect(rails.contains("Zed\\_Evil\\_Pay"), "\(rails)")
        #expect(!result.stdout.contains("Evil@Example.Com") || result.stdout.contains("`Evil@Example.Com`"))
    }

    /// swift-argument-parser's own errors come out in payarch's format, escaped, exit 64, with the usage.
    @Test(arguments: [
        (["generate", "--\u{1B}[31mfoo\u{7}"], "Unknown option '--\\u{1B}[31mfoo\\u{7}'"),
        (["generate", "--format", "\u{1B}]0;pwned\u{7}"], "The value '\\u{1B}]0;pwned\\u{7}' is invalid for '--format <format>'"),
        (["\u{1B}[2Jgen"], "Unexpected argument '\\u{1B}[2Jgen'"),
        (["generate", "--case", "0"], "--case must be 1 or more"),
    ])
    func argumentErrorsAreDiagnosticsInTheOneFormat(_ arguments: [String], _ message: String) throws {
        let result = try payarch.run(arguments)
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("payarch: error: [usage.arguments] " + message), "\(result.stderr)")
        #expect(result.stderr.contains("note: usage: payarch"))
        #expect(Self.rawControls(result.stderr) == 0)
    }

    @Test func helpStillGoesToStdoutWithExitZero() throws {
        let result = try payarch.run(["generate", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: payarch generate"))
        #expect(result.stderr.isEmpty)
    }

    @Test func invisibleFormatCharactersAreShownInDiagnostics() throws {
        let result = try payarch.run(["generate", "--var", "payment_rails\u{200B}\u{E0041}\u{2060}=x"])
        #expect(result.stderr.contains("unknown variable 'payment_rails\\u{200B}\\u{E0041}\\u{2060}'"))
    }
}
