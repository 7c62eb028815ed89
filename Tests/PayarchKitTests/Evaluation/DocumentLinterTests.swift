import PayarchTestSupport
import Testing
@testable import PayarchKit

/// Hand-written documents: one that meets every standard, and variants that each break one.
@Suite struct DocumentLinterTests {
    static let good = """
        # Payments Design

        ## Lifecycle

        The API Gateway checks keys, the Payment Service claims them, the Database (PostgreSQL) enforces
        uniqueness with `INSERT … ON CONFLICT`, the External Processor receives a derived key, and the
        Ledger dedupes by transfer id. **Barrier: the claim commits before any call.** Transitions use
        pessimistic locking.

        ## Transaction Flow

        - Claim the key.
        - Call the processor.
          The call has a deadline.

        ## Failure Recovery

        **Unknown outcomes are resolved by the completer.**

        ## Compensating Transactions

        - Refund after capture.

        ## Reconciliation

        **Daily reconciliation against settlement reports.**

        ## Distributed Tracing

        - Propagate traceparent.
        """

    func ids(_ document: String) -> Set<String> {
        Set(DocumentLinter.lint(document).map(\.id))
    }

    @Test func aDocumentMeetingEveryStandardHasNoFindings() {
        #expect(DocumentLinter.lint(Self.good).isEmpty)
    }

    @Test(arguments: ExampleGoldenTests.inputs)
    func everyGeneratedExamplePassesTheLint(_ name: String) throws {
        let path = Repository.examples + "/" + name.replacingOccurrences(of: ".input.yml", with: ".md")
        #expect(DocumentLinter.lint(try #require(Repository.read(path))).isEmpty)
    }

    struct Breakage: Sendable, CustomStringConvertible {
        var description: String
        var replace: String
        var with: String
        var id: String
        var line: Int?
    }

    static let breakages: [Breakage] = [
        Breakage(description: "prose before the first heading", replace: "# Payments Design", with: "Here is the design.\n\n# Payments Design", id: "lint.introduction", line: 1),
        Breakage(description: "a pleasantry opening the first section", replace: "## Lifecycle\n\nThe API", with: "## Lifecycle\n\nCertainly! The API", id: "lint.introduction", line: 5),
        Breakage(description: "a conclusion section", replace: "- Propagate traceparent.", with: "- Propagate traceparent.\n\n## Conclusion\n\nDone.", id: "lint.conclusion", line: nil),
        Breakage(description: "a closing remark", replace: "- Propagate traceparent.", with: "- Propagate traceparent.\n\nI hope this helps!", id: "lint.conclusion", line: nil),
        Breakage(description: "prose in the transaction flow", replace: "- Claim the key.", with: "First we claim the key.", id: "lint.bullets-only", line: 12),
        Breakage(description: "a table in the tracing section", replace: "- Propagate traceparent.", with: "| a | b |", id: "lint.bullets-only", line: nil),
        Breakage(description: "no compensations section", replace: "## Compensating Transactions\n\n- Refund after capture.\n", with: "", id: "lint.missing-section", line: 1),
        Breakage(description: "barriers not bold", replace: "**Barrier: the claim commits before any call.**", with: "Barrier: the claim commits before any call.", id: "lint.bold-barriers", line: 1),
        Breakage(description: "recovery not bold", replace: "**Unknown outcomes are resolved by the completer.**", with: "Unknown outcomes are resolved by the completer.", id: "lint.bold-recovery", line: 1),
        Breakage(description: "reconciliation not bold", replace: "**Daily reconciliation against settlement reports.**", with: "Daily reconciliation against settlement reports.", id: "lint.bold-reconciliation", line: 1),
        Breakage(description: "no ledger hop", replace: "Ledger dedupes", with: "journal dedupes", id: "lint.hop", line: 1),
        Breakage(description: "no database named", replace: "(PostgreSQL)", with: "", id: "lint.database", line: 1),
        Breakage(description: "no locking named", replace: "with `INSERT … ON CONFLICT`", with: "", id: "lint.locking", line: nil),
    ]

    @Test(arguments: breakages)
    func eachBrokenStandardIsFound(_ breakage: Breakage) throws {
        var document = Self.good
        #expect(document.contains(breakage.replace))
        document = document.replacingOccurrences(of: breakage.replace, with: breakage.with)
        if breakage.id == "lint.locking" {
            document = document.replacingOccurrences(of: "Transitions use\npessimistic locking.", with: "")
        }
        let findings = DocumentLinter.lint(document)
        #expect(findings.map(\.id).contains(breakage.id), "\(findings)")
        if let line = breakage.line {
            #expect(findings.first { $0.id == breakage.id }?.line == line)
        }
    }

    @Test func codeBlocksAreNeitherHeadingsNorBullets() {
        let document = Self.good.replacingOccurrences(of: "- Claim the key.", with: "- Claim the key.\n```\n# not a heading\n```")
        let findings = DocumentLinter.lint(document)
        #expect(findings.map(\.id) == ["lint.bullets-only"])
    }

    @Test func everyRuleHasAnIdAndSummary() {
        #expect(Set(DocumentLinter.rules.map(\.id)).count == DocumentLinter.rules.count)
        #expect(DocumentLinter.rules.allSatisfy { !$0.summary.isEmpty })
    }
}
