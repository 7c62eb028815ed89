import Foundation
import PayarchKit
import PayarchTestSupport
import Testing

/// Runs every entry of Tests/Fixtures/bad/corpus.yml against the real binary: each bad input gets its
/// documented exit code and a clear message, never a crash or a hang.
@Suite(.temporaryDirectories) struct BadInputCorpusTests {
    struct Entry: Sendable, CustomStringConvertible {
        var name: String
        var arguments: [String]
        var exit: Int32
        var stderr: String
        var rulesPatch: (file: String, replace: String, with: String)?
        var templatesPatch: (file: String, contents: String)?
        var description: String { name }
    }

    static let directory = Repository.fixtures + "/bad"

    static let entries: [Entry] = {
        // The corpus is read with payarch's own loader.
        guard let root = try? YAMLLoader().loadDocuments(SourceFile.read(directory + "/corpus.yml")).first,
            let cases = try? MappingReader(root, what: "corpus").required("cases").sequenceItems(for: "cases")
        else { return [] }
        return cases.compactMap { node -> Entry? in
            guard let map = try? MappingReader(node, what: "entry") else { return nil }
            func text(_ key: String) -> String? { try? map.optionalString(key) }
            var entry = Entry(
                name: text("name") ?? "?", arguments: (try? map["args"]?.strings(for: "args")) ?? [],
                exit: Int32(text("exit") ?? "") ?? -1, stderr: text("stderr") ?? "")
            if let patch = map["rulesPatch"], let reader = try? MappingReader(patch, what: "rulesPatch") {
                entry.rulesPatch = (
                    (try? reader.optionalString("file")) ?? nil ?? "", (try? reader.optionalString("replace")) ?? nil ?? "",
                    (try? reader.optionalString("with")) ?? nil ?? ""
                )
            }
            if let patch = map["templatesPatch"], let reader = try? MappingReader(patch, what: "templatesPatch") {
                entry.templatesPatch = ((try? reader.optionalString("file")) ?? nil ?? "", (try? reader.optionalString("contents")) ?? nil ?? "")
            }
            return entry
        }
    }()

    @Test func theCorpusHasAtLeastThirtyEntries() {
        #expect(Self.entries.count >= 30)
        #expect(Set(Self.entries.map(\.name)).count == Self.entries.count)
    }

    @Test(arguments: entries)
    func badInputGetsAClearError(_ entry: Entry) throws {
        var replacements = ["{fixtures}": Self.directory, "{examples}": Repository.examples]
        if let patch = entry.rulesPatch {
            replacements["{rules}"] = try Repository.patchedRules(patch.file, replacing: patch.replace, with: patch.with)
        }
        if let patch = entry.templatesPatch {
            replacements["{templates}"] = try Repository.patchedTemplates(patch.file, contents: patch.contents)
        }
        let arguments = entry.arguments.map { argument in
            replacements.reduce(argument) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
        }
        let result = try BinaryRunner.built.run(arguments)
        #expect(result.status == entry.exit, "\(entry.name): \(result.stderr)")
        #expect(result.stderr.contains(entry.stderr), "\(entry.name): \(result.stderr)")
        if entry.exit != 0 {
            #expect(result.stdout.isEmpty, "a failed run prints nothing on stdout")
            #expect(!result.stderr.contains("Fatal error"), "a crash is never an answer")
        }
    }
}
