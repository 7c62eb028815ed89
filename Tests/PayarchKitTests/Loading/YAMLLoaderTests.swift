import Testing
@testable import PayarchKit

@Suite struct YAMLLoaderTests {
    func load(_ text: String, maxDepth: Int = 64) throws -> [YAMLNode] {
        try YAMLLoader(maxDepth: maxDepth).loadDocuments(SourceFile(path: "t.yml", text: text))
    }

    func error(_ text: String, maxDepth: Int = 64, maxBytes: Int = 1 << 20) -> PayarchError? {
        do {
            _ = try YAMLLoader(maxDepth: maxDepth, maxBytes: maxBytes).loadDocuments(SourceFile(path: "t.yml", text: text))
            return nil
        } catch {
            return error
        }
    }

    @Test func keepsOneBasedPositions() throws {
        let root = try #require(try load("a: 1\nlist:\n  - x\n  - y\n").first)
        let map = try MappingReader(root, what: "root")
        let list = try #require(map["list"])
        #expect(list.location == SourceLocation(file: "t.yml", line: 3, column: 3))
        let items = try list.sequenceItems(for: "list")
        #expect(items.map(\.scalar) == ["x", "y"])
        #expect(items[1].location.line == 4)
    }

    @Test func readsSeveralDocuments() throws {
        let documents = try load("Title line\nDescription line\n---\nname: x\n")
        #expect(documents.count == 2)
        #expect(documents[0].scalar == "Title line Description line")
    }

    @Test func emptyStreamHasNoDocuments() throws {
        #expect(try load("").isEmpty)
        #expect(try load("# only a comment\n").isEmpty)
    }

    @Test func syntaxErrorPointsAtProblemWithContext() throws {
        let failure = try #require(error("a: 1\n- b\n"))
        let diagnostic = try #require(failure.diagnostics.first)
        #expect(diagnostic.id == "yaml.syntax")
        #expect(diagnostic.location == SourceLocation(file: "t.yml", line: 2, column: 1))
        #expect(diagnostic.notes.first?.contains("line 1, column 1") == true)
        #expect(failure.kind == .data)
    }

    @Test func rejectsDuplicateKeysAtTheSecondKey() throws {
        let diagnostic = try #require(error("name: a\nother: b\nname: c\n")?.diagnostics.first)
        #expect(diagnostic.id == "yaml.duplicate-key")
        #expect(diagnostic.location?.line == 3)
        #expect(diagnostic.notes == ["first defined at line 1, column 1"])
    }

    @Test func rejectsNestingDeeperThanTheLimit() throws {
        let deep = String(repeating: "[", count: 10) + String(repeating: "]", count: 10)
        #expect(try load(deep, maxDepth: 10).count == 1)
        let diagnostic = try #require(error(deep, maxDepth: 9)?.diagnostics.first)
        #expect(diagnostic.id == "yaml.too-deep")
        #expect(diagnostic.location?.column == 10)
    }

    @Test func rejectsInputOverTheSizeLimit() throws {
        let diagnostic = try #require(error("a: 12345", maxBytes: 4)?.diagnostics.first)
        #expect(diagnostic.id == "input.too-large")
    }

    @Test func reportsInvalidUTF8WithItsByteOffset() throws {
        let bytes: [UInt8] = Array("a: ok\nb: ".utf8) + [0xFF, 0x0A]
        do {
            _ = try YAMLLoader().loadDocuments(SourceFile(path: "t.yml", bytes: bytes))
            Issue.record("expected an encoding error")
        } catch {
            let diagnostic = try #require(error.diagnostics.first)
            #expect(diagnostic.id == "yaml.encoding")
            #expect(diagnostic.message.contains("byte offset 9"))
            #expect(diagnostic.location?.line == 2)
            #expect(diagnostic.location?.column == 4)
        }
    }

    @Test func aliasesStayShared() throws {
        var text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...8 {
            let previous = level == 1 ? "a" : "l\(level - 1)"
            text += "l\(level): &l\(level) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
        }
        let root = try #require(try load(text).first)
        let top = try #require(try MappingReader(root, what: "root")["l8"])
        let items = try top.sequenceItems(for: "l8")
        #expect(items.count == 10)
        #expect(items.allSatisfy { $0 === items[0] })
    }

    /// libyaml resolves anchors and aliases by scanning a list, so their product is bounded first.
    @Test func manyAnchorsAreRefusedBeforeLibyamlScansThem() throws {
        let text = "x:\n" + (0..<3_000).map { "  - &a\($0) v\n" }.joined()
        #expect {
            _ = try YAMLLoader().loadDocuments(SourceFile(path: "anchors.yml", text: text))
        } throws: { error in
            (error as? PayarchError)?.diagnostics.first?.id == "yaml.too-many-anchors"
        }
        let fine = "x:\n" + (0..<500).map { "  - &a\($0) v\n" }.joined() + "y: *a499\n"
        #expect(try YAMLLoader().loadDocuments(SourceFile(path: "ok.yml", text: fine)).count == 1)
    }
}
