import Foundation
import PayarchKit
import PayarchTestSupport
import Testing

/// Batch generation (several --input files, --output-dir, JSON Lines on stdin), several documents in one
/// validate run, `-` for stdin and stdout, and --version.
@Suite(.temporaryDirectories) struct BatchAndPipeTests {
    let payarch = BinaryRunner.built
    static let case1 = Repository.examples + "/case-1-stripe-paypal.input.yml"
    static let case2 = Repository.examples + "/case-2-ach-sepa.input.yml"

    func sandbox() throws -> String { try Repository.temporaryDirectory() }

    @Test func versionIsPrinted() throws {
        let result = try payarch.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout == PayarchVersion.current + "\n")
    }

    /// One design per input, named after it, identical to the single-input design.
    @Test func severalInputsWriteOneDesignEachIntoTheFolder() throws {
        let folder = try sandbox()
        let result = try payarch.run(["generate", "--input", Self.case1, "--input", Self.case2, "--output-dir", folder + "/out"])
        #expect(result.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/out").sorted() == ["case-1-stripe-paypal.md", "case-2-ach-sepa.md"])
        let single = try payarch.run(["generate", "--input", Self.case2])
        #expect(Repository.read(folder + "/out/case-2-ach-sepa.md") == single.stdout)
        let json = try payarch.run(["generate", "--input", Self.case1, "--output-dir", folder + "/json", "--format", "json"])
        #expect(json.status == 0)
        #expect(Repository.read(folder + "/json/case-1-stripe-paypal.json")?.hasPrefix("{") == true)
    }

    /// A bad input is reported with its position; the good ones are still written; the exit code is the
    /// bad input's.
    @Test func aBadInputInABatchFailsAloneWithItsPosition() throws {
        let folder = try sandbox()
        try Repository.write("payment_rails: Stripe\nthroughput_requirement: 5 TPS\n", to: folder + "/bad.input.yml")
        let result = try payarch.run(["generate", "--input", folder + "/bad.input.yml", "--input", Self.case1, "--output-dir", folder + "/out"])
        #expect(result.status == 65)
        #expect(result.stderr.contains(folder + "/bad.input.yml:2:1: error: [input.unknown-variable] unknown variable 'throughput_requirement'"))
        #expect(result.stderr.contains("wrote 1 of 2 designs; 1 inputs failed"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/out") == ["case-1-stripe-paypal.md"])
    }

    @Test func batchMistakesAreUsageErrorsBeforeAnyWork() throws {
        let folder = try sandbox()
        let several = try payarch.run(["generate", "--input", Self.case1, "--input", Self.case2])
        #expect(several.status == 64)
        #expect(several.stderr.contains("several --input files need --output-dir DIR (one design each) or --format jsonl"))
        let both = try payarch.run(["generate", "--input", Self.case1, "--output-dir", folder, "--output", folder + "/x.md"])
        #expect(both.status == 64)
        try FileManager.default.createDirectory(atPath: folder + "/b", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.case1, toPath: folder + "/b/case-1-stripe-paypal.input.yml")
        let clash = try payarch.run(["generate", "--input", Self.case1, "--input", folder + "/b/case-1-stripe-paypal.input.yml", "--output-dir", folder + "/out"])
        #expect(clash.status == 64)
        #expect(clash.stderr.contains("[output.same-name] two inputs would write the same design"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
        let twice = try payarch.run(["generate", "--input", "-", "--input", "-", "--format", "jsonl"])
        #expect(twice.status == 64)
    }

    /// Each line of standard input gives one output line, in order; a bad line gives an error line with
    /// its own line number and the rest go on.
    @Test func jsonLinesInGiveJSONLinesOut() throws {
        let lines = [
            #"{"payment_rails": "Stripe", "throughput_requirements": "100 TPS", "consistency_constraints": "strong"}"#,
            "",
            #"{"payment_rails": "ACH Debit", "throughput_requirements": "50 TPS", "consistency_constrants": "strong"}"#,
            #"{"payment_rails": "Visa", "throughput_requirements": "2,000 TPS", "consistency_constraints": "strong"}"#,
        ]
        let result = try payarch.run(["generate", "--input", "-", "--format", "jsonl"], standardInput: Array((lines.joined(separator: "\n") + "\n").utf8))
        #expect(result.status == 65)
        let output = result.stdout.split(separator: "\n")
        #expect(output.count == 3)
        #expect(output[0].hasPrefix(#"{"design":{"#) && output[0].hasSuffix(#","input":"<stdin>:1","schema":"payarch.batch/1"}"#))
        #expect(output[1].hasPrefix(#"{"error":[{"id":"input.unknown-variable","location":"<stdin>:3:"#))
        #expect(output[2].contains(#""input":"<stdin>:4""#) && output[2].hasPrefix(#"{"design":"#))
        #expect(result.stderr.contains("<stdin>:3:"))
        for line in output {
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "each line is one JSON object")
        }
    }

    /// A thousand lines in one process, every one answered, in order.
    @Test func aThousandInputsRunInOneProcess() throws {
        var text = ""
        for index in 0..<1_000 {
            let tps = 10 + index
            text += #"{"payment_rails": "Stripe", "throughput_requirements": "\#(tps) TPS", "consistency_constraints": "strong"}"# + "\n"
        }
        let result = try payarch.run(["generate", "--input", "-", "--format", "jsonl"], standardInput: Array(text.utf8))
        #expect(result.status == 0)
        let output = result.stdout.split(separator: "\n")
        #expect(output.count == 1_000)
        #expect(output.last?.contains(#""input":"<stdin>:1000""#) == true)
    }

    @Test func dashReadsStandardInputAndWritesStandardOutput() throws {
        let input = try #require(Repository.read(Self.case1))
        let piped = try payarch.run(["generate", "--input", "-", "--output", "-"], standardInput: Array(input.utf8))
        let direct = try payarch.run(["generate", "--input", Self.case1])
        #expect(piped.status == 0)
        #expect(piped.stdout == direct.stdout)
        let bad = try payarch.run(["generate", "--input", "-"], standardInput: Array("payment_rails: [\n".utf8))
        #expect(bad.status == 65)
        #expect(bad.stderr.hasPrefix("<stdin>:"))
        let both = try payarch.run(["generate", "--spec", "-", "--input", "-"])
        #expect(both.status == 64)
    }

    /// Standard input over the size limit is refused as soon as it passes the limit.
    @Test func standardInputOverTheLimitIsRefused() throws {
        let result = try payarch.run(
            ["generate", "--input", "-", "--max-input-bytes", "100000"], standardInput: [UInt8](repeating: UInt8(ascii: "a"), count: 3_000_000))
        #expect(result.status == 65)
        #expect(result.stderr.contains("<stdin>: error: [input.too-large] standard input is larger than the limit of 100000 bytes"))
    }

    /// Several documents and folders graded in one run, one suite each; - grades standard input.
    @Test func validateGradesSeveralDocumentsAndFolders() throws {
        let folder = try sandbox()
        try FileManager.default.createDirectory(atPath: folder + "/answers", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Repository.examples + "/case-1-stripe-paypal.md", toPath: folder + "/answers/a.md")
        try Repository.write("# Not a design\n", to: folder + "/answers/b.md")
        try Repository.write("ignored\n", to: folder + "/answers/notes.txt")
        let result = try payarch.run(["validate", "--document", folder + "/answers", Repository.examples + "/case-2-ach-sepa.md", "--lint-only", "--format", "junit"])
        #expect(result.status == 1)
        #expect(result.stdout.components(separatedBy: "<testsuite ").count - 1 == 3)
        #expect(result.stdout.contains(#"<testsuite name="\#(folder)/answers/a.md" tests="1" failures="0""#))
        #expect(result.stdout.contains(#"<testsuite name="\#(folder)/answers/b.md" tests="1" failures="1""#))
        #expect(!result.stdout.contains("notes.txt"))
        let piped = try payarch.run(["validate", "--document", "-", "--lint-only"], standardInput: Array((Repository.read(Repository.examples + "/case-1-stripe-paypal.md") ?? "").utf8))
        #expect(piped.status == 0)
        #expect(piped.stdout.hasPrefix("<stdin>\n"))
        try FileManager.default.createDirectory(atPath: folder + "/empty", withIntermediateDirectories: true)
        let empty = try payarch.run(["validate", "--document", folder + "/empty"])
        #expect(empty.status == 66)
        #expect(empty.stderr.contains("[validate.empty-folder]"))
    }
}

