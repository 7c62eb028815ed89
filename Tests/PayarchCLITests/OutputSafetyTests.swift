import Foundation
import PayarchTestSupport
import Testing

/// `--output` end to end on every subcommand: it never destroys a byte of anything it was not asked to
/// replace, and it says why when it refuses.
@Suite(.temporaryDirectories) struct OutputSafetyTests {
    let payarch = BinaryRunner.built

    @Test(arguments: [["generate"], ["validate"], ["compare", "case:1", "case:2"]])
    func runningTwiceOverwritesTheFile(_ command: [String]) throws {
        let directory = try Repository.temporaryDirectory()
        let first = try payarch.run(command + ["-o", "out.txt"], in: directory)
        #expect(first.status == 0)
        let written = try #require(Repository.read(directory + "/out.txt"))
        #expect(!written.isEmpty)
        let second = try payarch.run(command + ["-o", "out.txt"], in: directory)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(Repository.read(directory + "/out.txt") == written)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["out.txt"])
    }

    @Test(arguments: [".", "..", "sub", "sub/"])
    func aDirectoryIsRefusedWithExit73AndKept(_ target: String) throws {
        let directory = try Repository.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory + "/sub", withIntermediateDirectories: true)
        try Repository.write("keep\n", to: directory + "/sub/keep.txt")
        let result = try payarch.run(["generate", "-o", target], in: directory + (target == ".." ? "/sub" : ""))
        #expect(result.status == 73)
        #expect(result.stderr.contains("error: [output.is-directory] is a directory, not a file"))
        #expect(Repository.read(directory + "/sub/keep.txt") == "keep\n")
        #expect(result.stdout.isEmpty)
    }

    @Test func anEmptyOutputPathIsAUsageError() throws {
        let result = try payarch.run(["generate", "-o", ""])
        #expect(result.status == 64)
        #expect(result.stderr.contains("[output.empty-path]"))
    }

    @Test func theInputFileIsNeverTheOutput() throws {
        let directory = try Repository.temporaryDirectory()
        let input = directory + "/in.yml"
        let text = try #require(Repository.read(Repository.examples + "/case-2-ach-sepa.input.yml"))
        try Repository.write(text, to: input)
        let generate = try payarch.run(["generate", "--input", input, "-o", input])
        #expect(generate.status == 64)
        #expect(generate.stderr.hasPrefix("\(input): error: [output.is-input]"))
        let compare = try payarch.run(["compare", input, "case:1", "-o", input])
        #expect(compare.status == 64)
        #expect(Repository.read(input) == text)
    }

    @Test func theGradedDocumentAndTheSpecAreNeverTheOutput() throws {
        let directory = try Repository.temporaryDirectory()
        let document = directory + "/answer.md"
        try Repository.write("# Answer\n\nOutbox Pattern\n", to: document)
        let graded = try payarch.run(["validate", "--document", document, "--case", "1", "-o", document])
        #expect(graded.status == 64)
        #expect(Repository.read(document) == "# Answer\n\nOutbox Pattern\n")
        let spec = directory + "/spec.prompt.yml"
        let specText = try #require(Repository.read(Repository.spec))
        try Repository.write(specText, to: spec)
        try FileManager.default.createSymbolicLink(atPath: directory + "/link.md", withDestinationPath: spec)
        let viaLink = try payarch.run(["generate", "--spec", spec, "-o", directory + "/link.md"])
        #expect(viaLink.status == 64)
        #expect(Repository.read(spec) == specText)
    }

    @Test func aBundledRuleOrTemplateIsNeverTheOutput() throws {
        let rule = Repository.rules + "/throughput.yml"
        let before = Repository.read(rule)
        let result = try payarch.run(["generate", "-o", rule])
        #expect(result.status == 64)
        #expect(Repository.read(rule) == before)
    }

    @Test func aFailedRunLeavesTheExistingOutputUntouched() throws {
        let directory = try Repository.temporaryDirectory()
        try Repository.write("previous\n", to: directory + "/design.md")
        let result = try payarch.run(["generate", "--spec", Repository.seed, "-o", "design.md"], in: directory)
        #expect(result.status == 65)
        #expect(Repository.read(directory + "/design.md") == "previous\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["design.md"])
    }
}
