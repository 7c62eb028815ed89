import Testing
@testable import PayarchKit

/// `TemplateSet.tidy`: trailing spaces and tabs go, blank runs fold to one blank line, no blank line leads
/// or trails, and the text ends with exactly one newline; other characters pass untouched.
@Suite struct TidyTests {
    @Test(arguments: [
        ("", "\n"),
        ("a", "a\n"),
        ("\n\n a  \t\n\n\n\nb\t\n\n", " a\n\nb\n"),
        ("x \u{0301}\n", "x \u{0301}\n"),
        ("é  \n\n| a | b |   \n", "é\n\n| a | b |\n"),
        ("one\ntwo\n\nthree", "one\ntwo\n\nthree\n"),
    ])
    func tidies(_ input: String, _ expected: String) {
        #expect(TemplateSet.tidy(input) == expected)
    }
}
