import Foundation
import Testing

/// A terminal transcript in a Markdown file, checked by running it.
///
/// The convention: a fenced block opened with ```` ```console ```` is a transcript. A line starting with
/// `$ ` is a command (a command ending in ` \` continues on the next line); the lines up to the next
/// command are what it prints, stdout and stderr together as a terminal shows them. A line that is
/// exactly `…` stands for any number of lines, none included. Blank lines at the end of a command's
/// output are not compared. The commands of one block run in order in one `/bin/sh` in the repository
/// root, so `echo $?` shows the status of the command before it; a command whose first word is
/// `payarch` (or `swift run payarch`, `swift run -q payarch`, after any `NAME=value` assignments) runs
/// the binary under test.
public struct Transcript: Sendable, CustomTestStringConvertible {
    public struct Command: Sendable {
        /// The command as written, without `$ ` (continuation lines joined with a newline).
        public var text: String
        /// The line of the `$ ` in the file, 1-based.
        public var line: Int
        /// What it prints; `…` lines are wildcards.
        public var expected: [String]
    }

    /// The file's name, for messages.
    public var file: String
    /// The line of the opening fence, 1-based.
    public var line: Int
    public var commands: [Command]
    /// Lines inside the block before its first command (a transcript must start with one).
    public var strayLines: [Int] = []

    public var testDescription: String { "\(file):\(line)" }

    public static let wildcard = "…"
    static let opening = "```console"

