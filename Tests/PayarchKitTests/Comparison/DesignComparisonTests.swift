import Foundation
import PayarchTestSupport
import Testing
@testable import PayarchKit

@Suite struct DesignComparisonTests {
    static func design(_ label: String, _ inputs: InputSet) throws -> DesignComparison.Design {
        let (plan, markdown) = try Bundled.design(inputs)
        return DesignComparison.Design(label: label, plan: plan, markdown: markdown)
    }

    static func example(_ name: String) throws -> DesignComparison.Design {
        let resolver = InputResolver(spec: Bundled.spec)
        let inputs = try resolver.resolve(
            layers: [try resolver.values(fromFile: SourceFile.read(Repository.examples + "/" + name))], origin: name)
        return try design("examples/" + name, inputs)
    }

    static func seedCases() throws -> DesignComparison {
        DesignComparison(
            left: try design("case:1", Bundled.caseInputs(1)), right: try design("case:2", Bundled.caseInputs(2)),
            rules: Bundled.rules)
    }

    @Test func seedCasesShowOutboxAgainstSagaAndWhy() throws {
        let comparison = try Self.seedCases()
        let pattern = try #require(comparison.rows.first { $0.item == "Primary coordination pattern" })
        #expect(pattern.differs)
        #expect(pattern.left.rule == "COORD-OUTBOX-API")
        #expect(pattern.right.rule == "COORD-SAGA-ORCHESTRATED")
        #expect(pattern.left.phrases.contains("Stripe"))
        #expect(pattern.right.phrases.contains("Direct ACH"))
        #expect(comparison.designsDiffer)
        // What the typed view derives is compared too: retention, sizing, each class's resolver.
        let retention = try #require(comparison.rows.first { $0.section == "design" && $0.item == "Idempotency-record retention" })
        #expect(retention.left.value == "52 days" && retention.right.value != "52 days")
        let resolver = try #require(comparison.rows.first { $0.item == "Unknown outcome: card PSP API" })
        #expect(resolver.left.value.contains("same PSP idempotency key") && resolver.right.value == "—")
        #expect(comparison.rows.contains { $0.item == "Sizing: Database shards" && $0.left.value == "4" && $0.right.value == "—" })
        try Golden.check(comparison.text(), named: "compare-case1-case2.txt")
        try Golden.check(comparison.markdown(), named: "compare-case1-case2.md")
    }

