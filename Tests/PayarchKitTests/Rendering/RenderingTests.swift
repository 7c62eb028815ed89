import Foundation
import PayarchTestSupport
import Testing
@testable import PayarchKit

@Suite(.temporaryDirectories) struct RenderingTests {
    @Test func sameInputRendersByteIdentical() throws {
        let first = try Bundled.design(try Bundled.caseInputs(1)).1
        let generator = try DesignGenerator(rulesDirectory: Repository.rules, templatesDirectory: Repository.templates)
        let (plan, _) = try generator.plan(try Bundled.caseInputs(1))
        #expect(try generator.markdown(plan) == first)
    }

    @Test func documentFollowsTheSystemMessage() throws {
        let markdown = try Bundled.design(try Bundled.caseInputs(1)).1
        #expect(markdown.hasPrefix("# "))
        for hop in ["API Gateway", "Payment Service", "Database", "External Processor", "Ledger"] {
            #expect(markdown.contains("### ") && markdown.contains(hop))
        }
        // The three sections the spec details in bullets hold nothing else, and the glance is a bullet list.
        var section = ""
        var seen: Set<String> = []
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("## ") {
                section = String(line.dropFirst(3))
                seen.insert(section)
                continue
            }
            if line.hasPrefix("#") { continue }
            if ["Transaction Flow", "Compensating Transactions", "Distributed Tracing", "Design at a Glance"].contains(section) {
                #expect(line.hasPrefix("- ") || line.hasPrefix("  - "), "\(section): \(line.prefix(60))")
            }
        }
        #expect(seen.isSuperset(of: ["Transaction Flow", "Compensating Transactions", "Distributed Tracing", "Design at a Glance"]))
        for bold in ["**Unknown outcome", "**Completer.**", "**Stripe and PayPal: continuous matching", "**Match keys.**", "**Barrier 1"] {
            #expect(markdown.contains(bold))
        }
        #expect(!markdown.contains("&#") && !markdown.contains("&quot;") && !markdown.contains("&gt;"))
    }

    @Test func inputTextCannotAddStructure() throws {
        let hostile = "100 TPS, sub-second P99 | cell <script>alert(1)</script> `code` *bold* {{payment_rails}}\n# Heading\n- bullet"
        let inputs = try Bundled.inputs(rails: "Stripe", throughput: hostile, consistency: "strong")
        let markdown = try Bundled.design(inputs).1
        #expect(markdown.contains("\\<script\\>"))
        #expect(markdown.contains("P99 \\| cell"))
        #expect(!markdown.contains("<script>"))
        #expect(!markdown.contains("\n# Heading"))
        #expect(!markdown.contains("\n- bullet"))
        #expect(!markdown.contains("{{payment_rails}}"))
        #expect(markdown.contains("\\`code\\`"))
        // Same structure as a harmless input: no heading, bullet or table row was added.
        let plain = try Bundled.design(try Bundled.inputs(rails: "Stripe", throughput: "100 TPS, sub-second P99", consistency: "strong")).1
        func structure(_ text: String) -> [Int] {
            let lines = text.split(separator: "\n")
            return [lines.filter { $0.hasPrefix("#") }.count, lines.filter { $0.hasPrefix("- ") }.count, lines.filter { $0.hasPrefix("|") }.count]
        }
        #expect(structure(markdown) == structure(plain))
        #expect(DocumentLinter.lint(markdown).isEmpty)
        #expect(MarkdownEscaper.inline("a|b\n# c *d*") == "a\\|b \\# c \\*d\\*")
    }

    @Test func aMissingKeyIsAnError() throws {
        let templates = try TemplateSet.load(
            directory: try Repository.patchedTemplates("sections/tracing.mustache", contents: "## Distributed Tracing\n\n- {{noSuchKey}}\n"))
        let generator = DesignGenerator(rules: Bundled.rules, templates: templates)
        let (plan, _) = try generator.plan(try Bundled.caseInputs(1))
        do {
            _ = try generator.markdown(plan)
            Issue.record("a missing key must not render as a blank")
        } catch {
            #expect(error.diagnostics.first?.id == "template.missing-key")
            #expect(error.diagnostics.first?.message.contains("'noSuchKey'") == true)
        }
    }

    @Test func aMissingPartialIsAnErrorAtItsPosition() throws {
        let directory = try Repository.patchedTemplates("sections/tracing.mustache", contents: "## Distributed Tracing\n\n{{>sections/nothing}}\n")
        do {
            _ = try TemplateSet.load(directory: directory)
            Issue.record("a missing partial must not render as nothing")
        } catch {
            let diagnostic = try #require(error.diagnostics.first)
            #expect(diagnostic.id == "template.missing-partial")
            #expect(diagnostic.location?.line == 3)
            #expect(diagnostic.location?.file.hasSuffix("sections/tracing.mustache") == true)
        }
    }

    @Test func aTemplateSyntaxErrorHasFileLineAndColumn() throws {
        let directory = try Repository.patchedTemplates("sections/tracing.mustache", contents: "## T\n\n{{#open}}\n- x\n")
        do {
            _ = try TemplateSet.load(directory: directory)
            Issue.record("an unclosed section must fail")
        } catch {
            let diagnostic = try #require(error.diagnostics.first)
            #expect(diagnostic.id == "template.syntax")
            #expect(diagnostic.location?.file.hasSuffix("sections/tracing.mustache") == true)
            #expect((diagnostic.location?.line ?? 0) >= 3)
        }
    }

    @Test func dottedNamesAreRejected() throws {
        let directory = try Repository.patchedTemplates("sections/tracing.mustache", contents: "{{a.b}}\n")
        #expect(throws: PayarchError.self) { try TemplateSet.load(directory: directory) }
    }

    @Test func jsonReportRoundTrips() throws {
        let inputs = try Bundled.caseInputs(1)
        let (plan, warnings) = try Bundled.generator.plan(inputs)
        let json = try Bundled.generator.json(plan, inputs: inputs, warnings: warnings)
        let report = try JSONDecoder().decode(DesignReport.self, from: Data(json.utf8))
        #expect(report.schema == "payarch.design/2")
        #expect(report.origin == "case:1")
        #expect(report.decisions.first { $0.table == "coordination" }?.row == "COORD-OUTBOX-API")
        #expect(report.facts.rails.map(\.name) == ["Stripe", "PayPal"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["schema", "origin", "inputs", "facts", "decisions", "sizing", "design", "warnings"])
        // The typed view the templates render is in the report as it is.
        #expect(report.design.pattern == .outbox)
        #expect(report.design.storeKind == .sharded)
        #expect(report.design.ledger == .asynchronous)
        #expect(report.design.regions == .singleRegion)
        #expect(report.design.classes.map(\.id) == ["psp-card-api", "wallet"])
        #expect(report.design.sequenceDiagram.hasPrefix("sequenceDiagram\n"))
    }
}