    /// Every transcript block of a Markdown text, in order.
    public static func extract(from markdown: String, file: String) -> [Transcript] {
        var transcripts: [Transcript] = []
        var current: Transcript?
        var inOtherFence = false
        var continuing = false
        for (offset, line) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let text = String(line)
            if var transcript = current {
                if text == "```" {
                    transcripts.append(transcript.trimmed())
                    current = nil
                } else if continuing, !transcript.commands.isEmpty {
                    transcript.commands[transcript.commands.count - 1].text += "\n" + text
                    continuing = text.hasSuffix(" \\")
                    current = transcript
                } else if text.hasPrefix("$ ") {
                    transcript.commands.append(Command(text: String(text.dropFirst(2)), line: offset + 1, expected: []))
                    continuing = text.hasSuffix(" \\")
                    current = transcript
                } else if transcript.commands.isEmpty {
                    transcript.strayLines.append(offset + 1)
                    current = transcript
                } else {
                    transcript.commands[transcript.commands.count - 1].expected.append(text)
                    current = transcript
                }
            } else if text.hasPrefix("```") {
                if !inOtherFence && text == opening {
                    current = Transcript(file: file, line: offset + 1, commands: [])
                } else {
                    inOtherFence.toggle()
                }
            }
        }
        return transcripts
    }

    /// Blank lines at the end of each command's output dropped.
    func trimmed() -> Transcript {
        var copy = self
        for index in copy.commands.indices {
            while copy.commands[index].expected.last?.trimmingCharacters(in: .whitespaces).isEmpty == true {
                copy.commands[index].expected.removeLast()
            }
        }
        return copy
    }

    /// Where `actual` first fails to match `expected`, or nil when it matches.
    public struct Mismatch: Sendable, Equatable {
        /// The index in `expected` of the line (or the first line of the run of lines) not found.
        public var expectedIndex: Int
        public var reason: String

        public init(expectedIndex: Int, reason: String) {
            self.expectedIndex = expectedIndex
            self.reason = reason
        }
    }

    /// Matches output lines against expected lines in which `…` stands for any number of lines. The
    /// literal runs between wildcards are found leftmost-first, the first one anchored at the start and
    /// the last one at the end (unless a wildcard opens or closes the pattern), which finds a match
    /// whenever there is one.
    public static func mismatch(expected: [String], actual: [String]) -> Mismatch? {
        var runs: [(start: Int, lines: [String])] = [(0, [])]
        for (index, line) in expected.enumerated() {
            if line == wildcard {
                runs.append((index + 1, []))
            } else {
                runs[runs.count - 1].lines.append(line)
            }
        }
        if runs.count == 1 {
            if let index = firstDifference(expected, actual) {
                return Mismatch(expectedIndex: index, reason: "differs")
            }
            if actual.count < expected.count { return Mismatch(expectedIndex: actual.count, reason: "is missing") }
            if actual.count > expected.count {
                return Mismatch(expectedIndex: expected.count, reason: "the command prints more lines than the transcript shows")
            }
            return nil
        }
        var position = 0
        let last = runs.count - 1
        for (number, run) in runs.enumerated() where !run.lines.isEmpty {
            let count = run.lines.count
            if number == 0 {
                if let index = firstDifference(run.lines, actual) {
                    return Mismatch(expectedIndex: index, reason: "differs")
                }
                if actual.count < count { return Mismatch(expectedIndex: actual.count, reason: "is missing") }
                position = count
            } else if number == last {
                guard actual.count - count >= position, Array(actual.suffix(count)) == run.lines else {
                    return Mismatch(expectedIndex: run.start, reason: "not found at the end of the output")
                }
                position = actual.count
            } else {
                guard let found = stride(from: position, through: actual.count - count, by: 1).first(where: {
                    Array(actual[$0..<$0 + count]) == run.lines
                }) else {
                    return Mismatch(expectedIndex: run.start, reason: "not found after the lines before it")
                }
                position = found + count
            }
        }
        return nil
    }

    static func firstDifference(_ expected: [String], _ actual: [String]) -> Int? {
        zip(expected, actual).enumerated().first { $0.element.0 != $0.element.1 }?.offset
    }

    /// Output lines as compared: split at newlines, blank lines at the end dropped.
    public static func lines(_ output: String) -> [String] {
        var lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeLast() }
        return lines
    }

    static var payarchCommand: Regex<(Substring, Substring)> { #/^((?:[A-Za-z_][A-Za-z0-9_]*=\S*\s+)*)(?:swift\s+run\s+(?:-q\s+)?)?payarch(?=\s|$)/# }

    /// True when the command runs payarch.
    public static func runsPayarch(_ command: String) -> Bool {
        command.firstMatch(of: payarchCommand) != nil
    }

    /// The command with its leading `payarch` replaced by `binary`.
    static func shellCommand(_ command: String, binary: String) -> String {
        command.replacing(payarchCommand, maxReplacements: 1) { match in match.output.1 + quoted(binary) }
    }

    static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    static let separator = "\u{1E}\n"

    /// Runs every command of the block in one shell and returns what each printed.
    public func run(binary: String, in directory: String, environment: [String: String]) throws -> [String] {
        var script = "exec 2>&1\n__status=0\n"
        for command in commands {
            script += "printf '\\036\\n'\n(exit $__status)\n"
            script += Self.shellCommand(command.text, binary: binary) + "\n__status=$?\n"
        }
        let shell = BinaryRunner(executable: "/bin/sh")
        let result = try shell.run(["-c", script], in: directory, environment: environment)
        return Array(result.stdout.components(separatedBy: Self.separator).dropFirst())
    }

    /// Runs the block and records an issue for each command whose output does not match.
    public func check(
        binary: String, in directory: String, environment: [String: String],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        if let stray = strayLines.first {
            Issue.record("\(file):\(stray): a transcript starts with a `$ ` command", sourceLocation: sourceLocation)
        }
        let outputs = try run(binary: binary, in: directory, environment: environment)
        guard outputs.count == commands.count else {
            Issue.record("\(testDescription): ran \(outputs.count) of \(commands.count) commands", sourceLocation: sourceLocation)
            return
        }
        for (command, output) in zip(commands, outputs) {
            let actual = Self.lines(output)
            guard let mismatch = Self.mismatch(expected: command.expected, actual: actual) else { continue }
            let line = command.line + command.text.split(separator: "\n", omittingEmptySubsequences: false).count + mismatch.expectedIndex
            let shown = mismatch.expectedIndex < command.expected.count
                ? "\"\(command.expected[mismatch.expectedIndex])\" \(mismatch.reason)" : mismatch.reason
            let printed = actual.prefix(40).joined(separator: "\n") + (actual.count > 40 ? "\n… (\(actual.count) lines)" : "")
            Issue.record(
                Comment(
                    rawValue: "\(file):\(command.line): the output of `\(command.text)` is stale: at \(file):\(line) \(shown). "
                        + "It printed:\n\(printed)"),
                sourceLocation: sourceLocation)
        }
    }
}
