import Foundation
import PayarchTestSupport
import Testing

/// Every command and format gives byte-identical output from run to run, whatever the locale and time
/// zone. Each run is a new process with its own hash seed, so output that depended on Dictionary or
/// Set order would differ here.
@Suite struct DeterminismTests {
    static let environments: [[String: String]] = {
        let base = ProcessInfo.processInfo.environment
        return [
            base.merging(["LANG": "C", "LC_ALL": "C", "TZ": "UTC"]) { $1 },
            base.merging(["LANG": "tr_TR.UTF-8", "LC_ALL": "tr_TR.UTF-8", "TZ": "Asia/Kathmandu"]) { $1 },
            base.merging(["LANG": "ar_SA.UTF-8", "LC_ALL": "ar_SA.UTF-8", "TZ": "America/St_Johns"]) { $1 },
        ]
    }()

    static let commands: [[String]] = {
        let examples = ((try? FileManager.default.contentsOfDirectory(atPath: Repository.examples)) ?? [])
            .filter { $0.hasSuffix(".input.yml") }.sorted().map { Repository.examples + "/" + $0 }
        var commands: [[String]] = []
        for example in examples {
            commands.append(["generate", "--input", example])
            commands.append(["generate", "--input", example, "--format", "json"])
        }
        for format in ["text", "json", "junit"] { commands.append(["validate", "--format", format]) }
        for format in ["text", "markdown", "json"] {
            commands.append(["compare", examples.first ?? "case:1", "case:2", "--diff", "--format", format])
        }
        commands += [
            ["rails"], ["rails", "--format", "json"], ["rails", "USDC"], ["rules"], ["rules", "--format", "json"],
            ["rules", "--compact"],
        ]
        return commands
    }()

    @Test(arguments: commands)
    func outputIsByteIdentical(_ arguments: [String]) throws {
        let outputs = try Self.environments.map { environment in
            try BinaryRunner.built.run(arguments, environment: environment)
        }
        #expect(outputs.allSatisfy { $0.status == outputs[0].status })
        #expect(!outputs[0].stdout.isEmpty)
        for output in outputs.dropFirst() {
            #expect(output.stdout == outputs[0].stdout, "\(arguments)")
            #expect(output.stderr == outputs[0].stderr, "\(arguments)")
        }
    }
}
