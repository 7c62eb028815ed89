import Foundation
import PayarchTestSupport
import Testing

/// Every terminal transcript in README.md (a ```` ```console ```` block, see `Transcript`) is what the
/// built binary prints today, run in the repository root with only files the repository ships.
@Suite(.temporaryDirectories) struct ReadmeTranscriptTests {
    static let readme = Repository.root + "/README.md"
    static let transcripts = Transcript.extract(from: Repository.read(readme) ?? "", file: "README.md")

    /// What the transcripts run with: no COLUMNS (the compare table at its standard width unless a
    /// transcript sets one), no colour, no PAYARCH_HOME of the developer's.
    static var environment: [String: String] {
        var environment = BinaryRunner.inheritedEnvironment
        environment["PAYARCH_HOME"] = nil
        environment["NO_COLOR"] = "1"
        return environment
    }

    @Test(arguments: transcripts)
    func theTranscriptIsWhatPayarchPrints(_ transcript: Transcript) throws {
        try transcript.check(binary: BinaryRunner.built.executable, in: Repository.root, environment: Self.environment)
    }

    @Test func theReadmeHasTranscriptsAndEachRunsPayarch() {
        #expect(Self.transcripts.count >= 6)
        for transcript in Self.transcripts {
            #expect(transcript.commands.contains { Transcript.runsPayarch($0.text) }, "\(transcript.testDescription)")
        }
    }

    /// A transcript needs nothing from outside the repository, and nothing the repository does not track
    /// (a fresh clone has only what git tracks).
    @Test func transcriptsNameOnlyFilesTheRepositoryShips() throws {
        let tracked = try Self.trackedFiles()
        for transcript in Self.transcripts {
            for command in transcript.commands {
                for path in Self.paths(in: command.text) {
                    let place = "README.md:\(command.line): \(path)"
                    #expect(!path.hasPrefix("/") && !path.split(separator: "/").contains(".."), "\(place) is outside the repository")
                    if let tracked {
                        let isTracked = tracked.contains(path)
                        #expect(isTracked, "\(place) is not tracked by git")
                    } else {
                        #expect(FileManager.default.fileExists(atPath: Repository.root + "/" + path), "\(place) does not exist")
                    }
                }
            }
        }
    }

    /// The words of a command that name files: with a `/` or a file extension, quotes and `--option=`
    /// removed.
    static func paths(in command: String) -> [String] {
        command.split(whereSeparator: \.isWhitespace).compactMap { word -> String? in
            var word = String(word).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            if word.hasPrefix("-"), let equals = word.firstIndex(of: "=") { word = String(word[word.index(after: equals)...]) }
            guard !word.contains("="), !word.hasPrefix("$") else { return nil }
            return word.contains("/") || word.wholeMatch(of: /[\w.-]+\.(yml|yaml|md|txt|json)/) != nil ? word : nil
        }
    }

    /// The files git tracks, or nil when the repository is not a git checkout.
    static func trackedFiles() throws -> Set<String>? {
        let git = BinaryRunner(executable: "/usr/bin/git")
        guard FileManager.default.isExecutableFile(atPath: git.executable) else { return nil }
        let result = try git.run(["-C", Repository.root, "ls-files", "-z"])
        guard result.status == 0 else { return nil }
        return Set(result.stdout.split(separator: "\0").map(String.init))
    }

    // MARK: - The checker itself

    /// A README whose one transcript went stale: the document now passes 2 checks, not 3.
    static let staleReadme = """
        # A README

        ```sh
        $ not a transcript
        ```

        ```console
        $ payarch validate --document examples/quickstart.md
        examples/quickstart.md
        …
        3 passed, 0 failed
        $ echo $?
        0
        ```
        """

