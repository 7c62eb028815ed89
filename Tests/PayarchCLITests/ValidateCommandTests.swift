import Foundation
import PayarchTestSupport
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// `payarch validate` end to end.
@Suite(.temporaryDirectories) struct ValidateCommandTests {
    let payarch = BinaryRunner.built

    @Test func bundledSpecPassesAndExits0() throws {
        let result = try payarch.run(["validate"])
        #expect(result.status == 0)
        #expect(result.stdout.hasSuffix("6 passed, 0 failed\n"))
        #expect(result.stdout.contains("PASS  FinTech Pattern Check [regex]: matched \"Outbox Pattern\""))
    }

    @Test func aFailingDocumentExits1() throws {
        let directory = try Repository.temporaryDirectory()
        try Repository.write("Sure! Use retries.\n", to: directory + "/answer.md")
        let result = try payarch.run(["validate", "--document", directory + "/answer.md", "--case", "1"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("FAIL  FinTech Pattern Check [regex]: no match for /"))
        #expect(result.stdout.contains("FAIL  expected [expected]: expected the document to contain \"Outbox Pattern\""))
        #expect(result.stdout.contains("[lint.introduction]"))
        #expect(result.stdout.hasSuffix("0 passed, 3 failed\n"))
    }

    @Test func aGeneratedDesignGradedAsADocumentPasses() throws {
        let directory = try Repository.temporaryDirectory()
        #expect(try payarch.run(["generate", "--case", "2", "--output", directory + "/design.md"]).status == 0)
        let graded = try payarch.run(["validate", "--document", directory + "/design.md", "--expected", "Saga Pattern"])
        #expect(graded.status == 0)
        #expect(graded.stdout.hasSuffix("3 passed, 0 failed\n"))
        let lintOnly = try payarch.run(["validate", "--document", directory + "/design.md", "--lint-only"])
        #expect(lintOnly.status == 0)
        #expect(lintOnly.stdout.hasSuffix("1 passed, 0 failed\n"))
    }

    @Test func jsonAndJUnitReportsParse() throws {
        let json = try payarch.run(["validate", "--format", "json"])
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["summary"] as? [String: Any])?["totalTests"] as? Int == 2)
        let directory = try Repository.temporaryDirectory()
        let junit = try payarch.run(["validate", "--format", "junit", "--output", directory + "/report.xml"])
        #expect(junit.status == 0)
        let xml = try XMLDocument(contentsOf: URL(fileURLWithPath: directory + "/report.xml"), options: [])
        #expect(try xml.nodes(forXPath: "//testcase").count == 6)
    }

    @Test func badSpecsExit65() throws {
        let seed = try payarch.run(["validate", "--spec", Repository.seed])
        #expect(seed.status == 65)
        #expect(seed.stderr.hasPrefix("\(Repository.seed):23:1: error: [yaml.syntax]"))
        let directory = try Repository.temporaryDirectory()
        try Repository.write(
            "name: x\nevaluators:\n  - name: bad\n    type: regex\n    pattern: \"([a-z\"\n", to: directory + "/spec.yml")
        let regex = try payarch.run(["validate", "--spec", directory + "/spec.yml"])
        #expect(regex.status == 65)
        #expect(regex.stderr.hasPrefix("\(directory)/spec.yml:5:14: error: [spec.invalid-regex]"))
        try Repository.write("name: x\nvariables: []\n", to: directory + "/empty.yml")
        let noCases = try payarch.run(["validate", "--spec", directory + "/empty.yml"])
        #expect(noCases.status == 65)
        #expect(noCases.stderr.contains("[validate.no-cases]"))
    }

    @Test func usageAndUnreadableFiles() throws {
        #expect(try payarch.run(["validate", "--case", "1"]).status == 64)
        #expect(try payarch.run(["validate", "--lint-only"]).status == 64)
        #expect(try payarch.run(["validate", "--document", "x.md", "--case", "1", "--expected", "y"]).status == 64)
        #expect(try payarch.run(["validate", "--format", "xml"]).status == 64)
        let missing = try payarch.run(["validate", "--document", "/no/such/answer.md"])
        #expect(missing.status == 66)
        #expect(try payarch.run(["validate", "--output", "/no/such/dir/report.txt"]).status == 73)
    }
}
