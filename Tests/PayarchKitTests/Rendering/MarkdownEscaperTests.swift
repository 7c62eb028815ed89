import PayarchTestSupport
import Testing
@testable import PayarchKit

/// Escaping is done per Unicode scalar: no grapheme cluster can hide a Markdown special from it.
@Suite struct MarkdownEscaperTests {
    static let specials: [Unicode.Scalar] = Array(MarkdownEscaper.special)

    @Test(arguments: specials)
    func everySpecialIsEscapedEvenInsideAGraphemeCluster(_ special: Unicode.Scalar) {
        let plain = String(special)
        #expect(MarkdownEscaper.inline("a" + plain + "b") == "a\\" + plain + "b")
        // Followed by a combining acute accent: one Character, still a special to a Markdown renderer.
        #expect(MarkdownEscaper.inline("a" + plain + "\u{301}b") == "a\\" + plain + "\u{301}b")
        // Preceded by an Arabic number sign, a prepend character that joins the next character.
        #expect(MarkdownEscaper.inline("\u{600}" + plain) == "\u{600}\\" + plain)
    }

    @Test func reportedBypassesStayText() {
        #expect(MarkdownEscaper.inline("<\u{301}img src=x onerror=alert(1)>") == "\\<\u{301}img src=x onerror=alert(1)\\>")
        #expect(MarkdownEscaper.inline("[click](https://evil.example)") == "\\[click\\](https:\\//evil.example)")
        #expect(MarkdownEscaper.inline("|\u{301} *\u{301}x*") == "\\|\u{301} \\*\u{301}x\\*")
        #expect(MarkdownEscaper.inline("see www.evil.example") == "see www\\.evil.example")
        #expect(MarkdownEscaper.inline("mail me@evil.example") == "mail `me@evil.example`")
    }

    @Test func blockMarkersAreEscapedOnlyWhereTheyWouldOpenABlock() {
        #expect(MarkdownEscaper.inline("- item") == "\\- item")
        #expect(MarkdownEscaper.inline("+ item") == "\\+ item")
        #expect(MarkdownEscaper.inline("=====") == "\\=====")
        #expect(MarkdownEscaper.inline("1. first") == "1\\. first")
        #expect(MarkdownEscaper.inline("12) first") == "12\\) first")
        #expect(MarkdownEscaper.inline("1.2M TPS") == "1.2M TPS")
        #expect(MarkdownEscaper.inline("sub-second, -5 and 10 + 2") == "sub-second, -5 and 10 + 2")
    }

    @Test func controlAndReorderingCharactersBecomeReplacementCharacters() {
        #expect(MarkdownEscaper.inline("a\u{1B}[31mb\u{7}") == "a\u{FFFD}\\[31mb\u{FFFD}")
        #expect(MarkdownEscaper.inline("x\u{202E}evil\u{2066}y") == "x\u{FFFD}evil\u{FFFD}y")
        #expect(MarkdownEscaper.inline("line\nbreak\r\n\u{2028}end") == "line break end")
    }