/// What the attack on batches and pipes found, each held now.
@Suite(.temporaryDirectories) struct BatchEdgeTests {
    let payarch = BinaryRunner.built

    /// A warning about line N of JSON Lines points at line N.
    @Test func warningsOnAJSONLineCarryThatLine() throws {
        let lines = [
            #"{"payment_rails": "Stripe", "throughput_requirements": "100 TPS", "consistency_constraints": "strong"}"#,
            #"{"payment_rails": "Stripe", "throughput_requirements": "100 TPS", "consistency_constraints": "strong"}"#,
            #"{"payment_rails": "foo", "throughput_requirements": "100 TPS", "consistency_constraints": "strong"}"#,
        ]
        let result = try payarch.run(["generate", "--input", "-", "--format", "jsonl"], standardInput: Array((lines.joined(separator: "\n") + "\n").utf8))
        #expect(result.status == 0)
        #expect(result.stderr.contains("<stdin>:3:"))
        #expect(!result.stderr.contains("<stdin>:1:"))
    }

    /// An overlong line is answered with one error line and one note (not two), and the next line still runs.
    @Test func anOverlongLineIsOneErrorAndTheRestGoOn() throws {
        let good = #"{"payment_rails": "Stripe", "throughput_requirements": "100 TPS", "consistency_constraints": "strong"}"#
        let input = String(repeating: "x", count: 150_000) + "\n" + good + "\n"
        let result = try payarch.run(["generate", "--input", "-", "--format", "jsonl", "--max-input-bytes", "100000"], standardInput: Array(input.utf8))
        #expect(result.status == 65)
        let output = result.stdout.split(separator: "\n")
        #expect(output.count == 2)
        #expect(output[0].contains(#""id":"input.too-large""#) && output[0].contains(#""input":"<stdin>:1""#))
        #expect(output[1].hasPrefix(#"{"design":"#))
        #expect(result.stderr.components(separatedBy: "raise the limit with --max-input-bytes").count == 2)
    }

