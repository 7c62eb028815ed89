import Foundation
import PayarchTestSupport
import Testing

/// `payarch generate` end to end: the real binary, its stdout, stderr and exit code.
@Suite(.temporaryDirectories) struct GenerateCommandTests {
    let payarch = BinaryRunner.built

    @Test func defaultRunPrintsCaseOneFromAnyDirectory() throws {
        let result = try payarch.run(["generate"], in: try Repository.temporaryDirectory())
        #expect(result.status == 0)
        #expect(result.stdout.contains("**Outbox Pattern**"))
        #expect(result.stderr.isEmpty)
    }

    @Test func caseTwoIsTheSagaPattern() throws {
        let result = try payarch.run(["generate", "--case", "2"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("**Saga Pattern**"))
    }

    @Test func inputFileAndVarOverride() throws {
        let result = try payarch.run([
            "generate", "--input", Repository.examples + "/case-2-ach-sepa.input.yml",
            "--var", "payment_rails=Stripe",
        ])
        #expect(result.status == 0)
        #expect(result.stdout.contains("# Idempotent Payment Architecture: Stripe\n"))
    }

    @Test func outputIsByteIdenticalAcrossRunsLocalesAndTimeZones() throws {
        var environment = ProcessInfo.processInfo.environment
        let first = try payarch.run(["generate", "--case", "1"])
        environment["LANG"] = "de_DE.UTF-8"
        environment["LC_ALL"] = "de_DE.UTF-8"
        environment["TZ"] = "Pacific/Chatham"
        let second = try payarch.run(["generate", "--case", "1"], environment: environment)
        #expect(first.stdout == second.stdout)
        let json1 = try payarch.run(["generate", "--format", "json"])
        let json2 = try payarch.run(["generate", "--format", "json"], environment: environment)
        #expect(json1.stdout == json2.stdout)
    }

    @Test func jsonFormatIsTheDocumentedReport() throws {
        let result = try payarch.run(["generate", "--case", "2", "--format", "json"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["schema"] as? String == "payarch.design/2")
        let decisions = try #require(object["decisions"] as? [[String: Any]])
        #expect(decisions.first?["row"] as? String == "COORD-SAGA-ORCHESTRATED")
    }

    @Test func outputFileIsWrittenAndAFailureLeavesItUntouched() throws {
        let directory = try Repository.temporaryDirectory()
        let path = directory + "/design.md"
        let written = try payarch.run(["generate", "--output", path])
        #expect(written.status == 0)
        #expect(written.stdout.isEmpty)
        let before = try #require(Repository.read(path))
        #expect(before.contains("Outbox Pattern"))
        let failed = try payarch.run(["generate", "--spec", Repository.seed, "--output", path])
        #expect(failed.status == 65)
        #expect(Repository.read(path) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory)
        #expect(leftovers == ["design.md"])
    }

    // MARK: - Exit codes

    @Test func usageErrorsExit64() throws {
        #expect(try payarch.run(["generate", "--bogus"]).status == 64)
        #expect(try payarch.run(["generate", "--case", "0"]).status == 64)
        #expect(try payarch.run(["generate", "--format", "pdf"]).status == 64)
        let outOfRange = try payarch.run(["generate", "--case", "9"])
        #expect(outOfRange.status == 64)
        #expect(outOfRange.stderr.contains("error: [input.case-range] testData case 9: the spec has 2 testData cases (1...2)\nnote: --case takes a number from the spec's testData list"))
        #expect(try payarch.run(["generate", "--var", "novalue"]).status == 64)
    }

    @Test func theSeedAsGivenExits65AtLine23() throws {
        let result = try payarch.run(["generate", "--spec", Repository.seed])
        #expect(result.status == 65)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("\(Repository.seed):23:1: error: [yaml.syntax] did not find expected key\n"))
        #expect(result.stderr.contains("    - name: throughput_requirements\n    ^\n"))
    }

    @Test func badInputExits65WithASuggestion() throws {
        let result = try payarch.run(["generate", "--var", "payment_rail=Stripe"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("error: [input.unknown-variable] unknown variable 'payment_rail'"))
        #expect(result.stderr.contains("note: did you mean 'payment_rails'?"))
        let directory = try Repository.temporaryDirectory()
        try Repository.write("payment_rails: [a, b]\n", to: directory + "/in.yml")
        let typed = try payarch.run(["generate", "--input", directory + "/in.yml"])
        #expect(typed.status == 65)
        #expect(typed.stderr.hasPrefix("\(directory)/in.yml:1:16: error: [yaml.type] expected a string for variable 'payment_rails', found a sequence"))
    }

    @Test func brokenRulesAndTemplatesExit65() throws {
        let rules = try Repository.patchedRules(
            "decisions/locking.yml", replacing: "when: {tpsBand: any, consistency: [causal, eventual]}",
            with: "when: {tpsBand: low, consistency: [causal, eventual]}")
        let gap = try payarch.run(["generate", "--rules", rules])
        #expect(gap.status == 65)
        #expect(gap.stderr.contains("locking.yml:5:1: error: [rules.gap] table 'locking' has no row for 6 combinations"))
        let templates = try Repository.patchedTemplates("sections/tracing.mustache", contents: "{{>missing}}\n")
        let partial = try payarch.run(["generate", "--templates", templates])
        #expect(partial.status == 65)
        #expect(partial.stderr.contains("tracing.mustache:1:1: error: [template.missing-partial] partial 'missing' does not exist"))
    }

    @Test func unreadableFilesExit66() throws {
        let missing = try payarch.run(["generate", "--spec", "/no/such/spec.yml"])
        #expect(missing.status == 66)
        #expect(missing.stderr.hasPrefix("/no/such/spec.yml: error: [file.not-found] no such file"))
        let directory = try Repository.temporaryDirectory()
        let isDirectory = try payarch.run(["generate", "--input", directory])
        #expect(isDirectory.status == 66)
        #expect(isDirectory.stderr.contains("[file.is-directory]"))
    }

    @Test func pipesAndDevicesAreRefusedNotReadForever() throws {
        let fifo = try Repository.temporaryDirectory() + "/input.fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        let pipe = try payarch.run(["generate", "--input", fifo])
        #expect(pipe.status == 66)
        #expect(pipe.stderr.contains("[file.not-regular] is not a regular file"))
        #expect(try payarch.run(["generate", "--spec", "/dev/zero"]).status == 66)
    }

    @Test func payarchHomeSelectsTheResources() throws {
        let home = try Repository.temporaryDirectory()
        try FileManager.default.copyItem(atPath: Repository.rules, toPath: home + "/rules")
        try FileManager.default.copyItem(atPath: Repository.examples, toPath: home + "/examples")
        try FileManager.default.copyItem(
            atPath: try Repository.patchedTemplates("sections/tracing.mustache", contents: "## Distributed Tracing\n\n- home-marker\n"),
            toPath: home + "/templates")
        var environment = ProcessInfo.processInfo.environment
        environment["PAYARCH_HOME"] = home
        let result = try payarch.run(["generate"], environment: environment)
        #expect(result.status == 0)
        #expect(result.stdout.contains("\n## Distributed Tracing\n\n- home-marker\n"))
    }

    @Test func unwritableOutputExits73() throws {
        let result = try payarch.run(["generate", "--output", "/no/such/directory/design.md"])
        #expect(result.status == 73)
        #expect(result.stderr.hasPrefix("/no/such/directory/design.md: error: [output.write] cannot create a temporary file in /no/such/directory: No such file or directory\nnote: the directory /no/such/directory does not exist; create it first"))
    }

    // MARK: - Installed layout

    @Test func installedBinaryFindsItsSharedResources() throws {
        let prefix = try Repository.temporaryDirectory()
        let manager = FileManager.default
        try manager.createDirectory(atPath: prefix + "/bin", withIntermediateDirectories: true)
        try manager.createDirectory(atPath: prefix + "/share/payarch", withIntermediateDirectories: true)
        try manager.copyItem(atPath: payarch.executable, toPath: prefix + "/bin/payarch")
        for folder in ["rules", "templates", "examples"] {
            try manager.copyItem(atPath: Repository.root + "/" + folder, toPath: prefix + "/share/payarch/" + folder)
        }
        // A marker proves the installed templates, not the source checkout's, were used.
        let tracing = prefix + "/share/payarch/templates/sections/tracing.mustache"
        try Repository.write(try #require(Repository.read(tracing)) + "- installed-layout-marker\n", to: tracing)
        let installed = BinaryRunner(executable: prefix + "/bin/payarch")
        var environment = ProcessInfo.processInfo.environment
        environment["PAYARCH_HOME"] = nil
        let result = try installed.run(["generate"], in: try Repository.temporaryDirectory(), environment: environment)
        #expect(result.status == 0)
        #expect(result.stdout.contains("- installed-layout-marker"))
    }
}