    /// The property: for any string, the output has no line break, no control or reordering character;
    /// outside code spans every special scalar is escaped by an odd run of backslashes, and a code span
    /// holds exactly one word with `@`; removing the escapes and the spans gives the input back with
    /// whitespace collapsed and unsafe characters replaced.
    @Test func propertyOverRandomStrings() {
        var generator = SeededGenerator(seed: 0x5EED_7)
        let alphabet: [Unicode.Scalar] =
            Self.specials + ["@", "a", "Z", "0", "1", " ", "\n", "\t", ".", ")", "-", "+", "=", ":", "/", "w", "W"]
            + ["\u{301}", "\u{308}", "\u{600}", "\u{202E}", "\u{2066}", "\u{200F}", "\u{1B}", "\u{7}", "\u{0}", "\u{85}", "é", "😀", "\u{FEFF}"]
        for _ in 0..<3_000 {
            let length = Int(generator.next() % 24)
            var view = String.UnicodeScalarView()
            for _ in 0..<length { view.append(alphabet[Int(generator.next() % UInt64(alphabet.count))]) }
            let input = String(view)
            let output = MarkdownEscaper.inline(input)
            let scalars = Array(output.unicodeScalars)
            #expect(!scalars.contains { PrintableText.needsEscape($0) || $0.properties.isWhitespace && $0 != " " }, "\(input.debugDescription)")
            var backslashes = 0
            var unescaped: [Unicode.Scalar] = []
            var index = 0
            while index < scalars.count {
                let scalar = scalars[index]
                index += 1
                if scalar == "`", backslashes % 2 == 0 {
                    // An unescaped backtick opens a code span: a fence, a word with `@`, the same fence.
                    var fence = 1
                    while index < scalars.count, scalars[index] == "`" { fence += 1; index += 1 }
                    var content: [Unicode.Scalar] = []
                    var closed = false
                    while index < scalars.count {
                        if scalars[index] == "`" {
                            var run = 0
                            while index < scalars.count, scalars[index] == "`" { run += 1; index += 1 }
                            if run == fence { closed = true; break }
                            content += [Unicode.Scalar](repeating: "`", count: run)
                        } else {
                            content.append(scalars[index])
                            index += 1
                        }
                    }
                    #expect(closed, "an unclosed code span in \(output.debugDescription)")
                    if content.first == " ", content.last == " ", content.count > 2 { content = Array(content.dropFirst().dropLast()) }
                    #expect(content.contains("@") && !content.contains(" "), "\(output.debugDescription)")
                    var word: [Unicode.Scalar] = []
                    for (position, character) in content.enumerated() where !(character == "\\" && position + 1 < content.count && content[position + 1] == "|") {
                        word.append(character)
                    }
                    unescaped += word
                    backslashes = 0
                    continue
                }
                if scalar == "\\" {
                    backslashes += 1
                    if backslashes % 2 == 0 { unescaped.append("\\") }
                    continue
                }
                if MarkdownEscaper.special.contains(scalar) {
                    #expect(backslashes % 2 == 1, "unescaped \(scalar) in \(output.debugDescription) from \(input.debugDescription)")
                }
                backslashes = 0
                unescaped.append(scalar)
            }
            #expect(!output.contains("://") && !output.lowercased().contains("www."), "\(output.debugDescription)")
            var expected: [Unicode.Scalar] = []
            var pending = false
            for scalar in input.unicodeScalars {
                if scalar.properties.isWhitespace {
                    pending = !expected.isEmpty
                    continue
                }
                if pending { expected.append(" "); pending = false }
                expected.append(PrintableText.needsEscape(scalar) ? "\u{FFFD}" : scalar)
            }
            #expect(unescaped == expected, "\(input.debugDescription) → \(output.debugDescription)")
        }
    }

    /// GFM links e-mail addresses after backslash escapes are resolved, so a word with `@` is a code span.
    @Test(arguments: [
        ("Evil@Example.Com", "`Evil@Example.Com`"), ("mailto:phish@evil.example", "`mailto:phish@evil.example`"),
        ("xmpp:a@b.example/x", "`xmpp:a@b.example/x`"), ("a|b@c.d", "`a\\|b@c.d`"), ("`x@y.z`", "`` `x@y.z` ``"),
        ("pay a@b.c now", "pay `a@b.c` now"), ("x@\u{1B}y", "`x@\u{FFFD}y`"),
    ])
    func aWordWithAnAtSignIsACodeSpan(_ input: String, _ expected: String) {
        #expect(MarkdownEscaper.inline(input) == expected)
    }

    @Test func invisibleFormatCharactersAreReplaced() {
        for scalar in ["\u{200B}", "\u{2060}", "\u{E0041}", "\u{00AD}", "\u{200D}"] {
            #expect(MarkdownEscaper.inline("Str" + scalar + "ipe") == "Str\u{FFFD}ipe", "\(scalar.unicodeScalars.first!.value)")
        }
    }
}