    /// JSON encoders write characters beyond the Basic Multilingual Plane as surrogate-pair escapes; they
    /// read as the character (an escaped backslash before `u` stays text).
    @Test func surrogatePairEscapesInJSONLinesAreRead() throws {
        let line = #"{"payment_rails": "Stripe \ud83d\udcb3 and \\ud83d", "throughput_requirements": "100 TPS", "consistency_constraints": "strong"}"#
        let result = try payarch.run(["generate", "--input", "-", "--format", "jsonl"], standardInput: Array((line + "\n").utf8))
        #expect(result.status == 0)
        #expect(result.stdout.contains("Stripe 💳 and \\\\ud83d"))
    }

    @Test func outputFolderMistakesGetTheirCodes() throws {
        let folder = try Repository.temporaryDirectory()
        let input = Repository.examples + "/quickstart.input.yml"
        let empty = try payarch.run(["generate", "--input", input, "--output-dir", ""])
        #expect(empty.status == 64)
        #expect(empty.stderr.contains("[output.empty-path]"))
        try Repository.write("x\n", to: folder + "/file")
        let file = try payarch.run(["generate", "--input", input, "--output-dir", folder + "/file"])
        #expect(file.status == 73)
        #expect(file.stderr.contains("[output.not-a-folder]"))
    }

    /// Suffixes are stripped in any letter case, and a control character in an input's name never reaches
    /// the name of its design.
    @Test func designNamesAreCleanedUp() throws {
        let folder = try Repository.temporaryDirectory()
        let source = try #require(Repository.read(Repository.examples + "/quickstart.input.yml"))
        try Repository.write(source, to: folder + "/UPPER.INPUT.YML")
        try Repository.write(source, to: folder + "/esc\u{1B}[31mred.input.yml")
        let result = try payarch.run(["generate", "--input", folder + "/UPPER.INPUT.YML", "--input", folder + "/esc\u{1B}[31mred.input.yml", "--output-dir", folder + "/out"])
        #expect(result.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/out").sorted() == ["UPPER.md", "esc_[31mred.md"])
    }

    /// A folder of answers is graded whatever else it holds: sub-folders named like documents are skipped,
    /// and .MD counts as .md.
    @Test func aFolderOfAnswersSkipsWhatIsNotADocument() throws {
        let folder = try Repository.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: folder + "/answers/x.md", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Repository.examples + "/quickstart.md", toPath: folder + "/answers/Z.MD")
        let result = try payarch.run(["validate", "--document", folder + "/answers", "--lint-only"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("answers/Z.MD"))
        #expect(!result.stdout.contains("x.md"))
    }
}
