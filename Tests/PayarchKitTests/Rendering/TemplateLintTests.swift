import Foundation
import PayarchTestSupport
import Testing
@testable import PayarchKit

/// Template shapes that would crash, hang or silently misrender swift-mustache are refused at load, with
/// the file, line and column of the tag.
@Suite(.temporaryDirectories) struct TemplateLintTests {
    func loadError(_ file: String, _ contents: String, maxBytes: Int = YAMLLoader.defaultMaxBytes) throws -> Diagnostic? {
        let directory = try Repository.patchedTemplates(file, contents: contents)
        do {
            _ = try TemplateSet.load(directory: directory, maxBytes: maxBytes)
            return nil
        } catch {
            return error.diagnostics.first
        }
    }

    @Test func selfInheritanceIsACycle() throws {
        let diagnostic = try #require(try loadError("design.mustache", "{{<design}}{{/design}}\n"))
        #expect(diagnostic.id == "template.partial-cycle")
        #expect(diagnostic.message == "partials include or inherit from each other in a cycle: design → design")
    }

    @Test func inheritanceThroughAnotherTemplateIsACycle() throws {
        let directory = try Repository.patchedTemplates("design.mustache", contents: "{{<parent}}{{$a}}x{{/a}}{{/parent}}\n")
        try Repository.write("{{<design}}{{/design}}\n", to: directory + "/parent.mustache")
        do {
            _ = try TemplateSet.load(directory: directory)
            Issue.record("an inheritance cycle must be refused")
        } catch {
            #expect(error.diagnostics.first?.id == "template.partial-cycle")
            #expect(error.diagnostics.first?.message.hasSuffix("design → parent → design") == true)
        }
    }

    @Test func inheritanceFromATemplateThatDoesNotExistIsAMissingPartial() throws {
        let diagnostic = try #require(try loadError("sections/tracing.mustache", "## T\n{{<sections/none}}{{/sections/none}}\n"))
        #expect(diagnostic.id == "template.missing-partial")
        #expect(diagnostic.location?.line == 2)
        #expect(diagnostic.location?.column == 1)
    }

    @Test(arguments: ["{{>*name}}", "{{> *name}}", "{{<*name}}{{/*name}}"])
    func dynamicPartialsAreRefused(_ tag: String) throws {
        let diagnostic = try #require(try loadError("sections/tracing.mustache", "## T\n\n" + tag + "\n"))
        #expect(diagnostic.id == "template.dynamic-partial")
        #expect(diagnostic.location?.line == 3)
    }

    /// 5,000 nested sections overflow swift-mustache's recursive parser; the lint stops them first.
    @Test(arguments: ["#", "^", "$"])
    func deeplyNestedSectionsAreRefusedBeforeParsing(_ sigil: String) throws {
        let depth = 5_000
        let text = (0..<depth).map { "{{\(sigil)s\($0)}}" }.joined() + (0..<depth).reversed().map { "{{/s\($0)}}" }.joined()
        let diagnostic = try #require(try loadError("sections/tracing.mustache", text))
        #expect(diagnostic.id == "template.too-deep")
        #expect(diagnostic.location?.column == 1 + 7 * 10 + 8 * 22)  // the 33rd opening tag
    }

    @Test func nestingAtTheLimitIsAccepted() throws {
        let depth = TemplateLint.maxDepth
        let text = "## Distributed Tracing\n\n" + (0..<depth).map { "{{#s\($0)}}" }.joined() + "- x"
            + (0..<depth).reversed().map { "{{/s\($0)}}" }.joined() + "\n"
        #expect(try loadError("sections/tracing.mustache", text) == nil)
        let deeper = "{{#extra}}" + text + "{{/extra}}"
        #expect(try loadError("sections/tracing.mustache", deeper)?.id == "template.too-deep")
    }

    @Test func pragmasAndDelimiterChangesAreRefused() throws {
        #expect(try loadError("sections/tracing.mustache", "{{% CONTENT_TYPE: HTML}}\n")?.id == "template.pragma")
        #expect(try loadError("sections/tracing.mustache", "{{=<% %>=}}\n")?.id == "template.delimiters")
    }

