import Foundation
import PayarchTestSupport
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Inputs and environments built to break payarch: each gets a clear error or a correct result, never a
/// crash, a hang, an unbounded message or raw control characters on the terminal.
@Suite(.temporaryDirectories) struct HostileInputTests {
    let payarch = BinaryRunner.built

    func file(_ name: String, _ text: String) throws -> String {
        let path = try Repository.temporaryDirectory() + "/" + name
        try Repository.write(text, to: path)
        return path
    }

    func input(rails: String = "Stripe", throughput: String = "100 TPS", consistency: String = "strong") -> String {
        func quoted(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        return "payment_rails: \(quoted(rails))\nthroughput_requirements: \(quoted(throughput))\nconsistency_constraints: \(quoted(consistency))\n"
    }

    @Test func aHugeSparseFileIsRefusedFromItsSizeWithoutBeingRead() throws {
        let path = try Repository.temporaryDirectory() + "/huge.input.yml"
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 1 << 30)
        try handle.close()
        let result = try payarch.run(["generate", "--input", path])
        #expect(result.status == 65)
        #expect(result.stderr == "\(path): error: [input.too-large] file is 1073741824 bytes, larger than the limit of 4194304 bytes\nnote: raise the limit with --max-input-bytes\n")
    }

    @Test func anErrorInAMultiMegabyteLineShowsABoundedSnippet() throws {
        let path = try file("long.input.yml", "payment_rails: [" + String(repeating: "x,", count: 2_500_000) + "\u{1B}]]\n")
        let result = try payarch.run(["generate", "--input", path, "--max-input-bytes", "10000000"])
        #expect(result.status == 65)
        #expect(result.stderr.utf8.count < 1_000)
        #expect(result.stderr.contains("[yaml."))
        #expect(!result.stderr.unicodeScalars.contains { $0.value == 0x1B })
    }

    @Test func controlCharactersFromInputsNeverReachTheTerminal() throws {
        let unknownKey = try payarch.run(["generate", "--var", "\u{1B}[31mevil\u{7}=x"])
        #expect(unknownKey.status == 65)
        #expect(unknownKey.stderr.contains("unknown variable '\\u{1B}[31mevil\\u{7}'"))
        let document = try file("answer.md", "# Answer \u{1B}]0;title\u{7}\n\nSaga Pattern\u{9B}31m\n")
        for format in ["text", "json", "junit"] {
            let result = try payarch.run(["validate", "--document", document, "--expected", "Saga\u{1B}", "--format", format])
            #expect(result.status == 1)
            #expect(!result.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B }, "\(format)")
            #expect(!result.stderr.unicodeScalars.contains { $0.value == 0x1B })
        }
    }

    @Test func junitAndJSONStayWellFormedWithControlCharacters() throws {
        let document = try file("answer.md", "# A\u{1}\u{B}\u{FFFE}\n\n- x\u{1B}\n")
        let junit = try payarch.run(["validate", "--document", document, "--expected", "\u{1}\u{FFFF}", "--format", "junit"])
        #expect(throws: Never.self) { _ = try XMLDocument(data: Data(junit.stdout.utf8)) }
        let json = try payarch.run(["validate", "--document", document, "--expected", "\u{1}", "--format", "json"])
        #expect(throws: Never.self) { _ = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) }
    }

    @Test func anAbsurdLatencyFailsTheSameWayInEveryFormat() throws {
        let path = try file("in.yml", input(throughput: "100 TPS, P99 under " + String(repeating: "9", count: 400) + " ms"))
        for format in ["markdown", "json"] {
            let result = try payarch.run(["generate", "--input", path, "--format", format])
            #expect(result.status == 65, "\(format)")
            #expect(result.stderr.contains("error: [input.latency-out-of-range]"), "\(format)")
            #expect(result.stdout.isEmpty)
        }
    }

    @Test func aSixtyThousandDigitFigureIsRefused() throws {
        let path = try file("in.yml", input(throughput: String(repeating: "9", count: 60_000) + " TPS, 5x the average"))
        let result = try payarch.run(["generate", "--input", path])
        #expect(result.status == 65)
        #expect(result.stderr.contains("[input.tps-out-of-range]"))
    }