    @Test func twoExamplesCompareAsJSON() throws {
        let comparison = DesignComparison(
            left: try Self.example("xa-internal-transfers.input.yml"),
            right: try Self.example("multi-region-wallet.input.yml"), rules: Bundled.rules)
        let json = comparison.json()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["schema"] as? String == "payarch.compare/1")
        #expect(object["designsDiffer"] as? Bool == true)
        try Golden.check(json, named: "compare-xa-wallet.json")
        try Golden.check(comparison.markdown(diff: true), named: "compare-xa-wallet.md")
    }

    @Test func identicalInputsHaveNoDifferingRowsAndNoDiff() throws {
        let inputs = try Bundled.caseInputs(1)
        let comparison = DesignComparison(
            left: try Self.design("a", inputs), right: try Self.design("b", inputs), rules: Bundled.rules)
        #expect(!comparison.designsDiffer)
        #expect(!comparison.rows.contains { $0.differs })
        #expect(comparison.unifiedDiff().isEmpty)
        #expect(comparison.markdown(diff: true).contains("The designs are identical."))
    }

    @Test func colourOnlyWhenAsked() throws {
        let comparison = try Self.seedCases()
        #expect(!comparison.text(colour: false, diff: true).contains("\u{1B}["))
        #expect(comparison.text(colour: true, diff: true).contains("\u{1B}[1;33m"))
    }

    @Test func wrapKeepsEveryWord() {
        let text = "one two three fourfourfourfour five"
        let lines = TerminalColumns.wrap(text, columns: 8)
        #expect(lines.allSatisfy { $0.count <= 8 })
        #expect(lines.joined(separator: " ").replacingOccurrences(of: "fourfour fourfour", with: "fourfourfourfour") == text)
    }

    @Test func wrapCutsLongWordsBetweenCharactersAndCountsWideOnesTwice() {
        // Wide CJK, an emoji, a letter with a combining accent and a flag: each one Character.
        let word = "支払い🙂e\u{301}🇯🇵ÜberweisungÜberweisung"
        let lines = TerminalColumns.wrap("Rail " + word + " end", columns: 5)
        #expect(lines.allSatisfy { TerminalColumns.width(of: $0) <= 5 }, "\(lines)")
        #expect(lines.joined() == "Rail" + word + "end")
        #expect(lines.contains("支払"))
        #expect(lines.contains("い🙂e\u{301}"))
        #expect(TerminalColumns.width(of: "支払い") == 6)
        #expect(TerminalColumns.width(of: "e\u{301}") == 1)
        #expect(TerminalColumns.width(of: "≠ │ ─ ←") == 7)
        #expect(TerminalColumns.wrap("", columns: 5) == [""])
    }

    /// The table at a width: every line fits, and the standard width is the table as it always was.
    @Test(arguments: [40, 60, 80, 100, 127, 128, 200])
    func everyLineFitsTheWidth(_ width: Int) throws {
        let comparison = try Self.seedCases()
        let text = comparison.text(width: width)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let widest = lines.map { TerminalColumns.width(of: $0) }.max() ?? 0
        #expect(widest <= width, "a line is \(widest) columns wide")
        #expect(widest >= width - 1, "the table uses the width it is given")
        #expect(text.contains("Primary"))
    }

    @Test func theStandardWidthIsTheDefaultAndSmallWidthsAreLaidOutAtTheMinimum() throws {
        let comparison = try Self.seedCases()
        #expect(comparison.text(width: DesignComparison.standardTextWidth) == comparison.text())
        #expect(comparison.text(width: 10) == comparison.text(width: DesignComparison.minimumTextWidth))
    }

    @Test func wideLabelsAndValuesFitToo() throws {
        let inputs = try Bundled.inputs(
            rails: "Stripe 支付宝 Überweisungsverfahren-für-Sammelüberweisungen 🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂",
            throughput: "2,000 TPS peak", consistency: "exactly once")
        let comparison = DesignComparison(
            left: try Self.design("examples/" + String(repeating: "長い名前", count: 20) + ".input.yml", inputs),
            right: try Self.design("case:1", Bundled.caseInputs(1)), rules: Bundled.rules)
        for width in [40, 60, 200] {
            for line in comparison.text(width: width).split(separator: "\n") {
                #expect(TerminalColumns.width(of: line) <= width, "\(width): \(line)")
            }
        }
    }
}

@Suite struct UnifiedDiffTests {
    @Test func hunksCarryContextAndLineNumbers() {
        let old = (1...10).map { "line \($0)" }.joined(separator: "\n")
        let new = old.replacingOccurrences(of: "line 5", with: "line five")
        let diff = UnifiedDiff.diff(old, new, oldName: "a", newName: "b")
        #expect(
            diff == """
                --- a
                +++ b
                @@ -2,7 +2,7 @@
                 line 2
                 line 3
                 line 4
                -line 5
                +line five
                 line 6
                 line 7
                 line 8

                """)
    }

    @Test func distantChangesMakeSeparateHunks() {
        let old = (1...30).map { "l\($0)" }.joined(separator: "\n")
        var new = old.replacingOccurrences(of: "l3\n", with: "")
        new = new.replacingOccurrences(of: "l27", with: "l27\nadded")
        let diff = UnifiedDiff.diff(old, new, oldName: "a", newName: "b")
        #expect(diff.components(separatedBy: "\n@@").count == 3)
        #expect(diff.contains("@@ -1,6 +1,5 @@"))
        #expect(diff.contains("@@ -25,6 +24,7 @@"))
    }

    @Test func identicalTextsHaveNoDiff() {
        #expect(UnifiedDiff.diff("a\nb", "a\nb", oldName: "x", newName: "y").isEmpty)
    }
}
