import Foundation
import PayarchTestSupport
import Testing
@testable import PayarchKit

/// The reading corpora: every case reads as a payments engineer reads it.
@Suite struct ReadingCorpusTests {
    static let reader = InputReader(rules: Bundled.rules)
    static let corpus = ReadingCase.load("corpus.yml")
    static let expert = ReadingCase.load("expert-examples.yml")

    func check(_ entry: ReadingCase) throws {
        let reading = try Self.reader.read(rails: entry.rails, throughput: entry.throughput, consistency: entry.consistency)
        let problems = entry.differences(reading: reading)
        if !problems.isEmpty, let report = ProcessInfo.processInfo.environment["PAYARCH_CORPUS_REPORT"] {
            let text = "## \(entry.id)\nR: \(entry.rails)\nT: \(entry.throughput)\nC: \(entry.consistency)\n- " + problems.joined(separator: "\n- ") + "\n\n"
            if let handle = FileHandle(forWritingAtPath: report) {
                handle.seekToEndOfFile()
                handle.write(Data(text.utf8))
                handle.closeFile()
            }
        }
        #expect(problems.isEmpty, "\(entry.id) (line \(entry.line)): \(problems.joined(separator: "; "))")
    }

    @Test(arguments: corpus)
    func corpusCase(_ entry: ReadingCase) throws { try check(entry) }

    @Test(arguments: expert)
    func expertExample(_ entry: ReadingCase) throws { try check(entry) }

    /// `PAYARCH_EXTRA_CORPUS=/path/to/cases.yml swift test --filter extraCorpus` reads a corpus kept
    /// outside the repository (a held-out set) with the same checks.
    @Test func extraCorpus() throws {
        guard let path = ProcessInfo.processInfo.environment["PAYARCH_EXTRA_CORPUS"] else { return }
        for entry in ReadingCase.load(path: path) { try check(entry) }
    }
}