    @Test func symlinkedInputsAreFollowedAndLoopsReported() throws {
        let directory = try Repository.temporaryDirectory()
        try Repository.write(input(), to: directory + "/real.yml")
        try FileManager.default.createSymbolicLink(atPath: directory + "/link.yml", withDestinationPath: "real.yml")
        let followed = try payarch.run(["generate", "--input", directory + "/link.yml"])
        #expect(followed.status == 0)
        try FileManager.default.createSymbolicLink(atPath: directory + "/a.yml", withDestinationPath: "b.yml")
        try FileManager.default.createSymbolicLink(atPath: directory + "/b.yml", withDestinationPath: "a.yml")
        let loop = try payarch.run(["generate", "--input", directory + "/a.yml"])
        #expect(loop.status == 66)
        #expect(loop.stderr == "\(directory)/a.yml: error: [file.symlink-loop] symbolic links loop\n")
        try FileManager.default.createSymbolicLink(atPath: directory + "/dangling.yml", withDestinationPath: "none.yml")
        let dangling = try payarch.run(["generate", "--input", directory + "/dangling.yml"])
        #expect(dangling.status == 66)
        #expect(dangling.stderr.contains("note: it is a symbolic link whose target does not exist"))
    }

    @Test func aStowStyleInstallOfSymlinkedRulesAndTemplatesWorks() throws {
        let home = try Repository.temporaryDirectory()
        for folder in ["rules", "templates", "examples"] {
            let enumerator = try #require(FileManager.default.enumerator(atPath: Repository.root + "/" + folder))
            while let relative = enumerator.nextObject() as? String {
                let source = Repository.root + "/" + folder + "/" + relative
                var isDirectory: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory)
                let target = home + "/" + folder + "/" + relative
                if isDirectory.boolValue {
                    try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
                } else {
                    try FileManager.default.createDirectory(
                        atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                    try FileManager.default.createSymbolicLink(atPath: target, withDestinationPath: source)
                }
            }
        }
        var environment = ProcessInfo.processInfo.environment
        environment["PAYARCH_HOME"] = home
        let result = try payarch.run(["generate", "--case", "2"], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Saga Pattern"))
    }

    @Test func aBadPayarchHomeIsAnError() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["PAYARCH_HOME"] = "/nonexistent/payarch"
        let result = try payarch.run(["generate"], environment: environment)
        #expect(result.status == 66)
        #expect(result.stderr.hasPrefix("/nonexistent/payarch: error: [resources.home] PAYARCH_HOME names a directory without payarch's rules"))
    }

    @Test func mergeKeysAreRefusedNotIgnored() throws {
        let path = try file("in.yml", "base: &b\n  payment_rails: Stripe\n<<: *b\nthroughput_requirements: 1 TPS\nconsistency_constraints: strong\n")
        let result = try payarch.run(["generate", "--input", path])
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix("\(path):3:1: error: [yaml.merge-key] YAML merge keys (<<) are not supported"))
    }

    @Test func valueLengthIsCountedInCharacters() throws {
        // 40,000 emoji: 80,000 UTF-16 units (the old count refused it), 40,000 characters.
        let emoji = try file("emoji.yml", input(rails: "Stripe " + String(repeating: "😀", count: 40_000)))
        #expect(try payarch.run(["generate", "--input", emoji]).status == 0)
        let long = try file("long.yml", input(rails: String(repeating: "a", count: 70_000)))
        let refused = try payarch.run(["generate", "--input", long])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("[input.value-too-long] variable 'payment_rails' is 70000 characters (70000 bytes) long"))
    }

    @Test func testDataValuesAreHeldToTheLengthLimitWhenGradingADocument() throws {
        let spec = try #require(Repository.read(Repository.spec)).replacingOccurrences(
            of: "payment_rails: \"Stripe and PayPal for global credit card processing.\"",
            with: "payment_rails: \"" + String(repeating: "x", count: 70_000) + "\"")
        let specPath = try file("big.prompt.yml", spec)
        let document = try file("answer.md", "# A\n")
        let result = try payarch.run(["validate", "--spec", specPath, "--document", document, "--case", "1"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("[input.value-too-long]"))
    }

    @Test func tooManyArgumentsAreRefusedBeforeParsing() throws {
        let result = try payarch.run(["generate"] + Array(repeating: "--var", count: 1_001).flatMap { [$0, "payment_rails=x"] })
        #expect(result.status == 64)
        #expect(result.stderr.contains("[usage.too-many-arguments] 2003 command-line arguments; payarch takes at most 2000"))
    }
}
