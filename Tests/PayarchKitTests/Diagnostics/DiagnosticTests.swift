import PayarchTestSupport
import Testing
@testable import PayarchKit

/// One diagnostic format: bounded, escaped, and honest about file-level problems.
@Suite struct DiagnosticTests {
    @Test func aFileLevelProblemHasNoLineOrColumn() {
        let diagnostic = Diagnostic(at: .file("in.yml"), id: "input.empty", "the input file is empty")
        #expect(diagnostic.description == "in.yml: error: [input.empty] the input file is empty")
    }

    @Test func aShortLineIsShownWholeWithTheCaretUnderTheColumn() {
        let bytes = Array("first\nsecond: value\nthird\n".utf8)
        let line = try! #require(SourceLine.extract(from: bytes, line: 2, column: 9))
        #expect(line == SourceLine(text: "second: value", startColumn: 1, truncated: false))
        let shown = line.display(caretAt: 9)
        #expect(shown.line == "second: value")
        #expect(shown.caret == "        ^")
    }

    @Test func aLongLineShowsAtMost200ColumnsAroundTheCaret() {
        let text = String(repeating: "a", count: 5_000) + "X" + String(repeating: "b", count: 5_000_000)
        let line = try! #require(SourceLine.extract(from: Array(text.utf8), line: 1, column: 5_001))
        #expect(line.text.unicodeScalars.count == SourceLine.maxColumns)
        #expect(line.startColumn == 5_001 - 80)
        #expect(line.truncated)
        let shown = line.display(caretAt: 5_001)
        #expect(shown.line.hasPrefix("…") && shown.line.hasSuffix("…"))
        #expect(shown.line.count == SourceLine.maxColumns + 2)
        let caretIndex = shown.caret.count - 1
        #expect(Array(shown.line)[caretIndex] == "X")
    }

    @Test func controlCharactersInASourceLineAreEscapedAndTheCaretFollows() {
        let bytes = Array("key\u{1B}[2J\u{7}: \u{202E}x\n".utf8)
        let line = try! #require(SourceLine.extract(from: bytes, line: 1, column: 11))
        let shown = line.display(caretAt: 11)
        #expect(shown.line == "key\\u{1B}[2J\\u{7}: \\u{202E}x")
        #expect(Array(shown.line)[shown.caret.count - 1] == "\\")
        #expect(!shown.line.unicodeScalars.contains { PrintableText.needsEscape($0) })
    }

    @Test func messagesAndNotesNeverCarryControlCharacters() {
        let diagnostic = Diagnostic(
            at: SourceLocation(file: "in\u{1B}].yml", line: 1, column: 1), id: "input.unknown-variable",
            "unknown variable '\u{1B}[31mred\u{7}'", notes: ["did you mean '\u{9B}x'?"])
        #expect(diagnostic.description == "in\\u{1B}].yml:1:1: error: [input.unknown-variable] unknown variable '\\u{1B}[31mred\\u{7}'\nnote: did you mean '\\u{9B}x'?")
    }

    @Test func aLineBeyondTheEndOfTheFileIsNotShown() {
        #expect(SourceLine.extract(from: Array("one\n".utf8), line: 3, column: 1) == nil)
        #expect(SourceLine.extract(from: [], line: 0, column: 1) == nil)
    }
}

/// A source line with bytes that are not UTF-8 shows each as `\xNN`, never as a replacement character or
/// a raw byte, and the caret stays under the column the diagnostic names.
@Suite struct SourceLineBytesTests {
    @Test func invalidBytesAreShownAsHexEscapes() throws {
        let bytes = Array("payment_rails: a".utf8) + [0xFF, 0xFE] + Array("b".utf8) + [0x00]
        let line = try #require(SourceLine.extract(from: bytes, line: 1, column: 17))
        let shown = line.display(caretAt: 17)
        #expect(shown.line == "payment_rails: a\\xFF\\xFEb\\u{0}")
        #expect(shown.caret == String(repeating: " ", count: 16) + "^")
        #expect(!shown.line.contains("\u{FFFD}"))
        // Valid text is untouched.
        #expect(SourceLine.extract(from: Array("é ok".utf8), line: 1, column: 1)?.display(caretAt: 1).line == "é ok")
    }
}