    @Test func aStaleTranscriptFailsWithWhereAndWhatItPrinted() throws {
        let transcripts = Transcript.extract(from: Self.staleReadme, file: "STALE.md")
        #expect(transcripts.count == 1)
        let transcript = try #require(transcripts.first)
        #expect(transcript.line == 7)
        #expect(transcript.commands.map(\.text) == ["payarch validate --document examples/quickstart.md", "echo $?"])
        try withKnownIssue {
            try transcript.check(binary: BinaryRunner.built.executable, in: Repository.root, environment: Self.environment)
        } matching: { issue in
            issue.comments.contains {
                $0.rawValue == """
                    STALE.md:8: the output of `payarch validate --document examples/quickstart.md` is stale: \
                    at STALE.md:11 "3 passed, 0 failed" not found at the end of the output. It printed:
                    examples/quickstart.md
                      PASS  FinTech Pattern Check [regex]: matched "Outbox Pattern" at 5:19
                      PASS  structural lint [lint]: no findings
                    2 passed, 0 failed
                    """
            }
        }
        // The corrected block passes, and `echo $?` sees the status of the command before it.
        let fixed = Self.staleReadme.replacingOccurrences(of: "3 passed", with: "2 passed")
        try #require(Transcript.extract(from: fixed, file: "FIXED.md").first).check(
            binary: BinaryRunner.built.executable, in: Repository.root, environment: Self.environment)
        let wrongStatus = fixed.replacingOccurrences(of: "$ echo $?\n0", with: "$ echo $?\n1")
        try withKnownIssue {
            try #require(Transcript.extract(from: wrongStatus, file: "STATUS.md").first).check(
                binary: BinaryRunner.built.executable, in: Repository.root, environment: Self.environment)
        } matching: { issue in
            issue.comments.contains { $0.rawValue == "STATUS.md:12: the output of `echo $?` is stale: at STATUS.md:13 \"1\" differs. It printed:\n0" }
        }
    }

    @Test func theEllipsisMatchesAnyNumberOfLines() {
        let output = ["a", "b", "c", "d"]
        func matches(_ expected: [String]) -> Bool { Transcript.mismatch(expected: expected, actual: output) == nil }
        #expect(matches(["a", "b", "c", "d"]))
        #expect(matches(["a", "…"]))
        #expect(matches(["…", "d"]))
        #expect(matches(["…"]))
        #expect(matches(["a", "…", "d"]))
        #expect(matches(["a", "…", "b", "c", "d"]), "… matches no line")
        #expect(matches(["…", "b", "…", "d"]))
        #expect(matches(["a", "…", "…", "d"]))
        #expect(!matches(["a", "b", "c"]), "without …, every line is shown")
        #expect(!matches(["a", "b", "c", "d", "e"]))
        #expect(!matches(["a", "…", "c"]), "the last run is anchored at the end")
        #expect(!matches(["b", "…"]), "the first run is anchored at the start")
        #expect(!matches(["a", "…", "c", "b", "…"]))
        #expect(!matches(["a", "…", "b", "c", "d", "…", "d"]), "one line never matches two runs")
        #expect(!matches([]))
        #expect(Transcript.mismatch(expected: [], actual: []) == nil)
        #expect(Transcript.mismatch(expected: ["a", "x", "…"], actual: output) == .init(expectedIndex: 1, reason: "differs"))
        #expect(Transcript.mismatch(expected: ["a", "…", "x", "…"], actual: output)?.expectedIndex == 2)
    }

    @Test func commandsBlocksAndContinuationsAreReadAsWritten() {
        let text = """
            ```console
            $ payarch generate \\
                --var a=b
            out 1

            $ COLUMNS=80 swift run -q payarch compare
            ```
            ```
            $ payarch not a transcript
            ```
            """
        let transcripts = Transcript.extract(from: text, file: "T.md")
        #expect(transcripts.count == 1)
        #expect(transcripts.first?.commands.map(\.text) == ["payarch generate \\\n    --var a=b", "COLUMNS=80 swift run -q payarch compare"])
        #expect(transcripts.first?.commands.first?.expected == ["out 1"])
        #expect(Transcript.runsPayarch("COLUMNS=80 swift run -q payarch compare"))
        #expect(Transcript.runsPayarch("payarch"))
        #expect(!Transcript.runsPayarch("payarchx generate"))
        #expect(!Transcript.runsPayarch("cat payarch"))
        #expect(Self.paths(in: "payarch validate --document examples/a.md --output=out.md 2>/dev/null --var x=a/b") == [
            "examples/a.md", "out.md", "2>/dev/null",
        ])
    }
}