    @Test func templatesObeyTheSizeLimit() throws {
        let diagnostic = try #require(try loadError("sections/tracing.mustache", String(repeating: "x", count: 2_000), maxBytes: 1_000))
        #expect(diagnostic.id == "input.too-large")
        // The library names no command-line option; the CLI adds the --max-input-bytes note.
        #expect(diagnostic.notes.isEmpty)
    }

    @Test func tagsAreFoundWithTheirPositions() {
        let tags = TemplateLint.tags(in: "a {{x}}\n  {{#s}}{{{raw}}}{{/s}} {{! c }}{{<p}}{{$b}}{{/b}}{{/p}}")
        #expect(tags.map { "\($0.sigil.map(String.init) ?? "")\($0.name)@\($0.line):\($0.column)" } == [
            "x@1:3", "#s@2:3", "{raw@2:9", "/s@2:18", "!c@2:25", "<p@2:33", "$b@2:39", "/b@2:45", "/p@2:51",
        ])
    }

    /// Eight nested sections over an eight-row list would render 8⁸ times: refused before rendering.
    @Test func nestedSectionsOverAListAreBoundedByTheirProduct() throws {
        let directory = try Repository.patchedTemplates(
            "design.mustache", contents: "# X\n" + String(repeating: "{{#basis}}", count: 8) + "x" + String(repeating: "{{/basis}}", count: 8) + "\n")
        let templates = try TemplateSet.load(directory: directory)
        let plan = try Bundled.generator.plan(try Bundled.caseInputs(1)).0
        let context = try Bundled.generator.context(plan)
        #expect {
            _ = try templates.render(context)
        } throws: { error in
            (error as? PayarchError)?.diagnostics.first?.id == "template.too-large"
        }
    }

    /// Ten templates each including the next ten times: 10¹⁰ leaves, refused before rendering.
    @Test func partialFanOutIsBoundedByItsProduct() throws {
        let directory = try Repository.patchedTemplates("design.mustache", contents: "# X\n" + String(repeating: "{{>p1}}", count: 10) + "\n")
        for index in 1..<10 {
            try Repository.write(String(repeating: "{{>p\(index + 1)}}", count: 10), to: directory + "/p\(index).mustache")
        }
        try Repository.write("x", to: directory + "/p10.mustache")
        let templates = try TemplateSet.load(directory: directory)
        #expect(templates.cost.renderedBytes(from: "design", context: [:]) > TemplateCost.maxBytes)
    }

    /// A chain of partials each nesting sections overflows the renderer's stack: the depth through
    /// partials is limited at load.
    @Test func nestingThroughAChainOfPartialsIsLimited() throws {
        let directory = try Repository.patchedTemplates("design.mustache", contents: "# X\n{{>p1}}\n")
        for index in 1..<20 {
            try Repository.write(String(repeating: "{{#outbox}}", count: 30) + "{{>p\(index + 1)}}" + String(repeating: "{{/outbox}}", count: 30), to: directory + "/p\(index).mustache")
        }
        try Repository.write("x", to: directory + "/p20.mustache")
        do {
            _ = try TemplateSet.load(directory: directory)
            Issue.record("a 600-level chain must be refused")
        } catch {
            #expect(error.diagnostics.first?.id == "template.too-deep")
            #expect(error.diagnostics.first?.message.contains("design → p1 → p2") == true)
        }
    }

    /// The bundled templates are far inside both bounds.
    @Test func theBundledTemplatesAreWellInsideTheBounds() throws {
        let templates = try TemplateSet.load(directory: Repository.templates)
        #expect(templates.cost.depth(from: "design").depth <= 8)
        for number in 1...2 {
            let plan = try Bundled.generator.plan(try Bundled.caseInputs(number)).0
            let bound = templates.cost.renderedBytes(from: "design", context: try Bundled.generator.context(plan))
            #expect(bound < TemplateCost.maxBytes / 4, "case \(number): \(bound)")
        }
    }

    @Test func theTemplatesTogetherObeyATotalSize() throws {
        let directory = try Repository.patchedTemplates("unused.mustache", contents: String(repeating: "x", count: TemplateSet.maxTotalBytes))
        #expect(try loadError("unused.mustache", String(repeating: "x", count: TemplateSet.maxTotalBytes)).map(\.id) == "template.too-large")
        _ = directory
    }
}
